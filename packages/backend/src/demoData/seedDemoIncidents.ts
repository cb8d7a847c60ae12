import { LoggerService } from '@backstage/backend-plugin-api';
import { Stores } from '@release-orchestration/plugin-release-orchestration-backend/src/database/types';
import { CatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import { DoraFactRecorder } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraFactRecorder';
import { syncDoraFacts } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/syncDoraFacts';
import { EventPublisher } from '@release-orchestration/plugin-release-orchestration-backend/src/service/EventPublisher';
import { IncidentService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/incidents/IncidentService';
import { randomHex, seededRandom } from '@release-orchestration/demo-data';
import { DemoScenarioOf, namedScenarios } from './demoScenarios';
import { DEMO_ACTOR } from './seedDemoData';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const TITLES = [
  'Elevated 5xx rate after deploy',
  'Latency p99 above SLO',
  'Error budget burn alert',
  'Queue consumers crash-looping',
  'Checkout requests timing out',
];

/**
 * Seeds production incidents for the demo portal, once, after demo deployments exist: per System
 * (its scenario's profile: the share of deployments followed by an incident, the hours to restore,
 * where one incident surely is; a regression's share and hours in its last days) some incidents
 * shortly after a deployment (two in three attributed automatically, the others
 * naming the deployment), and one caused by no deployment. The roll-ups are brought up to date
 * first so the DORA views show them at once. Nothing happens while no production deployment exists.
 */
export async function seedDemoIncidents(options: {
  stores: Stores;
  catalog: CatalogGateway;
  environments: string[];
  recorder: DoraFactRecorder;
  logger: LoggerService;
  scenarioOf?: DemoScenarioOf;
  now?: Date;
}): Promise<'seeded' | 'already-seeded' | 'nothing-to-seed'> {
  const { stores, catalog, recorder, logger } = options;
  const scenarioOf = options.scenarioOf ?? namedScenarios;
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
    const { profile, regression } = scenarioOf(systemRef, index);
    const regressionFrom = regression ? now - regression.days * DAY : Infinity;
    const random = seededRandom(`demo|${systemRef}|incidents`);
    // Besides the random ones, one deployment surely had an incident: an old one for the steady
    // team, a recent one for the struggling team.
    const sure = Math.floor(profile.sureIncidentAt * (deployments.length - 1));
    const caused = deployments.filter(
      (d, i) =>
        random.next() <
          (Date.parse(d.finishedAt!) >= regressionFrom
            ? regression!.incidentShare
            : profile.incidentShare) || i === sure,
    );
    const report = async (opened: number, deploymentId?: string | null) => {
      const [low, high] =
        opened >= regressionFrom
          ? regression!.recoveryHours
          : profile.recoveryHours;
      const hours = low + random.next() * (high - low);
      const resolved = opened + hours * HOUR;
      const id = `P${randomHex(random, 3).toUpperCase()}`;
      await incidents.report(
        {
          source: 'pagerduty',
          externalId: id,
          system: systemRef,
          title:
            deploymentId === null
              ? 'Upstream provider outage'
              : TITLES[Math.floor(random.next() * TITLES.length)],
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
        Date.parse(deployment.finishedAt!) +
        (10 + random.next() * 120) * MINUTE;
      await report(opened, i % 3 === 2 ? deployment.id : undefined);
    }
    const first = Date.parse(deployments[0].finishedAt!);
    await report(first + (now - first) * (0.3 + 0.4 * random.next()), null);
    seeded += caused.length + 1;
  }
  if (seeded === 0) {
    return 'nothing-to-seed';
  }
  logger.info(`Demo data: seeded ${seeded} production incidents`);
  return 'seeded';
}
