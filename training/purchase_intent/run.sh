#!/usr/bin/env bash
# Purchase-intent model pipeline -- the one command that rebuilds models/purchase-intent/.
#
#   training/purchase_intent/run.sh [--data PATH] [--skip-parity]
#
# Steps: Debian packages (python3-sklearn, python3-onnx; installed only when missing) -> train.py
# (stratified held-out split, 5-fold CV model selection and threshold, held-out evaluation, refit on all
# rows, hand-written ONNX export checked against sklearn, manifest + golden file) -> MODEL_CARD.md ->
# ONNX Runtime parity of the C# runtime with the Python model on the held-out rows, and scoring latency.
set -euo pipefail
cd "$(dirname "$0")/../.."

DATA=../shared/datasets/uci-online-shoppers-intention/online_shoppers_intention.csv
[ -d shared ] && DATA=shared/datasets/uci-online-shoppers-intention/online_shoppers_intention.csv
PARITY=1
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --skip-parity) PARITY=0; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -f "$DATA" ] || { echo "data file not found: $DATA (pass --data PATH)" >&2; exit 1; }

PY=/usr/bin/python3
if ! "$PY" -c 'import sklearn, onnx, numpy, scipy' 2>/dev/null; then
  echo "== installing python3-sklearn python3-onnx (Debian packages)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends python3-sklearn python3-onnx python3-numpy python3-scipy
fi
"$PY" -m training.check_versions sklearn scipy onnx numpy
# One OpenMP thread: on a shared machine sklearn's default of one per core oversubscribes and runs
# many times slower; the data is small enough that one thread trains a model in seconds.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" PYTHONUNBUFFERED=1

BUILD=training/build/purchase_intent
OUT=models/purchase-intent
mkdir -p "$BUILD" "$OUT"
"$PY" training/purchase_intent/train.py --data "$DATA" --out "$OUT" --build "$BUILD" \
  --golden training/purchase_intent/golden/purchase_intent_golden.json | tee "$BUILD/train.log"
"$PY" training/purchase_intent/model_card.py --manifest "$OUT/manifest.json" --out "$OUT/MODEL_CARD.md"

if [ "$PARITY" = 1 ] && command -v dotnet >/dev/null; then
  echo "== ONNX Runtime (C# runtime) vs Python on the held-out rows"
  dotnet run -c Release --project training/purchase_intent/parity -- "$OUT" "$BUILD/heldout_expected.jsonl" 1e-5 | tee "$BUILD/parity.log"
else
  echo "== skipping the ONNX Runtime parity check (no dotnet or --skip-parity)"
fi
echo "== done: $OUT ($(du -k "$OUT/model.onnx" | cut -f1) KiB model)"
