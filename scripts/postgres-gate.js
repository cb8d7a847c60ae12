#!/usr/bin/env node
/*
 * The PostgreSQL gate of scripts/test.sh: the database tests must have run on
 * PostgreSQL 15 exactly as often as on SQLite.
 *
 *   node scripts/postgres-gate.js <jest.json> <failures.txt> <result.json>
 *
 * Three checks, printed as `<passed> <failed>`:
 * 1. parity: every test case whose name holds SQLITE_3 (a `describe.each` /
 *    `it.each` over TestDatabases ids) has a twin in the same file with
 *    POSTGRES_15 in its place that ran (a failing twin is already a jest
 *    failure); and there is at least one such case;
 * 2. floor: at least the `postgres` floor of scripts/test-floors.json ran;
 * 3. server: the server in BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 *    answers `SHOW server_version_num` with major version 15, the version the
 *    cases are labelled with.
 * Without jest results (jest skipped or crashed) every check fails.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { readFloors } = require('./test-floors');

const [file, failuresFile, resultFile] = process.argv.slice(2);
const root = path.resolve(__dirname, '..');
const EXPECTED_MAJOR = 15;
const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const failures = [];
let passed = 0;
const result = {
  sqliteCases: 0,
  postgresCases: 0,
  missing: [],
  serverVersionNum: undefined,
};

function fail(message) {
  failures.push(message);
}

let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  fail(
    `parity: no jest results to check (${error.message}): jest was skipped or crashed`,
  );
}

if (report) {
  const sqlite = new Set();
  const postgres = new Set();
  for (const suite of report.testResults ?? []) {
    const where = path.relative(root, suite.name);
    for (const test of suite.assertionResults ?? []) {
      if (test.fullName.includes('SQLITE_3'))
        sqlite.add(`${where} > ${test.fullName}`);
      // Ran (passed or failed: a failure is already counted by jest), not skipped or missing.
      if (
        test.fullName.includes('POSTGRES_15') &&
        ['passed', 'failed'].includes(test.status)
      ) {
        postgres.add(
          `${where} > ${test.fullName.replaceAll('POSTGRES_15', 'SQLITE_3')}`,
        );
      }
    }
  }
  result.sqliteCases = sqlite.size;
  result.postgresCases = postgres.size;
  result.missing = [...sqlite].filter(name => !postgres.has(name));
  if (sqlite.size === 0) {
    fail(
      'parity: no test case named SQLITE_3 ran, so nothing shows the database tests ran at all',
    );
  } else if (result.missing.length > 0) {
    fail(
      `parity: ${result.missing.length} of ${
        sqlite.size
      } SQLITE_3 cases have no POSTGRES_15 twin that ran, e.g. ${result.missing
        .slice(0, 5)
        .map(n => n.replaceAll('SQLITE_3', 'POSTGRES_15'))
        .join('; ')}`,
    );
  } else {
    passed += 1;
  }
  const floor = readFloors().postgres;
  if (postgres.size < floor) {
    fail(
      `floor: ${postgres.size} POSTGRES_15 cases ran, the floor in scripts/test-floors.json is ${floor}`,
    );
  } else {
    passed += 1;
  }
}

/** `SHOW server_version_num` through psql, or through node-postgres when psql is absent. */
function serverVersionNum() {
  try {
    return execFileSync('psql', [url, '-XAtc', 'SHOW server_version_num'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 15_000,
    }).trim();
  } catch (error) {
    if (error.code !== 'ENOENT')
      throw new Error(String(error.stderr || error.message).trim());
  }
  const script =
    "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1] });" +
    "c.connect().then(() => c.query('SHOW server_version_num')).then(r => { console.log(r.rows[0].server_version_num); return c.end(); })" +
    '.catch(e => { console.error(e.message); process.exit(1); });';
  return execFileSync(process.execPath, ['-e', script, url], {
    cwd: path.join(root, 'plugins', 'release-orchestration-backend'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15_000,
  }).trim();
}

if (!url) {
  fail(
    'server: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set, so no PostgreSQL was used',
  );
} else {
  try {
    const num = serverVersionNum();
    result.serverVersionNum = num;
    const major = Math.floor(Number(num) / 10000);
    if (major === EXPECTED_MAJOR) passed += 1;
    else
      fail(
        `server: the cases are labelled POSTGRES_${EXPECTED_MAJOR} but the server is version ${num} (major ${major})`,
      );
  } catch (error) {
    fail(`server: could not ask the server its version: ${error.message}`);
  }
}

for (const f of failures) console.error(`  x postgres-gate: ${f}`);
if (failuresFile)
  fs.writeFileSync(
    failuresFile,
    failures.map(f => `postgres-gate: ${f}\n`).join(''),
  );
if (resultFile)
  fs.writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
console.error(
  `postgres-gate: ${result.postgresCases} POSTGRES_15 twins of ${
    result.sqliteCases
  } SQLITE_3 cases ran; server_version_num ${
    result.serverVersionNum ?? 'unknown'
  }`,
);
console.log(`${passed} ${3 - passed}`);
