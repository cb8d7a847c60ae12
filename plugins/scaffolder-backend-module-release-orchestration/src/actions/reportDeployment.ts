import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CREDENTIALS_DESCRIPTION,
  ReleaseOrchestrationApiCaller,
} from '../apiCaller';

/** The id of the action that reports a deployment.
 * @public
 */
export const REPORT_DEPLOYMENT_ACTION_ID =
  'release-orchestration:deployment:report';

/**
 * `release-orchestration:deployment:report`: reports what ran where (`POST /deployments`): a
 * component version, a whole release, or the release of a promotion (which the report moves on).
 * @public
 */
export function createReportDeploymentAction(
  api: ReleaseOrchestrationApiCaller,
) {
  return createTemplateAction({
    id: REPORT_DEPLOYMENT_ACTION_ID,
    description:
      'Reports a deployment to Release Orchestration: a component version, every component of a release, or the release of a promotion (moving the promotion to deploying / succeeded / failed)',
    examples: [
      {
        description: 'Report that the promoted release succeeded in staging',
        example: `steps:
  - id: deployed
    action: ${REPORT_DEPLOYMENT_ACTION_ID}
    input:
      promotionId: \${{ steps.promote.output.promotionId }}
      environment: staging
      status: succeeded`,
      },
    ],
    schema: {
      input: {
        environment: z =>
          z.string().min(1).describe('The environment lane it ran in'),
        status: z =>
          z.enum(['started', 'succeeded', 'failed']).describe('What happened'),
        idempotencyKey: z =>
          z
            .string()
            .optional()
            .describe(
              "The deployment's key (the same key is the same deployment); by default made of the task and step ids",
            ),
        system: z => z.string().optional().describe('Full ref of the System'),
        releaseId: z =>
          z
            .string()
            .optional()
            .describe(
              'The release deployed (all its components, or only `component`)',
            ),
        component: z =>
          z.string().optional().describe('Full ref of the Component deployed'),
        version: z =>
          z
            .string()
            .optional()
            .describe(
              'Its version (with `component`, unless a release or promotion names it)',
            ),
        promotionId: z =>
          z
            .string()
            .optional()
            .describe('The promotion this deployment carries out'),
        startedAt: z =>
          z.string().optional().describe('ISO 8601 start time; now by default'),
        finishedAt: z =>
          z
            .string()
            .optional()
            .describe('ISO 8601 end time (succeeded / failed)'),
        rollback: z =>
          z.boolean().optional().describe('A rollback to an earlier release'),
        hotfix: z =>
          z
            .boolean()
            .optional()
            .describe('A hotfix outside the promotion flow'),
        deployer: z =>
          z
            .string()
            .optional()
            .describe('Who or what deployed, kept as a claim'),
        credentials: z =>
          z
            .enum(['initiator', 'plugin'])
            .optional()
            .describe(CREDENTIALS_DESCRIPTION),
      },
      output: {
        deploymentId: z => z.string().describe('The id of the deployment'),
        systemRef: z => z.string().describe('The System it belongs to'),
        status: z => z.string().describe('Its status'),
      },
    },
    async handler(ctx) {
      const { credentials, idempotencyKey, ...rest } = ctx.input;
      const key =
        idempotencyKey ??
        `scaffolder:${ctx.task?.id ?? 'task'}:${ctx.step?.id ?? 'deployment'}`;
      const deployment = await api.request<{
        id: string;
        systemRef: string;
        status: string;
      }>(ctx, {
        method: 'POST',
        path: '/deployments',
        body: { idempotencyKey: key, ...(rest as Record<string, any>) },
        credentials,
        action: REPORT_DEPLOYMENT_ACTION_ID,
      });
      ctx.logger.info(
        `Reported deployment ${deployment.id} of ${deployment.systemRef}: ${deployment.status}`,
      );
      ctx.output('deploymentId', deployment.id);
      ctx.output('systemRef', deployment.systemRef);
      ctx.output('status', deployment.status);
    },
  });
}
