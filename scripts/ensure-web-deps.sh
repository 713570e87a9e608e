#!/usr/bin/env bash
# Idempotent set-up of the Web Chat widget (sourced by run.sh and test.sh after ensure-dotnet-deps.sh):
# installs web/node_modules from web/package-lock.json with `npm ci` when it is missing or the lock changed.
# Only prebuilt bundles are served (Web Chat's dist/webchat.js, Chart.js's dist/chart.umd.js); nothing is built.
set -euo pipefail

ensure_web_deps() {
  local root web stamp want
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  web="$root/web"
  stamp="$web/node_modules/.intentbot-lock.sha256"
  if ! command -v npm >/dev/null 2>&1; then
    if declare -F apt_install >/dev/null; then apt_install nodejs npm; fi
    command -v npm >/dev/null 2>&1 || { echo "error: npm is required for the Web Chat widget (apt-get install npm)." >&2; return 1; }
  fi
  want="$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$web/node_modules/botframework-webchat/dist/webchat.js" ] && [ -f "$web/node_modules/chart.js/dist/chart.umd.js" ]; then
    return 0
  fi
  echo "== installing the Web Chat widget and Chart.js (npm ci in web/)"
  (cd "$web" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  echo "$want" > "$stamp"
}

ensure_web_deps
