import { mockServices } from '@backstage/backend-test-utils';
import { ImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import {
  ObservedBuild,
  ObservedDeployment,
} from '@release-orchestration/plugin-release-orchestration-node';
import { IngestContext, IngestService } from './ingest/IngestService';
import { recordObservedDeployments } from './recordObservedDeployments';

const sha = 'ab'.repeat(20);
const build: ObservedBuild = {
  component: 'component:default/api',
  version: '1.4.0',
  artifactUri: `https://gitlab.com/acme/api/-/commit/${sha}`,
  artifactDigest: `sha1:${sha}`,
  commitSha: sha,
  commitTime: '2026-11-20T09:00:00Z',
  commits: [{ sha, time: '2026-11-20T09:00:00Z', message: 'Fix' }],
};
const deployment: ObservedDeployment = {
  key: 'gitlab.com/acme/api/deployments/1',
  environment: 'staging',
  component: 'component:default/api',
  version: '1.4.0',
  status: 'succeeded',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:03:00Z',
  build,
};

describe('recordObservedDeployments', () => {
  it('records the build an observation carries before it, once per component and version, and skips a malformed build but not its deployment', async () => {
    const sent: ImportRecord[][] = [];
    const contexts: IngestContext[] = [];
    const ingest = {
      ingest: async (records: ImportRecord[], context: IngestContext) => {
        sent.push(records);
        contexts.push(context);
        return records.map(r => ({ kind: r.kind, outcome: 'created' }));
      },
    } as unknown as IngestService;
    const logger = mockServices.logger.mock();
    const counts = await recordObservedDeployments({
      source: {
        id: 'gitlab',
        readDeployments: async () => [
          deployment,
          {
            ...deployment,
            key: 'gitlab.com/acme/api/deployments/2',
            environment: 'production',
          },
          {
            ...deployment,
            key: 'gitlab.com/acme/api/deployments/3',
            version: '1.5.0',
            build: {
              ...build,
              version: '1.5.0',
              artifactDigest: 'not-a-digest',
            },
          },
        ],
      },
      ingest,
      logger,
    });
    expect(
      sent[0].map(r =>
        r.kind === 'build'
          ? `build ${r.report.version}`
          : `${r.kind} ${(r.report as any).idempotencyKey}`,
      ),
    ).toEqual([
      'build 1.4.0',
      'deployment gitlab:gitlab.com/acme/api/deployments/1',
      'deployment gitlab:gitlab.com/acme/api/deployments/2',
      'deployment gitlab:gitlab.com/acme/api/deployments/3',
    ]);
    expect(sent[0][0].report).toMatchObject({
      commitSha: sha,
      commits: [{ sha, message: 'Fix' }],
    });
    // A scheduled read is history: its DORA roll-ups follow from the catch-up, as an import's do.
    expect(contexts).toEqual([
      {
        actor: 'service:deployment-source:gitlab',
        source: 'gitlab',
        deferDora: true,
      },
    ]);
    expect(counts).toEqual({
      created: 4,
      finished: 0,
      unchanged: 0,
      rejected: 1,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'skipped the build of gitlab.com/acme/api/deployments/3: artifactDigest',
      ),
    );
  });
});
