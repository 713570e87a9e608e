#!/usr/bin/env bash
# Runs every test: installs what the tests need (idempotently), builds, runs all test projects,
# and ends with one summary line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-dotnet-deps.sh
source scripts/ensure-web-deps.sh
# Tests lint the OpenAPI document (Redocly CLI) and validate the Teams app package (Microsoft's manifest validator).
source scripts/ensure-node-tools.sh
# The store contract tests run against a real redis-server (started by the tests on a free port).
apt_install redis-server
# The end-to-end tests drive the Web Chat page in headless Chromium (Playwright never downloads a browser here).
apt_install chromium
# A Chinese shopper's page is screenshotted too: without a CJK font Chromium draws every character as a box.
apt_install fonts-wqy-microhei
# The closing-loop test retrains a tiny model with an exported correction (training/run.sh --tiny): Debian's torch,
# onnx and numpy for /usr/bin/python3, as training/run.sh installs them.
apt_install python3-torch python3-onnx python3-numpy libopenblas0-pthread

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test IntentBot.sln -c Release --no-restore 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Failed: a, Passed: b, Skipped: c" line per test project; add them up.
read -r passed failed skipped < <(awk '
  /Failed:[[:space:]]*[0-9]+, Passed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { print p + 0, f + 0, s + 0 }' "$log")
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "error: no test ran" >&2
  exit 1
fi
exit "$status"
