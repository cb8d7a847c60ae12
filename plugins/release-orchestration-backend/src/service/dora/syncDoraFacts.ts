import { Stores } from '../../database/types';
import { EventPublisher } from '../EventPublisher';
import type { DoraCatchUp } from './DoraCatchUp';
import { DoraFactRecorder } from './DoraFactRecorder';

/** Who the audit trail names for roll-up maintenance done in the background. */
export const DORA_ACTOR = 'service:release-orchestration';

const PRODUCTION_SETTING = 'productionEnvironment';
const DEFINITIONS_SETTING = 'definitions';
/**
 * The version of the definitions the roll-ups' derived columns follow (failure per failed
 * deployment, rework); a roll-up built under another is refreshed once, System by System.
 */
export const DORA_DEFINITIONS = 'dora.dev-2026-01';

/**
 * Brings the DORA roll-ups up to date: rebuilds them from scratch when the production lane changed
 * since they were built, then records every finished production deployment that has no fact yet
 * (deployments written before this feature, by the demo seeding, or by a replica that crashed),
 * oldest first, after the `catchUp` has recorded what imports deferred. Returns how many were
 * recorded. Safe to run on several replicas at once.
 */
export async function syncDoraFacts(options: {
  stores: Stores;
  recorder: DoraFactRecorder;
  events?: EventPublisher;
  batchSize?: number;
  catchUp?: DoraCatchUp;
}): Promise<number> {
  const { stores, recorder } = options;
  // The set of production lanes, as one setting (a single lane reads as it always did).
  const environment = recorder.productionEnvironments.join(',');
  await stores.transaction(async tx => {
    await tx.doraFacts.lockSystem('*settings*');
    const builtFor = await tx.doraFacts.getSetting(PRODUCTION_SETTING);
    if (builtFor !== environment) {
      if (builtFor !== undefined) {
        await tx.doraFacts.clear();
      }
      await tx.doraFacts.setSetting(PRODUCTION_SETTING, environment);
    }
  });
  await refreshDefinitions(stores);
  const batchSize = options.batchSize ?? 200;
  let recorded = (await options.catchUp?.run()) ?? 0;
  let previous = '';
  for (;;) {
    const ids = await stores.doraFacts.pendingDeployments(
      recorder.productionEnvironments,
      batchSize,
    );
    if (ids.length === 0 || ids.join() === previous) {
      return recorded;
    }
    previous = ids.join();
    for (const id of ids) {
      const events = await stores.transaction(async tx => {
        const deployment = await tx.deployments.get(id);
        return deployment
          ? recorder.record(
              tx,
              deployment,
              DORA_ACTOR,
              new Date().toISOString(),
            )
          : [];
      });
      await options.events?.publish(events);
      recorded += 1;
    }
    if (ids.length < batchSize) {
      return recorded;
    }
  }
}

/**
 * Moves roll-ups recorded under older definitions to the current ones: every System's failures
 * and restorations are recomputed under its lock, then the version is recorded. Idempotent, so a
 * replica that runs it at the same time only repeats work.
 */
async function refreshDefinitions(stores: Stores) {
  if (
    (await stores.doraFacts.getSetting(DEFINITIONS_SETTING)) ===
    DORA_DEFINITIONS
  ) {
    return;
  }
  for (const systemRef of await stores.doraFacts.systemsWithFacts()) {
    await stores.transaction(async tx => {
      await tx.doraFacts.lockSystem(systemRef);
      const ids = await tx.doraFacts.factIds(systemRef);
      await tx.doraFacts.refreshFailures(ids);
      await tx.doraFacts.refreshRestores(ids);
      await tx.doraFacts.refreshCommitData(ids);
    });
  }
  await stores.doraFacts.setSetting(DEFINITIONS_SETTING, DORA_DEFINITIONS);
}
