#!/usr/bin/env bash
# Idempotent set-up of the Node tools the tests run (sourced by test.sh after ensure-web-deps.sh): each folder
# under tools/ with a package-lock.json gets its node_modules from `npm ci` when they are missing or the lock
# changed. tools/openapi: Redocly CLI (the OpenAPI lint); tools/teams: Microsoft's Teams manifest validator.
set -euo pipefail

ensure_node_tools() {
  local dir="$1" stamp want
  stamp="$dir/node_modules/.intentbot-lock.sha256"
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "== installing the Node tools of ${dir#"$PWD"/} (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  echo "$want" > "$stamp"
}

for tools_dir in "$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)"/*/; do
  if [ -f "$tools_dir/package-lock.json" ]; then ensure_node_tools "${tools_dir%/}"; fi
done
