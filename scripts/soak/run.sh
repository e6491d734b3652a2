#!/usr/bin/env bash
# The load soak (`make soak`, `make soak-smoke`): the registry as production runs it, under a mixed crowd.
#
# 1. (Re)creates the soak's own PostgreSQL database (SOAK_DATABASE_URL; its name must contain "soak", since
#    it is dropped), migrates it and loads the demo data, as `make run` does.
# 2. Serves it with gunicorn (gunicorn.conf.py, 2 workers) and a Celery worker on Redis (broker and cache in databases of their
#    own), with production settings (DEBUG off, a generated SECRET_KEY) except for TLS: plain http on
#    127.0.0.1, so no HTTPS redirect and no Secure-only cookies. Emails are delivered nowhere (dummymail).
# 3. Runs scripts/soak/locustfile.py headless: SOAK_USERS users (20) for SOAK_SECONDS (120). It prints the
#    figures, writes SOAK_REPORT and fails on any 5xx, on more than 1% unexpected statuses, or on a p95
#    above 300 ms (SOAK_SMOKE=1: timings reported, not asserted).
# 4. Checks the database afterwards: the outbox drains, `manage.py check_consistency` passes (seats,
#    waitlists, no email lost), and the emails written match the crowd's actions (one per nomination, one
#    per waitlisted learner promoted to a seat; enrolling and cancelling send nothing else).
# Everything it starts is stopped by PID when it exits, whether it passed, failed or was interrupted.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

PYTHON="${PYTHON:-.venv/bin/python}"
BIN="$(dirname "$PYTHON")"
SOAK_SECONDS="${SOAK_SECONDS:-120}"
SOAK_USERS="${SOAK_USERS:-20}"
SOAK_PORT="${SOAK_PORT:-8765}"
SOAK_DATABASE_URL="${SOAK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/leadership_soak}"
SOAK_REDIS_URL="${SOAK_REDIS_URL:-redis://127.0.0.1:6379}"
SOAK_BROKER_DB="${SOAK_BROKER_DB:-12}"
SOAK_CACHE_DB="${SOAK_CACHE_DB:-13}"
SOAK_VAR_DIR="${SOAK_VAR_DIR:-${VAR_DIR:-var}/soak}"
SOAK_REPORT="${SOAK_REPORT:-${VAR_DIR:-var}/soak-report.json}"
SOAK_DRAIN_SECONDS="${SOAK_DRAIN_SECONDS:-60}"  # how long the worker may take to empty the outbox afterwards
if [[ "${SOAK_SMOKE:-}" == "1" ]]; then
    export SOAK_MAX_P95_MS=""  # CI's shared machine: timings are reported, not asserted
else
    export SOAK_MAX_P95_MS="${SOAK_MAX_P95_MS:-300}"
fi
export SOAK_MAX_UNEXPECTED="${SOAK_MAX_UNEXPECTED:-0.01}"

say() { printf '\n==> [%d s] %s\n' "$SECONDS" "$*"; }
fail() { echo "soak: $*" >&2; exit 1; }

# --- The database: dropped and created again at every run --------------------------------------------------
db_name="${SOAK_DATABASE_URL##*/}"
db_name="${db_name%%\?*}"
[[ "$db_name" == *soak* ]] || fail "SOAK_DATABASE_URL names the database '$db_name': the soak drops its database, so its name must contain 'soak'."
admin_url="${SOAK_DATABASE_URL%/*}/postgres"
psql_soak() { psql "$SOAK_DATABASE_URL" -v ON_ERROR_STOP=1 -qtAX "$@"; }

