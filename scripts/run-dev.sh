#!/usr/bin/env bash
# The quick start's processes (called by `make run` after migrate and seed_demo):
# a Celery worker with beat on kombu's filesystem broker, and Django's development server. Both use the
# same CELERY_BROKER_URL, so a task queued by a page reaches the worker; stopping the server (Ctrl-C)
# stops the worker too.
set -euo pipefail

cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
VAR_DIR="${VAR_DIR:-var}"

# An embedded broker: messages are files in var/broker (settings map filesystem:// to that folder).
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-filesystem://}"
export CELERY_BROKER_FOLDER="${CELERY_BROKER_FOLDER:-$VAR_DIR/broker}"
mkdir -p "$CELERY_BROKER_FOLDER/processed"

CELERY="$(dirname "$PYTHON")/celery"
worker_pid=""
server_pid=""

# Stops a process and its children (the development server's autoreloader serves from a child).
stop() {
    local pid="$1" name="$2"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        echo "Stopping the $name (pid $pid)..." 2>/dev/null || true
        if command -v pkill >/dev/null; then pkill -TERM -P "$pid" 2>/dev/null || true; fi
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
}
cleanup() {
    # Ctrl-C may have ended a pager or `tee` reading our output: stop the processes all the same.
    trap '' PIPE
    stop "$server_pid" "development server"
    stop "$worker_pid" "Celery worker"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting a Celery worker with beat (broker: $CELERY_BROKER_URL)..."
# The worker's lines (emails included: they go to the console unless EMAIL_URL is set) carry a prefix.
"$CELERY" -A leadership worker -B --pool=solo --loglevel=INFO -s "$VAR_DIR/celerybeat-schedule" \
    > >(trap '' INT; exec sed -u 's/^/[worker] /') 2>&1 &
worker_pid=$!

echo
echo "  The leadership registry runs at http://$HOST:$PORT/"
echo "  Demo logins: see the accounts printed above by seed_demo."
echo "  Emails are printed here by the worker (lines starting with [worker]) unless EMAIL_URL is set."
echo "  Stop with Ctrl-C."
echo

# In the background as well, so that this shell reacts at once to Ctrl-C or a TERM and stops both.
"$PYTHON" manage.py runserver "$HOST:$PORT" &
server_pid=$!
wait "$server_pid"
