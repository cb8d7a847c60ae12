#!/usr/bin/env bash
# README command 2: every check the project has, in one run.
#
#   test floors             1 test: no floor in scripts/test-floors.json was lowered without a reason
#   type-check (tsc)        1 test
#   lint                    5 tests: eslint, Prettier, config:check --strict of app-config.yaml, OpenAPI
#                           generated files and validation, API reports
#   jest (all packages)     1 test per test case; a suite that fails to load counts 1
#   PostgreSQL gate         3 tests: every SQLITE_3 case has a passing POSTGRES_15 twin, the
#                           PostgreSQL floor, and the server is major version 15
#   browser test (e2e/)     1 test per scenario
#
# A section that reports fewer checks than its floor (scripts/test-floors.json) counts the
# missing ones as failed: a crash, a missing browser or a test file that stopped loading
# never ends green. Skipped and todo tests fail the run. Raise the floors after adding tests
# with `node scripts/test-floors.js raise`; see docs/testing.md.
#
# The last line is always exactly `N passed, N failed`; the exit code is non-zero
# when anything failed. Machine-readable results are kept in .cache/test-results/.
#
# Environment:
#   CI=true                    refuse TEST_SKIP, JEST_ARGS and E2E_ONLY; run the PostgreSQL gate
#   TEST_SKIP=e2e,lint,...     skip sections (tsc, lint, jest, e2e); local iteration only
#   JEST_MAX_WORKERS           jest --maxWorkers (default 2)
#   JEST_ARGS                  extra arguments for jest, e.g. "plugins/release-orchestration-backend";
#                              local iteration only (turns off the jest floors and the skip check)

set -uo pipefail

SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PASSED=0
FAILED=0
# The floors of the sections that have not reported yet; checks that never ran count as failed.
floor() { node "$SCRIPTS_DIR/test-floors.js" get "$1" 2>/dev/null || echo 1; }
FLOOR_TSC="$(floor tsc)" FLOOR_LINT="$(floor lint)" FLOOR_JEST="$(floor jest)" FLOOR_E2E="$(floor e2e)"
FLOOR_PG=3 FLOOR_FLOORS=1
NOT_RUN=$((FLOOR_FLOORS + FLOOR_TSC + FLOOR_LINT + FLOOR_JEST + FLOOR_PG + FLOOR_E2E))
# Keep the promise of the last line even when the run stops early (the bootstrap
# failed, or the run was interrupted): the checks that did not run count as failed.
trap 'if [ -z "${FINISHED:-}" ]; then
  echo "[test] the run stopped before it finished (refused, bootstrap failure or interrupt): $NOT_RUN check(s) did not run and count as failed" >&2
  echo "$PASSED passed, $((FAILED + (NOT_RUN > 0 ? NOT_RUN : 1))) failed"
fi' EXIT

if [ "${CI:-}" = "true" ]; then
  REFUSED=()
  for var in TEST_SKIP JEST_ARGS E2E_ONLY; do
    [ -n "${!var:-}" ] && REFUSED+=("$var=${!var}")
  done
  if [ "${#REFUSED[@]}" -gt 0 ]; then
    echo "[test] CI=true runs every check: refusing ${REFUSED[*]} (these are for local iteration only; unset them)" >&2
    exit 1
  fi
fi

# shellcheck source=scripts/bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
set +e
cd "$REPO_ROOT"
log() { printf '\033[1;34m[test]\033[0m %s\n' "$*" >&2; }

RESULTS_DIR="$REPO_ROOT/.cache/test-results"
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

SUMMARY=()
FAILURES=() # one line per failed check, repeated at the end of the log
RUN_START=$SECONDS

