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
  doraWindowProblem,
  normalizeEntityRef,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DoraScope } from '../../database/doraStoreTypes';
import { Stores } from '../../database/types';
import { CatalogGateway } from '../CatalogGateway';
import { computeDoraWeeks } from './computeDoraWeeks';
import { computeDoraWindow } from './computeDoraWindow';
import { collectDoraRows, DoraSettings, windowInputs } from './collectDoraRows';
import { DAY_MS, previousRange, TimeRange, weeksOverlapping } from './doraCalendar';
import { doraOutliers, doraTrends } from './doraTrends';
import { readDoraFacts } from './readDoraFacts';
import { HistogramLeadTimes, leadTimeStats, RawLeadTimes } from './leadTimeSources';

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

  constructor(
    private readonly stores: Stores,
    private readonly catalog: CatalogGateway,
    readonly productionEnvironment: string,
    private readonly now: () => Date = () => new Date(),
    settings: Partial<DoraSettings> = {},
  ) {
    this.settings = { excludeFailedToDeploy: settings.excludeFailedToDeploy ?? false, levels: settings.levels ?? doraPerformanceLevels };
  }

  /** `credentials`: the caller's, so the catalog's read rules decide which Systems a Group covers. */
  async report(query: DoraQuery, credentials?: BackstageCredentials): Promise<DoraReport> {
    const current = this.window(query);
    const previous = previousRange(current);
    const { entity, scope, systems } = await this.resolve(query.entity, credentials);
    const [rows, leadTimes] = await Promise.all([
      collectDoraRows(this.stores.doraMetrics, scope, this.productionEnvironment, current, previous, systems, this.settings),
      scope.systems ? this.rawLeadTimes(scope, current, previous) : new HistogramLeadTimes(this.stores.doraMetrics),
    ]);
    const [currentInputs, previousInputs, weekLeadTimes] = await Promise.all([
      windowInputs(rows, 0, current, leadTimes, this.settings),
      windowInputs(rows, 1, previous, leadTimes, this.settings),
      Promise.all(weeksOverlapping(current).map(week => leadTimeStats(leadTimes, week, false))),
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

  /** A page of the per-System table of an entity, ordered by System ref. */
  async systems(query: DoraQuery & { limit: number; cursor?: string }, credentials?: BackstageCredentials): Promise<DoraSystemsPage> {
    const current = this.window(query);
    const previous = previousRange(current);
    const { entity, systems } = await this.resolve(query.entity, credentials);
    const after = query.cursor === undefined ? undefined : decodeSystemCursor(query.cursor);
    const remaining = systems.filter(ref => after === undefined || ref > after);
    const page = remaining.slice(0, query.limit);
    const scope = { systems: page };
    const [rows, leadTimes] = await Promise.all([
      collectDoraRows(this.stores.doraMetrics, scope, this.productionEnvironment, current, previous, page, {
        ...this.settings,
        bySystem: true,
      }),
      this.rawLeadTimes(scope, current, previous),
    ]);
    const items: DoraSystemRow[] = [];
    for (const systemRef of page) {
      const mine = leadTimes.forSystem(systemRef);
      const now = computeDoraWindow(await windowInputs(rows, 0, current, mine, this.settings, systemRef));
      const before = computeDoraWindow(await windowInputs(rows, 1, previous, mine, this.settings, systemRef));
      items.push({ systemRef, current: now, previous: before, trends: doraTrends(now, before), outliers: doraOutliers(now, before) });
    }
    return {
      entity,
      productionEnvironment: this.productionEnvironment,
      window: items[0]?.current.window ?? windowOf(current),
      previousWindow: items[0]?.previous.window ?? windowOf(previous),
      items,
      ...(remaining.length > page.length ? { nextCursor: Buffer.from(page[page.length - 1]).toString('base64url') } : {}),
    };
  }

  /** The window with defaults applied, checked after them: a long or too early window is a 400. */
  private window(query: DoraQuery): TimeRange {
    const to = query.to ? Date.parse(query.to) : this.now().getTime();
    const from = query.from ? Date.parse(query.from) : to - DEFAULT_WINDOW_DAYS * DAY_MS;
    if (from >= to) {
      throw new InputError(`from: must be before to (${new Date(to).toISOString()})`);
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
  ): Promise<{ entity: DoraEntity; scope: DoraScope; systems: string[] }> {
    if (ref === 'org') {
      const [inCatalog, deployed] = await Promise.all([
        this.catalog.listSystems(credentials),
        this.stores.doraMetrics.deployedSystems({}),
      ]);
      const systems = [...new Set([...inCatalog, ...deployed.map(d => d.systemRef)])].sort();
      return { entity: { ref, kind: 'org', systemCount: systems.length }, scope: {}, systems };
    }
    const systems = await this.catalog.getOwnedSystems(ref, credentials);
    if (!systems) {
      throw new NotFoundError(`entity: ${ref} is not in the catalog`);
    }
    const kind = ref.startsWith('system:') ? 'system' : 'group';
    return { entity: { ref, kind, systemCount: systems.length }, scope: { systems }, systems };
  }

  /** Both windows' lead times; read as two queries, which the database runs side by side. */
  private async rawLeadTimes(scope: DoraScope, current: TimeRange, previous: TimeRange) {
    const read = (range: TimeRange) =>
      this.stores.doraMetrics.leadTimes(scope, { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() });
    const [before, now] = await Promise.all([read(previous), read(current)]);
    return new RawLeadTimes([...before, ...now]);
  }
}

function windowOf(range: TimeRange) {
  return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), days: (range.to - range.from) / DAY_MS };
}

function decodeSystemCursor(cursor: string): string {
  const ref = Buffer.from(cursor, 'base64url').toString('utf8');
  if (normalizeEntityRef(ref, 'system') !== ref || Buffer.from(ref).toString('base64url') !== cursor) {
    throw new InputError('cursor: is not a cursor this API returned; pass nextCursor from the previous page');
  }
  return ref;
}
