#!/usr/bin/env bash
# Runs IntentBot on the embedded defaults: the shipped model on CPU, no Redis, no GPU, no keys.
# Listens on http://127.0.0.1:5080 (change with Urls=..., e.g. Urls=http://0.0.0.0:8080 ./run.sh).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-dotnet-deps.sh
source scripts/ensure-web-deps.sh
exec dotnet run --project src/IntentBot.Server -c Release --no-launch-profile "$@"
