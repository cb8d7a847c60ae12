#!/usr/bin/env bash
# Installs the packed suite into a fresh Backstage app, the way docs/installing.md says, and
# checks that it works there. Not part of `npm test`: it downloads a whole Backstage app
# (about 2,500 packages) and takes about <see docs/installing.md, "Install check"> minutes.
#
#   npm run install-check                    # build + pack, create the app, install, start, check
#   npm run install-check -- --skip-build    # reuse .cache/packages/*.tgz
#   npm run install-check -- --keep          # keep the app in $INSTALL_CHECK_DIR/app afterwards
#   npm run install-check -- --reuse-app     # run the checks (steps 4-6) again on a kept app
#
# Steps: 1. scripts/build-packages.sh; 2. `npx @backstage/create-app@$CREATE_APP_VERSION
# --skip-install` (the Backstage 1.55 template; Yarn 4 through Corepack); 3. docs/installing.md
# step by step: the tarballs into vendor/, `resolutions`, the dependencies in packages/backend and
# packages/app, `backend.add(...)`, the config and the catalog prerequisites, then one
# `yarn install`; 4. no second copy of the frontend framework packages in the tree; 5. `yarn start`
# (SQLite in memory) on free ports; 6. POST /api/release-orchestration/builds with the CI token
# and a Playwright check that a System's Releases tab renders (scripts/install-check-browser.mjs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.cache/node22/bin:$PATH"
CREATE_APP_VERSION="${CREATE_APP_VERSION:-0.9.2}" # Backstage 1.55.0
# Outside the repository on purpose: inside it, Node would find packages the app does not declare
# in the repository's node_modules and hide missing dependencies.
WORK="${INSTALL_CHECK_DIR:-${TMPDIR:-/tmp}/release-orchestration-install-check}"
APP="$WORK/app"
FRONTEND_PORT="${INSTALL_CHECK_FRONTEND_PORT:-3100}"
BACKEND_PORT="${INSTALL_CHECK_BACKEND_PORT:-7107}"
CI_TOKEN="install-check-ci-token"

SKIP_BUILD=0
KEEP=0
REUSE_APP=0
for arg in "$@"; do
  case "$arg" in
    --skip-build) SKIP_BUILD=1 ;;
    --keep) KEEP=1 ;;
    --reuse-app) REUSE_APP=1 SKIP_BUILD=1 KEEP=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
step() { echo "[install-check +$(($(date +%s) - started))s] $*"; }
timings=()
timed() { # timed <label> <command...>
  local label="$1" t0 rc=0
  shift
  t0=$(date +%s)
  "$@" || rc=$?
  timings+=("$label: $(($(date +%s) - t0))s")
  return "$rc"
}

for port in "$FRONTEND_PORT" "$BACKEND_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use; set INSTALL_CHECK_FRONTEND_PORT / INSTALL_CHECK_BACKEND_PORT" >&2
    exit 1
  fi
done

# --- 1. the packages -------------------------------------------------------------------------
if [ "$SKIP_BUILD" = 0 ]; then
  step "building and packing the packages"
  timed "build:packages" bash "$ROOT/scripts/build-packages.sh" ${BUILD_PACKAGES_ARGS:-} || exit 1
