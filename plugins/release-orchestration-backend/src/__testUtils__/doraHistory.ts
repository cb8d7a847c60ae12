import { createHash } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import { Deployment } from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../database/types';
import { CatalogGateway } from '../service/CatalogGateway';
import { DoraFactRecorder } from '../service/dora/DoraFactRecorder';
import { DoraService } from '../service/dora/DoraService';
import { DoraTeamCatalog } from '../service/dora/listDoraTeams';
import { DoraSettings } from '../service/dora/collectDoraRows';
import { EventPublisher } from '../service/EventPublisher';
import { IncidentService } from '../service/incidents/IncidentService';

/**
 * One step of a hand-written history, in the order it is reported:
 * - `build: 'api@1'` with commit times (a `[name, time]` pair gives a commit a name, so that two
 *   builds can carry the same commit); the last commit is the build's head commit;
 * - `release: 'r1'` made of builds;
 * - `deploy: 'd1'` of component versions (or a release) to production unless `env` says otherwise;
 * - `incident: 'i1'`, attributed automatically unless `deployment` or `release` names one
 *   (`deployment: null` is "not caused by a deployment"); `fixedBy` names the deployment that
 *   fixed it, and a deployment's `fixes` the incidents it fixes.
 */
export type HistoryStep =
  | { build: string; at: string; commits: Array<string | [string, string]> }
  | { release: string; system?: string; components: string[] }
  | {
      deploy: string;
      at: string;
      components?: string[];
      release?: string;
      system?: string;
      env?: string;
      failed?: boolean;
      rollback?: boolean;
      hotfix?: boolean;
      /** Incidents the report names as fixed: external ids (the step names), or `id:<step>` for the incident id. */
      fixes?: string[];
    }
  | {
      incident: string;
      opened: string;
      resolved?: string;
      system?: string;
      deployment?: string | null;
      release?: string;
      /** The deployment (step name) set as its fix afterwards, with PATCH. */
      fixedBy?: string;
    };

const sha = (text: string) => createHash('sha1').update(text).digest('hex');
const system = (name = 'shop') => `system:default/${name}`;
const component = (name: string) => `component:default/${name}`;

/** Who owns what in the histories: team-a owns shop, team-b owns bank, eng is their parent. */
const owned: Record<string, string[]> = {
  'system:default/shop': ['system:default/shop'],
  'system:default/bank': ['system:default/bank'],
  'group:default/team-a': ['system:default/shop'],
  'group:default/team-b': ['system:default/bank'],
  'group:default/eng': ['system:default/bank', 'system:default/shop'],
};

/** The fake catalog of the histories; its teams are the Groups of `owned`. */
export const historyCatalog: CatalogGateway & DoraTeamCatalog = {
  getSystemComponents: async () => [],
  listSystems: async () => ['system:default/bank', 'system:default/shop'],
  getComponentSystem: async () => undefined,
  getOwnedSystems: async ref => owned[ref],
  listTeams: async () =>
    Object.keys(owned)
      .filter(ref => ref.startsWith('group:'))
      .sort()
      .map(ref => ({
        ref,
        title: ref.slice('group:default/'.length),
        systems: owned[ref],
      })),
};

