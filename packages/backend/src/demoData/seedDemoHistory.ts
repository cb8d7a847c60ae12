import { LoggerService } from '@backstage/backend-plugin-api';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { NamedPolicy } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readNamedPolicies';
import { Stores } from '@release-orchestration/plugin-release-orchestration-backend/src/database/types';
import { DefaultCatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import { DoraFactRecorder } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraFactRecorder';
import { DemoScenarioOf } from './demoScenarios';
import { seedDemoData } from './seedDemoData';
import { seedDemoDeployments } from './seedDemoDeployments';
import { seedDemoIncidents } from './seedDemoIncidents';
import { seedDemoPromotions } from './seedDemoPromotions';

/**
 * One run of the demo seeding task: builds and releases, then evidence and promotions, then
 * deployments, then incidents; each step does nothing once its data exists, so the task can run
 * every few seconds until the catalog is ready and then only checks. Logs how long seeding took
 * when this run seeded anything. Returns the seconds it took.
 */
export async function seedDemoHistory(options: {
  stores: Stores;
  catalog: Pick<
    DefaultCatalogGateway,
    | 'listSystems'
    | 'getSystemComponents'
    | 'getComponentSystem'
    | 'getOwnedSystems'
    | 'getSystemAnnotations'
    | 'getGroupMembers'
  >;
  environments: EnvironmentPolicy[];
  policies: Map<string, NamedPolicy>;
  recorder: DoraFactRecorder;
  scenarioOf: DemoScenarioOf;
  expectedSystems?: string[];
  /** See seedDemoData's `settle`. */
  settle?: { previous?: string };
  logger: LoggerService;
  now?: Date;
}): Promise<{ seeded: boolean; seconds: number }> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  const { environments } = options;
  const outcomes = [
    await seedDemoData(options),
    await seedDemoPromotions(options),
    await seedDemoDeployments(options),
    await seedDemoIncidents({
      ...options,
      environments: environments.map(e => e.name),
    }),
  ];
  const seconds = (Date.now() - started) / 1000;
  const seeded = outcomes.includes('seeded');
  if (seeded) {
    // CPU time of the whole backend process meanwhile (the catalog keeps processing too): on a
    // busy machine the wall-clock time says more about the other processes than about seeding.
    const used = process.cpuUsage(cpu);
    options.logger.info(
      `Demo data: seeding took ${seconds.toFixed(1)} s, ${(
        (used.user + used.system) /
        1e6
      ).toFixed(1)} s of CPU (${outcomes.join(', ')})`,
    );
  }
  return { seeded, seconds };
}
