import {
  DeploymentStatus,
  DeploymentSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { toIso } from './timestamps';

/** A row of the `deployments` table as either database returns it. */
export type DeploymentRow = {
  id: string;
  idempotency_key: string;
  system_ref: string;
  environment: string;
  release_id: string | null;
  promotion_id: string | null;
  status: DeploymentStatus;
  rollback: boolean | number;
  hotfix: boolean | number;
  started_at: Date | string;
  finished_at: Date | string | null;
  deployer: string;
  /** Who the caller said deployed; absent from rows read before the principals migration. */
  deployer_claim?: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  /** How it came in; absent from rows read before the sources migration selected it. */
  source?: string;
};

/** Maps a row (SQLite booleans are 0/1, PostgreSQL timestamps are Dates) to the API shape. */
export function toDeploymentSummary(
  row: DeploymentRow,
  releaseVersion?: string,
): DeploymentSummary {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    systemRef: row.system_ref,
    environment: row.environment,
    ...(row.release_id ? { releaseId: row.release_id } : {}),
    ...(releaseVersion ? { releaseVersion } : {}),
    ...(row.promotion_id ? { promotionId: row.promotion_id } : {}),
    status: row.status,
    rollback: Boolean(row.rollback),
    hotfix: Boolean(row.hotfix),
    startedAt: toIso(row.started_at),
    ...(row.finished_at ? { finishedAt: toIso(row.finished_at) } : {}),
    deployer: row.deployer,
    ...(row.deployer_claim ? { deployerClaim: row.deployer_claim } : {}),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
