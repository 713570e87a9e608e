#!/usr/bin/env bash
# Builds the server and the benchmarks in Release, then runs the BenchmarkDotNet suite and the HTTP load
# (which starts its own server on a free loopback port). Results land in benchmarks/results/.
#
#   benchmarks/run.sh            # everything (~6 minutes on 2 cores)
#   benchmarks/run.sh bdn        # micro-benchmarks only (extra arguments: BenchmarkDotNet's, e.g. --filter '*Agent*')
#   benchmarks/run.sh http       # HTTP load only; extra arguments go to the load tool, e.g.
#   benchmarks/run.sh http --concurrency 8,32 --duration 5
#   benchmarks/run.sh turns      # bot turns through Direct Line (same options as http, plus --conversations N)
#   benchmarks/run.sh pytorch    # the model in PyTorch eager vs ONNX Runtime, and the machine's GEMM rate
#   benchmarks/run.sh soak       # anonymous visitors in rounds, embedded and on redis-server: does memory level off? (~12 minutes)
#   benchmarks/run.sh plot       # redraws docs/benchmarks-throughput.svg from the result files
#
# Run it on an otherwise idle machine: the numbers are meaningless while something else uses the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"; shift || true
results=benchmarks/results
artifacts=benchmarks/BenchmarkDotNet.Artifacts
exe=benchmarks/IntentBot.Benchmarks/bin/Release/net10.0/IntentBot.Benchmarks
mkdir -p "$results"

dotnet build -c Release src/IntentBot.Server/IntentBot.Server.csproj -v quiet -nologo
dotnet build -c Release benchmarks/IntentBot.Benchmarks/IntentBot.Benchmarks.csproj -v quiet -nologo

# The machine, for the record: benchmark numbers mean little without it.
{
  echo "## Machine ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "- CPU: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'), $(nproc) cores visible"
  echo "- Memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- .NET SDK $(dotnet --version); runtime $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
  echo "- ONNX Runtime $(sed -n 's/.*"Microsoft.ML.OnnxRuntime" Version="\([^"]*\)".*/\1/p' Directory.Packages.props) (CPU provider)"
  echo "- Load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$results/machine.md"

if [[ "$what" == all || "$what" == bdn ]]; then
  rm -rf "$artifacts"
  # Extra arguments (bdn only) choose the classes, e.g. benchmarks/run.sh bdn --filter '*LengthSplit*' '*Agent*'.
  filter=(--filter '*'); [[ "$what" == bdn && $# -gt 0 ]] && filter=("$@")
  "$exe" bdn "${filter[@]}" --artifacts "$artifacts" | tee "$results/bdn.log"
  # Keep the small GitHub-flavoured tables, named after the benchmark class.
  for f in "$artifacts"/results/*-report-github.md; do
    name=$(basename "$f" -report-github.md); cp "$f" "$results/${name##*.}.md"
  done
fi

if [[ "$what" == all || "$what" == http ]]; then
  "$exe" http --start-server --out "$results/http.md" "$@" | tee "$results/http.log"
fi
if [[ "$what" == all || "$what" == turns ]]; then
  # Bounded: 5 s warm-up (tiered JIT is still busy after 2 s on a starved machine), three 5 s levels; extra arguments override.
  "$exe" turns --start-server --concurrency 1,8,32 --duration 5 --warmup 5 --out "$results/turns.md" "$@" | tee "$results/turns.log"
fi

# Not part of "all": it runs for minutes on purpose (past the one-minute retention, twice).
if [[ "$what" == soak ]]; then
  "$exe" soak --storage both --rounds 16 --conversations 500 --out "$results/soak.md" "$@" | tee "$results/soak.log"
fi

if [[ "$what" == all || "$what" == pytorch ]]; then
  # Debian's python3-torch (never pip's): the script installs libopenblas0-pthread if it is missing.
  /usr/bin/python3 benchmarks/pytorch_eager.py --out "$results/pytorch-eager.md" "$@"
fi

if [[ "$what" == all || "$what" == plot ]]; then
  /usr/bin/python3 benchmarks/plot_throughput.py
fi
echo "Results in $results/"
