import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
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
import { evidencePackRoutes } from './evidencePackRoutes';
import { EvidencePackService } from '../service/evidencePack/EvidencePackService';
import { QuarantineService } from '../service/QuarantineService';
import { quarantineRoutes } from './quarantineRoutes';
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
import { recurringFreezeRoutes } from './recurringFreezeRoutes';
import { RecurringFreezeService } from '../service/freezes/RecurringFreezeService';
import { promotionRoutes } from './promotionRoutes';
import { rollbackRoutes } from './rollbackRoutes';
import { IncidentService } from '../service/incidents/IncidentService';
import { PagerDutyWebhookHandler } from '../service/incidents/PagerDutyWebhookHandler';
import { DoraService } from '../service/dora/DoraService';
import { incidentRoutes } from './incidentRoutes';
import { doraRoutes } from './doraRoutes';
import { SystemResolver } from '../service/SystemResolver';
import { jsonBody, requireJsonBody } from './jsonBody';
import { unmatchedRoute } from './unmatchedRoute';
import { databaseErrorHandler } from './databaseErrorHandler';
import { IdempotencyService } from '../service/IdempotencyService';
import { idempotentRoutes } from './idempotency/idempotentRoutes';
import { idempotentCreateRoutes } from './idempotency/idempotentCreateRoutes';
import { IngestService } from '../service/ingest/IngestService';
import { importRoutes, NDJSON_TYPE } from './importRoutes';
import { CdEventService } from '../service/cdevents/CdEventService';
import { cdeventRoutes } from './cdeventRoutes';
import { SourceCoverageService } from '../service/sources/SourceCoverageService';
import { sourceRoutes } from './sourceRoutes';

/** What the HTTP layer needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /**
   * Secrets of the PagerDuty webhook subscriptions; when any is set, `POST /incidents/webhook`
   * is authenticated by PagerDuty's signature instead of a Backstage token.
   */
  pagerDutyWebhookSecrets?: string[];
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
  /** `/recurring-freezes`: recurring freeze windows declared in the portal. */
  recurringFreezes: RecurringFreezeService;
  incidentWebhook: PagerDutyWebhookHandler;
  dora: DoraService;
  /** Which System a stored thing belongs to, for authorizing actions on that System. */
  systems: SystemResolver;
  /** The one ingest path of the bulk import, CDEvents and the source modules. */
  ingest: IngestService;
  /** `POST /cdevents`. */
  cdevents: CdEventService;
  /** `GET /systems/{namespace}/{name}/sources`. */
  sources: SourceCoverageService;
  /** `GET /releases/{id}/evidence-pack`. */
  evidencePacks: EvidencePackService;
  /** `POST /releases/{id}/quarantine` and `.../quarantine/lift`. */
  quarantines: QuarantineService;
  /** `Idempotency-Key` on the create routes; without it the header is ignored. */
  idempotency?: IdempotencyService;
}

/** The plugin's express router: JSON in and out, every route authenticated and authorized. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const ctx = new RouteContext(
    options.httpAuth,
    options.permissions,
    options.systems,
  );
  const router = Router();
  router.use(requireJsonBody({ '/import': [NDJSON_TYPE] }));
  router.use(...jsonBody());
  const idempotency = options.idempotency
    ? idempotentRoutes({
        httpAuth: options.httpAuth,
        idempotency: options.idempotency,
        routes: idempotentCreateRoutes(options),
      })
    : undefined;
  if (idempotency) {
    router.use(idempotency.middleware);
  }
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(environmentRoutes(ctx, options.environments, options.promotions));
  router.use(buildRoutes(ctx, options.builds));
  router.use(releaseRoutes(ctx, options.releases));
  router.use(evidencePackRoutes(ctx, options.evidencePacks));
  router.use(quarantineRoutes(ctx, options.quarantines));
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
  router.use(rollbackRoutes(ctx, options.promotions, options.releases));
  router.use(freezeRoutes(ctx, options.freezes));
  router.use(
    incidentRoutes(
      ctx,
  router.use(recurringFreezeRoutes(ctx, options.recurringFreezes));
      options.incidents,
      options.incidentWebhook,
      options.pagerDutyWebhookSecrets ?? [],
    ),
  );
  router.use(doraRoutes(ctx, options.dora));
  router.use(importRoutes(ctx, options.ingest));
  router.use(cdeventRoutes(ctx, options.cdevents));
  router.use(sourceRoutes(ctx, options.sources));
  if (idempotency) {
    router.use(idempotency.errorHandler);
  }
  router.use(unmatchedRoute(router));
  router.use(databaseErrorHandler());
  return router;
}