/** Plays a history into real stores the way the plugin records it; returns ids by step name. */
export async function playHistory(
  stores: Stores,
  steps: HistoryStep[],
  /** The production lane, or the set of them. */
  production: string | string[] = 'production',
) {
  const recorder = new DoraFactRecorder(production);
  const events = new EventPublisher([], mockServices.logger.mock());
  const incidents = new IncidentService(
    stores,
    historyCatalog,
    ['staging', 'production'],
    'production',
    events,
  );
  const ids = new Map<string, string>();
  let n = 0;
  for (const step of steps) {
    n += 1;
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    if ('build' in step) {
      const [name, version] = step.build.split('@');
      const commits = step.commits.map((c, i) =>
        typeof c === 'string'
          ? { sha: sha(`${step.build}#${i}`), time: new Date(c).toISOString() }
          : { sha: sha(c[0]), time: new Date(c[1]).toISOString() },
      );
      const head = commits[commits.length - 1];
      await stores.builds.insertIfAbsent({
        id,
        componentRef: component(name),
        version,
        artifactUri: `registry/${name}:${version}`,
        artifactDigest: `sha256:${sha(step.build)}${'0'.repeat(24)}`,
        commitSha: head.sha,
        commitTime: head.time,
        commits,
        reportedBy: 'service:ci',
        createdAt: new Date(step.at).toISOString(),
      });
      ids.set(step.build, id);
    } else if (
      'release' in step &&
      !('deploy' in step) &&
      !('incident' in step)
    ) {
      await stores.releases.insertIfAbsent({
        id,
        systemRef: system(step.system),
        version: step.release,
        riskClass: 'low',
        createdBy: 'user:default/alice',
        createdAt: '2026-10-01T00:00:00.000Z',
        components: step.components.map(c => ({
          componentRef: component(c.split('@')[0]),
          buildId: ids.get(c)!,
        })),
      });
      ids.set(step.release, id);
    } else if ('deploy' in step) {
      const at = new Date(step.at).toISOString();
      const lines = step.components ?? [];
      await stores.transaction(async tx => {
        const { deployment } = await tx.deployments.insertIfAbsent({
          id,
          idempotencyKey: step.deploy,
          systemRef: system(step.system),
          environment: step.env ?? 'production',
          releaseId: step.release ? ids.get(step.release) : undefined,
          status: step.failed ? 'failed' : 'succeeded',
          rollback: step.rollback ?? false,
          hotfix: step.hotfix ?? false,
          startedAt: at,
          finishedAt: at,
          deployer: 'service:cd',
          createdAt: at,
          components: lines.map(c => ({
            componentRef: component(c.split('@')[0]),
            version: c.split('@')[1],
          })),
        });
        const fixesIncidents = step.fixes?.map(ref =>
          ref.startsWith('id:') ? ids.get(ref.slice(3))! : ref,
        );
        await recorder.onDeploymentRecorded(
          tx,
          deployment as Deployment,
          'service:cd',
          at,
          { fixesIncidents },
        );
      });
      ids.set(step.deploy, id);
    } else {
      const { incident } = await incidents.report(
        {
          externalId: step.incident,
          source: 'api',
          system: system(step.system),
          title: `Incident ${step.incident}`,
          openedAt: new Date(step.opened).toISOString(),
          resolvedAt: step.resolved
            ? new Date(step.resolved).toISOString()
            : undefined,
          ...(step.deployment !== undefined
            ? {
                deploymentId:
                  step.deployment === null ? null : ids.get(step.deployment),
              }
            : {}),
          ...(step.release ? { releaseId: ids.get(step.release) } : {}),
        },
        'user:default/erin',
      );
      ids.set(step.incident, incident.id);
      if (step.fixedBy) {
        await incidents.update(
          incident.id,
          { fixedByDeploymentId: ids.get(step.fixedBy) },
          'user:default/erin',
        );
      }
    }
  }
  return ids;
}

/** The DORA service over the histories' catalog. */
export function historyDora(
  stores: Stores,
  settings: Partial<DoraSettings> = {},
) {
  return new DoraService(
    stores,
    historyCatalog,
    'production',
    () => new Date('2026-11-23T12:00:00.000Z'),
    settings,
  );
}

/** Rounds every number (to 1e-6) so that hand-written fractions compare with computed ones. */
export function rounded<T>(value: T): T {
  if (typeof value === 'number') {
    return (Math.round(value * 1e6) / 1e6) as T;
  }
  if (Array.isArray(value)) {
    return value.map(rounded) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, rounded(v)]),
    ) as T;
  }
  return value;
}
