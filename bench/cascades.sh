#!/usr/bin/env bash
# Issue 16's cascade benchmark on the three local models (bench/cascades.yaml, datasets/verifiable-qa):
#  1. `quorum calibrate` has each model answer the calibration split alone (and the test split, to
#     score the fitted threshold there), fits the confidence threshold to TARGET and writes it in;
#     then does the same for the learned routers, plain and gated (training their files on the calibration split);
#  2. `quorum run` answers the test split with the 1.5B alone, the calibrated confidence cascade, the
#     learned router and the judge-gated cascade (EXTRA adds systems: confident-refine, agreed, moa, self-moa, small-alone, small-consistent);
#  3. bench/cascades-check.py prints the oracle and checks the issue's bars against the measured run.
# Calls are stored in $QUORUM_HOME/bench/cascades.db, so a second run pays only for what is new.
#
# Usage: bench/cascades.sh [LIMIT]      (items per split, default 200)
#   TARGET=quality=0.95 (default) · EXTRA=agreed,moa · QUORUM_BIN=.build/release/quorum
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-200}"
target="${TARGET:-quality=0.95}"
quorum="${QUORUM_BIN:-$PWD/.build/debug/quorum}"
home="${QUORUM_HOME:-$HOME/.quorum}"
work="$home/bench/cascades"
mkdir -p "$work"
# A stable copy beside the dataset's absolute path, so the store recognises its earlier runs.
sed "s#path: ../datasets/#path: $PWD/datasets/#" bench/cascades.yaml > "$work/cascades.yaml"
store="sqlite:$work/cascades.db"
systems="large-alone,confident,routed,routed-gated,judged${EXTRA:+,$EXTRA}"

echo "== calibrate (target $target, $limit items per split)"
"$quorum" calibrate "$work/cascades.yaml" --system confident --split calibration --test-split test \
    --target "$target" --limit "$limit" --store "$store" --write
"$quorum" calibrate "$work/cascades.yaml" --system confident --split calibration --test-split test \
    --target "$target" --limit "$limit" --store "$store" --json > "$work/calibration.json" 2>/dev/null
echo "== calibrate the learned router (trains $work/cascades-router.json on the calibration split)"
"$quorum" calibrate "$work/cascades.yaml" --system routed --split calibration --test-split test \
    --target "$target" --limit "$limit" --store "$store" --write
"$quorum" calibrate "$work/cascades.yaml" --system routed --split calibration --test-split test \
    --target "$target" --limit "$limit" --store "$store" --json > "$work/router-calibration.json" 2>/dev/null
"$quorum" calibrate "$work/cascades.yaml" --system routed-gated --split calibration --test-split test \
    --target "$target" --limit "$limit" --store "$store" --write
if [[ ",$systems," == *",confident-refine,"* ]]; then
    "$quorum" calibrate "$work/cascades.yaml" --system confident-refine --split calibration \
        --target "$target" --limit "$limit" --store "$store" --write >/dev/null
fi

echo "== run the test split: $systems"
"$quorum" run "$work/cascades.yaml" --systems "$systems" --limit "$limit" --store "$store" --json > "$work/summary.json"
run=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runID"])' "$work/summary.json")
"$quorum" compare "$run" --store "$store" --no-judging
"$quorum" compare "$run" --store "$store" --no-judging --json > "$work/compare.json"
python3 bench/cascades-check.py "$work/calibration.json" "$work/compare.json" "$work/router-calibration.json"
