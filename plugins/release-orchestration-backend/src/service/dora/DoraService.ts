import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DoraEntity,
  DoraFactsPage,
  DoraMetric,
  doraPerformanceLevels,
  DoraReport,
  DoraSystemRow,
  DoraSystemsPage,
  DoraTeamsResponse,
  DoraWindowMetrics,
  doraWindowProblem,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DoraScope } from '../../database/doraStoreTypes';
import { Stores } from '../../database/types';
import { CatalogGateway } from '../CatalogGateway';
import { computeDoraWeeks } from './computeDoraWeeks';
import { computeDoraWindow } from './computeDoraWindow';
import { collectDoraRows, DoraSettings, windowInputs } from './collectDoraRows';
import {
  DAY_MS,
  previousRange,
  TimeRange,
  weeksOverlapping,
} from './doraCalendar';
import { doraOutliers, doraTrends } from './doraTrends';
import { readDoraFacts } from './readDoraFacts';
import {
  HistogramLeadTimes,
  leadTimeStats,
  RawLeadTimes,
} from './leadTimeSources';
import { DoraBreakdown } from './DoraBreakdown';
import { DoraTeamCatalog } from './listDoraTeams';
import { DoraSystemsSort, pageSystemRows } from './pageSystemRows';

/** A validated DORA query. */
export interface DoraQuery {
  entity: string;
  from?: string;
  to?: string;
}

const DEFAULT_WINDOW_DAYS = 30;

/** The DORA metrics of a System, a Group or the organisation, read from the roll-ups. */
export class DoraService {
  private readonly settings: DoraSettings;
  /** The production lanes whose deployments and incidents count. */
  readonly productionEnvironments: string[];
  /** The production lanes as reports name them: `production`, or `production-eu, production-us`. */
  readonly productionEnvironment: string;

  constructor(
    private readonly stores: Stores,
    private readonly catalog: CatalogGateway & DoraTeamCatalog,
    production: string | string[],
    private readonly now: () => Date = () => new Date(),
    settings: Partial<DoraSettings> = {},
  ) {
    this.productionEnvironments = [production].flat();
    this.productionEnvironment = this.productionEnvironments.join(', ');
    this.settings = {
      excludeFailedToDeploy: settings.excludeFailedToDeploy ?? false,
      levels: settings.levels ?? doraPerformanceLevels,
    };
  }

  /** `credentials`: the caller's, so the catalog's read rules decide which Systems a Group covers. */
  async report(
    query: DoraQuery,
    credentials?: BackstageCredentials,
  ): Promise<DoraReport> {
    const current = this.window(query);
    const previous = previousRange(current);
    const { entity, scope, systems, deployed } = await this.resolve(
      query.entity,
      credentials,
    );
    const [rows, leadTimes] = await Promise.all([
      collectDoraRows(
        this.stores.doraMetrics,
        scope,
        this.productionEnvironments,
        current,
        previous,
        systems,
        {
          ...this.settings,
          ...(deployed ? { deployedSystems: deployed } : {}),
        },
      ),
      scope.systems
        ? this.rawLeadTimes(scope, current, previous)
        : new HistogramLeadTimes(this.stores.doraMetrics),
    ]);
    const [currentInputs, previousInputs, weekLeadTimes] = await Promise.all([
      windowInputs(rows, 0, current, leadTimes, this.settings),
      windowInputs(rows, 1, previous, leadTimes, this.settings),
      Promise.all(
        weeksOverlapping(current).map(week =>
          leadTimeStats(leadTimes, week, false),
        ),
      ),
    ]);
    const currentMetrics = computeDoraWindow(currentInputs);
    const previousMetrics = computeDoraWindow(previousInputs);
    return {
      entity,
      productionEnvironment: this.productionEnvironment,
      levels: this.settings.levels,
      current: currentMetrics,
      previous: previousMetrics,
      trends: doraTrends(currentMetrics, previousMetrics),
      weekly: computeDoraWeeks(
        current,
        rows.days.filter(d => d.range === 0),
        weekLeadTimes,
        rows.recoveries,
      ),
    };
  }

