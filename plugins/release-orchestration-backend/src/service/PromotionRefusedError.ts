import { CustomErrorBase } from '@backstage/errors';
import { UnmetCondition } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * A promotion request that does not meet its policy: a 422 listing every unmet condition, or a
 * 409 when the release already has an open promotion into the environment.
 */
export class PromotionRefusedError extends CustomErrorBase {
  name = 'PromotionRefusedError' as const;
  readonly statusCode: number;

  constructor(readonly unmetConditions: UnmetCondition[], subject: string) {
    super(
      `${subject} cannot go ahead: ${unmetConditions.length} condition${
        unmetConditions.length === 1 ? ' is' : 's are'
      } not met. ${unmetConditions
        .map(c => c.message.charAt(0).toUpperCase() + c.message.slice(1))
        .join('. ')}`,
    );
    this.statusCode = unmetConditions.some(c => c.code === 'open-promotion')
      ? 409
      : 422;
  }
}
