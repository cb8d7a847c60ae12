#!/usr/bin/env bash
# Builds the publishable packages and packs them into .cache/packages/*.tgz.
#
#   npm run build:packages                     # root tsc, package builds, npm pack
#   npm run build:packages -- --skip-tsc       # reuse dist-types/ from an earlier run
#   npm run build:packages -- --allow-type-errors
#
# Steps (the order matters):
#   1. root `tsc` writes dist-types/ (`backstage-cli package build` reads the
#      declarations from there and fails without them);
#   2. `backstage-cli package build` in every published package (the CLI: its own tsc build);
#   3. every package is copied to .cache/packages/stage/<dir> (package.json, README and the
#      package's `files`), `backstage-cli package prepack` rewrites the copy's package.json
#      (publishConfig and exports point at dist/), and `npm pack` writes the tarball.
#      The working tree's package.json files are never rewritten.
# Publishing: `npm publish .cache/packages/<name>.tgz` for each tarball (see docs/installing.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.cache/node22/bin:$PATH"

SKIP_TSC=0
ALLOW_TYPE_ERRORS=0
for arg in "$@"; do
  case "$arg" in
    --skip-tsc) SKIP_TSC=1 ;;
    --allow-type-errors) ALLOW_TYPE_ERRORS=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

# The published packages, dependencies first.
PACKAGES=(
  plugins/release-orchestration-common
  plugins/release-orchestration-node
  plugins/release-orchestration-backend
  plugins/release-orchestration-backend-module-argocd
  plugins/release-orchestration-backend-module-github
  plugins/release-orchestration-backend-module-gitlab
  plugins/scaffolder-backend-module-release-orchestration
  plugins/release-orchestration
  packages/cli
)

OUT="$ROOT/.cache/packages"
STAGE="$OUT/stage"
started=$(date +%s)
step() { echo "[build-packages +$(($(date +%s) - started))s] $*"; }

if [ "$SKIP_TSC" = 0 ]; then
  step "root tsc (writes dist-types/)"
  rm -rf dist-types
  # tsc writes the declarations even when it reports errors. Errors in a published package stop
  # the build; errors elsewhere (the demo app and backend, bench, e2e) are shown and do not.
  tsc_log="$ROOT/.cache/packages-tsc.log"
  mkdir -p "$ROOT/.cache"
  if ! node --max-old-space-size=4096 node_modules/typescript/bin/tsc \
    --skipLibCheck false --incremental false --pretty false >"$tsc_log" 2>&1; then
    published_re="^($(IFS='|'; echo "${PACKAGES[*]}"))/"
    if grep -E "error TS" "$tsc_log" | grep -qE "$published_re" && [ "$ALLOW_TYPE_ERRORS" = 0 ]; then
      grep -E "error TS" "$tsc_log" | grep -E "$published_re" >&2
      echo "tsc reported errors in published packages (--allow-type-errors to build anyway)" >&2
      exit 1
    fi
    step "tsc reported errors outside the published packages (declarations were written):"
    grep -E "error TS" "$tsc_log" | head -20
  fi
fi
[ -d dist-types/plugins ] || { echo "dist-types/ is missing; run without --skip-tsc" >&2; exit 1; }

for dir in "${PACKAGES[@]}"; do
  step "build $dir"
  (cd "$dir" && npm run --silent build)
done

rm -rf "$STAGE" "$OUT"/*.tgz
mkdir -p "$STAGE"
for dir in "${PACKAGES[@]}"; do
  step "pack $dir"
  dest="$STAGE/$(basename "$dir")"
  mkdir -p "$dest"
  cp "$dir/package.json" "$dest/"
  [ -f "$dir/README.md" ] && cp "$dir/README.md" "$dest/"
  [ -f LICENSE ] && cp LICENSE "$dest/"
  for f in $(node -p "(require('./$dir/package.json').files || []).join('\n')"); do
    [ -e "$dir/$f" ] && cp -r "$dir/$f" "$dest/"
  done
  role=$(node -p "(require('./$dir/package.json').backstage || {}).role || ''")
  if [ "$role" != "cli" ] && [ -n "$role" ]; then
    (cd "$dest" && npx --no-install backstage-cli package prepack)
    rm -f "$dest/package.json-prepack"
  fi
  (cd "$dest" && npm pack --ignore-scripts --silent --pack-destination "$OUT" >/dev/null)
done

step "done"
ls -1 "$OUT"/*.tgz
