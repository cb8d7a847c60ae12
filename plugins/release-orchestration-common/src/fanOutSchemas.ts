import { z } from 'zod';
import {
  environmentNameSchema,
  requestPromotionRequestSchema,
} from './promotionSchemas';
import { Promotion } from './promotionTypes';

/**
 * Body of `POST /promotions`: one release into one or several lanes at once (fan-out, e.g.
 * `production-eu` and `production-us` after `staging`). Every lane gets its own promotion, with
 * its own policy, approvals and deployments; all are stored or none.
 * @public
 */
export const fanOutPromotionRequestSchema = requestPromotionRequestSchema
  .omit({ environment: true })
  .extend({
    releaseId: z.string().uuid('must be a release id'),
    environments: z
      .array(environmentNameSchema)
      .min(1, 'must name at least one environment')
      .max(20, 'must name at most 20 environments')
      .superRefine((names, ctx) => {
        names.forEach((name, i) => {
          if (names.indexOf(name) !== i) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [i],
              message: `'${name}' is listed twice`,
            });
          }
        });
      }),
  })
  .strict();

/**
 * Body of `POST /promotions`.
 * @public
 */
export type FanOutPromotionRequest = z.input<
  typeof fanOutPromotionRequestSchema
>;

/**
 * Answer of `POST /promotions`: the promotions made, in the order of `environments`.
 * @public
 */
export interface FanOutPromotionResponse {
  items: Promotion[];
}
