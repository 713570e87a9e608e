#!/usr/bin/env bash
# IntentBot model pipeline -- the one command that rebuilds models/intentbot-default/.
#
#   training/run.sh [--device cpu|cuda] [--quick] [--mlm-epochs N] [--skip-train] [--skip-cli-check]
#                   [--model-dir DIR] [--checkpoint NAME] [--seed N]
#
# Steps: data (training/prepare_data.py) -> WordPiece vocab -> train (optional
# masked-LM pre-training + joint intent/sentiment fine-tuning) -> ONNX export (+ ONNX Runtime
# parity check where the onnxruntime package exists) -> evaluation + out-of-scope calibration
# -> model folder (model.onnx, vocab.txt, manifest.json, MODEL_CARD.md) -> golden tokenizer
# file -> parity of the Python tokenizer with the C# runtime (dotnet CLI) on golden + data,
# and of the ONNX model run by the C# runtime with the PyTorch checkpoint.
#
# --quick: a few minutes' smoke run into training/build/quick/ (models/ is left alone).
# --skip-train: reuse the vocab and checkpoint already in the build folder (export onwards).
# --model-dir DIR: package into DIR instead of models/intentbot-default (to compare a candidate
#   with the shipped model before replacing it; the golden file then goes to DIR too).
# --checkpoint NAME: with --skip-train, package training/build/model/run/NAME instead of checkpoint.pt
#   (runner-up.pt: the weights train.py --average-last did not pick).
# --seed N: train with another random seed (default: train.py's 13, the shipped model's), e.g. to measure how
#   much a retrain on the same data moves the numbers before judging a data change by them.
# Defaults are the settings of the shipped model (CPU, no MLM pre-training: see README).
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICE=cpu
QUICK=0
MLM_EPOCHS=0
CLI_CHECK=1
SKIP_TRAIN=0
MODEL_DIR_ARG=""
CHECKPOINT_NAME=checkpoint.pt
SEED=""
while [ $# -gt 0 ]; do
  case "$1" in
    --device) DEVICE="$2"; shift 2 ;;
    --device=*) DEVICE="${1#*=}"; shift ;;
    --quick) QUICK=1; shift ;;
    --mlm-epochs) MLM_EPOCHS="$2"; shift 2 ;;
    --skip-cli-check) CLI_CHECK=0; shift ;;
    --skip-train) SKIP_TRAIN=1; shift ;;
    --model-dir) MODEL_DIR_ARG="$2"; shift 2 ;;
    --checkpoint) CHECKPOINT_NAME="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
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
echo "== python: $PY ($("$PY" -c 'import torch; print("torch", torch.__version__)'))"

DATA=training/build/data
# Always rebuilt (a few seconds, deterministic): stale splits would silently train on old seeds.
echo "== preparing data"
"$PY" training/prepare_data.py

if [ "$QUICK" = 1 ]; then
  BUILD=training/build/quick
  MODEL_DIR=$BUILD/intentbot-default
  TRAIN_ARGS=(--epochs 2 --epoch-size 1280 --val-max 1000)
  VERSION=0.0.0-quick
else
  BUILD=training/build/model
  MODEL_DIR=models/intentbot-default
  # The shipped model's settings (CPU: ~35-50 min of training on 2 cores). A 128-token window:
  # two thirds of the clothing reviews are longer than 64 tokens and their verdict is often last.
  TRAIN_ARGS=(--epochs 16 --epoch-size 17000 --lr 1e-3 --max-len 128 --intent-share 0.55)
  VERSION=1.2.0
fi
[ -n "$MODEL_DIR_ARG" ] && MODEL_DIR=$MODEL_DIR_ARG
[ -n "$SEED" ] && TRAIN_ARGS+=(--seed "$SEED")
mkdir -p "$BUILD"
CHECKPOINT=$BUILD/run/$CHECKPOINT_NAME
if [ "$CHECKPOINT_NAME" != checkpoint.pt ] && [ "$SKIP_TRAIN" != 1 ]; then
  echo "--checkpoint needs --skip-train (training always writes checkpoint.pt)" >&2; exit 2
fi

if [ "$SKIP_TRAIN" = 1 ]; then
  echo "== reusing $BUILD/vocab.txt and $CHECKPOINT"
  [ -s "$CHECKPOINT" ] || { echo "no checkpoint $CHECKPOINT" >&2; exit 1; }
else
  echo "== vocab"
  "$PY" -m training.tokenization build-vocab --size 10000 \
    --corpus "$DATA/mlm.txt" "$DATA/train.jsonl" --out "$BUILD/vocab.txt"

  echo "== train ($DEVICE)"
  rm -rf "$BUILD/run"
  "$PY" -m training.train --data "$DATA" --labels training/labels.json --vocab "$BUILD/vocab.txt" \
    --out "$BUILD/run" --device "$DEVICE" --mlm-epochs "$MLM_EPOCHS" "${TRAIN_ARGS[@]}"
fi

echo "== export"
"$PY" -m training.export --checkpoint "$CHECKPOINT" --vocab "$BUILD/vocab.txt" \
  --out "$BUILD/model.onnx" --verify-data "$DATA/val.jsonl" --report "$BUILD/export.json"

echo "== int8 quantisation (the shipped model; see training/quantize.py)"
"$PY" -m training.quantize --in "$BUILD/model.onnx" --out "$BUILD/model.int8.onnx" --weight-bits 7 \
  | tee "$BUILD/quantize.json"

echo "== evaluate + calibrate"
"$PY" -m training.evaluate --checkpoint "$CHECKPOINT" --vocab "$BUILD/vocab.txt" \
  --labels training/labels.json --data "$DATA" --out "$BUILD/eval.json"

echo "== package -> $MODEL_DIR"
"$PY" -m training.package --checkpoint "$CHECKPOINT" --onnx "$BUILD/model.int8.onnx" \
  --vocab "$BUILD/vocab.txt" --eval-report "$BUILD/eval.json" --export-report "$BUILD/export.json" \
  --quantization-report "$BUILD/quantize.json" --out "$MODEL_DIR" --version "$VERSION"

GOLDEN=training/golden/tokenizer_golden.jsonl
[ "$QUICK" = 1 ] && GOLDEN=$BUILD/tokenizer_golden.jsonl
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
    --data "$DATA/val.jsonl" --count 300 --tol 0.05   # int8 model vs fp32 checkpoint: close, not equal
else
  echo "== skipping C# tokenizer and ONNX parity (no dotnet or src/IntentBot.Cli)"
fi
echo "== done: $MODEL_DIR"