mkdir -p "$SOAK_VAR_DIR" "$(dirname "$SOAK_REPORT")"
SOAK_VAR_DIR="$(cd "$SOAK_VAR_DIR" && pwd)"
SOAK_REPORT="$(cd "$(dirname "$SOAK_REPORT")" && pwd)/$(basename "$SOAK_REPORT")"
rm -f "$SOAK_REPORT" "$SOAK_VAR_DIR"/*.log "$SOAK_VAR_DIR/consistency.json"

# --- Production settings, but plain http on 127.0.0.1 -------------------------------------------------------
export DATABASE_URL="$SOAK_DATABASE_URL"
export DEBUG=false
SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(64))')"  # URL-safe: no "$" for environ
export SECRET_KEY
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SITE_URL="http://127.0.0.1:$SOAK_PORT"
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0
export VAR_DIR="$SOAK_VAR_DIR"
export CELERY_BROKER_URL="$SOAK_REDIS_URL/$SOAK_BROKER_DB"
export CACHE_URL="$SOAK_REDIS_URL/$SOAK_CACHE_DB"
export EMAIL_URL="dummymail://"  # post_office marks each email sent; nothing leaves the machine
# Every simulated user comes from 127.0.0.1, so the per-address limits would turn the crowd into 429s
# within seconds: the soak raises the nomination form's rate limits and the API throttles. Their
# bookkeeping (in the Redis cache) still runs on every request.
export NOMINATION_RATE_PER_ADDRESS="100000000/m" NOMINATION_RATE_PER_ACCOUNT="100000000/m"
export API_THROTTLE_ANON="100000000/minute" API_THROTTLE_USER="100000000/minute"
export LOG_LEVEL="${LOG_LEVEL:-INFO}"

# --- Stopping what we started, by PID, whatever happens -----------------------------------------------------
server_pid=""
worker_pid=""
static_pid=""
locust_pid=""
stop() {
    local pid="$1" name="$2"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        echo "Stopping the $name (pid $pid)..."
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
}
cleanup() {
    trap '' PIPE
    stop "$locust_pid" "locust"
    stop "$static_pid" "collectstatic"
    stop "$server_pid" "gunicorn master"
    stop "$worker_pid" "Celery worker"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "Database $db_name: drop, create, migrate, demo data"
dropdb --if-exists --force --maintenance-db="$admin_url" "$db_name"
createdb --maintenance-db="$admin_url" "$db_name"
# Collecting (and compressing) the static files is the slowest step: it runs beside the migrations and the
# demo data, and not at all when the static files and the pinned packages are those of the last run.
static_stamp="$( {
    find . \( -path './.venv*' -o -path ./var -o -path ./node_modules \) -prune -o -path '*/static/*' -type f \
        -printf '%P %s %T@\n' | sort
    cat requirements/base.lock
} | sha256sum | cut -c1-16)"
if [[ -f "$SOAK_VAR_DIR/static/staticfiles.json" && "$(cat "$SOAK_VAR_DIR/static.stamp" 2>/dev/null)" == "$static_stamp" ]]; then
    echo "Static files: those of the last run"
else
    rm -f "$SOAK_VAR_DIR/static.stamp"
    "$PYTHON" manage.py collectstatic --noinput --clear -v 0 >"$SOAK_VAR_DIR/collectstatic.log" 2>&1 &
    static_pid=$!
fi
"$PYTHON" manage.py migrate --noinput -v 0
LOG_LEVEL=WARNING "$PYTHON" manage.py seed_demo --allow-without-debug --quiet
if [[ -n "$static_pid" ]]; then
    wait "$static_pid" || { cat "$SOAK_VAR_DIR/collectstatic.log"; fail "collectstatic failed"; }
    static_pid=""
    echo "$static_stamp" >"$SOAK_VAR_DIR/static.stamp"
fi
# The soak's own bookkeeping (its database only): every waitlisted learner promoted to a seat, so that the
# promotion emails can be counted against what happened.
psql_soak <<'SQL'
CREATE TABLE soak_promotion (enrollment_id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION soak_log_promotion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'waitlisted' AND NEW.state = 'confirmed' THEN
        INSERT INTO soak_promotion (enrollment_id) VALUES (NEW.id);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER soak_log_promotion AFTER UPDATE OF state ON training_enrollment
    FOR EACH ROW EXECUTE FUNCTION soak_log_promotion();
SQL
# The demo accounts the learners sign in with; first those holding a seat in a small session, so that their
# cancellations promote waitlisted learners from the start.
SOAK_LEARNERS="$(psql_soak -c "
    SELECT string_agg(email, ',' ORDER BY seated DESC, email) FROM (
        SELECT u.email, EXISTS (
            SELECT 1 FROM roles_person p JOIN training_enrollment e ON e.person_id = p.id
            JOIN training_trainingsession s ON s.id = e.session_id
            WHERE p.user_id = u.id AND e.state = 'confirmed' AND s.status = 'published'
              AND s.capacity <= 5 AND s.enrollment_deadline > now()
        ) AS seated
        FROM auth_user u
        WHERE u.is_active AND NOT u.is_staff AND u.email LIKE '%@demo.example.org'
          AND EXISTS (SELECT 1 FROM account_emailaddress a WHERE a.user_id = u.id AND a.verified)
    ) AS accounts")"
export SOAK_LEARNERS
[[ -n "$SOAK_LEARNERS" ]] || fail "the demo data has no account to sign in with"
echo "$(tr ',' '\n' <<<"$SOAK_LEARNERS" | wc -l) demo accounts for the learners"

say "Redis databases $SOAK_BROKER_DB (broker) and $SOAK_CACHE_DB (cache): emptied"
redis-cli -u "$CELERY_BROKER_URL" flushdb >/dev/null
redis-cli -u "$CACHE_URL" flushdb >/dev/null

say "gunicorn (2 workers) on 127.0.0.1:$SOAK_PORT and a Celery worker; logs in $SOAK_VAR_DIR"
# No beat: its jobs run every 15 minutes to hourly, so in a soak they would run once at the start and queue
# emails that no action of the crowd caused; the worker sends the outbox as each request asks it to.
"$BIN/celery" -A leadership worker --concurrency 1 --loglevel INFO --without-mingle --without-gossip \
    >"$SOAK_VAR_DIR/worker.log" 2>&1 &
worker_pid=$!
# gunicorn.conf.py, as in production (preloaded, the collector frozen before forking and tuned after).
WEB_CONCURRENCY=2 GUNICORN_THREADS=1 GUNICORN_TIMEOUT=60 GUNICORN_GRACEFUL_TIMEOUT=10 \
    "$BIN/gunicorn" -c gunicorn.conf.py --bind "127.0.0.1:$SOAK_PORT" >"$SOAK_VAR_DIR/gunicorn.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$SOAK_VAR_DIR/gunicorn.log"; fail "gunicorn exited"; }
    kill -0 "$worker_pid" 2>/dev/null || { tail -20 "$SOAK_VAR_DIR/worker.log"; fail "the worker exited"; }
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$SITE_URL/healthz/ready")" == "200" ]] && break
    sleep 0.5
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$SITE_URL/healthz/ready")" == "200" ]] \
    || { tail -20 "$SOAK_VAR_DIR/gunicorn.log"; fail "the site is not ready at $SITE_URL/healthz/ready"; }
# A warm-up, as a deploy's health checks would give it: each worker's first pages compile their templates.
for _ in 1 2 3; do
    for path in /en/ /en/roles/ /en/organizations/ /en/training/ /en/overview/ /api/v1/roles/; do
        curl -s -o /dev/null "$SITE_URL$path"
    done
done

say "Locust: $SOAK_USERS users for $SOAK_SECONDS s against $SITE_URL"
started="$(psql_soak -c "SELECT now()")"
export SOAK_REPORT SOAK_PASSWORD="${DEMO_PASSWORD:-demo-leadership-2026}"
locust_status=0
# In the background, waited for: a TERM or Ctrl-C reaches the trap at once, which stops locust too.
"$BIN/locust" -f scripts/soak/locustfile.py --headless --only-summary --loglevel WARNING \
    --users "$SOAK_USERS" --spawn-rate "$(( SOAK_USERS > 4 ? SOAK_USERS / 4 : 1 ))" \
    --run-time "${SOAK_SECONDS}s" --stop-timeout 10 --host "$SITE_URL" &
locust_pid=$!
wait "$locust_pid" || locust_status=$?
locust_pid=""
[[ -f "$SOAK_REPORT" ]] || fail "locust wrote no report (exit status $locust_status)"

say "Afterwards: the outbox drains, the database is consistent, every email is accounted for"
drained=""
for second in $(seq 0 "$SOAK_DRAIN_SECONDS"); do
    # post_office's statuses: 2 queued, 3 requeued.
    if [[ "$(psql_soak -c "SELECT count(*) FROM post_office_email WHERE status IN (2, 3)")" == "0" ]]; then
        drained="$second"
        break
    fi
    sleep 1
done
if [[ -n "$drained" ]]; then
    echo "Outbox drained after $drained s"
else
    echo "Outbox NOT drained: emails still queued after $SOAK_DRAIN_SECONDS s"
fi
consistency_status=0
"$PYTHON" manage.py check_consistency --since "$started" --json "$SOAK_VAR_DIR/consistency.json" \
    || consistency_status=$?
emails="$(psql_soak -c "SELECT count(*) FROM post_office_email WHERE created >= '$started'")"
nominations="$(psql_soak -c "SELECT count(*) FROM nominations_nomination WHERE created_at >= '$started'")"
promotions="$(psql_soak -c "
    SELECT count(*) FROM soak_promotion p
    JOIN training_enrollment e ON e.id = p.enrollment_id JOIN roles_person r ON r.id = e.person_id
    WHERE p.at >= '$started' AND r.email <> ''")"

# The verdict, kept in the report beside locust's figures.
SOAK_LOCUST_STATUS="$locust_status" SOAK_CONSISTENCY_STATUS="$consistency_status" SOAK_DRAINED="$drained" \
SOAK_EMAILS="$emails" SOAK_NOMINATIONS="$nominations" SOAK_PROMOTIONS="$promotions" \
SOAK_CONSISTENCY_JSON="$SOAK_VAR_DIR/consistency.json" "$PYTHON" - <<'PY'
import json, os, sys
from pathlib import Path

env = os.environ
path = Path(env["SOAK_REPORT"])
report = json.loads(path.read_text())
consistency_path = Path(env["SOAK_CONSISTENCY_JSON"])
consistency = json.loads(consistency_path.read_text()) if consistency_path.exists() else {"ok": False}
emails, nominations, promotions = (int(env[name]) for name in ("SOAK_EMAILS", "SOAK_NOMINATIONS", "SOAK_PROMOTIONS"))
checks = [
    {"target": "outbox drained after the load", "passed": env["SOAK_DRAINED"] != "",
     "detail": f"in {env['SOAK_DRAINED']} s" if env["SOAK_DRAINED"] else "emails still queued"},
    {"target": "check_consistency (seats, waitlists, outbox, nomination emails)",
     "passed": env["SOAK_CONSISTENCY_STATUS"] == "0" and consistency.get("ok") is True,
     "detail": "ok" if consistency.get("ok") else json.dumps(consistency.get("violations", {}))[:500]},
    {"target": "nominations saved = nomination forms answered with 302",
     "passed": nominations == report["nominations_submitted"],
     "detail": f"{nominations} saved, {report['nominations_submitted']} redirected"},
    {"target": "emails written = nominations + promotions from the waitlist",
     "passed": emails == nominations + promotions,
     "detail": f"{emails} emails, {nominations} nominations + {promotions} promotions"},
]
report["consistency"] = {
    "checks": checks,
    "figures": consistency.get("figures", {}),
    "violations": consistency.get("violations", {}),
    "emails_written": emails,
    "nominations_saved": nominations,
    "promotions": promotions,
}
report["passed"] = bool(report["passed"] and env["SOAK_LOCUST_STATUS"] == "0" and all(c["passed"] for c in checks))
path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
for check in checks:
    print(f"  [{'ok' if check['passed'] else 'FAILED'}] {check['target']}: {check['detail']}")
print(f"\nReport: {path}")
print("SOAK PASSED" if report["passed"] else "SOAK FAILED", flush=True)
sys.exit(0 if report["passed"] else 1)
PY
