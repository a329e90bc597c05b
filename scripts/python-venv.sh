#!/usr/bin/env bash
# Creates (once) a Python virtual environment for a test tool and installs pinned packages into it.
#   scripts/python-venv.sh DIR PACKAGE==VERSION [...]
# Idempotent: a venv whose stamp lists the same requirements is left alone.
set -euo pipefail
dir=$1; shift
stamp="$dir/.quorum-requirements"
wanted=$(printf '%s\n' "$@")
if [ -x "$dir/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    exit 0
fi
python3 -m venv "$dir"
"$dir/bin/python" -m pip install -q --disable-pip-version-check "$@"
printf '%s' "$wanted" >"$stamp"
echo "installed $* into $dir"
