import { InputError } from '@backstage/errors';
import {
  AuditEvent,
  Promotion,
  UnmetCondition,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../database/types';
import { PromotionRefusedError } from './PromotionRefusedError';
import type { PromotionRequest, PromotionService } from './PromotionService';

/** A request to promote one release into several lanes at once. */
export interface FanOutRequest {
  releaseId: string;
  environments: string[];
  justification?: string;
  emergencyOverride?: { justification: string };
}

/**
 * Promotes one release into every lane of `environments` (fan-out): each lane's gates are
 * evaluated under its own policy and each lane gets its own promotion (approvals, deployments).
 * All are stored in one transaction or none: a lane whose gates refuse the request refuses the
 * whole request, with every lane's conditions named (409 when a lane has an open promotion), and
 * an open promotion that a concurrent request made rolls back the lanes stored before it.
 * Returns the promotions in graph order.
 */
export async function requestFanOut(
  deps: {
    stores: Stores;
    promotions: Pick<PromotionService, 'prepareRequest'>;
    requireEnvironment: (name: string, field: string) => unknown;
    /** Every lane in graph order. */
    lanes: string[];
    now: () => Date;
  },
  input: FanOutRequest,
  actor: string,
): Promise<Promotion[]> {
  input.environments.forEach((name, i) =>
    deps.requireEnvironment(name, `environments[${i}]`),
  );
  if (new Set(input.environments).size !== input.environments.length) {
    throw new InputError('environments: a lane is listed twice');
  }
  // One time for every lane: the promotions of one fan-out share createdAt and requester.
  const requestedAt = deps.now().toISOString();
  const prepared: Array<
    Awaited<ReturnType<PromotionService['prepareRequest']>>
  > = [];
  const refused: UnmetCondition[] = [];
  for (const environment of input.environments) {
    const request: PromotionRequest = {
      releaseId: input.releaseId,
      environment,
      justification: input.justification,
      emergencyOverride: input.emergencyOverride,
      requestedAt,
    };
    try {
      prepared.push(await deps.promotions.prepareRequest(request, actor));
    } catch (error) {
      if (!(error instanceof PromotionRefusedError)) {
        throw error;
      }
      refused.push(...inLane(environment, error.unmetConditions));
    }
  }
  if (refused.length > 0) {
    throw new PromotionRefusedError(refused, describeFanOut(input));
  }
  let events: AuditEvent[];
  try {
    events = await deps.stores.transaction(async tx => {
      const stored: AuditEvent[] = [];
      for (const p of prepared) {
        stored.push(await p.insert(tx));
      }
      return stored;
    });
  } catch (error) {
    if (error instanceof PromotionRefusedError) {
      throw new PromotionRefusedError(
        error.unmetConditions,
        describeFanOut(input),
      );
    }
    throw error;
  }
  const made: Promotion[] = [];
  for (const [i, p] of prepared.entries()) {
    made.push(await p.finish(events[i]));
  }
  return inLaneOrder(made, deps.lanes);
}

/** The conditions of one lane, each message starting with the lane. */
function inLane(
  environment: string,
  conditions: UnmetCondition[],
): UnmetCondition[] {
  return conditions.map(c => ({
    ...c,
    message: `${environment}: ${c.message}`,
  }));
}

function describeFanOut(input: FanOutRequest) {
  return `Promotion into ${input.environments.join(', ')}`;
}

/**
 * The promotions one fan-out made, from one of them (its first, as the idempotency record names):
 * the release's promotions requested by the same person at the same time, in graph order.
 */
export function promotionsOfFanOut(
  first: Promotion,
  ofRelease: Promotion[],
  lanes: string[],
): Promotion[] {
  return inLaneOrder(
    ofRelease.filter(
      p =>
        p.createdAt === first.createdAt &&
        p.requestedBy === first.requestedBy &&
        !p.rollback,
    ),
    lanes,
  );
}

function inLaneOrder(promotions: Promotion[], lanes: string[]) {
  return [...promotions].sort(
    (a, b) => lanes.indexOf(a.environment) - lanes.indexOf(b.environment),
  );
}
