import {
  ComponentChange,
  PromotionQueueItem,
} from '@release-orchestration/plugin-release-orchestration-common';
import { entityNameOf } from './entityRef';

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Why a queued promotion carries the risk it does, as short sentences for a
 * release manager: the risk class the release was cut with (and by whom), then
 * what raises or lowers it: a rollback, an emergency override, required
 * evidence not passed, failed or warning evidence, and how much the release
 * changes in the lane (when `changes` against the lane's current release are known).
 */
export function explainRisk(
  item: Pick<PromotionQueueItem, 'promotion' | 'release' | 'evidence'>,
  laneTitle: string,
  changes?: ComponentChange[],
  /** How to name who cut the release (e.g. a service principal's display name). */
  actorName: (actor: string) => string = entityNameOf,
): string[] {
  const { promotion, release, evidence } = item;
  const reasons = [
    `Declared ${release.riskClass} risk by ${actorName(
      release.createdBy,
    )} when the release was cut.`,
  ];
  if (promotion.rollback) {
    reasons.push(
      `A rollback: it returns ${laneTitle} to a release that ran there before.`,
    );
  }
  if (promotion.emergencyOverride) {
    reasons.push(
      `Requested with an emergency override of a freeze: “${promotion.emergencyOverride.justification}”.`,
    );
  }
  if (evidence.missingRequired.length > 0) {
    reasons.push(
      `Required evidence not passed: ${evidence.missingRequired.join(', ')}.`,
    );
  } else if (promotion.policy.requiredEvidence.length > 0) {
    reasons.push('All required evidence passed.');
  }
  if (evidence.counts.fail > 0) {
    reasons.push(`${plural(evidence.counts.fail, 'evidence record')} failed.`);
  }
  if (evidence.counts.warn > 0) {
    reasons.push(
      `${plural(
        evidence.counts.warn,
        'evidence record',
      )} ended with a warning.`,
    );
  }
  if (changes) {
    const moving = changes.filter(c => c.change !== 'unchanged');
    if (moving.length === 0) {
      reasons.push(`It changes no component in ${laneTitle}.`);
    } else if (moving.every(c => c.change === 'added')) {
      reasons.push(
        `Nothing was released to ${laneTitle} before: every component is new there.`,
      );
    } else {
      reasons.push(
        `It changes ${moving.length} of ${plural(
          changes.length,
          'component',
        )} in ${laneTitle}.`,
      );
    }
  }
  return reasons;
}
