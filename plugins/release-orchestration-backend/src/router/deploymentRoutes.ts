import {
  deploymentReportPermission,
  listDeploymentsQuerySchema,
  releaseReadPermission,
  reportDeploymentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { DeploymentService } from '../service/DeploymentService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/** Built once: the route's path parameters. */
const deploymentIdPath = z.object({
  id: z.string().uuid('must be a deployment id'),
});

/** `POST /deployments`, `GET /deployments`, `GET /deployments/:id`. */
export function deploymentRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  deployments: DeploymentService,
): void {
  router.post('/deployments', async (req, res) => {
    const { actor } = await ctx.caller(req);
    const input = parseInput(reportDeploymentRequestSchema, req.body, 'body');
    // The System is known once the report's release, promotion or component is resolved.
    const { deployment, outcome } = await deployments.report(input, actor, {
      authorize: systemRef =>
        ctx.authorizeSystem(req, deploymentReportPermission, systemRef),
    });
    res.status(outcome === 'created' ? 201 : 200).json(deployment);
  });

  router.get('/deployments', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(listDeploymentsQuerySchema, req.query, 'query');
    await ctx.authorizeSystem(req, releaseReadPermission, query.system);
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
    await ctx.caller(req);
    const { id } = parseInput(deploymentIdPath, req.params, 'path');
    await ctx.authorizeSystem(
      req,
      releaseReadPermission,
      await ctx.systems.ofDeployment(id),
    );
    res.json(await deployments.get(id));
  });
}
