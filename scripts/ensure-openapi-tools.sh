#!/usr/bin/env bash
# Idempotent set-up of Redocly CLI (sourced by test.sh after ensure-web-deps.sh): installs
# tools/openapi/node_modules from its package-lock.json with `npm ci` when it is missing or the lock changed.
set -euo pipefail

ensure_openapi_tools() {
  local dir stamp want
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools/openapi" && pwd)"
  stamp="$dir/node_modules/.intentbot-lock.sha256"
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$dir/node_modules/@redocly/cli/bin/cli.js" ]; then
    return 0
  fi
  echo "== installing Redocly CLI (npm ci in tools/openapi/)"
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  echo "$want" > "$stamp"
}

ensure_openapi_tools
