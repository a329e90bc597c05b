#!/usr/bin/env bash
# Starts or stops a local MLflow tracking server with a SQLite backend and a proxied artifact store.
# Usage: scripts/mlflow-server.sh start|stop PORT DIR
#   start: runs `mlflow server` in the background (pid in DIR/mlflow.pid, log in DIR/mlflow.log)
#          and waits until http://127.0.0.1:PORT/health answers.
#   stop:  stops the server whose pid is in DIR/mlflow.pid.
# The server comes from $QUORUM_MLFLOW_VENV (default $QUORUM_HOME/mlflow-venv); see scripts/mlflow-venv.sh.
set -euo pipefail

usage() { echo "usage: $0 start|stop PORT DIR" >&2; exit 64; }
[[ $# -eq 3 ]] || usage
ACTION="$1" PORT="$2" DIR="$3"
VENV="${QUORUM_MLFLOW_VENV:-${QUORUM_HOME:-$HOME/.quorum}/mlflow-venv}"
PIDFILE="$DIR/mlflow.pid"
WAIT_SECONDS="${QUORUM_MLFLOW_START_TIMEOUT:-120}"

start() {
    [[ -x "$VENV/bin/mlflow" ]] || { echo "no MLflow in $VENV; run scripts/mlflow-venv.sh first" >&2; exit 1; }
    mkdir -p "$DIR/artifacts"
    DIR="$(cd "$DIR" && pwd)"
    PIDFILE="$DIR/mlflow.pid"
    if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
        echo "MLflow already running (pid $(cat "$PIDFILE"))" >&2
    else
        # setsid: the server and its workers form one process group, stopped together. Descriptors
        # other than 0-2 are closed first so a caller waiting on an inherited pipe is not held open.
        (
            for fd in /proc/$BASHPID/fd/*; do
                n="${fd##*/}"
                if [[ "$n" -gt 2 ]]; then eval "exec $n>&-" 2>/dev/null || true; fi
            done
            exec setsid "$VENV/bin/mlflow" server \
                --backend-store-uri "sqlite:///$DIR/mlflow.db" \
                --artifacts-destination "$DIR/artifacts" \
                --host 127.0.0.1 --port "$PORT" --workers 1 \
                >"$DIR/mlflow.log" 2>&1 </dev/null
        ) &
        echo $! >"$PIDFILE"
    fi
    for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
        if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
            echo "MLflow listening on http://127.0.0.1:$PORT"
            return 0
        fi
        kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { echo "MLflow exited; see $DIR/mlflow.log" >&2; tail -20 "$DIR/mlflow.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "MLflow did not answer on port $PORT within ${WAIT_SECONDS}s; see $DIR/mlflow.log" >&2
    stop
    exit 1
}

stop() {
    [[ -f "$PIDFILE" ]] || return 0
    local pid
    pid="$(cat "$PIDFILE")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
}

case "$ACTION" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
