#!/usr/bin/env bash
# Creates a Python venv with the MLflow tracking server, for the MLflow live tests and local use.
# Usage: scripts/mlflow-venv.sh [VENV_DIR]   (default: $QUORUM_HOME/mlflow-venv, QUORUM_HOME=~/.quorum)
# Idempotent: an existing venv with the pinned MLflow is left as it is. Prints the venv's path.
set -euo pipefail

MLFLOW_VERSION="${QUORUM_MLFLOW_VERSION:-3.17.2}"
VENV="${1:-${QUORUM_HOME:-$HOME/.quorum}/mlflow-venv}"
PYTHON="${QUORUM_PYTHON:-python3}"

installed_version() {
    "$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("mlflow"))' 2>/dev/null || true
}

if [[ -x "$VENV/bin/mlflow" && "$(installed_version)" == "$MLFLOW_VERSION" ]]; then
    echo "$VENV"
    exit 0
fi

mkdir -p "$(dirname "$VENV")"
[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
"$VENV/bin/python" -m pip install --quiet "mlflow==$MLFLOW_VERSION" >&2
echo "$VENV"
