#!/usr/bin/env node
/*
 * Reads jest's --json output and prints one line for scripts/test.sh:
 *   <passed> <failed>
 *
 *   node scripts/count-jest-results.js <jest.json> <failures.txt> <summary.json>
 *
 * Counted as failed:
 * - every failing test case;
 * - a test file that failed without any failing case (it did not compile, or a
 *   beforeAll threw): one failure;
 * - when JEST_STRICT=1 (test.sh sets it whenever no JEST_ARGS filter is given,
 *   and always under CI):
 *   - every skipped or todo case (`it.skip`, `it.todo`, `describe.skip`);
 *   - the cases a project (plugins/<x>, packages/<y>) is short of its floor in
 *     scripts/test-floors.json: checks that did not run are failures, so a crash
 *     or a file that stopped loading never looks like a smaller green run (a
 *     project without a floor is named on stderr, with the command that sets it).
 * - when jest wrote no readable results: the whole floor (strict) or 1 (not strict).
 *
 * Failures are listed on stderr and written to <failures.txt> one a line;
 * <summary.json> gets the counts per project (scripts/test-floors.js raise reads it).
 */
const fs = require('node:fs');
const path = require('node:path');
const { readFloors } = require('./test-floors');

const [file, failuresFile, summaryFile] = process.argv.slice(2);
const strict = process.env.JEST_STRICT === '1';
const root = path.resolve(__dirname, '..');
const floors = readFloors().jest;

/** plugins/<name> or packages/<name>: the workspace a test file belongs to. */
function projectOf(testFile) {
  return path.relative(root, testFile).split(path.sep).slice(0, 2).join('/');
}

const failures = [];
const projects = {};
let passed = 0;
let failed = 0;
let skipped = 0;

function finish() {
  if (failures.length > 0) {
    console.error(`\nFailing jest checks (${failures.length}):`);
    for (const failure of failures.slice(0, 200))
      console.error(`  x ${failure}`);
  }
  if (failuresFile) {
    fs.writeFileSync(failuresFile, failures.map(f => `jest: ${f}\n`).join(''));
  }
  if (summaryFile) {
    fs.writeFileSync(
      summaryFile,
      `${JSON.stringify(
        { passed, failed, skipped, strict, projects },
        null,
        2,
      )}\n`,
    );
  }
  console.error(
    `jest: ${passed} passed, ${failed} failed, ${skipped} skipped or todo`,
  );
  console.log(`${passed} ${failed}`);
}

let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  const floorTotal = Object.values(floors).reduce((a, b) => a + b, 0);
  failed = strict ? Math.max(floorTotal, 1) : 1;
  failures.push(
    `no readable results in ${file} (${error.message}); counting ${failed} check(s) that did not run as failed` +
      (strict ? ' (the jest floors in scripts/test-floors.json)' : ''),
  );
  finish();
  process.exit(0);
}

for (const suite of report.testResults ?? []) {
  const where = path.relative(root, suite.name);
  const project = (projects[projectOf(suite.name)] ??= {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  let suiteFailures = 0;
  for (const test of suite.assertionResults ?? []) {
    if (test.status === 'passed') {
      passed += 1;
      project.passed += 1;
    } else if (test.status === 'failed') {
      failed += 1;
      project.failed += 1;
      suiteFailures += 1;
      failures.push(`${where} > ${test.fullName}`);
    } else {
      skipped += 1;
      project.skipped += 1;
      if (strict) {
        failed += 1;
        project.failed += 1;
        failures.push(
          `${where} > ${test.fullName} (${test.status}: no test may be skipped)`,
        );
      }
    }
  }
  if (suite.status === 'failed' && suiteFailures === 0) {
    failed += 1;
    project.failed += 1;
    const reason =
      (suite.message || 'failed to run')
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .find(l => l.trim()) ?? '';
    failures.push(`${where} (the file failed to run: ${reason.trim()})`);
  }
}

if (strict) {
  for (const [project, floor] of Object.entries(floors)) {
    const counts = projects[project] ?? { passed: 0, failed: 0, skipped: 0 };
    const reported = counts.passed + counts.failed;
    if (reported < floor) {
      const missing = floor - reported;
      failed += missing;
      failures.push(
        `${project}: ${reported} checks reported, the floor is ${floor}: ${missing} check(s) did not run, counted as failed`,
      );
    }
  }
  for (const [project, counts] of Object.entries(projects)) {
    if (!(project in floors) && counts.passed > 0) {
      // A new project: its cases count, but nothing holds them yet.
      console.error(
        `jest: ${project} has no floor in scripts/test-floors.json; set it with \`node scripts/test-floors.js raise\` and commit the file`,
      );
    }
  }
}

finish();
