import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  DoraReport,
  PromotionQueueItem,
  SystemEnvironments,
  Page,
} from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Calls this plugin's own HTTP API on behalf of the action's caller, so an action answers exactly
 * what the same person gets from the API (the same permission checks, validation and shapes).
 */
function loopback(discovery: DiscoveryService, auth: AuthService) {
  return async <T>(
    credentials: BackstageCredentials,
    path: string,
    query: Record<string, string | undefined>,
  ) => {
    const url = new URL(
      `${await discovery.getBaseUrl('release-orchestration')}${path}`,
    );
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        url.searchParams.set(key, value);
      }
    }
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'release-orchestration',
    });
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    const body = await response.json().catch(() => undefined);
    if (!response.ok) {
      const message =
        body?.error?.message ?? `${response.status} ${response.statusText}`;
      if (response.status === 400) throw new InputError(message);
      if (response.status === 401 || response.status === 403)
        throw new NotAllowedError(message);
      if (response.status === 404) throw new NotFoundError(message);
      throw new Error(
        `GET ${url.pathname} answered ${response.status}: ${message}`,
      );
    }
    return body as T;
  };
}

/** The portal path of a release. */
function releasePath(systemRef: string, releaseId: string) {
  const { namespace, name } = parseEntityRef(systemRef);
  return `/catalog/${namespace}/system/${name}/releases/${encodeURIComponent(
    releaseId,
  )}`;
}

/**
 * Registers the plugin's read-only actions with Backstage's actions registry, for AI assistants
 * connected through the MCP actions backend (and any other actions client): what runs where for
 * a System, the promotions waiting for the caller's approval, and DORA figures of an entity.
 * Each answers as the caller, through the plugin's HTTP API.
 */