bold() { printf '\033[1m%s\033[0m\n' "$*"; }
# section <short name for the summary> <title>
section() {
  SECTION_NAME="$1"
  SECTION_FLOOR=0
  SECTION_START=$SECONDS
  echo
  bold "==> ${2:-$1}   ($(date +%H:%M:%S))"
}
# end_section <passed> <failed> <floor> [note]: the checks short of <floor> count as failed.
end_section() {
  local p="$1" f="$2" fl="$3" note="${4:-}" secs=$((SECONDS - SECTION_START))
  if [ "$((p + f))" -lt "$fl" ]; then
    local missing=$((fl - p - f))
    f=$((f + missing))
    note="${note:+$note; }$missing of the floor's $fl checks did not run"
    FAILURES+=("$SECTION_NAME: $((p + f - missing)) checks reported, the floor is $fl: $missing counted as failed (scripts/test-floors.json)")
  fi
  NOT_RUN=$((NOT_RUN - ${SECTION_FLOOR:-0}))
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  local status="ok"
  [ "$f" -gt 0 ] && status="FAILED"
  [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && status="-"
  SUMMARY+=("$(printf '%-14s %-7s %5s passed %4s failed %6ss  %s' "$SECTION_NAME" "$status" "$p" "$f" "$secs" "$note")")
  bold "<== $SECTION_NAME: $p passed, $f failed in ${secs}s${note:+ ($note)}"
}
skipped() { [[ ",${TEST_SKIP:-}," == *",$1,"* ]]; }

# ---------------------------------------------------------------------------
section environment "environment: Node, PostgreSQL, Chromium"
PG_URL="postgresql://postgres@127.0.0.1:5432"
pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  # Set by the caller (for example a CI service container): use it as given.
  PG_URL="$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
  log "database tests run on SQLite and the PostgreSQL given in BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
else
  if ! command -v pg_isready >/dev/null 2>&1; then
    log "PostgreSQL client tools are not installed"
  elif pg_up; then
    log "PostgreSQL is up at 127.0.0.1:5432"
  elif command -v pg_ctlcluster >/dev/null 2>&1 && pg_lsclusters 2>/dev/null | grep -q '^15 \+main'; then
    log "PostgreSQL 15 is installed but down; starting it"
    pg_ctlcluster 15 main start 2>&1 || sudo -n pg_ctlcluster 15 main start 2>&1
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  if pg_up; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_URL"
    log "database tests run on SQLite and PostgreSQL 15 ($PG_URL)"
  else
    log "PostgreSQL is not reachable at 127.0.0.1:5432: database tests run on SQLite only"
  fi
fi

CHROMIUM="${E2E_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ] && ! skipped e2e; then
  log "Chromium is not installed; installing Debian's chromium package for the browser test"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
  ($SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium) >"$RESULTS_DIR/apt.log" 2>&1 ||
    log "could not install chromium (see $RESULTS_DIR/apt.log); the browser test will fail"
  CHROMIUM="$(command -v chromium || true)"
fi
[ -n "$CHROMIUM" ] && export E2E_CHROMIUM="$CHROMIUM" && log "browser: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
SUMMARY+=("$(printf '%-14s %-7s %32ss' environment ok $((SECONDS - SECTION_START)))")

# ---------------------------------------------------------------------------
section test-floors "test floors: none lowered without a reason (scripts/test-floors.json)"
SECTION_FLOOR=$FLOOR_FLOORS
if node "$REPO_ROOT/scripts/test-floors.js" check; then
  end_section 1 0 "$FLOOR_FLOORS"
else
  end_section 0 1 "$FLOOR_FLOORS" "a floor was lowered"
  FAILURES+=("test-floors: a floor in scripts/test-floors.json was lowered without a reason")
fi

# ---------------------------------------------------------------------------
section tsc "type-check: tsc (not incremental: a cached build info once hid errors; writes dist-types/ for the API reports)"
SECTION_FLOOR=$FLOOR_TSC
if skipped tsc; then
  end_section 0 0 0 "skipped"
elif rm -rf dist-types && npx tsc --incremental false --pretty; then
  end_section 1 0 "$FLOOR_TSC"
else
  end_section 0 1 "$FLOOR_TSC" "tsc reported errors"
  FAILURES+=("tsc: type errors (see the type-check section)")
fi

# ---------------------------------------------------------------------------
section lint "lint: eslint (backstage-cli repo lint, e2e/), Prettier, the demo config against every package's schema, the OpenAPI contract, API reports"
SECTION_FLOOR=$FLOOR_LINT
if skipped lint; then
  end_section 0 0 0 "skipped"
else
  LP=0 LF=0
  if npx backstage-cli repo lint && npx eslint --ext .mjs --max-warnings 0 e2e; then
    LP=$((LP + 1))
  else
    LF=$((LF + 1)) && FAILURES+=("lint: eslint errors (see the lint section)")
  fi
  if npx prettier --check --loglevel warn .; then
    LP=$((LP + 1))
  else
    LF=$((LF + 1)) && FAILURES+=("lint: files not formatted by Prettier (run npx prettier --write <file>)")
  fi
  # --strict: every key must be declared by some package's config.d.ts. The two secrets
  # are read from the environment at start-up; any value satisfies the schema here.
  if RELEASE_ORCHESTRATION_CI_TOKEN="${RELEASE_ORCHESTRATION_CI_TOKEN:-config-check}" \
    RELEASE_ORCHESTRATION_AUDIT_KEY="${RELEASE_ORCHESTRATION_AUDIT_KEY:-config-check}" \
    npx backstage-cli config:check --strict --config app-config.yaml; then
    LP=$((LP + 1))
  else
    LF=$((LF + 1)) && FAILURES+=("lint: app-config.yaml does not match the config schema (backstage-cli config:check --strict)")
  fi
  # The OpenAPI document is the one contract: the generated router, EndpointMap and client types
  # must be what it generates (scripts/openapi-generate.mjs --check), and it must be valid OpenAPI
  # with router.ts carrying the same document (backstage-repo-tools repo schema openapi validate,
  # which loads router.ts through the Backstage CLI's TypeScript transform).
  if node scripts/openapi-generate.mjs --check &&
    NODE_OPTIONS="--require @backstage/cli/config/nodeTransform.cjs" \
      npx backstage-repo-tools repo schema openapi validate plugins/release-orchestration-backend; then
    LP=$((LP + 1))
  else
    LF=$((LF + 1)) && FAILURES+=("lint: the OpenAPI document and its generated files disagree or the document is invalid (run node scripts/openapi-generate.mjs and commit the generated files)")
  fi
  # The API reports (report*.api.md) must match the packages' exports; needs tsc's dist-types/.
  if npm run --silent api-reports -- --ci; then
    LP=$((LP + 1))
  else
    LF=$((LF + 1)) && FAILURES+=("lint: an API report is out of date (run npm run api-reports:update and commit report*.api.md; the reports are read from this exact tsc run, since union order in .d.ts follows the compiler options)")
  fi
  end_section "$LP" "$LF" "$FLOOR_LINT"
fi

# ---------------------------------------------------------------------------
section jest "unit and integration tests: backstage-cli repo test (jest)"
SECTION_FLOOR=$FLOOR_JEST
JEST_JSON="$RESULTS_DIR/jest.json"
if skipped jest; then
  end_section 0 0 0 "skipped"
else
  # Without a filter every project must reach its floor and no test may be skipped.
  export JEST_STRICT=1
  [ -n "${JEST_ARGS:-}" ] && JEST_STRICT=0 && log "JEST_ARGS is set: the jest floors and the skip check are off for this run"
  # --no-watch: without CI set, backstage-cli would start jest in watch mode.
  # shellcheck disable=SC2086
  npx backstage-cli repo test --ci --no-watch \
    --maxWorkers="${JEST_MAX_WORKERS:-2}" \
    --json --outputFile="$JEST_JSON" ${JEST_ARGS:-}
  JEST_EXIT=$?
  # Prints "<passed> <failed>" (floors and skipped tests included) and the failing names on stderr.
  read -r JP JF < <(node "$REPO_ROOT/scripts/count-jest-results.js" "$JEST_JSON" \
    "$RESULTS_DIR/jest-failures.txt" "$RESULTS_DIR/jest-summary.json")
  if [ -z "${JP:-}" ]; then
    JP=0 JF=$([ "$JEST_STRICT" = 1 ] && echo "$FLOOR_JEST" || echo 1)
    log "the jest results could not be counted (exit $JEST_EXIT); counting $JF check(s) as failed"
    FAILURES+=("jest: no results (exit $JEST_EXIT)")
  elif [ "$JEST_EXIT" -ne 0 ] && [ "$JF" -eq 0 ]; then
    JF=1
    log "jest exited with $JEST_EXIT but reported no failing test; counting 1 failure"
    FAILURES+=("jest: exited with $JEST_EXIT without a failing test (see the jest section)")
  fi
  if [ -s "$RESULTS_DIR/jest-failures.txt" ]; then
    mapfile -t -O "${#FAILURES[@]}" FAILURES <"$RESULTS_DIR/jest-failures.txt"
  fi
  end_section "$JP" "$JF" "$([ "$JEST_STRICT" = 1 ] && echo "$FLOOR_JEST" || echo 0)"
fi

# ---------------------------------------------------------------------------
# Outside the jest branch: under CI it runs, and fails, when jest was skipped or crashed.
if [ "${CI:-}" = "true" ] || { ! skipped jest && [ -z "${JEST_ARGS:-}" ]; }; then
  section postgres-gate "PostgreSQL gate: every SQLITE_3 case passed on PostgreSQL 15 too"
  SECTION_FLOOR=$FLOOR_PG
  read -r GP GF < <(node "$REPO_ROOT/scripts/postgres-gate.js" "$JEST_JSON" \
    "$RESULTS_DIR/postgres-gate-failures.txt" "$RESULTS_DIR/postgres-gate.json")
  if [ -z "${GP:-}" ]; then
    GP=0 GF=$FLOOR_PG
    FAILURES+=("postgres-gate: the gate did not run")
  fi
  if [ "$GF" -gt 0 ]; then
    log "Make PostgreSQL 15 reachable at $PG_URL (a role with CREATEDB) so that"
    log "BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set, and run every database test on both."
  fi
  if [ -s "$RESULTS_DIR/postgres-gate-failures.txt" ]; then
    mapfile -t -O "${#FAILURES[@]}" FAILURES <"$RESULTS_DIR/postgres-gate-failures.txt"
  fi
  end_section "$GP" "$GF" "$FLOOR_PG"
else
  NOT_RUN=$((NOT_RUN - FLOOR_PG))
fi

# ---------------------------------------------------------------------------
section e2e "browser test: node e2e/run.mjs"
SECTION_FLOOR=$FLOOR_E2E
E2E_JSON="$RESULTS_DIR/e2e.json"
E2E_FLOOR=$([ -z "${E2E_ONLY:-}" ] && echo "$FLOOR_E2E" || echo 0)
if skipped e2e; then
  end_section 0 0 0 "skipped"
else
  node "$REPO_ROOT/e2e/run.mjs" --json "$E2E_JSON"
  E2E_EXIT=$?
  read -r EP EF < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.passed, r.failed);' "$E2E_JSON" 2>/dev/null)
  if [ -f "$E2E_JSON" ]; then
    mapfile -t -O "${#FAILURES[@]}" FAILURES < <(node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      for (const s of r.scenarios) if (!s.ok) console.log(`e2e: ${s.name}: ${s.error.split("\n")[0]}`);' "$E2E_JSON" 2>/dev/null)
  fi
  if [ -z "${EP:-}" ]; then
    EP=0 EF=$((E2E_FLOOR > 0 ? E2E_FLOOR : 1))
    log "the browser test wrote no results (exit $E2E_EXIT); counting $EF check(s) that did not run as failed"
    FAILURES+=("e2e: no results (exit $E2E_EXIT)")
  elif [ "$E2E_EXIT" -ne 0 ] && [ "$EF" -eq 0 ]; then
    EF=1
  fi
  end_section "$EP" "$EF" "$E2E_FLOOR" "screenshots in e2e/screenshots/"
fi

# ---------------------------------------------------------------------------
echo
bold "Summary ($((SECONDS - RUN_START))s in all; results in .cache/test-results/)"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
if [ "${#FAILURES[@]}" -gt 0 ]; then
  bold "Failed:"
  for line in "${FAILURES[@]}"; do echo "  x $line"; done
fi
FINISHED=1
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
