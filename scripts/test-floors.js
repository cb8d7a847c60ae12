#!/usr/bin/env node
/*
 * The check floors of scripts/test.sh, kept in scripts/test-floors.json: the least
 * number of checks each section (and each jest project) must report. A section that
 * reports fewer counts the missing ones as failed, so a run that lost tests (a file
 * that stopped loading, a filter, a crash) cannot end green.
 *
 *   node scripts/test-floors.js get <key>   prints a floor: tsc, lint, jest (the sum of
 *                                           the projects), postgres, e2e
 *   node scripts/test-floors.js raise       raises the floors to the counts of the last
 *                                           full run (.cache/test-results/); never lowers
 *   node scripts/test-floors.js check       fails when a floor is lower than in the
 *                                           previous committed version of the file (or
 *                                           than HEAD's, for an uncommitted edit) without
 *                                           a reason under "lowered" naming that key
 *
 * Lowering a floor is an edit by hand plus a line in "lowered": { "<key>": "why" }.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const FILE = path.join(ROOT, 'scripts', 'test-floors.json');
const RESULTS = path.join(ROOT, '.cache', 'test-results');

function readFloors(text) {
  const floors = JSON.parse(text ?? fs.readFileSync(FILE, 'utf8'));
  return {
    tsc: 0,
    lint: 0,
    postgres: 0,
    e2e: 0,
    jest: {},
    lowered: {},
    ...floors,
  };
}

/** Every floor as a flat key -> number map (jest projects as `jest:<project>`). */
function flatten(floors) {
  const flat = {
    tsc: floors.tsc,
    lint: floors.lint,
    postgres: floors.postgres,
    e2e: floors.e2e,
  };
  for (const [project, n] of Object.entries(floors.jest))
    flat[`jest:${project}`] = n;
  return flat;
}

function get(key) {
  const floors = readFloors();
  if (key === 'jest')
    return Object.values(floors.jest).reduce((a, b) => a + b, 0);
  if (!(key in floors) || typeof floors[key] !== 'number')
    throw new Error(`no floor named ${key}`);
  return floors[key];
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function raise() {
  const floors = readFloors();
  const changes = [];
  const bump = (label, current, measured, set) => {
    if (measured > current) {
      set(measured);
      changes.push(`${label}: ${current} -> ${measured}`);
    }
  };
  const jest = readJson(path.join(RESULTS, 'jest-summary.json'));
  if (jest?.strict) {
    for (const [project, counts] of Object.entries(jest.projects)) {
      bump(
        `jest:${project}`,
        floors.jest[project] ?? 0,
        counts.passed,
        n => (floors.jest[project] = n),
      );
    }
  } else {
    console.error(
      'no full jest run in .cache/test-results/ (a filtered run does not raise floors)',
    );
  }
  const pg = readJson(path.join(RESULTS, 'postgres-gate.json'));
  if (pg)
    bump(
      'postgres',
      floors.postgres,
      pg.postgresCases,
      n => (floors.postgres = n),
    );
  const e2e = readJson(path.join(RESULTS, 'e2e.json'));
  if (e2e && !e2e.only)
    bump('e2e', floors.e2e, e2e.passed, n => (floors.e2e = n));
  for (const section of ['tsc', 'lint'])
    bump(section, floors[section], 1, n => (floors[section] = n));
  if (changes.length === 0) {
    console.log('every floor is at or above the last run; nothing to raise');
    return;
  }
  const { lowered, ...rest } = floors;
  const ordered = {
    ...rest,
    jest: Object.fromEntries(Object.entries(rest.jest).sort()),
  };
  if (Object.keys(lowered).length > 0) ordered.lowered = lowered;
  fs.writeFileSync(FILE, `${JSON.stringify(ordered, null, 2)}\n`);
  console.log(
    `raised in scripts/test-floors.json (commit it):\n  ${changes.join(
      '\n  ',
    )}`,
  );
}

function git(args) {
  return execFileSync('git', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** The floors file as committed before `ref` last changed it, or undefined without that history. */
function previousVersion() {
  try {
    const working = fs.readFileSync(FILE, 'utf8');
    const head = git(['show', 'HEAD:scripts/test-floors.json']);
    if (head !== working) return { text: head, against: 'HEAD' };
    const [last] = git([
      'log',
      '-1',
      '--format=%H',
      '--',
      'scripts/test-floors.json',
    ]).split('\n');
    return {
      text: git(['show', `${last}~1:scripts/test-floors.json`]),
      against: `${last.slice(0, 8)}~1`,
    };
  } catch {
    return undefined;
  }
}

function check() {
  const previous = previousVersion();
  if (!previous) {
    console.log('test floors: no earlier committed version to compare with');
    return 0;
  }
  const now = readFloors();
  const before = flatten(readFloors(previous.text));
  const after = flatten(now);
  const lowered = Object.entries(before).filter(
    ([key, n]) => (after[key] ?? 0) < n,
  );
  const unexplained = lowered.filter(([key]) => !now.lowered[key]);
  for (const [key, n] of lowered) {
    const reason = now.lowered[key];
    console.log(
      `test floors: ${key} lowered from ${n} to ${after[key] ?? 0} (${
        reason ? `because: ${reason}` : 'NO REASON GIVEN'
      })`,
    );
  }
  if (unexplained.length > 0) {
    console.log(
      `test floors: lowered without a reason against ${previous.against}. A floor is only lowered on purpose: add "lowered": { "<key>": "why" } to scripts/test-floors.json.`,
    );
    return 1;
  }
  console.log(`test floors: none lowered against ${previous.against}`);
  return 0;
}

module.exports = { readFloors, get };

if (require.main === module) {
  const [command, key] = process.argv.slice(2);
  if (command === 'get') console.log(get(key));
  else if (command === 'raise') raise();
  else if (command === 'check') process.exit(check());
  else {
    console.error(
      'usage: node scripts/test-floors.js get <key> | raise | check',
    );
    process.exit(2);
  }
}
