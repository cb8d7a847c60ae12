#!/usr/bin/env node
/*
 * Reads jest's --json output (argument 1) and prints one line for scripts/test.sh:
 *   <passed> <failed> <passed cases with POSTGRES_15 in their name>
 * A test file that failed without any failing test case (it did not compile,
 * or a beforeAll threw) counts as one failure. Failures are listed on stderr
 * and, when a second argument is given, written to that file one a line.
 */
const fs = require('node:fs');
const path = require('node:path');

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`cannot read jest results from ${file}: ${error.message}`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
let postgresPassed = 0;
let skipped = 0;
const failures = [];

for (const suite of report.testResults ?? []) {
  const where = path.relative(process.cwd(), suite.name);
  let suiteFailures = 0;
  for (const test of suite.assertionResults ?? []) {
    if (test.status === 'passed') {
      passed += 1;
      if (test.fullName.includes('POSTGRES_15')) postgresPassed += 1;
    } else if (test.status === 'failed') {
      failed += 1;
      suiteFailures += 1;
      failures.push(`${where} > ${test.fullName}`);
    } else {
      skipped += 1;
    }
  }
  if (suite.status === 'failed' && suiteFailures === 0) {
    failed += 1;
    const reason =
      (suite.message || 'failed to run')
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .find(l => l.trim()) ?? '';
    failures.push(`${where} (the file failed to run: ${reason.trim()})`);
  }
}

if (failures.length > 0) {
  console.error(`\nFailing jest tests (${failures.length}):`);
  for (const failure of failures) console.error(`  x ${failure}`);
}
const failuresFile = process.argv[3];
if (failuresFile) {
  fs.writeFileSync(failuresFile, failures.map(f => `jest: ${f}\n`).join(''));
}
console.error(
  `jest: ${passed} passed, ${failed} failed, ${skipped} skipped or todo; ${postgresPassed} POSTGRES_15 cases passed`,
);
console.log(`${passed} ${failed} ${postgresPassed}`);
