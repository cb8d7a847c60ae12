import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CREDENTIALS_DESCRIPTION,
  ReleaseOrchestrationApiCaller,
  seg,
} from '../apiCaller';

/** The id of the action that asks for a promotion.
 * @public
 */
export const REQUEST_PROMOTION_ACTION_ID =
  'release-orchestration:promotion:request';

/**
 * `release-orchestration:promotion:request`: asks to promote a release into an environment
 * (`POST /releases/{id}/promotions`). A refusal fails the step with every unmet condition.
 * @public
 */
export function createRequestPromotionAction(
  api: ReleaseOrchestrationApiCaller,
) {
  return createTemplateAction({
    id: REQUEST_PROMOTION_ACTION_ID,
    description:
      "Asks Release Orchestration to promote a release into an environment; the environment's policy decides whether it waits for approval. A refusal (unmet evidence, a freeze, an open promotion) fails the step and lists why",
    examples: [
      {
        description:
          'Ask to promote the release cut in an earlier step to staging',
        example: `steps:
  - id: promote
    action: ${REQUEST_PROMOTION_ACTION_ID}
    input:
      releaseId: \${{ steps.cut.output.releaseId }}
      environment: staging
      justification: Ready for the regression suite`,
      },
    ],
    schema: {
      input: {
        releaseId: z => z.string().uuid().describe('The id of the release'),
        environment: z =>
          z.string().min(1).describe('The environment lane, e.g. staging'),
        justification: z =>
          z.string().optional().describe('Why, shown to the approvers'),
        emergencyOverrideJustification: z =>
          z
            .string()
            .optional()
            .describe(
              'Only to promote into a frozen lane: the written justification of an emergency override (needs the override permission)',
            ),
        credentials: z =>
          z
            .enum(['initiator', 'plugin'])
            .optional()
            .describe(CREDENTIALS_DESCRIPTION),
      },
      output: {
        promotionId: z => z.string().describe('The id of the promotion'),
        state: z =>
          z
            .string()
            .describe(
              'pending_approval, approved, or blocked (a freeze); approved when no approval is needed',
            ),
      },
    },
    async handler(ctx) {
      const {
        releaseId,
        environment,
        justification,
        emergencyOverrideJustification,
        credentials,
      } = ctx.input;
      const promotion = await api.request<{ id: string; state: string }>(ctx, {
        method: 'POST',
        path: `/releases/${seg(releaseId)}/promotions`,
        body: {
          environment,
          ...(justification ? { justification } : {}),
          ...(emergencyOverrideJustification
            ? {
                emergencyOverride: {
                  justification: emergencyOverrideJustification,
                },
              }
            : {}),
        },
        credentials,
        action: REQUEST_PROMOTION_ACTION_ID,
      });
      ctx.logger.info(
        `Promotion ${promotion.id} into ${environment}: ${promotion.state}`,
      );
      ctx.output('promotionId', promotion.id);
      ctx.output('state', promotion.state);
    },
  });
}
