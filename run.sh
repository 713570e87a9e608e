#!/usr/bin/env bash
# Runs IntentBot on the embedded defaults: the shipped model (on CUDA when it is installed, else CPU),
# no Redis, no keys. Listens on http://127.0.0.1:5080 (change with Urls=..., e.g. Urls=http://0.0.0.0:8080 ./run.sh).
# Prints what it is doing while it restores and builds, and one line when the bot answers.
set -euo pipefail
cd "$(dirname "$0")"
started=$SECONDS
server_project=src/IntentBot.Server/IntentBot.Server.csproj

if [ ! -f src/IntentBot.Server/bin/Release/net10.0/IntentBot.Server.dll ]; then
  echo "== first run: NuGet downloads about 430 MB of packages (most of it ONNX Runtime with CUDA, for Linux"
  echo "   and Windows) unless they are cached, and 8 projects are compiled. Expect a few minutes; later runs"
  echo "   start in seconds."
fi
INTENTBOT_RESTORE=$server_project source scripts/ensure-dotnet-deps.sh
source scripts/ensure-web-deps.sh

echo "== building the server (Release)"
# Without a terminal, show which project each finished step built; in one, the SDK's live view does that.
if [ -t 1 ]; then
  dotnet build "$server_project" -c Release --no-restore --nologo
else
  dotnet build "$server_project" -c Release --no-restore --nologo -v minimal \
    | awk '/ -> / { print "   built " $1; fflush(); next } /error|warning/ { print; fflush() }'
fi

# Where to point a browser: the first of --urls, Urls / ASPNETCORE_URLS, appsettings.json's Urls;
# a server listening on every interface is opened on loopback.
url="${Urls:-${ASPNETCORE_URLS:-$(sed -n 's/^ *"Urls": *"\([^"]*\)".*/\1/p' appsettings.json)}}"
args=("$@")
for i in "${!args[@]}"; do
  case "${args[$i]}" in
    --urls=*) url="${args[$i]#--urls=}" ;;
    --urls) url="${args[$((i + 1))]:-$url}" ;;
  esac
done
url="${url%%;*}"; url="${url%/}"
url="$(echo "$url" | sed -e 's#://0\.0\.0\.0#://127.0.0.1#' -e 's#://\*#://127.0.0.1#' -e 's#://+#://127.0.0.1#' -e 's#://\[::\]#://[::1]#')"

echo "== starting the server (the model loads in a few seconds)"
dotnet src/IntentBot.Server/bin/Release/net10.0/IntentBot.Server.dll "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' INT TERM

# 200 from /health/ready once the model is loaded (bash's /dev/tcp where curl is missing).
ready() {
  if command -v curl >/dev/null 2>&1; then curl -fs -o /dev/null "$1/health/ready"; return; fi
  local hostport="${1#http://}"; local host="${hostport%:*}" port="${hostport##*:}"
  { exec 3<>"/dev/tcp/$host/$port" && printf 'GET /health/ready HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3 &&
    head -n1 <&3 | grep -q ' 200 '; } 2>/dev/null
}

until ready "$url"; do
  if ! kill -0 "$server" 2>/dev/null; then
    status=0; wait "$server" || status=$?
    echo "error: the server stopped before it was ready (exit $status; its log is above)." >&2
    exit "$status"
  fi
  sleep 0.5
done
echo "== IntentBot is ready after $((SECONDS - started)) s: chat at $url/ · agent desk at $url/desk · API at $url/openapi/v1.json (Ctrl+C stops it)"

status=0; wait "$server" || status=$?
# The trap interrupted the first wait; wait again for the server to finish shutting down.
if kill -0 "$server" 2>/dev/null; then wait "$server" || status=$?; fi
exit "$status"
