import { z } from 'zod';
import { reportDeploymentRequestSchema } from './deploymentSchemas';
import { reportIncidentRequestSchema } from './incidentSchemas';
import { describeZodError, reportBuildRequestSchema } from './schemas';

/**
 * The kinds of record `POST /import` takes, one a line.
 * @public
 */
export const importRecordKindSchema = z.enum(
  ['build', 'deployment', 'incident'],
  {
    errorMap: () => ({
      message: "must be 'build', 'deployment' or 'incident'",
    }),
  },
);

/**
 * A record of `POST /import`, validated with the schema of its single report.
 * @public
 */
export type ImportRecord =
  | { kind: 'build'; report: z.output<typeof reportBuildRequestSchema> }
  | {
      kind: 'deployment';
      report: z.output<typeof reportDeploymentRequestSchema>;
    }
  | { kind: 'incident'; report: z.output<typeof reportIncidentRequestSchema> };

const reportSchemas = {
  build: reportBuildRequestSchema,
  deployment: reportDeploymentRequestSchema,
  incident: reportIncidentRequestSchema,
} as const;

/**
 * Lines one `POST /import` request carries when the CLI sends a file (its `--lines-per-request`
 * default). Larger requests amortise what every request costs (reading, the groups' last
 * transaction running alone); the benchmark sends the same.
 * @public
 */
export const IMPORT_LINES_PER_REQUEST = 5_000;

/**
 * Validates one line of `POST /import`: an object `{ "kind": ..., ...report }` whose other fields
 * are exactly the body of `POST /builds`, `POST /deployments` or `POST /incidents`. On failure,
 * the message names the field, like the single reports do.
 * @public
 */
export function parseImportRecord(
  value: unknown,
): { success: true; data: ImportRecord } | { success: false; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { success: false, error: 'must be a JSON object' };
  }
  const { kind, ...report } = value as Record<string, unknown>;
  const parsedKind = importRecordKindSchema.safeParse(kind);
  if (!parsedKind.success) {
    return {
      success: false,
      error: `kind: ${
        kind === undefined ? 'Required' : parsedKind.error.issues[0].message
      }`,
    };
  }
  const parsed = reportSchemas[parsedKind.data].safeParse(report);
  if (!parsed.success) {
    return { success: false, error: describeZodError(parsed.error) };
  }
  return {
    success: true,
    data: { kind: parsedKind.data, report: parsed.data } as ImportRecord,
  };
}

/**
 * What became of one line of `POST /import` (or one CDEvent): `created`, `finished` (a started
 * deployment finished), `unchanged` (an idempotent repeat), `ignored` (nothing to record), or
 * `rejected` with the HTTP status and message the single report would have got.
 * @public
 */
export interface ImportLineResult {
  /** 1-based line number in the request body. */
  line: number;
  kind?: 'build' | 'deployment' | 'incident';
  outcome: 'created' | 'finished' | 'unchanged' | 'ignored' | 'rejected';
  /** Id of the stored build, deployment or incident. */
  id?: string;
  /** With `rejected`: 400, 403, 404 or 409. */
  status?: number;
  /** With `rejected`: why, naming the field. */
  error?: string;
}

/**
 * Answer of `POST /import`: a count per outcome and one result per non-empty line, in order.
 * @public
 */
export interface ImportResponse {
  summary: {
    lines: number;
    created: number;
    finished: number;
    unchanged: number;
    rejected: number;
  };
  results: ImportLineResult[];
}