fi
ls "$ROOT"/.cache/packages/*.tgz >/dev/null

# --- Yarn: the app's packageManager (yarn@4) through Corepack. The Corepack bundled with older
# Node releases cannot verify today's npm signing keys, so a current one is installed into the
# work directory; Yarn itself is fetched from the npm registry (COREPACK_NPM_REGISTRY).
mkdir -p "$WORK/tools/bin"
if [ ! -x "$WORK/tools/node_modules/.bin/corepack" ]; then
  step "installing corepack into $WORK/tools"
  (cd "$WORK/tools" && { [ -f package.json ] || npm init -y >/dev/null; } &&
    npm install --silent --no-audit --no-fund corepack@0.36)
fi
printf '#!/bin/sh\nexec "%s" yarn "$@"\n' "$WORK/tools/node_modules/.bin/corepack" >"$WORK/tools/bin/yarn"
chmod +x "$WORK/tools/bin/yarn"
export PATH="$WORK/tools/bin:$PATH"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_NPM_REGISTRY="${COREPACK_NPM_REGISTRY:-https://registry.npmjs.org}"
export COREPACK_DEFAULT_TO_LATEST=0
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded: use the
# headers of the Node installation that runs it. Always set: under `npm run`, npm exports its own
# config as npm_config_* (on these machines nodedir=/usr, the system Node 20's headers).
# shellcheck source=scripts/lib/node-headers.sh
source "$ROOT/scripts/lib/node-headers.sh"
export_node_headers

# --- 2. a fresh app ----------------------------------------------------------------------------
if [ "$REUSE_APP" = 1 ]; then
  [ -d "$APP/node_modules" ] || { echo "no installed app in $APP (run with --keep first)" >&2; exit 1; }
  step "reusing the installed app in $APP"
else
if [ -e "$APP" ]; then
  step "removing the previous app (a minute or more: about 2,700 packages)"
  rm -rf "$APP"
fi
step "creating a fresh app with @backstage/create-app@$CREATE_APP_VERSION"
mkdir -p "$WORK"
t0=$(date +%s)
(cd "$WORK" && BACKSTAGE_APP_NAME=ro-install-check \
  npx --yes "@backstage/create-app@$CREATE_APP_VERSION" --path app --skip-install) >"$WORK/create-app.log" 2>&1 ||
  { tail -20 "$WORK/create-app.log"; exit 1; }
timings+=("create-app: $(($(date +%s) - t0))s")

# --- 3. docs/installing.md, step by step -----------------------------------------------------
step "installing the suite as docs/installing.md says"
rm -rf "$WORK/create-app-pkg" && mkdir -p "$WORK/create-app-pkg"
(cd "$WORK/create-app-pkg" && npm pack --silent "@backstage/create-app@$CREATE_APP_VERSION" >/dev/null &&
  tar xzf ./*.tgz --strip-components=1)
node "$ROOT/scripts/install-check-apply.mjs" "$ROOT" "$APP" "$FRONTEND_PORT" "$BACKEND_PORT" "$CI_TOKEN" \
  "$WORK/create-app-pkg"
step "yarn install (one install for the app and every tarball)"
t0=$(date +%s)
yarn_status=0
(cd "$APP" && yarn install) >"$WORK/yarn-install.log" 2>&1 || yarn_status=$?
timings+=("yarn install: $(($(date +%s) - t0))s")
tail -3 "$WORK/yarn-install.log"
if [ "$yarn_status" != 0 ]; then
  # Yarn exits 1 when a native build fails. Without access to GitHub (prebuilt binaries) the
  # optional keytar (secret store of the Backstage CLI) cannot build without libsecret headers;
  # that is not the suite's concern. Any other failure is.
  failed=$(grep -o 'YN0009: │ [^ ]*' "$WORK/yarn-install.log" | awk '{print $3}' | sort -u | tr '\n' ' ')
  echo "  yarn install exited $yarn_status; failed builds: ${failed:-none}"
  for pkg in $failed; do
    case "$pkg" in keytar@*) ;; *) echo "a native build other than keytar failed" >&2; exit 1 ;; esac
  done
  [ -n "$failed" ] || { tail -40 "$WORK/yarn-install.log"; exit 1; }
fi
(cd "$APP/packages/backend" && node -e "new (require('better-sqlite3'))(':memory:').close()") ||
  { echo "better-sqlite3 does not load in the app" >&2; exit 1; }
fi

# --- 4. one copy of the frontend framework -------------------------------------------------------
failures=()
step "does the frontend plugin share the app's copy of the frontend framework packages?"
node "$ROOT/scripts/install-check-tree.mjs" "$APP" ||
  failures+=("the frontend plugin has its own copy of a frontend framework package (see above)")

# --- 5. start it -----------------------------------------------------------------------------
step "yarn start (frontend :$FRONTEND_PORT, backend :$BACKEND_PORT, SQLite in memory)"
cd "$APP"
set -m
yarn start >"$WORK/start.log" 2>&1 &
START_PID=$!
set +m
stop_app() {
  if [ -n "${START_PID:-}" ]; then
    kill -- -"$START_PID" 2>/dev/null || true
    wait "$START_PID" 2>/dev/null || true
    START_PID=""
  fi
}
trap stop_app EXIT
trap 'exit 1' INT TERM
t0=$(date +%s)
for _ in $(seq 1 240); do
  if curl -fsS "http://localhost:$BACKEND_PORT/.backstage/health/v1/readiness" >/dev/null 2>&1 &&
    curl -fsS "http://localhost:$FRONTEND_PORT/" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$START_PID" 2>/dev/null; then tail -40 "$WORK/start.log"; exit 1; fi
  sleep 5
done
curl -fsS "http://localhost:$BACKEND_PORT/.backstage/health/v1/readiness" >/dev/null ||
  { tail -40 "$WORK/start.log"; echo "backend did not become ready" >&2; exit 1; }
timings+=("yarn start until ready: $(($(date +%s) - t0))s")

# --- 6. a build report with the CI token, and the Releases tab ---------------------------------
step "POST /api/release-orchestration/builds with the CI token"
BASE="http://localhost:$BACKEND_PORT/api/release-orchestration"
# The catalog reads examples/ on start; wait until it knows the Component.
for _ in $(seq 1 60); do
  if curl -fsS -H "Authorization: Bearer $CI_TOKEN" \
    "http://localhost:$BACKEND_PORT/api/catalog/entities/by-name/component/default/example-website" >/dev/null 2>&1; then
    break
  fi
  sleep 3
done
status=$(curl -sS -o "$WORK/build-report.json" -w '%{http_code}' -X POST "$BASE/builds" \
  -H "Authorization: Bearer $CI_TOKEN" -H 'Content-Type: application/json' \
  -d '{"component":"component:default/example-website","version":"1.0.0",
       "artifactUri":"registry.example.com/example-website:1.0.0",
       "artifactDigest":"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
       "buildUrl":"https://ci.example.com/example-website/1","commitSha":"3f2c1e9a7b",
       "commitTime":"2026-11-23T09:12:00Z"}')
echo "  HTTP $status $(head -c 300 "$WORK/build-report.json")"
case "$status" in 200 | 201) ;; *) echo "the build report was not accepted" >&2; exit 1 ;; esac
# The token's permission list is what it may do: freezing a lane is not on it.
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$BASE/freezes" \
  -H "Authorization: Bearer $CI_TOKEN" -H 'Content-Type: application/json' \
  -d '{"systems":["system:default/examples"],"environment":"production","reason":"install check","start":"2030-01-01T00:00:00Z","end":"2030-01-02T00:00:00Z"}')
echo "  a freeze with the CI token: HTTP $status (expected 403)"
[ "$status" = 403 ] || { echo "the CI token may do more than its permission list" >&2; exit 1; }

step "browser: guest sign-in, the System's Releases tab shows the reported build"
cd "$ROOT"
timed "browser check" node scripts/install-check-browser.mjs "http://localhost:$FRONTEND_PORT" "$WORK" ||
  failures+=("the Releases tab check failed (screenshots in $WORK)")

stop_app
trap - EXIT
for t in "${timings[@]}"; do echo "  $t"; done
if [ "${#failures[@]}" -gt 0 ]; then
  step "FAILED"
  for f in "${failures[@]}"; do echo "  $f"; done
  exit 1
fi
step "passed"
echo "  total: $(($(date +%s) - started))s"
if [ "$KEEP" = 0 ]; then rm -rf "$APP"; fi
