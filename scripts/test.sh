#!/usr/bin/env bash
# README command 2: every check the project has, in one run.
#
#   type-check (tsc)        1 test
#   lint                    1 test
#   jest (all packages)     1 test per test case; a suite that fails to load counts 1
#   PostgreSQL gate         under CI=true only: 1 failed test when no POSTGRES_15 case passed
#   browser test (e2e/)     1 test per scenario
#
# The last line is always exactly `N passed, N failed`; the exit code is non-zero
# when anything failed. Machine-readable results are kept in .cache/test-results/.
#
# Environment:
#   CI=true                    require the PostgreSQL cases to have run and passed
#   TEST_SKIP=e2e,lint,...     skip sections (tsc, lint, jest, e2e); for local iteration only
#   JEST_MAX_WORKERS           jest --maxWorkers (default 2)
#   JEST_ARGS                  extra arguments for jest, e.g. "plugins/release-orchestration-backend"

set -uo pipefail

PASSED=0
FAILED=0
# Keep the promise of the last line even when the run stops early (the
# bootstrap failed, or the run was interrupted): that counts as one failure.
trap 'if [ -z "${FINISHED:-}" ]; then
  echo "[test] the run stopped before it finished (bootstrap failure or interrupt)" >&2
  echo "$PASSED passed, $((FAILED + 1)) failed"
fi' EXIT

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
  SECTION_START=$SECONDS
  echo
  bold "==> ${2:-$1}   ($(date +%H:%M:%S))"
}
# end_section <passed> <failed> [note]
end_section() {
  local p="$1" f="$2" note="${3:-}" secs=$((SECONDS - SECTION_START))
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
section tsc "type-check: tsc --noEmit (not incremental: a cached build info once hid errors)"
if skipped tsc; then
  end_section 0 0 "skipped"
elif npx tsc --noEmit --incremental false --pretty; then
  end_section 1 0
else
  end_section 0 1 "tsc reported errors"
  FAILURES+=("tsc: type errors (see the type-check section)")
fi

# ---------------------------------------------------------------------------
section lint "lint: backstage-cli repo lint"
if skipped lint; then
  end_section 0 0 "skipped"
elif npx backstage-cli repo lint; then
  end_section 1 0
else
  end_section 0 1 "eslint reported errors"
  FAILURES+=("lint: eslint errors (see the lint section)")
fi

# ---------------------------------------------------------------------------
section jest "unit and integration tests: backstage-cli repo test (jest)"
JEST_JSON="$RESULTS_DIR/jest.json"
if skipped jest; then
  end_section 0 0 "skipped"
else
  # --no-watch: without CI set, backstage-cli would start jest in watch mode.
  # shellcheck disable=SC2086
  npx backstage-cli repo test --ci --no-watch \
    --maxWorkers="${JEST_MAX_WORKERS:-2}" \
    --json --outputFile="$JEST_JSON" ${JEST_ARGS:-}
  JEST_EXIT=$?
  # Prints "<passed> <failed> <postgres cases passed>" and the failing names on stderr.
  read -r JP JF JPG < <(node "$REPO_ROOT/scripts/count-jest-results.js" "$JEST_JSON" "$RESULTS_DIR/jest-failures.txt")
  if [ -z "${JP:-}" ]; then
    JP=0 JF=1 JPG=0
    log "jest wrote no readable results (exit $JEST_EXIT); counting the run as 1 failure"
    FAILURES+=("jest: no results (exit $JEST_EXIT)")
  elif [ "$JEST_EXIT" -ne 0 ] && [ "$JF" -eq 0 ]; then
    JF=1
    log "jest exited with $JEST_EXIT but reported no failing test; counting 1 failure"
    FAILURES+=("jest: exited with $JEST_EXIT without a failing test (see the jest section)")
  fi
  if [ -s "$RESULTS_DIR/jest-failures.txt" ]; then
    mapfile -t -O "${#FAILURES[@]}" FAILURES <"$RESULTS_DIR/jest-failures.txt"
  fi
  end_section "$JP" "$JF" "$JPG PostgreSQL cases passed"

  if [ "${CI:-}" = "true" ]; then
    section postgres-gate "CI: the PostgreSQL cases must have run"
    if [ "${JPG:-0}" -gt 0 ]; then
      end_section 1 0
    else
      log "CI=true but no test with POSTGRES_15 in its name ran and passed: the PostgreSQL store"
      log "tests were skipped or failed. Make PostgreSQL 15 reachable at $PG_URL (role with CREATEDB)"
      log "so that BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set."
      end_section 0 1 "no POSTGRES_15 case passed"
      FAILURES+=("postgres-gate: CI=true and no POSTGRES_15 test case passed")
    fi
  fi
fi

# ---------------------------------------------------------------------------
section e2e "browser test: node e2e/run.mjs"
E2E_JSON="$RESULTS_DIR/e2e.json"
if skipped e2e; then
  end_section 0 0 "skipped"
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
    EP=0 EF=1
    log "the browser test wrote no results (exit $E2E_EXIT); counting 1 failure"
    FAILURES+=("e2e: no results (exit $E2E_EXIT)")
  elif [ "$E2E_EXIT" -ne 0 ] && [ "$EF" -eq 0 ]; then
    EF=1
  fi
  end_section "$EP" "$EF" "screenshots in e2e/screenshots/"
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
