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
import { createApiRouter } from './apiRouter';
import { promotionRefusedErrorHandler } from './promotionRefusedErrorHandler';

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
  /** `/recurring-freezes`: recurring freeze windows declared in the portal. */
  recurringFreezes: RecurringFreezeService;
  incidents: IncidentService;
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
  const outer = Router();
  outer.use(requireJsonBody({ '/import': [NDJSON_TYPE] }));
  outer.use(...jsonBody());
  const idempotency = options.idempotency
    ? idempotentRoutes({
        httpAuth: options.httpAuth,
        idempotency: options.idempotency,
        routes: idempotentCreateRoutes(options),
      })
    : undefined;
  if (idempotency) {
    outer.use(idempotency.middleware);
  }
  const router = await createApiRouter();
  outer.use(router);
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  environmentRoutes(router, ctx, options.environments, options.promotions);
  buildRoutes(router, ctx, options.builds);
  releaseRoutes(router, ctx, options.releases);
  evidencePackRoutes(router, ctx, options.evidencePacks);
  quarantineRoutes(router, ctx, options.quarantines);
  systemRoutes(router, ctx, options.releases);
  auditRoutes(router, ctx, options.audit);
  deploymentRoutes(router, ctx, options.deployments);
  systemEnvironmentRoutes(router, ctx, options.drift);
  evidenceRoutes(router, ctx, options.evidence);
  promotionRoutes(router, ctx, {
    promotions: options.promotions,
    approvals: options.approvals,
    queue: options.promotionQueue,
  });
  rollbackRoutes(router, ctx, options.promotions, options.releases);
  freezeRoutes(router, ctx, options.freezes);
  recurringFreezeRoutes(router, ctx, options.recurringFreezes);
  incidentRoutes(
    router,
    ctx,
    options.incidents,
    options.incidentWebhook,
    options.pagerDutyWebhookSecrets ?? [],
  );
  doraRoutes(router, ctx, options.dora);
  importRoutes(router, ctx, options.ingest);
  cdeventRoutes(router, ctx, options.cdevents);
  sourceRoutes(router, ctx, options.sources);
  // A refused promotion or rollback answers with its unmet conditions.
  outer.use(promotionRefusedErrorHandler());
  if (idempotency) {
    outer.use(idempotency.errorHandler);
  }
  outer.use(unmatchedRoute(outer));
  outer.use(databaseErrorHandler());
  return outer;
}
