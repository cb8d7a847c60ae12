import {
  IMPORT_LINES_PER_REQUEST,
  ImportRecord,
} from '@release-orchestration/plugin-release-orchestration-common';
import { BenchBackend } from '../backend/startBenchBackend';
import type { BulkImportResult } from '../measure/report';
import { importRecords } from './importScenario';

/**
 * Records per `POST /import` request: what the CLI sends by default (`IMPORT_LINES_PER_REQUEST`,
 * 5,000), so the figure is a migration's. Until 7 December the part sent 1,000, one transaction
 * batch; that hid a fault the CLI's size met: between two requests that each took longer than
 * the DORA catch-up's delay, the catch-up started and ran beside the import (1,725-1,751 records/s
 * with 5,000 a request, against 4,121-4,357 once the catch-up waits for the imports to pause).
 */
export const IMPORT_PER_REQUEST = IMPORT_LINES_PER_REQUEST;

/**
 * Records the part imports by default (`--import-records`): a migration's size, a quarter of the
 * 90 days of history the scale-1 installation holds (about 380,000 records). Until 7 December it
 * was 20,000, four requests of the CLI's size, of which the first (a new backend's JIT, the first
 * write to every System's index pages after the database was restored) takes twice as long as
 * the others: the figure was mostly the start.
 */
export const IMPORT_RECORDS = 100_000;

/** How long the part sends requests before it stops and reports what was imported. */
export const IMPORT_MAX_SECONDS = 180;

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
  options: {
    count: number;
    run: string;
    maxSeconds?: number;
    /** Production deployments queued for the DORA catch-up; polled after the last answer. */
    doraBacklog?: () => Promise<number>;
  },
): Promise<BulkImportResult> {
  const maxSeconds = options.maxSeconds ?? IMPORT_MAX_SECONDS;
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
  const elapsed = () => Number(process.hrtime.bigint() - from) / 1e9;
  let sent = 0;
  let stoppedAfterSeconds: number | undefined;
  const requestMs: number[] = [];
  for (const [index, body] of bodies.entries()) {
    if (elapsed() > maxSeconds) {
      stoppedAfterSeconds = Math.round(elapsed());
      break;
    }
    sent += Math.min(
      IMPORT_PER_REQUEST,
      records.length - index * IMPORT_PER_REQUEST,
    );
    const sentAt = performance.now();
    const response = await fetch(`${backend.baseUrl}/import`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${backend.token}`,
        'content-type': 'application/x-ndjson',
      },
      body,
    });
    const text = await response.text();
    requestMs.push(performance.now() - sentAt);
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
  const seconds = elapsed();
  let doraCatchUp: BulkImportResult['doraCatchUp'];
  if (options.doraBacklog) {
    const queued = await options.doraBacklog();
    const lastAnswer = process.hrtime.bigint();
    while ((await options.doraBacklog()) > 0) {
      if (Number(process.hrtime.bigint() - lastAnswer) / 1e9 > 900) {
        throw new Error('the DORA catch-up did not finish within 900 s');
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    doraCatchUp = {
      deployments: queued,
      seconds:
        Math.round(Number(process.hrtime.bigint() - lastAnswer) / 1e6) / 1000,
    };
  }
  const sorted = [...requestMs].sort((a, b) => a - b);
  return {
    records: sent,
    planned: records.length,
    ...(stoppedAfterSeconds !== undefined ? { stoppedAfterSeconds } : {}),
    requests: Math.ceil(sent / IMPORT_PER_REQUEST),
    perRequest: IMPORT_PER_REQUEST,
    seconds: Math.round(seconds * 1000) / 1000,
    recordsPerSecond: Math.round(sent / seconds),
    rejected: Object.entries(outcomes)
      .filter(([k]) => k.startsWith('rejected'))
      .reduce((a, [, v]) => a + v, 0),
    outcomes,
    backendCpuSeconds:
      Math.round((backend.cpuSeconds() - cpuBefore) * 100) / 100,
    ...(sorted.length > 0
      ? {
          requestMs: {
            first: Math.round(requestMs[0]),
            median: Math.round(sorted[Math.floor((sorted.length - 1) / 2)]),
            slowest: Math.round(sorted[sorted.length - 1]),
          },
        }
      : {}),
    ...(doraCatchUp ? { doraCatchUp } : {}),
  };
}
