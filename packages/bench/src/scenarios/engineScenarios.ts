import {
  reportBuildRequestSchema,
  reportDeploymentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { BenchServices } from './benchServices';
import { IngestBodies } from './ingestBodies';
import { BenchSubjects } from './subjects';

/** A request path measured by calling the service the router calls. */
export interface Scenario {
  id: string;
  title: string;
  run(services: BenchServices): Promise<unknown>;
  /** What the answer held, to show the measurement measured something. */
  describe?(answer: any): string;
}

const SERVICE = 'service:bench';

/** The read paths: DORA for the org, a team, a System, every team and the org's Systems; environments; releases; the approval queue. */
export function readScenarios(s: BenchSubjects): Scenario[] {
  const { from, to } = s.window;
  const dora = (answer: any) =>
    `${answer.entity.systemCount} Systems, ${answer.current.deploymentFrequency.deployments} deployments, ${answer.current.changeLeadTime.commits} commits`;
  return [
    {
      id: 'dora-org',
      title: 'DORA org-wide, 90 days',
      run: x => x.dora.report({ entity: 'org', from, to }),
      describe: dora,
    },
    {
      id: 'dora-team',
      title: `DORA one team (${s.team}), 90 days`,
      run: x => x.dora.report({ entity: s.team, from, to }),
      describe: dora,
    },
    {
      id: 'dora-system',
      title: `DORA one System (${s.system}), 90 days`,
      run: x => x.dora.report({ entity: s.system, from, to }),
      describe: dora,
    },
    {
      id: 'dora-teams',
      title: 'GET /dora/teams (every team), 90 days',
      run: x => x.dora.teams({ from, to }),
      describe: (a: any) =>
        `${a.items.length} teams, ${a.items.reduce(
          (n: number, t: any) => n + t.current.changeLeadTime.commits,
          0,
        )} commits counted over the teams`,
    },
    {
      id: 'dora-systems',
      title: 'GET /dora/systems?sort=changeLeadTime&order=desc (org), 90 days',
      run: x =>
        x.dora.systems({
          entity: 'org',
          from,
          to,
          sort: 'changeLeadTime',
          order: 'desc',
          limit: 25,
        }),
      describe: (a: any) =>
        `${a.items.length} Systems, the slowest ${
          a.items[0]?.systemRef
        } (median ${Math.round(
          (a.items[0]?.current.changeLeadTime.medianSeconds ?? 0) / 3600,
        )} h)${a.nextCursor ? ' and a next page' : ''}`,
    },
    {
      id: 'environments',
      title: 'GET /systems/{ns}/{name}/environments',
      run: x => x.drift.systemEnvironments(s.system),
      describe: (a: any) =>
        `${a.environments.length} lanes, ${a.environments
          .map((e: any) => `${e.environment}: ${e.drift.state}`)
          .join(', ')}`,
    },
    {
      id: 'releases',
      title: 'GET /releases?system=',
      run: x => x.releases.list({ systemRef: s.system, limit: 25 }),
      describe: (a: any) =>
        `${a.items.length} releases${a.nextCursor ? ' and a next page' : ''}`,
    },
    {
      id: 'approval-queue',
      title: 'GET /promotions?state=pending_approval&approver=me',
      run: x =>
        x.queue.list(
          { state: 'pending_approval', approver: 'me', limit: 25 },
          s.approver,
        ),
      describe: (a: any) =>
        `${a.items.length} promotions${a.nextCursor ? ' and a next page' : ''}`,
    },
  ];
}

/** The write paths of ingest, for their query plans: a production and a dev deployment, a build. */
export function writeScenarios(bodies: IngestBodies): Scenario[] {
  return [
    {
      id: 'ingest-deployment-production',
      title: 'POST /deployments (production: DORA roll-ups in the transaction)',
      run: x =>
        x.deployments.report(
          reportDeploymentRequestSchema.parse(
            bodies.deployment('production', 'succeeded'),
          ),
          SERVICE,
        ),
    },
    {
      id: 'ingest-deployment-dev',
      title: 'POST /deployments (dev)',
      run: x =>
        x.deployments.report(
          reportDeploymentRequestSchema.parse(
            bodies.deployment('dev', 'succeeded'),
          ),
          SERVICE,
        ),
    },
    {
      id: 'ingest-build',
      title: 'POST /builds',
      run: x =>
        x.builds.report(
          reportBuildRequestSchema.parse(bodies.build()),
          SERVICE,
        ),
    },
  ];
}