  /** A page of the rows behind one metric of an entity's window (`GET /dora/facts`). */
  async facts(
    query: DoraQuery & { metric: DoraMetric; limit: number; cursor?: string },
    credentials?: BackstageCredentials,
  ): Promise<DoraFactsPage> {
    const range = this.window(query);
    const { entity, scope } = await this.resolve(query.entity, credentials);
    return readDoraFacts({
      reader: this.stores.doraMetrics.facts,
      entity,
      ...(scope.systems ? { systems: scope.systems } : {}),
      metric: query.metric,
      range,
      limit: query.limit,
      cursor: query.cursor,
      excludeFailedToDeploy: this.settings.excludeFailedToDeploy,
    });
  }

  /**
   * Every team's figures over the window (`GET /dora/teams`): the roll-ups of all Systems read
   * once, each team's computed from its Systems' rows as `GET /dora` computes the Group's.
   */
  async teams(
    query: Omit<DoraQuery, 'entity'>,
    credentials?: BackstageCredentials,
  ): Promise<DoraTeamsResponse> {
    const current = this.window(query);
    const previous = previousRange(current);
    const teams = await this.catalog.listTeams(credentials);
    const breakdown = await this.breakdown({}, current, previous);
    const items = await Promise.all(
      teams.map(async team => {
        const { current: now, previous: before } = await breakdown.metricsOf(
          team.systems,
        );
        return {
          ref: team.ref,
          title: team.title,
          systemCount: team.systems.length,
          current: now,
          previous: before,
          trends: doraTrends(now, before),
        };
      }),
    );
    return {
      productionEnvironment: this.productionEnvironment,
      levels: this.settings.levels,
      window: windowOf(current),
      previousWindow: windowOf(previous),
      items,
    };
  }

  /**
   * A page of the per-System table of an entity (`GET /dora/systems`), of the Systems `readable`
   * keeps: by System ref (only the page's Systems are read), or by a metric (every System's).
   */
  async systems(
    query: DoraQuery & DoraSystemsSort & { limit: number; cursor?: string },
    credentials?: BackstageCredentials,
    readable: (systems: string[]) => Promise<string[]> = async systems =>
      systems,
  ): Promise<DoraSystemsPage> {
    const current = this.window(query);
    const previous = previousRange(current);
    const resolved = await this.resolve(query.entity, credentials);
    const systems = await readable(resolved.systems);
    const byRef = query.sort === 'system';
    const page = byRef
      ? pageSystemRows(
          systems.map(systemRef => ({ systemRef })),
          query,
        )
      : undefined;
    const computed = page ? page.items.map(i => i.systemRef) : systems;
    const scope =
      resolved.entity.kind === 'org' && !byRef ? {} : { systems: computed };
    const breakdown = await this.breakdown(
      scope,
      current,
      previous,
      page ? scope : 'none',
    );
    const result = (
      items: DoraSystemRow[],
      nextCursor?: string,
    ): DoraSystemsPage => ({
      entity: resolved.entity,
      productionEnvironment: this.productionEnvironment,
      window: windowOf(current),
      previousWindow: windowOf(previous),
      items,
      ...(nextCursor ? { nextCursor } : {}),
    });
    const row = async (
      systemRef: string,
      now?: DoraWindowMetrics,
      from: DoraBreakdown = breakdown,
    ): Promise<DoraSystemRow> => {
      const [currentMetrics, before] = await Promise.all([
        now ?? from.windowOf(0, [systemRef]),
        from.windowOf(1, [systemRef]),
      ]);
      return {
        systemRef,
        current: currentMetrics,
        previous: before,
        trends: doraTrends(currentMetrics, before),
        outliers: doraOutliers(currentMetrics, before),
      };
    };
    if (page) {
      return result(
        await Promise.all(computed.map(ref => row(ref))),
        page.nextCursor,
      );
    }
    // Sorted by a metric: every System's current window for the order, both windows only for the
    // page (the previous window's lead times read for the page's Systems alone).
    const keyed = await Promise.all(
      computed.map(async systemRef => ({
        systemRef,
        current: await breakdown.windowOf(0, [systemRef]),
      })),
    );
    const sorted = pageSystemRows(keyed, query);
    const pageBreakdown = breakdown.withPreviousLeadTimes(
      await this.stores.doraMetrics.leadTimesPerSystem(
        { systems: sorted.items.map(k => k.systemRef) },
        {
          from: new Date(previous.from).toISOString(),
          to: new Date(previous.to).toISOString(),
        },
      ),
    );
    return result(
      await Promise.all(
        sorted.items.map(k => row(k.systemRef, k.current, pageBreakdown)),
      ),
      sorted.nextCursor,
    );
  }

