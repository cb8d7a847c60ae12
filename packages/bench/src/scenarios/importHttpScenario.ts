import { ImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import { BenchBackend } from '../backend/startBenchBackend';
import type { BulkImportResult } from '../measure/report';
import { importRecords } from './importScenario';

/** Records per `POST /import` request (the route's limit is 10,000 lines). */
export const IMPORT_PER_REQUEST = 10_000;

/** Request bodies of `POST /import`: one line per record, its kind beside the report's fields. */
export function ndjsonBodies(
  records: ImportRecord[],
  perRequest: number,
): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < records.length; i += perRequest) {
    bodies.push(
      records
        .slice(i, i + perRequest)
        .map(r => JSON.stringify({ kind: r.kind, ...r.report }))
        .join('\n'),
    );
  }
  return bodies;
}

/**
 * The bulk import over HTTP: `count` records (per component version a build, its deployments to
 * the three lanes, an incident for one production deployment in fifty) of the installation's
 * Systems and components as NDJSON to `POST /import`, one request at a time; records per second
 * of wall time from the first request to the last answer.
 */
export async function measureBulkImport(
  backend: BenchBackend,
  systems: Array<{ ref: string; components: Array<{ ref: string }> }>,
  options: { count: number; run: string },
): Promise<BulkImportResult> {
  const perSystem = Math.min(...systems.map(s => s.components.length));
  const records = importRecords(options.count, {
    systems: systems.length,
    perSystem,
    run: options.run,
    refs: {
      component: (s, c) => systems[s].components[c].ref,
      system: s => systems[s].ref,
    },
  });
  const bodies = ndjsonBodies(records, IMPORT_PER_REQUEST);
  const outcomes: Record<string, number> = {};
  const cpuBefore = backend.cpuSeconds();
  const from = process.hrtime.bigint();
  for (const body of bodies) {
    const response = await fetch(`${backend.baseUrl}/import`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${backend.token}`,
        'content-type': 'application/x-ndjson',
      },
      body,
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`POST /import: ${response.status} ${text.slice(0, 300)}`);
    }
    const answer = JSON.parse(text) as {
      results: Array<{ outcome: string; status?: number; error?: string }>;
    };
    for (const r of answer.results) {
      const key =
        r.outcome === 'rejected'
          ? `rejected ${r.status}: ${String(r.error)
              .replace(/^line \d+: /, '')
              .slice(0, 80)}`
          : r.outcome;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - from) / 1e9;
  return {
    records: records.length,
    requests: bodies.length,
    perRequest: IMPORT_PER_REQUEST,
    seconds: Math.round(seconds * 1000) / 1000,
    recordsPerSecond: Math.round(records.length / seconds),
    rejected: Object.entries(outcomes)
      .filter(([k]) => k.startsWith('rejected'))
      .reduce((a, [, v]) => a + v, 0),
    outcomes,
    backendCpuSeconds:
      Math.round((backend.cpuSeconds() - cpuBefore) * 100) / 100,
  };
}
