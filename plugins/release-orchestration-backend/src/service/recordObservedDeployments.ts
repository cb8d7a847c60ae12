import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  describeZodError,
  ImportRecord,
  reportBuildRequestSchema,
  reportDeploymentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  DeploymentSource,
  DeploymentSourceState,
  ObservedDeployment,
} from '@release-orchestration/plugin-release-orchestration-node';
import { IngestService } from './ingest/IngestService';

/** The idempotency key of an observation: the source id and its key, hashed when too long. */
export function observedDeploymentKey(sourceId: string, key: string): string {
  const full = `${sourceId}:${key}`;
  return full.length <= 255
    ? full
    : `${sourceId}:sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** Who the audit trail names for what a source observed. */
export function deploymentSourceActor(sourceId: string): string {
  return `service:deployment-source:${sourceId}`;
}

/**
 * Reads a deployment source once and records every observation through the ingest service
 * (see {@link recordObservations}). `state` is passed to the source: where each of its scopes
 * stopped on earlier runs. A read is history in the source's order (repository by repository; a
 * backfill is 90 days of it), so it takes the bulk import's path: the records are stored, and the
 * DORA roll-ups of its production deployments follow from the catch-up, in time order.
 */
export async function recordObservedDeployments(options: {
  source: DeploymentSource;
  ingest: IngestService;
  logger: LoggerService;
  signal?: AbortSignal;
  state?: DeploymentSourceState;
}) {
  const observations = await options.source.readDeployments({
    signal: options.signal,
    ...(options.state ? { state: options.state } : {}),
  });
  return recordObservations({
    ...options,
    sourceId: options.source.id,
    observations,
    deferDora: true,
  });
}

/**
 * Records observations of a source (a scheduled read or a webhook) through the ingest service, with
 * the rules of `POST /deployments`, tagged with the source's id; a build it carries is recorded
 * before it, with the rules of `POST /builds`. An observation the rules refuse
 * (an unknown lane, a component outside the catalog, a conflicting repeat) is logged and skipped.
 */
export async function recordObservations(options: {
  sourceId: string;
  observations: ObservedDeployment[];
  ingest: IngestService;
  logger: LoggerService;
  /**
   * Leaves the DORA roll-ups to the catch-up, as a history import does (a scheduled read);
   * a webhook's events, which arrive as they happen, are rolled up at once.
   */
  deferDora?: boolean;
}) {
  const { sourceId, ingest, logger } = options;
  const source = { id: sourceId };
  const counts = { created: 0, finished: 0, unchanged: 0, rejected: 0 };
  const actor = deploymentSourceActor(source.id);
  const records: ImportRecord[] = [];
  const keys: string[] = [];
  const builds = new Set<string>();
  for (const observed of options.observations) {
    const build = observed.build;
    if (build && !builds.has(`${build.component}@${build.version}`)) {
      builds.add(`${build.component}@${build.version}`);
      const parsedBuild = reportBuildRequestSchema.safeParse(build);
      if (parsedBuild.success) {
        records.push({ kind: 'build', report: parsedBuild.data });
        keys.push(`build ${build.component}@${build.version}`);
      } else {
        counts.rejected += 1;
        logger.warn(
          `Deployment source ${source.id}: skipped the build of ${
            observed.key
          }: ${describeZodError(parsedBuild.error)}`,
        );
      }
    }
    const parsed = reportDeploymentRequestSchema.safeParse({
      idempotencyKey: observedDeploymentKey(source.id, observed.key),
      environment: observed.environment,
      system: observed.system,
      component: observed.component,
      version: observed.version,
      status: observed.status,
      startedAt: observed.startedAt,
      finishedAt: observed.finishedAt,
      deployer: observed.deployer,
      rollback: observed.rollback ?? false,
    });
    if (!parsed.success) {
      counts.rejected += 1;
      logger.warn(
        `Deployment source ${source.id}: skipped ${
          observed.key
        }: ${describeZodError(parsed.error)}`,
      );
      continue;
    }
    records.push({ kind: 'deployment', report: parsed.data });
    keys.push(observed.key);
  }
  const results = await ingest.ingest(records, {
    actor,
    source: source.id,
    deferDora: options.deferDora,
  });
  for (const [i, result] of results.entries()) {
    if (result.outcome === 'rejected') {
      counts.rejected += 1;
      logger.warn(
        `Deployment source ${source.id}: skipped ${keys[i]}: ${result.error}`,
      );
    } else {
      counts[result.outcome] += 1;
    }
  }
  logger.info(
    `Deployment source ${source.id}: ${counts.created} new, ${counts.finished} finished, ${counts.unchanged} unchanged, ${counts.rejected} skipped`,
  );
  return counts;
}
