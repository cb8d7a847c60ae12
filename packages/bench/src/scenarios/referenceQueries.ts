import fs from 'node:fs';
import { Client, ClientConfig } from 'pg';
import { LatencySummary, timeIt } from '../measure/percentiles';
import { benchDir } from '../paths';

/** The DORA metrics compared. */
export type MetricName =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'recoveryTime';

/** A published query, adapted (bench/reference-queries), and how to read its number. */
interface ReferenceQuery {
  tool: 'Four Keys' | 'DevLake';
  metric: MetricName;
  file: string;
  /** Run when the published query does not finish in the time limit (a documented variant). */
  variant?: string;
  /** The number, in the unit of the comparison table (days/week, hours or a ratio). */
  value(row: Record<string, unknown>): number | undefined;
  label(row: Record<string, unknown>): string | undefined;
}

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);
const hours = (minutes: unknown) =>
  num(minutes) === undefined ? undefined : num(minutes)! / 60;

const QUERIES: ReferenceQuery[] = [
  {
    tool: 'Four Keys',
    metric: 'deploymentFrequency',
    file: 'fourkeys-deployment-frequency.sql',
    value: r => num(r.median_days_deployed_per_week),
    label: r => r.deployment_frequency as string,
  },
  {
    tool: 'Four Keys',
    metric: 'leadTime',
    file: 'fourkeys-lead-time.sql',
    value: r => hours(r.median_time_to_change),
    label: r => r.lead_time_to_change as string,
  },
  {
    tool: 'Four Keys',
    metric: 'changeFailureRate',
    file: 'fourkeys-change-failure-rate.sql',
    value: r => num(r.rate),
    label: r => r.change_fail_rate as string,
  },
  {
    tool: 'Four Keys',
    metric: 'recoveryTime',
    file: 'fourkeys-time-to-restore.sql',
    value: r => num(r.median_hours),
    label: r => r.med_time_to_resolve as string,
  },
  {
    tool: 'DevLake',
    metric: 'deploymentFrequency',
    file: 'devlake-deployment-frequency.sql',
    value: r => num(r.median_number_of_deployment_days_per_week),
    label: r => r['Deployment Frequency'] as string,
  },
  {
    tool: 'DevLake',
    metric: 'leadTime',
    file: 'devlake-lead-time.sql',
    value: r => hours(r.median_minutes),
    label: r => r.median_change_lead_time as string,
  },
  {
    tool: 'DevLake',
    metric: 'changeFailureRate',
    file: 'devlake-change-failure-rate.sql',
    variant: 'devlake-change-failure-rate.variant.sql',
    value: r => num(r.rate),
    label: r => r.change_failure_rate as string,
  },
  {
    tool: 'DevLake',
    metric: 'recoveryTime',
    file: 'devlake-recovery-time.sql',
    value: r => hours(r.median_minutes),
    label: r => r.median_time_in_hour as string,
  },
];

/** A scope the metrics are computed for. */
export interface ReferenceScope {
  id: string;
  systems: string[];
  components: string[];
}

/** One reference query's answer and speed for one scope. */
export interface ReferenceResult {
  tool: string;
  metric: MetricName;
  scope: string;
  file: string;
  value?: number;
  label?: string;
  latency?: LatencySummary;
  /** The published query did not finish within the limit; `variant` then holds the variant's run. */
  timedOutAfterMs?: number;
  variant?: Omit<ReferenceResult, 'variant' | 'tool' | 'metric' | 'scope'>;
  error?: string;
}

const sql = (file: string) =>
  fs.readFileSync(benchDir('reference-queries', file), 'utf8');

async function connect(connection: ClientConfig) {
  const client = new Client(connection);
  await client.connect();
  // BigQuery and Grafana's MySQL macros work in UTC.
  await client.query(`SET TIME ZONE 'UTC'`);
  return client;
}

/**
 * Builds Four Keys' and DevLake's input tables from the plugin's tables (their pipelines' work,
 * done once); returns the seconds each took.
 */
export async function materializeReferences(connection: ClientConfig) {
  const client = await connect(connection);
  try {
    const seconds: Record<string, number> = {};
    for (const [tool, file] of [
      ['fourKeys', 'fourkeys-adapter.sql'],
      ['devLake', 'devlake-adapter.sql'],
    ]) {
      const start = Date.now();
      await client.query(sql(file));
      seconds[tool] = (Date.now() - start) / 1000;
    }
    return seconds;
  } finally {
    await client.end();
  }
}

/** Removes the reference schemas, so they do not weigh on later runs. */
export async function dropReferences(connection: ClientConfig) {
  const client = await connect(connection);
  try {
    await client.query(
      'DROP SCHEMA IF EXISTS four_keys CASCADE; DROP SCHEMA IF EXISTS devlake CASCADE',
    );
  } finally {
    await client.end();
  }
}

/**
 * Runs every reference query for every scope, warm, `iterations` times each, under a statement
 * timeout; a published query that times out is reported as such and its variant (if it has one)
 * is run instead.
 */
export async function runReferenceQueries(
  connection: ClientConfig,
  scopes: ReferenceScope[],
  window: { from: string; to: string },
  options: { iterations: number; timeoutMs: number },
): Promise<ReferenceResult[]> {
  const client = await connect(connection);
  const results: ReferenceResult[] = [];
  try {
    await client.query('DELETE FROM devlake.project_mapping');
    for (const scope of scopes) {
      await client.query(
        `INSERT INTO devlake.project_mapping (project_name, "table", row_id)
         SELECT $1, 'cicd_scopes', unnest($2::text[]) UNION ALL SELECT $1, 'repos', unnest($3::text[])`,
        [scope.id, scope.systems, scope.components],
      );
    }
    await client.query('ANALYZE devlake.project_mapping');
    await client.query(
      `SET statement_timeout = ${Math.round(options.timeoutMs)}`,
    );
    const run = async (
      query: ReferenceQuery,
      file: string,
      scope: ReferenceScope,
    ) => {
      const text = sql(file);
      const params =
        query.tool === 'Four Keys'
          ? [window.from, window.to, scope.systems]
          : [window.from, window.to, scope.id];
      let row: Record<string, unknown> = {};
      const latency = await timeIt(
        async () => {
          const { rows } = await client.query(text, params);
          row = rows[0] ?? {};
        },
        { warmup: 1, iterations: options.iterations },
      );
      return {
        file,
        value: query.value(row),
        label: query.label(row),
        latency,
      };
    };
    // A published query that timed out is not re-run for the other scopes (its variant is).
    const timedOut = new Set<string>();
    for (const scope of scopes) {
      for (const query of QUERIES) {
        const base = {
          tool: query.tool,
          metric: query.metric,
          scope: scope.id,
          file: query.file,
        };
        if (timedOut.has(query.file)) {
          results.push({
            ...base,
            timedOutAfterMs: options.timeoutMs,
            ...(query.variant
              ? { variant: await run(query, query.variant, scope) }
              : {}),
          });
          continue;
        }
        try {
          results.push({ ...base, ...(await run(query, query.file, scope)) });
        } catch (error) {
          if (!/statement timeout/.test(String((error as Error).message))) {
            results.push({ ...base, error: (error as Error).message });
            continue;
          }
          timedOut.add(query.file);
          const result: ReferenceResult = {
            ...base,
            timedOutAfterMs: options.timeoutMs,
          };
          if (query.variant) {
            result.variant = await run(query, query.variant, scope);
          }
          results.push(result);
        }
      }
    }
    return results;
  } finally {
    await client.end();
  }
}
