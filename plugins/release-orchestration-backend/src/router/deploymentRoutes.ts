import Router from 'express-promise-router';
import {
  deploymentReportPermission,
  listDeploymentsQuerySchema,
  releaseReadPermission,
  reportDeploymentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { DeploymentService } from '../service/DeploymentService';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/** `POST /deployments`, `GET /deployments`, `GET /deployments/:id`. */
export function deploymentRoutes(ctx: RouteContext, deployments: DeploymentService) {
  const router = Router();

  router.post('/deployments', async (req, res) => {
    const { actor } = await ctx.authorize(req, deploymentReportPermission);
    const input = parseInput(reportDeploymentRequestSchema, req.body, 'body');
    const { deployment, outcome } = await deployments.report(input, actor);
    res.status(outcome === 'created' ? 201 : 200).json(deployment);
  });

  router.get('/deployments', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const query = parseInput(listDeploymentsQuerySchema, req.query, 'query');
    res.json(
      await deployments.list({
        systemRef: query.system,
        environment: query.environment,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/deployments/:id', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const { id } = parseInput(z.object({ id: z.string().uuid('must be a deployment id') }), req.params, 'path');
    res.json(await deployments.get(id));
  });

  return router;
}
