import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { SystemSources } from '@release-orchestration/plugin-release-orchestration-common';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { SystemSourcesPanel } from './SystemSourcesPanel';

const sources: SystemSources = {
  system: 'system:default/payments',
  productionEnvironment: 'production',
  activity: [
    {
      source: 'api',
      kind: 'build',
      count: 12,
      lastAt: '2026-03-05T10:00:00.000Z',
    },
    {
      source: 'github',
      kind: 'deployment',
      environment: 'production',
      count: 4,
      lastAt: '2026-03-04T10:00:00.000Z',
    },
    {
      source: 'pagerduty',
      kind: 'incident',
      environment: 'production',
      count: 1,
      lastAt: '2026-03-03T10:00:00.000Z',
    },
  ],
  coverage: {
    productionDeployments: 4,
    productionDeploymentsWithBuilds: 3,
    productionIncidents: 1,
    productionIncidentsAttributed: 1,
  },
  runs: [
    {
      source: 'github',
      scope: '',
      lastRunAt: '2026-03-05T10:05:00.000Z',
      lastSuccessAt: '2026-03-05T09:00:00.000Z',
      lastError: 'Error: GitHub answered 502',
      counts: { scopes: 40, backfilled: 12, failed: 1 },
    },
    {
      source: 'github',
      scope: 'github.com/acme/gone',
      lastRunAt: '2026-03-05T10:05:00.000Z',
      lastError: 'ScmHttpError: GitHub answered 404',
    },
  ],
};

function render(value: SystemSources | Error) {
  const api: Partial<ReleaseOrchestrationApi> = {
    getSystemSources: async ref => {
      expect(ref).toBe('system:default/payments');
      if (value instanceof Error) {
        throw value;
      }
      return value;
    },
  };
  return renderInTestApp(
    <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
      <SystemSourcesPanel systemRef="system:default/payments" />
    </TestApiProvider>,
  );
}

describe('SystemSourcesPanel', () => {
  it('lists what each source reports per lane, the production coverage, and the error of a scheduled run', async () => {
    await render(sources);
    const github = (
      await screen.findAllByText('github', { selector: 'td' })
    )[0].closest('tr')!;
    expect(within(github).getByText('deployments')).toBeInTheDocument();
    expect(within(github).getByText('production')).toBeInTheDocument();
    expect(within(github).getByText('4')).toBeInTheDocument();
    expect(
      screen.getByText(/with commit data .*: 3 of 4 \(75%\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/attributed to a deployment: 1 of 1 \(100%\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('Error: GitHub answered 502')).toBeInTheDocument();
    expect(
      screen.getByText('12 of 40 backfilled, 1 failing'),
    ).toBeInTheDocument();
    const gone = screen
      .getByText('github (github.com/acme/gone)')
      .closest('tr')!;
    expect(within(gone).getByText('in progress')).toBeInTheDocument();
    // No import waiting for the DORA catch-up: nothing said about it.
    expect(screen.queryByText(/catching up/)).not.toBeInTheDocument();
  });

  it('says when the DORA figures do not yet count imported deployments, and when they will', async () => {
    await render({
      ...sources,
      doraBacklog: {
        deployments: 1200,
        oldestDeployedAt: '2025-01-01T00:02:00.000Z',
      },
    });
    expect(
      await screen.findByText(
        /The DORA figures are catching up on an import: 1200 imported production deployments \(the oldest from 2025-01-01\) are not counted yet\. They are added in the background, starting a second after the import's last request/,
      ),
    ).toBeInTheDocument();
  });

  it('warns when nothing reached production, and says when it cannot load', async () => {
    await render({
      ...sources,
      activity: [],
      runs: [],
      coverage: {
        productionDeployments: 0,
        productionDeploymentsWithBuilds: 0,
        productionIncidents: 0,
        productionIncidentsAttributed: 0,
      },
    });
    expect(
      await screen.findByText(
        /No deployments to production have been reported/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nothing has been reported for this System yet.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the sources cannot be loaded', async () => {
    await render(new Error('503 Service Unavailable'));
    expect(
      await screen.findByText(
        /Could not load the data sources: 503 Service Unavailable/,
      ),
    ).toBeInTheDocument();
  });
});