export function registerReadActions(options: {
  actionsRegistry: ActionsRegistryService;
  discovery: DiscoveryService;
  auth: AuthService;
  catalog: CatalogService;
}) {
  const get = loopback(options.discovery, options.auth);

  /** A Component's System (its DORA figures are its System's), read from the catalog as the caller. */
  async function systemOfComponent(
    componentRef: string,
    credentials: BackstageCredentials,
  ) {
    const component = await options.catalog.getEntityByRef(componentRef, {
      credentials,
    });
    if (!component) {
      throw new NotFoundError(
        `entity: no Component ${componentRef} in the catalog`,
      );
    }
    const system = (component.spec as { system?: unknown } | undefined)?.system;
    if (typeof system !== 'string' || !system) {
      throw new InputError(
        `entity: ${componentRef} belongs to no System (spec.system), and DORA figures are per System`,
      );
    }
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: component.metadata.namespace ?? 'default',
      }),
    );
  }

  options.actionsRegistry.register({
    name: 'get-system-environments',
    title: 'What runs where for a System',
    description:
      'For a catalog System, each environment lane in promotion order: the current release, the known-good release (the rollback target), the component versions running there, and drift against the expected release (in_sync, drifted, unknown).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          system: z
            .string()
            .describe('Full ref of the System, e.g. system:default/payments'),
        }),
      output: z =>
        z.object({
          systemRef: z.string(),
          environments: z.array(
            z.object({
              environment: z.string(),
              title: z.string(),
              currentRelease: z
                .object({
                  id: z.string(),
                  version: z.string(),
                  deployedAt: z.string(),
                })
                .optional(),
              knownGoodRelease: z
                .object({
                  id: z.string(),
                  version: z.string(),
                  deployedAt: z.string(),
                })
                .optional(),
              running: z.array(
                z.object({
                  componentRef: z.string(),
                  version: z.string(),
                  deployedAt: z.string(),
                }),
              ),
              drift: z.object({
                state: z.enum(['in_sync', 'drifted', 'unknown']),
                components: z.array(
                  z
                    .object({ componentRef: z.string(), reason: z.string() })
                    .passthrough(),
                ),
              }),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      let ref;
      try {
        ref = parseEntityRef(input.system, {
          defaultKind: 'system',
          defaultNamespace: 'default',
        });
      } catch (error) {
        throw new InputError(`system: ${error}`);
      }
      if (ref.kind.toLocaleLowerCase('en-US') !== 'system') {
        throw new InputError(
          `system: must be a System ref like system:default/payments; got ${input.system}`,
        );
      }
      const answer = await get<SystemEnvironments>(
        credentials,
        `/systems/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
          ref.name,
        )}/environments`,
        {},
      );
      const release = (r?: {
        id: string;
        version: string;
        deployedAt: string;
      }) =>
        r
          ? { id: r.id, version: r.version, deployedAt: r.deployedAt }
          : undefined;
      return {
        output: {
          systemRef: answer.systemRef,
          environments: answer.environments.map(e => ({
            environment: e.environment,
            title: e.title,
            ...(e.currentRelease
              ? { currentRelease: release(e.currentRelease) }
              : {}),
            ...(e.knownGoodRelease
              ? { knownGoodRelease: release(e.knownGoodRelease) }
              : {}),
            running: e.running.map(r => ({
              componentRef: r.componentRef,
              version: r.version,
              deployedAt: r.deployedAt,
            })),
            drift: {
              state: e.drift.state,
              components: e.drift.components.map(c => ({ ...c })),
            },
          })),
        },
      };
    },
  });

  options.actionsRegistry.register({
    name: 'list-my-pending-approvals',
    title: 'Promotions waiting for my approval',
    description:
      "The promotions waiting for the caller's vote (pending approval, the caller in an approver group, separation of duties respected), oldest first, each with its System, release, environment, requester, age, evidence summary and whether and why the caller may vote.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          environment: z
            .string()
            .optional()
            .describe('Only promotions into this environment lane'),
          system: z
            .string()
            .optional()
            .describe('Only promotions of this System (full ref)'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(200)
            .optional()
            .describe('At most this many (25 by default)'),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              promotionId: z.string(),
              systemRef: z.string(),
              releaseId: z.string(),
              releaseVersion: z.string(),
              riskClass: z.string(),
              environment: z.string(),
              requestedBy: z.string(),
              ageSeconds: z.number(),
              emergencyOverride: z.boolean(),
              evidence: z.object({
                pass: z.number(),
                fail: z.number(),
                warn: z.number(),
                missingRequired: z.array(z.string()),
              }),
              canVote: z.boolean().optional(),
              cannotVoteReason: z.string().optional(),
              releaseUrl: z
                .string()
                .describe('The release page in the portal (a path)'),
            }),
          ),
          more: z.boolean().describe('Whether more are waiting than listed'),
        }),
    },
    action: async ({ input, credentials }) => {
      const page = await get<Page<PromotionQueueItem>>(
        credentials,
        '/promotions',
        {
          state: 'pending_approval',
          approver: 'me',
          environment: input.environment,
          system: input.system,
          limit: input.limit === undefined ? undefined : String(input.limit),
        },
      );
      return {
        output: {
          items: page.items.map(item => ({
            promotionId: item.promotion.id,
            systemRef: item.release.systemRef,
            releaseId: item.release.id,
            releaseVersion: item.release.version,
            riskClass: item.release.riskClass,
            environment: item.promotion.environment,
            requestedBy: item.promotion.requestedBy,
            ageSeconds: item.ageSeconds,
            emergencyOverride: Boolean(item.promotion.emergencyOverride),
            evidence: {
              pass: item.evidence.counts.pass,
              fail: item.evidence.counts.fail,
              warn: item.evidence.counts.warn,
              missingRequired: item.evidence.missingRequired,
            },
            ...(item.canVote === undefined ? {} : { canVote: item.canVote }),
            ...(item.cannotVoteReason
              ? { cannotVoteReason: item.cannotVoteReason }
              : {}),
            releaseUrl: releasePath(item.release.systemRef, item.release.id),
          })),
          more: Boolean(page.nextCursor),
        },
      };
    },
  });

  options.actionsRegistry.register({
    name: 'get-dora-metrics',
    title: 'DORA metrics of a System, a team or the organisation',
    description:
      'DORA figures (deployment frequency, change lead time, change failure rate, failed deployment recovery time, rework rate), each with its performance level, for a System, a Group (its Systems, through child groups) or org, over a window (30 days by default), with the trend against the previous window of equal length.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .describe(
              "A System or Group ref (system:default/payments, group:default/team-a), or 'org'",
            ),
          from: z
            .string()
            .optional()
            .describe(
              'Start of the window, ISO 8601; 30 days before `to` by default',
            ),
          to: z
            .string()
            .optional()
            .describe('End of the window, ISO 8601; now by default'),
        }),
      output: z =>
        z.object({
          entity: z.object({}).passthrough(),
          resolvedFrom: z
            .string()
            .optional()
            .describe(
              "The Component asked about, when the figures are its System's",
            ),
          productionEnvironment: z.string(),
          window: z.object({ from: z.string(), to: z.string() }),
          metrics: z
            .object({
              deploymentFrequency: z.object({}).passthrough(),
              changeLeadTime: z.object({}).passthrough(),
              changeFailureRate: z.object({}).passthrough(),
              failedDeploymentRecoveryTime: z.object({}).passthrough(),
              reworkRate: z.object({}).passthrough(),
            })
            .describe(
              'The current window; times in seconds, rates between 0 and 1, levels elite/high/medium/low',
            ),
          trends: z.record(
            z.enum(['improved', 'worsened', 'unchanged', 'unknown']),
          ),
          coverage: z
            .object({})
            .passthrough()
            .describe('How much of the data the figures could use'),
        }),
    },
    action: async ({ input, credentials }) => {
      let entity = input.entity;
      let resolvedFrom: string | undefined;
      if (/^\s*component:/i.test(entity)) {
        let componentRef;
        try {
          componentRef = stringifyEntityRef(parseEntityRef(entity.trim()));
        } catch (error) {
          throw new InputError(`entity: ${error}`);
        }
        resolvedFrom = componentRef;
        entity = await systemOfComponent(componentRef, credentials);
      }
      const report = await get<DoraReport>(credentials, '/dora', {
        entity,
        from: input.from,
        to: input.to,
      });
      const { current } = report;
      return {
        output: {
          entity: { ...report.entity },
          ...(resolvedFrom ? { resolvedFrom } : {}),
          productionEnvironment: report.productionEnvironment,
          window: { from: current.window.from, to: current.window.to },
          metrics: {
            deploymentFrequency: { ...current.deploymentFrequency },
            changeLeadTime: { ...current.changeLeadTime },
            changeFailureRate: { ...current.changeFailureRate },
            failedDeploymentRecoveryTime: {
              ...current.failedDeploymentRecoveryTime,
            },
            reworkRate: { ...current.reworkRate },
          },
          trends: { ...report.trends },
          coverage: { ...current.coverage },
        },
      };
    },
  });
}
