import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { NamedPolicy } from '../config/readNamedPolicies';
import { Stores } from '../database/types';
import { ApprovalService } from './ApprovalService';
import { PolicyCatalog } from './CatalogGateway';
import { EventPublisher } from './EventPublisher';
import { EvidenceService } from './EvidenceService';
import { FreezeService } from './FreezeService';
import { RecurringFreeze } from './freezes/recurringFreezes';
import {
  RecurringFreezeService,
  StoredRecurringFreezeSource,
} from './freezes/RecurringFreezeService';
import { PromotionGates } from './PromotionGates';
import { PromotionNotifier } from './PromotionNotifier';
import { PromotionQueueService } from './PromotionQueueService';
import { PromotionService } from './PromotionService';

/** The services of evidence, promotions, approvals and freeze windows. */
export interface PromotionServices {
  evidence: EvidenceService;
  promotions: PromotionService;
  approvals: ApprovalService;
  promotionQueue: PromotionQueueService;
  freezes: FreezeService;
  /** Recurring freeze windows declared in the portal (and listed with app-config's). */
  recurringFreezes: RecurringFreezeService;
}

/** Wires the promotion services to one set of stores, lanes, named policies and the catalog. */
export function createPromotionServices(options: {
  stores: Stores;
  environments: EnvironmentPolicy[];
  policies: Map<string, NamedPolicy>;
  catalog: PolicyCatalog;
  /** The recurring freeze windows of app-config (`releaseOrchestration.recurringFreezes`). */
  recurringFreezes?: RecurringFreeze[];
  events: EventPublisher;
  notifications?: NotificationService;
  logger: LoggerService;
  now?: () => Date;
}): PromotionServices {
  const { stores, environments, catalog, events, now } = options;
  const names = environments.map(e => e.name);
  const configured = options.recurringFreezes ?? [];
  const recurring = new StoredRecurringFreezeSource(stores, configured);
  const gates = new PromotionGates(
    stores,
    environments,
    options.policies,
    catalog,
    recurring,
  );
  const notifier = new PromotionNotifier(options.notifications, options.logger);
  const promotions = new PromotionService(stores, gates, notifier, events, now);
  return {
    evidence: new EvidenceService(stores, names, events, now),
    promotions,
    approvals: new ApprovalService(stores, gates, notifier, events, now),
    promotionQueue: new PromotionQueueService(stores, catalog, now, p =>
      gates.readyAtOf(p, (now?.() ?? new Date()).toISOString()),
    ),
    freezes: new FreezeService(
      stores,
      names,
      events,
      () => promotions.releaseEndedFreezes(),
      now,
      recurring,
    ),
    recurringFreezes: new RecurringFreezeService(
      stores,
      names,
      configured,
      events,
      () => promotions.releaseEndedFreezes(),
      now,
    ),
  };
}
