#!/usr/bin/env bash
# Idempotent set-up shared by run.sh and test.sh: checks the .NET SDK and restores NuGet packages
# (of INTENTBOT_RESTORE, a project or solution; the whole solution by default).
# Later components add their system packages here (each install is skipped when already present).
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH." >&2
  exit 1
fi

# apt_install PKG... : installs Debian packages that are missing, once.
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "== installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Restore prints one line per package it downloads, so a first run that fetches several hundred MB
# shows it is moving; a warm run prints only the closing line.
restore_packages() {
  local target="$1" status=0
  echo "== restoring NuGet packages for ${target}"
  dotnet restore "$target" -v normal --nologo 2>&1 \
    | awk '/^ *Installed [^ ]+ [^ ]+ from / { print "   + " $2 " " $3; fflush(); next }
           /error|warning/ { print; fflush() }' || status=$?
  [ "$status" -eq 0 ] || { echo "error: NuGet restore failed (run 'dotnet restore $target' to see why)." >&2; return "$status"; }
}

restore_packages "${INTENTBOT_RESTORE:-IntentBot.sln}"
