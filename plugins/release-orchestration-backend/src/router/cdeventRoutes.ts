import { InputError } from '@backstage/errors';
import { Request } from './RouteContext';
import {
  cloudEventAttributesSchema,
  evidenceCreatePermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { CdEventService } from '../service/cdevents/CdEventService';
import { memoizedReportAuthorizer } from './importRoutes';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/** Structured mode: the whole CloudEvent is the JSON body. */
export const CLOUDEVENTS_TYPE = 'application/cloudevents+json';

/** The CloudEvent's attributes and data, from a structured body or from `ce-*` headers (binary mode). */
function readCloudEvent(req: Request) {
  if (req.is(CLOUDEVENTS_TYPE)) {
    const attributes = parseInput(cloudEventAttributesSchema, req.body, 'body');
    const body = req.body as { datacontenttype?: unknown; data?: unknown };
    if (
      body.datacontenttype !== undefined &&
      !/^application\/(json|[\w.+-]*\+json)\b/.test(
        String(body.datacontenttype),
      )
    ) {
      throw new InputError(
        `Invalid CloudEvent: datacontenttype: must be JSON (a CDEvent), got ${JSON.stringify(
          String(body.datacontenttype).slice(0, 100),
        )}`,
      );
    }
    return { attributes, data: body.data };
  }
  if (
    req.headers['ce-specversion'] !== undefined ||
    req.headers['ce-id'] !== undefined
  ) {
    const header = (name: string) => {
      const value = req.headers[`ce-${name}`];
      return Array.isArray(value) ? value.join(',') : value;
    };
    const attributes = cloudEventAttributesSchema.safeParse({
      specversion: header('specversion'),
      id: header('id'),
      source: header('source'),
      type: header('type'),
      time: header('time'),
    });
    if (!attributes.success) {
      const issue = attributes.error.issues[0];
      throw new InputError(
        `Invalid CloudEvent: header ce-${issue.path.join('.')}: ${
          issue.message
        }`,
      );
    }
    return { attributes: attributes.data, data: req.body };
  }
  throw new InputError(
    `Invalid request: send a CloudEvent in structured mode (Content-Type: ${CLOUDEVENTS_TYPE}) or binary mode (ce-specversion, ce-id, ce-source and ce-type headers with the CDEvent as an application/json body)`,
  );
}

/** `POST /cdevents`: CDEvents (v0.4) as CloudEvents 1.0, structured or binary mode. */
export function cdeventRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  cdevents: CdEventService,
): void {
  router.post('/cdevents', async (req, res) => {
    const caller = await ctx.caller(req);
    const { attributes, data } = readCloudEvent(req);
    const result = await cdevents.receive(
      { id: attributes.id, source: attributes.source },
      attributes.type,
      data,
      {
        actor: caller.actor,
        authorize: memoizedReportAuthorizer(ctx, caller),
        authorizeEvidence: async releaseId => {
          await ctx.authorizeSystem(
            req,
            evidenceCreatePermission,
            await ctx.systems.ofRelease(releaseId),
          );
        },
      },
    );
    const status =
      { created: 201, ignored: 202 }[result.outcome as string] ?? 200;
    res.status(status).json(result);
  });
}
