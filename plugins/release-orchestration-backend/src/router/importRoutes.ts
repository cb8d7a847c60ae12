import { NotAllowedError } from '@backstage/errors';
import {
  buildReportPermission,
  deploymentReportPermission,
  ImportLineResult,
  ImportRecord,
  ImportResponse,
  incidentReportPermission,
  parseImportRecord,
} from '@release-orchestration/plugin-release-orchestration-common';
import { IngestService } from '../service/ingest/IngestService';
import { UnsupportedMediaTypeError } from './httpErrors';
import { readNdjsonLines } from './readNdjsonLines';
import { Caller, RouteContext, SystemPermission } from './RouteContext';
import { ApiRouter } from './apiRouter';

/** The content type of `POST /import`. */
export const NDJSON_TYPE = 'application/x-ndjson';
/** The most lines one `POST /import` takes; the CLI sends larger files in parts. */
export const MAX_IMPORT_LINES = 10_000;
/** The most bytes one `POST /import` takes. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const PERMISSIONS: Record<ImportRecord['kind'], SystemPermission> = {
  build: buildReportPermission,
  deployment: deploymentReportPermission,
  incident: incidentReportPermission,
};

/**
 * Authorizes reports on Systems for one request, asking the permission framework once per
 * kind and System.
 */
export function memoizedReportAuthorizer(ctx: RouteContext, caller: Caller) {
  const decisions = new Map<string, Promise<boolean>>();
  return async (kind: ImportRecord['kind'], systemRef: string) => {
    const permission = PERMISSIONS[kind];
    const key = `${kind}\n${systemRef}`;
    let allowed = decisions.get(key);
    if (!allowed) {
      allowed = ctx
        .allows(caller, permission, [systemRef])
        .then(set => set.has(systemRef));
      decisions.set(key, allowed);
    }
    if (!(await allowed)) {
      throw new NotAllowedError(
        `You are not allowed to do this: ${permission.name} was denied on ${systemRef}`,
      );
    }
  };
}

function summarize(results: ImportLineResult[]): ImportResponse['summary'] {
  const summary = {
    lines: results.length,
    created: 0,
    finished: 0,
    unchanged: 0,
    rejected: 0,
  };
  for (const result of results) {
    if (result.outcome !== 'ignored') {
      summary[result.outcome] += 1;
    }
  }
  return summary;
}

/** `POST /import`: builds, deployments and incidents as NDJSON, answered per line. */
export function importRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  ingest: IngestService,
): void {
  router.post('/import', async (req, res) => {
    const caller = await ctx.caller(req);
    if (!req.is(NDJSON_TYPE)) {
      const type = req.headers['content-type'];
      throw new UnsupportedMediaTypeError(
        `Unsupported request body: Content-Type must be ${NDJSON_TYPE}, got ${
          type ? JSON.stringify(type.slice(0, 100)) : 'none'
        }`,
      );
    }
    const lines = await readNdjsonLines(
      req,
      { maxBytes: MAX_IMPORT_BYTES, maxLines: MAX_IMPORT_LINES },
      parseImportRecord,
    );
    const results: ImportLineResult[] = [];
    const records: ImportRecord[] = [];
    const recordResults: ImportLineResult[] = [];
    for (const entry of lines) {
      if ('value' in entry) {
        const result: ImportLineResult = {
          line: entry.line,
          kind: entry.value.kind,
          outcome: 'created',
        };
        records.push(entry.value);
        recordResults.push(result);
        results.push(result);
      } else {
        results.push({
          line: entry.line,
          outcome: 'rejected',
          status: 400,
          error: `line ${entry.line}: ${entry.error}`,
        });
      }
    }
    const ingested = await ingest.ingest(records, {
      actor: caller.actor,
      source: 'import',
      authorize: memoizedReportAuthorizer(ctx, caller),
      deferDora: true,
    });
    ingested.forEach((outcome, i) => {
      const result = recordResults[i];
      if (outcome.outcome === 'rejected') {
        Object.assign(result, {
          outcome: 'rejected',
          status: outcome.status,
          error: `line ${result.line}: ${outcome.error}`,
        });
      } else {
        Object.assign(result, { outcome: outcome.outcome, id: outcome.id });
      }
    });
    const body: ImportResponse = { summary: summarize(results), results };
    res.status(200).json(body);
  });
}
