import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CREDENTIALS_DESCRIPTION,
  ReleaseOrchestrationApiCaller,
  seg,
} from '../apiCaller';

/** The id of the action that attaches evidence.
 * @public
 */
export const ATTACH_EVIDENCE_ACTION_ID =
  'release-orchestration:evidence:attach';

/**
 * `release-orchestration:evidence:attach`: attaches a typed, immutable piece of evidence to a
 * release (`POST /releases/{id}/evidence`).
 * @public
 */
export function createAttachEvidenceAction(api: ReleaseOrchestrationApiCaller) {
  return createTemplateAction({
    id: ATTACH_EVIDENCE_ACTION_ID,
    description:
      'Attaches evidence (a test report, a security scan, a change ticket, ...) to a release in Release Orchestration, for the promotion gates that require it',
    examples: [
      {
        description: 'Attach the change ticket opened in an earlier step',
        example: `steps:
  - id: evidence
    action: ${ATTACH_EVIDENCE_ACTION_ID}
    input:
      releaseId: \${{ steps.cut.output.releaseId }}
      type: change-ticket
      status: pass
      url: https://tickets.acme.example/CHG-1234
      summary: CHG-1234 approved by the CAB`,
      },
    ],
    schema: {
      input: {
        releaseId: z => z.string().uuid().describe('The id of the release'),
        type: z =>
          z
            .string()
            .min(1)
            .describe(
              'The evidence type, e.g. unit-tests, security-scan, change-ticket',
            ),
        status: z => z.enum(['pass', 'fail', 'warn']).describe('Its outcome'),
        url: z => z.string().url().describe('Where to read it (http or https)'),
        summary: z => z.string().min(1).describe('One line about it'),
        environment: z =>
          z
            .string()
            .optional()
            .describe('The lane it applies to; all lanes when left out'),
        contentDigest: z =>
          z
            .string()
            .optional()
            .describe("'<algorithm>:<hex>' digest of the report"),
        credentials: z =>
          z
            .enum(['initiator', 'plugin'])
            .optional()
            .describe(CREDENTIALS_DESCRIPTION),
      },
      output: {
        evidenceId: z => z.string().describe('The id of the evidence'),
      },
    },
    async handler(ctx) {
      const { releaseId, credentials, ...body } = ctx.input;
      const evidence = await api.request<{ id: string }>(ctx, {
        method: 'POST',
        path: `/releases/${seg(releaseId)}/evidence`,
        body: body as Record<string, any>,
        credentials,
        action: ATTACH_EVIDENCE_ACTION_ID,
      });
      ctx.logger.info(
        `Attached ${body.type} evidence ${evidence.id} (${body.status}) to release ${releaseId}`,
      );
      ctx.output('evidenceId', evidence.id);
    },
  });
}
