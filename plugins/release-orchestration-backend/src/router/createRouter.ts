import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import express from 'express';
import Router from 'express-promise-router';
import { AuditService } from '../service/AuditService';
import { BuildService } from '../service/BuildService';
import { DeploymentService } from '../service/DeploymentService';
import { DriftService } from '../service/DriftService';
import { ReleaseService } from '../service/ReleaseService';
import { auditRoutes } from './auditRoutes';
import { buildRoutes } from './buildRoutes';
import { deploymentRoutes } from './deploymentRoutes';
import { environmentRoutes } from './environmentRoutes';
import { releaseRoutes } from './releaseRoutes';
import { RouteContext } from './RouteContext';
import { systemRoutes } from './systemRoutes';
import { systemEnvironmentRoutes } from './systemEnvironmentRoutes';
import { ApprovalService } from '../service/ApprovalService';
import { EvidenceService } from '../service/EvidenceService';
import { FreezeService } from '../service/FreezeService';
import { PromotionQueueService } from '../service/PromotionQueueService';
import { PromotionService } from '../service/PromotionService';
import { evidenceRoutes } from './evidenceRoutes';
import { freezeRoutes } from './freezeRoutes';
import { promotionRoutes } from './promotionRoutes';
import { rollbackRoutes } from './rollbackRoutes';
import { IncidentService } from '../service/incidents/IncidentService';
import { PagerDutyWebhookHandler } from '../service/incidents/PagerDutyWebhookHandler';
import { DoraService } from '../service/dora/DoraService';
import { incidentRoutes } from './incidentRoutes';
import { doraRoutes } from './doraRoutes';

/** What the HTTP layer needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  environments: EnvironmentPolicy[];
  builds: BuildService;
  releases: ReleaseService;
  audit: AuditService;
  deployments: DeploymentService;
  drift: DriftService;
  evidence: EvidenceService;
  promotions: PromotionService;
  approvals: ApprovalService;
  promotionQueue: PromotionQueueService;
  freezes: FreezeService;
  incidents: IncidentService;
  incidentWebhook: PagerDutyWebhookHandler;
  dora: DoraService;
}

/** The plugin's express router: JSON in and out, every route authenticated and authorized. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const ctx = new RouteContext(options.httpAuth, options.permissions);
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(((err, _req, _res, next) => {
    // express.json() failures carry a status; say what is wrong instead of a bare 400.
    if (err?.type === 'entity.parse.failed') {
      next(new InputError(`Invalid request body: not valid JSON (${err.message})`));
    } else if (err?.type === 'entity.too.large') {
      next(new InputError('Invalid request body: larger than 1 MB'));
    } else {
      next(err);
    }
  }) as express.ErrorRequestHandler);
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(environmentRoutes(ctx, options.environments));
  router.use(buildRoutes(ctx, options.builds));
  router.use(releaseRoutes(ctx, options.releases));
  router.use(systemRoutes(ctx, options.releases));
  router.use(auditRoutes(ctx, options.audit));
  router.use(deploymentRoutes(ctx, options.deployments));
  router.use(systemEnvironmentRoutes(ctx, options.drift));
  router.use(evidenceRoutes(ctx, options.evidence));
  router.use(
    promotionRoutes(ctx, {
      promotions: options.promotions,
      approvals: options.approvals,
      queue: options.promotionQueue,
    }),
  );
  router.use(rollbackRoutes(ctx, options.promotions));
  router.use(freezeRoutes(ctx, options.freezes));
  router.use(incidentRoutes(ctx, options.incidents, options.incidentWebhook));
  router.use(doraRoutes(ctx, options.dora));
  return router;
}
