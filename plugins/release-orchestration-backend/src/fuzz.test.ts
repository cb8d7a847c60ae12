import fc from 'fast-check';
import { createTestDatabases } from './__testUtils__/testStores';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  baseRequests,
  BaseRequest,
  createFuzzFixtures,
} from './__testUtils__/fuzz/fuzzFixtures';
import {
  FuzzOperation,
  readFuzzOperations,
} from './__testUtils__/fuzz/fuzzOperations';
import {
  concretePath,
  describeMutation,
  Mutation,
  mutationsOf,
  sendMutated,
} from './__testUtils__/fuzz/fuzzRequests';
import { snapshotter } from './__testUtils__/fuzz/fuzzSnapshot';

/**
 * Property-based fuzzing of every operation of openapi.yaml: a well-formed request of each,
 * broken one part at a time (wrong types, missing and unknown fields, huge strings and arrays,
 * deep nesting, NUL and lone surrogates, injection-looking strings, impossible dates, huge
 * numbers, forged cursors and refs, wrong content types and methods), with a fixed seed.
 */

jest.setTimeout(15 * 60_000);

const SEED = 19_2026;
const RUNS_PER_OPERATION = 40;
const operations = readFuzzOperations();
const TOTAL_REQUESTS = operations.length * RUNS_PER_OPERATION;

function methodsOf(template: string): string[] {
  return operations.filter(o => o.template === template).map(o => o.method);
}

