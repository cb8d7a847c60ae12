import {
  incidentReportPermission,
  incidentWebhookQuerySchema,
  listIncidentsQuerySchema,
  pagerDutyWebhookSchema,
  releaseReadPermission,
  reportIncidentRequestSchema,
  updateIncidentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { IncidentService } from '../service/incidents/IncidentService';
import { PagerDutyWebhookHandler } from '../service/incidents/PagerDutyWebhookHandler';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { AuthenticationError } from '@backstage/errors';
import {
  PAGERDUTY_SIGNATURE_HEADER,
  verifyPagerDutySignature,
} from '../service/incidents/verifyPagerDutySignature';
import { rawBodyOf } from './jsonBody';

/** Who a signed PagerDuty webhook is recorded as. */
export const PAGERDUTY_WEBHOOK_ACTOR = 'service:pagerduty-webhook';
import { parseInput } from './validate';

const incidentPath = z.object({
  id: z.string().uuid('must be an incident id'),
});

/** `POST /incidents`, `POST /incidents/webhook`, `PATCH /incidents/:id`, `GET /incidents`, `GET /incidents/:id`. */
export function incidentRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  incidents: IncidentService,
  webhook: PagerDutyWebhookHandler,
  webhookSecrets: string[] = [],
): void {
  router.post('/incidents', async (req, res) => {
    await ctx.caller(req);
    const input = parseInput(reportIncidentRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(
      req,
      incidentReportPermission,
      input.system,
    );
    const { incident, created } = await incidents.report(input, actor);
    res.status(created ? 201 : 200).json(incident);
  });

  router.post('/incidents/webhook', async (req, res) => {
    // With subscription secrets configured, PagerDuty's signature authenticates the call (the
    // route admits requests without a Backstage token); without, a Backstage principal with
    // incident.report on the System does.
    const signed = webhookSecrets.length > 0;
    if (
      signed &&
      !verifyPagerDutySignature(
        rawBodyOf(req),
        req.headers[PAGERDUTY_SIGNATURE_HEADER],
        webhookSecrets,
      )
    ) {
      throw new AuthenticationError(
        'X-PagerDuty-Signature: missing, or no v1 signature matches the body with a configured webhook secret',
      );
    }
    const query = parseInput(incidentWebhookQuerySchema, req.query, 'query');
    const payload = parseInput(pagerDutyWebhookSchema, req.body, 'body');
    const target = await webhook.resolveTarget(payload, query);
    const actor = signed
      ? PAGERDUTY_WEBHOOK_ACTOR
      : (
          await ctx.authorizeSystem(
            req,
            incidentReportPermission,
            target.system,
          )
        ).actor;
    res.json(await webhook.handle(payload, target, actor));
  });

  router.patch('/incidents/:id', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(incidentPath, req.params, 'path');
    const input = parseInput(updateIncidentRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(
      req,
      incidentReportPermission,
      await ctx.systems.ofIncident(id),
    );
    res.json(await incidents.update(id, input, actor));
  });

  router.get('/incidents', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(listIncidentsQuerySchema, req.query, 'query');
    await ctx.authorizeSystem(req, releaseReadPermission, query.system);
    res.json(
      await incidents.list({
        systemRef: query.system,
        environment: query.environment,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/incidents/:id', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(incidentPath, req.params, 'path');
    await ctx.authorizeSystem(
      req,
      releaseReadPermission,
      await ctx.systems.ofIncident(id),
    );
    res.json(await incidents.get(id));
  });
}
