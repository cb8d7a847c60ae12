import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CREDENTIALS_DESCRIPTION,
  ReleaseOrchestrationApiCaller,
  releasePath,
} from '../apiCaller';

/** The id of the action that cuts a release.
 * @public
 */
export const CUT_RELEASE_ACTION_ID = 'release-orchestration:release:cut';

/**
 * `release-orchestration:release:cut`: cuts a release of a System (`POST /releases`), from the
 * given component versions or the newest build of each of its components.
 * @public
 */
export function createCutReleaseAction(api: ReleaseOrchestrationApiCaller) {
  return createTemplateAction({
    id: CUT_RELEASE_ACTION_ID,
    description:
      'Cuts a release of a System in Release Orchestration: an immutable manifest of component versions (the given ones, or the newest build of each component)',
    examples: [
      {
        description: 'Cut the next release of a System from the newest builds',
        example: `steps:
  - id: cut
    action: ${CUT_RELEASE_ACTION_ID}
    input:
      system: system:default/payments
      version: 2026.12.06-1
      notes: Ledger rounding fix`,
      },
    ],
    schema: {
      input: {
        system: z =>
          z
            .string()
            .min(1)
            .describe('Full ref of the System, e.g. system:default/payments'),
        version: z =>
          z
            .string()
            .min(1)
            .describe(
              'The release version name, e.g. 2026.12.06-1 (letters, digits, . _ + -)',
            ),
        notes: z => z.string().optional().describe('Release notes (markdown)'),
        riskClass: z =>
          z
            .enum(['low', 'medium', 'high'])
            .optional()
            .describe('Risk class; medium by default'),
        components: z =>
          z
            .array(
              z.object({
                component: z
                  .string()
                  .min(1)
                  .describe('Full ref of a Component of the System'),
                version: z
                  .string()
                  .min(1)
                  .describe('Its reported build version'),
              }),
            )
            .optional()
            .describe(
              'Explicit component versions; the newest build of each component when left out',
            ),
        credentials: z =>
          z
            .enum(['initiator', 'plugin'])
            .optional()
            .describe(CREDENTIALS_DESCRIPTION),
      },
      output: {
        releaseId: z => z.string().describe('The id of the new release'),
        version: z => z.string().describe('Its version name'),
        manifestDigest: z =>
          z.string().describe('The sha256 digest of its manifest'),
        componentCount: z =>
          z.number().describe('How many components it ships'),
        releaseUrl: z => z.string().describe('Its page in the portal (a path)'),
      },
    },
    async handler(ctx) {
      const { credentials, ...body } = ctx.input;
      const release = await api.request<{
        id: string;
        version: string;
        manifestDigest: string;
        componentCount: number;
        systemRef: string;
      }>(ctx, {
        method: 'POST',
        path: '/releases',
        body: body as any,
        credentials,
        action: CUT_RELEASE_ACTION_ID,
      });
      ctx.logger.info(
        `Cut release ${release.version} of ${release.systemRef} (${release.componentCount} components)`,
      );
      ctx.output('releaseId', release.id);
      ctx.output('version', release.version);
      ctx.output('manifestDigest', release.manifestDigest);
      ctx.output('componentCount', release.componentCount);
      ctx.output('releaseUrl', releasePath(release.systemRef, release.id));
    },
  });
}
