import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { ReleaseDiff } from '@release-orchestration/plugin-release-orchestration-common';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { contractJson } from '../../__testUtils__/openapiContract';
import { systemEntity } from '../../__testUtils__/fixtures';
import { baseUrl, createFakeBackend } from '../../__testUtils__/handlers';
import { promotionLanes } from '../../__testUtils__/promotionFixtures';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const LOADED = { timeout: 10_000 };
const server = setupServer();
registerMswTestHooks(server);

const release = { id: testId('rel-2'), version: '2026.03.05-1' };
const sha = 'd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0';

/** The diff the fake backend answers, by the `against` it was asked with. */
function diffAgainst(against: string | null): ReleaseDiff {
  if (against === 'staging') {
    return {
      release,
      environment: 'staging',
      changes: [
        {
          componentRef: 'component:default/payments-api',
          change: 'added',
          toVersion: '1.4.0',
          commits: [],
        },
      ],
    };
  }
  return {
    release,
    against: { id: testId('rel-1'), version: '2026.03.01-1' },
    ...(against ? { environment: against } : {}),
    changes: [
      {
        componentRef: 'component:default/payments-api',
        change: 'changed',
        fromVersion: '1.3.0',
        toVersion: '1.4.0',
        commits: [
          {
            sha,
            time: '2026-03-04T09:00:00.000Z',
            message: 'PAY-42: faster refunds (#123)\n\nlong body',
            author: 'Ada Lovelace',
            version: '1.4.0',
            url: `https://git.example.com/acme/payments-api/commit/${sha}`,
            references: [
              {
                kind: 'pullRequest',
                text: '#123',
                url: 'https://git.example.com/acme/payments-api/pull/123',
              },
              { kind: 'ticket', text: 'PAY-42' },
            ],
          },
        ],
        ...(against === 'production' ? {} : { commitsTruncated: true }),
      },
      {
        componentRef: 'component:default/payments-worker',
        change: 'unchanged',
        fromVersion: '2.0.0',
        toVersion: '2.0.0',
      },
    ],
  };
}

describe('ReleaseDiffCard', () => {
  let asked: Array<string | null>;
  beforeEach(() => {
    asked = [];
    // The first handler that matches answers: this diff before the fake backend's.
    server.use(
      http.get(`${baseUrl}/releases/${testId('rel-2')}/diff`, ({ request }) => {
        const against = new URL(request.url).searchParams.get('against');
        asked.push(against);
        return contractJson('GET /releases/{id}/diff', diffAgainst(against));
      }),
      http.get(`${baseUrl}/environments`, () =>
        contractJson('GET /environments', { items: promotionLanes }),
      ),
      ...createFakeBackend().handlers,
    );
  });

  it('lists per component the commits with linked SHA, author, time, pull requests and tickets', async () => {
    await renderEntityTab(
      systemEntity,
      `/catalog/default/system/payments/releases/${testId('rel-2')}`,
    );

    const commits = await screen.findByRole(
      'list',
      { name: 'Commits of payments-api' },
      LOADED,
    );
    expect(asked).toEqual([null]);
    expect(
      screen.getByText(/Compared with the previous release/),
    ).toBeInTheDocument();
    expect(
      within(commits).getByRole('link', { name: /^Commit d1e2f3a/ }),
    ).toHaveAttribute(
      'href',
      `https://git.example.com/acme/payments-api/commit/${sha}`,
    );
    expect(
      within(commits).getByText(/PAY-42: faster refunds \(#123\)$/),
    ).toBeInTheDocument();
    expect(within(commits).queryByText(/long body/)).not.toBeInTheDocument();
    expect(
      within(commits).getByRole('link', { name: /^Pull request #123/ }),
    ).toHaveAttribute(
      'href',
      'https://git.example.com/acme/payments-api/pull/123',
    );
    // A reference without a URL template is named, not linked.
    expect(within(commits).getByText('PAY-42')).toBeInTheDocument();
    expect(
      within(commits).queryByRole('link', { name: /PAY-42/ }),
    ).not.toBeInTheDocument();
    expect(within(commits).getByText(/^Ada Lovelace,/)).toBeInTheDocument();
    expect(within(commits).getByText(/in 1\.4\.0/)).toBeInTheDocument();
    expect(
      screen.getByText(/Only the newest 1 commit are listed/),
    ).toBeInTheDocument();
    // Unchanged components list no commits.
    expect(
      screen.queryByRole('list', { name: 'Commits of payments-worker' }),
    ).not.toBeInTheDocument();
  });

  it('compares with what runs in a lane, chosen in the page or by ?against=', async () => {
    await renderEntityTab(
      systemEntity,
      `/catalog/default/system/payments/releases/${testId(
        'rel-2',
      )}?against=production`,
    );

    expect(
      await screen.findByText(
        /What this release changes in Production, which runs/,
        undefined,
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual(['production']);
    expect(
      screen.getByRole('link', { name: '2026.03.01-1' }),
    ).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByRole('button', { name: /^Compared with/ }));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText(
        'What runs in Staging',
      ),
    );
    expect(
      await screen.findByText(
        'Nothing was released in Staging yet: every component would be new there.',
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual(['production', 'staging']);
    expect(
      screen.getByText(
        'No commits were reported with the builds of payments-api.',
      ),
    ).toBeInTheDocument();
  });
});