  /** Both windows' roll-ups of a scope, per System, in one set of grouped queries. */
  private async breakdown(
    scope: DoraScope,
    current: TimeRange,
    previous: TimeRange,
    previousLeadTimesOf: DoraScope | 'none' = scope,
  ): Promise<DoraBreakdown> {
    const read = (range: TimeRange, of: DoraScope | 'none' = scope) =>
      of === 'none'
        ? new Map<string, Float64Array>()
        : this.stores.doraMetrics.leadTimesPerSystem(of, {
            from: new Date(range.from).toISOString(),
            to: new Date(range.to).toISOString(),
          });
    const [rows, before, now] = await Promise.all([
      collectDoraRows(
        this.stores.doraMetrics,
        scope,
        this.productionEnvironments,
        current,
        previous,
        scope.systems ?? [],
        {
          ...this.settings,
          bySystem: true,
        },
      ),
      read(previous, previousLeadTimesOf),
      read(current),
    ]);
    return new DoraBreakdown(
      rows,
      [now, before],
      [current, previous],
      this.settings,
    );
  }

  /** The window with defaults applied, checked after them: a long or too early window is a 400. */
  private window(query: Omit<DoraQuery, 'entity'>): TimeRange {
    const to = query.to ? Date.parse(query.to) : this.now().getTime();
    const from = query.from
      ? Date.parse(query.from)
      : to - DEFAULT_WINDOW_DAYS * DAY_MS;
    if (from >= to) {
      throw new InputError(
        `from: must be before to (${new Date(to).toISOString()})`,
      );
    }
    const problem = doraWindowProblem({ from, to });
    if (problem) {
      throw new InputError(`${problem.field}: ${problem.message}`);
    }
    return { from, to };
  }

  /** The entity and its Systems: from the catalog, and for the org also every System that deployed. */
  private async resolve(
    ref: string,
    credentials?: BackstageCredentials,
  ): Promise<{
    entity: DoraEntity;
    scope: DoraScope;
    systems: string[];
    /** For the org, every System that deployed (what the roll-ups' reads would read again). */
    deployed?: Promise<Array<{ systemRef: string; firstDeployedAt: string }>>;
  }> {
    if (ref === 'org') {
      const deployedSystems = this.stores.doraMetrics.deployedSystems({});
      const [inCatalog, deployed] = await Promise.all([
        this.catalog.listSystems(credentials),
        deployedSystems,
      ]);
      const systems = [
        ...new Set([...inCatalog, ...deployed.map(d => d.systemRef)]),
      ].sort();
      return {
        entity: { ref, kind: 'org', systemCount: systems.length },
        scope: {},
        systems,
        deployed: deployedSystems,
      };
    }
    const systems = await this.catalog.getOwnedSystems(ref, credentials);
    if (!systems) {
      throw new NotFoundError(`entity: ${ref} is not in the catalog`);
    }
    const kind = ref.startsWith('system:') ? 'system' : 'group';
    return {
      entity: { ref, kind, systemCount: systems.length },
      scope: { systems },
      systems,
    };
  }

  /** Both windows' lead times; read as two queries, which the database runs side by side. */
  private async rawLeadTimes(
    scope: DoraScope,
    current: TimeRange,
    previous: TimeRange,
  ) {
    const read = (range: TimeRange) =>
      this.stores.doraMetrics.leadTimes(scope, {
        from: new Date(range.from).toISOString(),
        to: new Date(range.to).toISOString(),
      });
    const [before, now] = await Promise.all([read(previous), read(current)]);
    return new RawLeadTimes([...before, ...now]);
  }
}

function windowOf(range: TimeRange) {
  return {
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    days: (range.to - range.from) / DAY_MS,
  };
}
