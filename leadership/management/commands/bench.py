"""`manage.py bench` (`make bench`): the registry's benchmark on generated data at scale.

It runs in two steps. The first (this process) makes sure the benchmark database exists and was seeded by
the same code and scale (dropping it otherwise), then runs the second step in a child process whose
settings point at that database, with production-like settings (DEBUG off, a random SECRET_KEY). The child
seeds the database if it is new, counts the SQL queries of one request of each scenario in-process, serves
the site with gunicorn (2 workers), drives it over HTTP, prints a table, writes the JSON and checks the
targets (with --smoke: only that every scenario answered as expected).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tqdm import tqdm

from leadership.bench import driver, scenarios, seed
from leadership.overview.services import overview_refresh

CHILD_FLAG = "BENCH_CHILD"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/leadership_bench"
POSTGRES_SCHEMES = ("postgres://", "postgresql://", "pgsql://", "postgis://")


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    try:
        return float(value) if value else default
    except ValueError as exc:
        raise CommandError(f"{name} must be a number, not {value!r}.") from exc


class Command(BaseCommand):
    help = (
        "Benchmark the registry on generated data: seed a separate PostgreSQL database at SCALE (1 = 5,000 "
        "organisations, 100,000 roles, 200,000 people, 20,000 training sessions with 1,000,000 enrollments, "
        "200,000 nominations…), serve it with gunicorn, drive it over HTTP with "
        "concurrency 2, print p50/p95/p99 and requests per second, write JSON to BENCH_OUT and check the "
        "targets. The seeded database is reused while the migrations, the generator and the scale are "
        "unchanged."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=None,
            help="Fraction of full scale (default: $SCALE, else 1; CI's smoke run uses 0.01).",
        )
        parser.add_argument(
            "--out",
            default=None,
            help="Where to write the JSON (default: $BENCH_OUT, else bench-results.json).",
        )
        parser.add_argument(
            "--requests",
            type=int,
            default=None,
            help="Measured requests per scenario (default: $BENCH_REQUESTS, else 200; 20 with --smoke).",
        )
        parser.add_argument(
            "--warmup",
            type=int,
            default=None,
            help="Unmeasured requests per scenario first (default: $BENCH_WARMUP, else 20; 2 with --smoke).",
        )
        parser.add_argument("--concurrency", type=int, default=2, help="Concurrent connections (default 2).")
        parser.add_argument(
            "--smoke",
            action="store_true",
            help="Check only that every scenario answers as expected (exit 1 on any error), not the targets.",
        )
        parser.add_argument(
            "--only", default="", help="Run only the scenarios whose name contains this text (and the floor)."
        )
        parser.add_argument(
            "--database-url",
            default=None,
            help=f"The benchmark database (default: $BENCH_DATABASE_URL, else {DEFAULT_DATABASE_URL}).",
        )
        parser.add_argument(
            "--reseed", action="store_true", help="Drop and seed the database even if current."
        )

    # --- Step 1: the database, then the child -----------------------------------------------------------
    def handle(self, *args: Any, **options: Any) -> None:
        scale = options["scale"] if options["scale"] is not None else _env_number("SCALE", 1.0)
        try:
            seed.Plan.for_scale(scale)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        smoke = options["smoke"]
        requests = options["requests"] or int(_env_number("BENCH_REQUESTS", 20 if smoke else 200))
        warmup = (
            options["warmup"]
            if options["warmup"] is not None
            else int(_env_number("BENCH_WARMUP", 2 if smoke else 20))
        )
        out = Path(options["out"] or os.environ.get("BENCH_OUT") or "bench-results.json").resolve()
        if requests < 1 or warmup < 0 or options["concurrency"] < 1:
            raise CommandError("--requests and --concurrency must be at least 1, --warmup at least 0.")
        run = {
            "scale": scale,
            "requests": requests,
            "warmup": warmup,
            "concurrency": options["concurrency"],
            "smoke": smoke,
            "only": options["only"],
        }
        if os.environ.get(CHILD_FLAG) == "1":
            self.measure(out=out, **run)
            return
        url = options["database_url"] or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
        if not url.startswith(POSTGRES_SCHEMES):
            raise CommandError(f"The benchmark needs PostgreSQL; BENCH_DATABASE_URL is {url}.")
        fingerprint = seed.fingerprint(scale)
        fingerprint_to_keep = "" if options["reseed"] else fingerprint  # "" matches no database: reseed
        try:
            state = seed.prepare_database(url, fingerprint_to_keep)
        except Exception as exc:  # the server's own message says best what is wrong (down, refused…)
            raise CommandError(
                f"Cannot prepare the benchmark database {seed.database_name(url)}: {exc}"
            ) from exc
        self.stderr.write(
            f"Benchmark database {seed.database_name(url)}: "
            + ("seeded by this code and scale, reused." if state == "reuse" else "new, to be seeded.")
        )
        var_dir = Path(settings.BASE_DIR) / "var" / "bench"
        # Emails go to a broker as in production (no worker reads it): a folder emptied at every run.
        broker = var_dir / "broker"
        shutil.rmtree(broker, ignore_errors=True)
        (broker / "processed").mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            CHILD_FLAG: "1",
            "DATABASE_URL": url,
            "DEBUG": "false",
            # URL-safe: django-environ would read a key starting with "$" as a reference to another variable.
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "VAR_DIR": str(var_dir),
            "CELERY_BROKER_URL": "filesystem://",
            "CELERY_BROKER_FOLDER": str(broker),
            # The throttles and rate limits would turn a benchmark into 429s; their bookkeeping still runs.
            "API_THROTTLE_ANON": "100000000/minute",
            "API_THROTTLE_USER": "100000000/minute",
            "NOMINATION_RATE_PER_ADDRESS": "100000000/m",
            "NOMINATION_RATE_PER_ACCOUNT": "100000000/m",
        }
        argv = [
            sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench",
            "--scale", repr(scale), "--out", str(out), "--requests", str(requests), "--warmup", str(warmup),
            "--concurrency", str(options["concurrency"]), "--only", options["only"],
            "--verbosity", str(options["verbosity"]),
        ]  # fmt: skip
        if smoke:
            argv.append("--smoke")
        returncode = subprocess.call(argv, env=env, cwd=settings.BASE_DIR)  # noqa: S603 - our own command
        if returncode:
            sys.exit(returncode)

    # --- Step 2 (child): seed if needed, count queries, serve, drive, report ---------------------------
    def measure(
        self,
        *,
        out: Path,
        scale: float,
        requests: int,
        warmup: int,
        concurrency: int,
        smoke: bool,
        only: str,
    ) -> None:
        self.ensure_seeded(scale)
        counts = seed.counts_in_database()
        # The overview's figures are materialised by a periodic task; the run times one refresh at this scale.
        self.stderr.write("Materialising the overview's figures (overview.refresh)…")
        started = time.monotonic()
        scopes = overview_refresh()
        refresh_seconds = round(time.monotonic() - started, 2)
        self.stderr.write(f"  {scopes:,} scopes in {refresh_seconds} s")
        self.stderr.write("Collecting static files for the server (whitenoise, manifest storage)…")
        call_command("collectstatic", interactive=False, verbosity=0)
        facts = scenarios.gather_facts()
        selected = [
            s for s in scenarios.build(facts) if s.kind == scenarios.FLOOR or only.lower() in s.name.lower()
        ]
        accounts = scenarios.make_accounts()
        before = {s.name: s.effect() for s in selected if s.effect}
        queries = {s.name: self.count_queries(s, accounts) for s in selected}

        port = driver.free_port()
        server = driver.Server(
            port=port,
            env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}"},
            log_path=Path(settings.VAR_DIR) / "gunicorn.log",
        )
        results: list[dict[str, Any]] = []
        self.stderr.write(
            f"Serving with gunicorn (2 workers) on 127.0.0.1:{server.port}; log {server.log_path}"
        )
        with server.running(cwd=Path(settings.BASE_DIR)):
            for scenario in selected:
                common = {
                    "host": "127.0.0.1",
                    "port": server.port,
                    "scenario": scenario,
                    "accounts": accounts,
                }
                # Request 0 was the one whose queries were counted; the warm-up and the measurement follow.
                if warmup:
                    driver.drive(requests=warmup, concurrency=concurrency, start=1, **common)
                measurement = driver.drive(
                    requests=requests, concurrency=concurrency, start=1 + warmup, **common
                )
                summary = driver.summarize(measurement)
                _status, query_count = queries[scenario.name]
                results.append(
                    {
                        "name": scenario.name,
                        "url": scenario.url,
                        "method": scenario.method,
                        "kind": scenario.kind,
                        "expected_status": scenario.expected_status,
                        **summary,
                        "ratio_to_floor": None,
                        "queries": query_count,
                        "statuses": dict(sorted(measurement.statuses.items())),
                    }
                )
                if scenario.effect:
                    results[-1]["writes"] = scenario.effect() - before[scenario.name]
                    results[-1]["writes_expected"] = 1 + warmup + requests
                self.stderr.write(
                    f"  {scenario.name}: p95 {summary['p95_ms']} ms, {summary['rps']} req/s, "
                    f"{summary['errors']} errors {dict(measurement.statuses)}"
                )
        floor_rps = results[0]["rps"]
        for result in results:
            if floor_rps and result["rps"] is not None:
                result["ratio_to_floor"] = round(result["rps"] / floor_rps, 3)

        checks = scenarios.check_errors(results)
        if not smoke:
            checks += scenarios.check_targets(results, facts)
        report = {
            "scale": {"factor": scale, **counts},
            "overview_refresh": {"scopes": scopes, "seconds": refresh_seconds},
            "scenarios": results,
            "run": {
                "requests": requests,
                "warmup": warmup,
                "concurrency": concurrency,
                "workers": server.workers,
                "smoke": smoke,
                "cpus": os.cpu_count(),
            },
            "targets": [{"target": c.target, "passed": c.passed, "detail": c.detail} for c in checks],
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.print_table(report, checks)
        self.stdout.write(f"JSON written to {out}")
        failed = [c for c in checks if not c.passed]
        if failed:
            what = "scenario(s) answered unexpectedly" if smoke else "check(s) failed"
            raise CommandError(f"{len(failed)} {what}.", returncode=1)

    def ensure_seeded(self, scale: float) -> None:
        fingerprint = seed.fingerprint(scale)
        marker = seed.read_marker()
        if marker is not None:
            if marker["fingerprint"] != fingerprint:
                raise CommandError(
                    "The benchmark database was seeded by other code or scale; run again to reseed."
                )
            return
        started = time.monotonic()
        self.stderr.write("Migrating the benchmark database…")
        call_command("migrate", interactive=False, verbosity=0)
        plan = seed.Plan.for_scale(scale)
        bar = tqdm(
            total=plan.estimated_rows(),
            desc="Seeding",
            unit="row",
            file=sys.stderr,
            dynamic_ncols=True,
            disable=None,  # shown on a terminal only, so that CI logs stay short
        )

        def progress(table: str, rows: int) -> None:
            bar.set_description(table if table != "indexes" else "building indexes", refresh=False)
            bar.update(rows)

        with bar:
            written = seed.seed(scale=scale, progress=progress)
            bar.set_description("VACUUM ANALYZE")
            seed.write_marker(fingerprint_value=fingerprint, scale=scale, counts=written)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stderr.write(f"Seeded {sum(written.values()):,} rows in {time.monotonic() - started:.0f} s.")

    def count_queries(
        self, scenario: scenarios.Scenario, accounts: list[scenarios.Account]
    ) -> tuple[int, int]:
        """Status and SQL query count of one request, in-process against the benchmark database."""
        logging.getLogger("leadership.requests").setLevel(logging.WARNING)
        client = Client(HTTP_HOST="127.0.0.1")
        extra: dict[str, str] = {}
        pool = scenario.pool(accounts)
        account = pool[0] if scenario.auth and pool else None
        if account and scenario.auth == "session":
            client.cookies[settings.SESSION_COOKIE_NAME] = account.session_key
            client.cookies[settings.CSRF_COOKIE_NAME] = account.csrf_token
            extra["HTTP_X_CSRFTOKEN"] = account.csrf_token
        elif account and scenario.auth == "token":
            extra["HTTP_AUTHORIZATION"] = f"Token {account.api_token}"
        if scenario.url.startswith("/api/"):
            extra["HTTP_ACCEPT"] = "application/json"

        def send() -> int:
            body = scenario.body(account, 0) if scenario.body and account else b""
            response = client.generic(
                scenario.method,
                scenario.url_for(account, 0),
                data=body,
                content_type=scenario.content_type or None,
                **extra,
            )
            return response.status_code

        if scenario.method in ("GET", "HEAD"):
            send()  # a first request fills the per-process caches (site, content types, translations)
        with CaptureQueriesContext(connection) as captured:
            status = send()
        return status, len(captured.captured_queries)

    def print_table(self, report: dict[str, Any], checks: list[scenarios.Check]) -> None:
        scale = report["scale"]
        self.stdout.write(
            f"\nScale {scale['factor']:g}: {scale['organizations']:,} organisations, {scale['competencies']:,} "
            f"competencies, {scale['roles']:,} roles, {scale['requirements']:,} requirements, "
            f"{scale['people']:,} people ({scale['public_people']:,} public), {scale['holders']:,} holders; "
            f"{scale['courses']:,} courses, {scale['training_sessions']:,} training sessions, "
            f"{scale['enrollments']:,} enrollments; {scale['nomination_calls']:,} calls, "
            f"{scale['nominations']:,} nominations ({scale['review_call_nominations']:,} in the review call), "
            f"{scale['reviews']:,} reviews; "
            f"{report['run']['requests']} requests per scenario, concurrency {report['run']['concurrency']}, "
            f"{report['run']['workers']} gunicorn workers, {report['run']['cpus']} CPUs\n"
        )
        header = f"{'scenario':<42} {'reqs':>5} {'errs':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'×floor':>7} {'SQL':>4}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))

        def cell(value: Any, width: int) -> str:
            return f"{'–' if value is None else value:>{width}}"

        for r in report["scenarios"]:
            self.stdout.write(
                f"{r['name'][:42]:<42} {r['requests']:>5} {r['errors']:>5} {cell(r['p50_ms'], 8)} "
                f"{cell(r['p95_ms'], 8)} {cell(r['p99_ms'], 8)} {cell(r['rps'], 8)} "
                f"{cell(r['ratio_to_floor'], 7)} {r['queries']:>4}"
            )
        self.stdout.write("")
        for check in checks:
            mark = self.style.SUCCESS("PASS") if check.passed else self.style.ERROR("FAIL")
            self.stdout.write(f"{mark}  {check.target} — {check.detail}")
