import Router from 'express-promise-router';
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
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const incidentPath = z.object({ id: z.string().uuid('must be an incident id') });

/** `POST /incidents`, `POST /incidents/webhook`, `PATCH /incidents/:id`, `GET /incidents`, `GET /incidents/:id`. */
export function incidentRoutes(ctx: RouteContext, incidents: IncidentService, webhook: PagerDutyWebhookHandler) {
  const router = Router();

  router.post('/incidents', async (req, res) => {
    const { actor } = await ctx.authorize(req, incidentReportPermission);
    const input = parseInput(reportIncidentRequestSchema, req.body, 'body');
    const { incident, created } = await incidents.report(input, actor);
    res.status(created ? 201 : 200).json(incident);
  });

  router.post('/incidents/webhook', async (req, res) => {
    const { actor } = await ctx.authorize(req, incidentReportPermission);
    const target = parseInput(incidentWebhookQuerySchema, req.query, 'query');
    const payload = parseInput(pagerDutyWebhookSchema, req.body, 'body');
    res.json(await webhook.handle(payload, target, actor));
  });

  router.patch('/incidents/:id', async (req, res) => {
    const { actor } = await ctx.authorize(req, incidentReportPermission);
    const { id } = parseInput(incidentPath, req.params, 'path');
    const input = parseInput(updateIncidentRequestSchema, req.body, 'body');
    res.json(await incidents.update(id, input, actor));
  });

  router.get('/incidents', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const query = parseInput(listIncidentsQuerySchema, req.query, 'query');
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
    await ctx.authorize(req, releaseReadPermission);
    const { id } = parseInput(incidentPath, req.params, 'path');
    res.json(await incidents.get(id));
  });

  return router;
}
