import { LoggerService } from '@backstage/backend-plugin-api';
import { Stores } from '../database/types';
import { CatalogGateway } from '../service/CatalogGateway';
import { DoraFactRecorder } from '../service/dora/DoraFactRecorder';
import { syncDoraFacts } from '../service/dora/syncDoraFacts';
import { EventPublisher } from '../service/EventPublisher';
import { IncidentService } from '../service/incidents/IncidentService';
import { randomHex, seededRandom, seedOf } from './random';
import { DEMO_ACTOR } from './seedDemoData';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How often a System's production deployments lead to an incident, how long restoring takes
 * (hours, low and high), and where in its history one incident surely is (0 oldest, 1 newest):
 * a steady team, an average one and a struggling one, so that the demo teams show different levels.
 */
const PROFILES = [
  { share: 0.03, recovery: [0.2, 0.8], sure: 0 },
  { share: 0.08, recovery: [2, 14], sure: 0.5 },
  { share: 0.3, recovery: [30, 120], sure: 0.9 },
];

const TITLES = [
  'Elevated 5xx rate after deploy',
  'Latency p99 above SLO',
  'Error budget burn alert',
  'Queue consumers crash-looping',
  'Checkout requests timing out',
];

/**
 * Seeds production incidents for the demo portal, once, after demo deployments exist: per System
 * some incidents shortly after a deployment (two in three attributed automatically, the others
 * naming the deployment), and one caused by no deployment. The roll-ups are brought up to date
 * first so the DORA views show them at once. Nothing happens while no production deployment exists.
 */
export async function seedDemoIncidents(options: {
  stores: Stores;
  catalog: CatalogGateway;
  environments: string[];
  recorder: DoraFactRecorder;
  logger: LoggerService;
  now?: Date;
}): Promise<'seeded' | 'already-seeded' | 'nothing-to-seed'> {
  const { stores, catalog, recorder, logger } = options;
  const production = recorder.productionEnvironment;
  await syncDoraFacts({ stores, recorder });
  if (await stores.incidents.hasAny()) {
    return 'already-seeded';
  }
  const now = (options.now ?? new Date()).getTime();
  const events = new EventPublisher([], logger);
  const incidents = new IncidentService(
    stores,
    catalog,
    options.environments,
    production,
    events,
    () => new Date(now),
  );
  let seeded = 0;
  const systems = await catalog.listSystems();
  for (const [index, systemRef] of systems.entries()) {
    const deployments = (
      await stores.deployments.list({
        systemRef,
        environment: production,
        limit: 200,
      })
    )
      .filter(d => d.status === 'succeeded' && d.finishedAt)
      .reverse();
    if (deployments.length === 0) {
      continue;
    }
    const profile = PROFILES[index % PROFILES.length];
    const random = seededRandom(seedOf(`${systemRef}:incidents`));
    // Besides the random ones, one deployment surely had an incident: an old one for the steady
    // team, a recent one for the struggling team.
    const sure = Math.floor(profile.sure * (deployments.length - 1));
    const caused = deployments.filter(
      (_, i) => random() < profile.share || i === sure,
    );
    const report = async (opened: number, deploymentId?: string | null) => {
      const hours =
        profile.recovery[0] +
        random() * (profile.recovery[1] - profile.recovery[0]);
      const resolved = opened + hours * HOUR;
      const id = `P${randomHex(random, 6).toUpperCase()}`;
      await incidents.report(
        {
          source: 'pagerduty',
          externalId: id,
          system: systemRef,
          title:
            deploymentId === null
              ? 'Upstream provider outage'
              : TITLES[Math.floor(random() * TITLES.length)],
          url: `https://acme.pagerduty.com/incidents/${id}`,
          openedAt: new Date(Math.min(opened, now - MINUTE)).toISOString(),
          ...(resolved < now
            ? { resolvedAt: new Date(resolved).toISOString() }
            : {}),
          ...(deploymentId !== undefined ? { deploymentId } : {}),
        },
        DEMO_ACTOR,
      );
    };
    for (const [i, deployment] of caused.entries()) {
      const opened =
        Date.parse(deployment.finishedAt!) + (10 + random() * 120) * MINUTE;
      await report(opened, i % 3 === 2 ? deployment.id : undefined);
    }
    const first = Date.parse(deployments[0].finishedAt!);
    await report(first + (now - first) * (0.3 + 0.4 * random()), null);
    seeded += caused.length + 1;
  }
  if (seeded === 0) {
    return 'nothing-to-seed';
  }
  logger.info(`Demo data: seeded ${seeded} production incidents`);
  return 'seeded';
}
