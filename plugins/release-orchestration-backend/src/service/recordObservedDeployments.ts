import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  describeZodError,
  reportDeploymentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DeploymentSource } from '@release-orchestration/plugin-release-orchestration-node';
import { DeploymentService } from './DeploymentService';

/** Errors that mean "this observation is not acceptable", not "the backend is broken". */
const REJECTIONS = new Set(['InputError', 'NotFoundError', 'ConflictError']);

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
 * Reads a deployment source once and records every observation through the deployment service,
 * the same way `POST /deployments` does. An observation the rules refuse (an unknown lane, a
 * component outside the catalog, a conflicting repeat) is logged and skipped.
 */
export async function recordObservedDeployments(options: {
  source: DeploymentSource;
  deployments: DeploymentService;
  logger: LoggerService;
  signal?: AbortSignal;
}) {
  const { source, deployments, logger } = options;
  const counts = { created: 0, finished: 0, unchanged: 0, rejected: 0 };
  const actor = deploymentSourceActor(source.id);
  for (const observed of await source.readDeployments({ signal: options.signal })) {
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
      logger.warn(`Deployment source ${source.id}: skipped ${observed.key}: ${describeZodError(parsed.error)}`);
      continue;
    }
    try {
      const { outcome } = await deployments.report(parsed.data, actor);
      counts[outcome] += 1;
    } catch (error) {
      if (isError(error) && REJECTIONS.has(error.name)) {
        counts.rejected += 1;
        logger.warn(`Deployment source ${source.id}: skipped ${observed.key}: ${error.message}`);
        continue;
      }
      throw error;
    }
  }
  logger.info(
    `Deployment source ${source.id}: ${counts.created} new, ${counts.finished} finished, ${counts.unchanged} unchanged, ${counts.rejected} skipped`,
  );
  return counts;
}