/** The operations whose template matches a concrete path (a mutated method may land on another). */
function templatesMatching(path: string): FuzzOperation[] {
  return operations.filter(o =>
    new RegExp(`^${o.template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
}

/** The well-formed request of an operation: the suite's own, or one from the document's examples. */
function baseFor(
  operation: FuzzOperation,
  known: Record<string, Partial<BaseRequest>>,
): BaseRequest {
  const mine = known[operation.key] ?? {};
  const fromDocument = (where: 'path' | 'query' | 'header') =>
    Object.fromEntries(
      operation.parameters
        .filter(p => p.in === where && p.required)
        .map(p => [
          p.name,
          String(
            p.example ??
              (where === 'path' ? '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b' : 'x'),
          ),
        ]),
    );
  return {
    path: mine.path ?? fromDocument('path'),
    query: mine.query ?? fromDocument('query'),
    headers: mine.headers ?? fromDocument('header'),
    body: mine.body ?? operation.exampleBody,
    unique: mine.unique,
  };
}

/** What is wrong with the answer to a mutated request, or undefined. */
function judge(
  operation: FuzzOperation,
  base: BaseRequest,
  mutation: Mutation,
  res: {
    status: number;
    body: any;
    headers: Record<string, string>;
    text: string;
  },
): string | undefined {
  const message: unknown = res.body?.error?.message;
  const at = `${operation.key} ${describeMutation(mutation)} answered ${
    res.status
  }`;
  if (res.status >= 500) {
    return `${at}: ${String(message ?? res.text).slice(0, 300)}`;
  }
  if (res.status < 400) {
    return undefined;
  }
  if (
    typeof message !== 'string' ||
    message.trim().length < 5 ||
    res.body?.error?.name === undefined
  ) {
    return `${at} without Backstage's error body naming the problem: ${res.text.slice(
      0,
      200,
    )}`;
  }
  const expectStatus = (status: number, words: RegExp) =>
    res.status === status && words.test(message)
      ? undefined
      : `${at}, expected ${status} saying ${words}: ${message.slice(0, 200)}`;
  switch (mutation.kind) {
    case 'content-type':
      return expectStatus(415, /Content-Type/);
    case 'oversized':
      return expectStatus(413, /too large/);
    case 'bad-json':
      return expectStatus(400, /not valid JSON/);
    case 'method': {
      const path = concretePath(operation.template, base.path);
      if (templatesMatching(path).some(o => o.method === mutation.method)) {
        return undefined;
      }
      const allowed = methodsOf(operation.template).map(m => m.toUpperCase());
      const allow = res.headers.allow ?? '';
      return res.status === 405 && allowed.every(m => allow.includes(m))
        ? undefined
        : `${at}, expected 405 with Allow: ${allowed.join(
            ', ',
          )} (got '${allow}'): ${message.slice(0, 200)}`;
    }
    case 'body-whole':
      return res.status === 400 && !/\bbody\b/.test(message)
        ? `${at}: a 400 that does not say the body is wrong: ${message}`
        : undefined;
    case 'path':
      return undefined; // a mutated path may name another route; any 4xx with a message is right
    case 'body-unknown':
      // Strict bodies refuse the field by name (the message may cut a very long name short).
      return res.status === 400 && !/Unrecognized key/.test(message)
        ? `${at}: a 400 that does not name the unknown field: ${message.slice(
            0,
            200,
          )}`
        : undefined;
    default: {
      if (res.status !== 400) {
        return undefined;
      }
      // A 400 names a field: the mutated one, or another the mutated value made wrong (e.g. an
      // end before a start), always as `field: problem`.
      const names = [
        mutation.name,
        ...(operation.bodyFields ?? []),
        ...operation.parameters.map(p => p.name),
        ...Object.keys(base.body ?? {}),
      ];
      const named = (name: string) => {
        const shown = JSON.stringify(name).slice(1, -1);
        return [
          `${shown}:`,
          `${shown}.`,
          `'${shown}'`,
          `${shown} header:`,
        ].some(form => message.includes(form));
      };
      return names.some(named)
        ? undefined
        : `${at}: a 400 that names no field: ${message.slice(0, 300)}`;
    }
  }
}

/** Tallies of one run: requests sent, failures found, and the database state last seen. */
interface FuzzRun {
  server: any;
  snapshot: () => Promise<string>;
  last: string;
  sent: number;
  failures: string[];
}

/** One request: send it, judge the answer, and check that a refused request wrote nothing. */
async function probe(
  run: FuzzRun,
  operation: FuzzOperation,
  base: BaseRequest,
  mutation: Mutation,
) {
  let res;
  try {
    res = await sendMutated(run.server, operation, base, mutation);
  } catch (error) {
    run.failures.push(
      `${operation.key} ${describeMutation(
        mutation,
      )} could not be sent: ${error}`,
    );
    return;
  }
  run.sent += 1;
  const problem = judge(operation, base, mutation, res);
  if (problem) {
    run.failures.push(problem);
  }
  const now = await run.snapshot();
  if (res.status >= 400 && now !== run.last) {
    run.failures.push(
      `${operation.key} ${describeMutation(mutation)} was refused with ${
        res.status
      } but wrote: ${run.last} -> ${now}`,
    );
  }
  run.last = now;
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'fuzzing every OpenAPI operation on %p',
  databaseId => {
    it(`sends ${TOTAL_REQUESTS} requests (${RUNS_PER_OPERATION} per operation x ${operations.length} operations, seed ${SEED}): no 5xx, every 4xx names the problem, refused requests write nothing`, async () => {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
        entities: promotionTestEntities(),
        config: {
          releaseOrchestration: {
            environments: [
              { name: 'dev' },
              {
                name: 'production',
                approvers: ['group:default/release-managers'],
                requiredEvidence: ['unit-tests'],
                requirePreviousEnvironment: false,
              },
            ],
          },
        },
      });
      const known = baseRequests(await createFuzzFixtures(server));
      const snapshot = await snapshotter(knex);
      const run: FuzzRun = {
        server,
        snapshot,
        last: await snapshot(),
        sent: 0,
        failures: [],
      };
      for (const [index, operation] of operations.entries()) {
        const base = baseFor(operation, known);
        const mutations = mutationsOf(
          operation,
          base,
          methodsOf(operation.template),
        );
        await fc.assert(
          fc.asyncProperty(mutations, mutation =>
            probe(run, operation, base, mutation),
          ),
          {
            seed: SEED + index,
            numRuns: RUNS_PER_OPERATION,
            endOnFailure: true,
          },
        );
      }
      expect(run.failures.slice(0, 40)).toEqual([]);
      expect(run.sent).toBe(TOTAL_REQUESTS);
    });
  },
);
