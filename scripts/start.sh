#!/usr/bin/env bash
# README command 1: the demo portal. Frontend http://localhost:3000, backend
# http://localhost:7007, embedded SQLite under .cache/sqlite, demo data seeded.
# Extra arguments go to `backstage-cli repo start` (for example
# `--config app-config.yaml --config my.yaml`).
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$REPO_ROOT"
log() { printf '\033[1;34m[start]\033[0m %s\n' "$*" >&2; }

# app-config.yaml reads the CI static token from the environment; a fixed
# default keeps local curl examples working. Never use it outside your machine.
export RELEASE_ORCHESTRATION_CI_TOKEN="${RELEASE_ORCHESTRATION_CI_TOKEN:-local-dev-ci-token}"
# The audit chain's HMAC key (releaseOrchestration.audit.keys); same rule: a local
# default for the demo, a real secret from your secret store anywhere else.
export RELEASE_ORCHESTRATION_AUDIT_KEY="${RELEASE_ORCHESTRATION_AUDIT_KEY:-local-dev-audit-key-0123456789}"
mkdir -p .cache/sqlite

for port in 3000 7007; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    log "port $port is already in use; stop whatever is listening there (another portal?) and try again"
    exit 1
  fi
done

log "CI calls: curl -H 'Authorization: Bearer $RELEASE_ORCHESTRATION_CI_TOKEN' http://localhost:7007/api/release-orchestration/environments"
log "starting the frontend (:3000) and backend (:7007); the first compile takes a minute or two"
exec npx backstage-cli repo start packages/app packages/backend "$@"
