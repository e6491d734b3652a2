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
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tqdm import tqdm

from leadership.bench import driver, scenarios, seed
from leadership.bench import runs as runs_module
from leadership.overview.services import overview_refresh

CHILD_FLAG = "BENCH_CHILD"
COMMAND_VARIABLE = "BENCH_COMMAND"  # the command as it was typed, passed to the child for the JSON
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/leadership_bench"
POSTGRES_SCHEMES = ("postgres://", "postgresql://", "pgsql://", "postgis://")


def _command_line() -> str:
    """The command as typed (`manage.py bench …`), with the variables that steer it (`make bench` passes
    SCALE, RUNS and BENCH_OUT as options; the others are read from the environment)."""
    steering = ("SCALE", "RUNS", "BENCH_REQUESTS", "BENCH_WARMUP", "BENCH_SETTLE", "BENCH_DATABASE_URL")
    variables = [
        f"{name}={shlex.quote(_without_password(os.environ[name]))}"
        for name in steering
        if os.environ.get(name)
    ]
    argv = [Path(sys.argv[0]).name, *(_without_password(part) for part in sys.argv[1:])]
    return " ".join([*variables, shlex.join(argv)])


def _without_password(value: str) -> str:
    """A database URL with its password replaced by "***" (other values as they are)."""
    parts = urlsplit(value)
    if not parts.password:
        return value
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


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
            "--runs",
            type=int,
            default=None,
            help="Runs over the same database, each with a fresh server; the targets are judged on the "
            "median of the runs (default: $RUNS, else 1; `make bench` runs 3).",
        )
        parser.add_argument(
            "--settle",
            type=float,
            default=None,
            help="Before each scenario, wait at most this many seconds for the 1-minute load average to "
            f"fall to {runs_module.NOISY_LOAD:g} (default: $BENCH_SETTLE, else 30; 0 with --smoke).",
        )
        parser.add_argument(
            "--accept-encoding",
            default="gzip",
            help="The Accept-Encoding header of the measured requests (default gzip, as browsers send; "
            "identity to time uncompressed responses).",
        )
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
        runs = options["runs"] or int(_env_number("RUNS", 1))
        settle = (
            options["settle"]
            if options["settle"] is not None
            else _env_number("BENCH_SETTLE", 0 if smoke else 30)
        )
        if requests < 1 or warmup < 0 or options["concurrency"] < 1 or runs < 1 or settle < 0:
            raise CommandError(
                "--requests, --concurrency and --runs must be at least 1, --warmup and --settle at least 0."
            )
        run = {
            "scale": scale,
            "requests": requests,
            "warmup": warmup,
            "concurrency": options["concurrency"],
            "smoke": smoke,
            "only": options["only"],
            "runs": runs,
            "settle": settle,
            "accept_encoding": options["accept_encoding"],
        }
        if os.environ.get(CHILD_FLAG) == "1":
            self.measure(out=out, command=os.environ.get(COMMAND_VARIABLE, ""), **run)
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
            COMMAND_VARIABLE: _command_line(),
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
            "--runs", str(runs), "--settle", repr(settle), "--accept-encoding", options["accept_encoding"],
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
        command: str,
        scale: float,
        requests: int,
        warmup: int,
        concurrency: int,
        smoke: bool,
        only: str,
        runs: int,
        settle: float,
        accept_encoding: str,
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
        self.stderr.write("Counting each scenario's queries and weighing its responses in-process…")
        probes = {s.name: self.probe(s, accounts) for s in selected}

        measured: list[dict[str, Any]] = []
        for index in range(runs):
            self.stderr.write(f"Run {index + 1} of {runs}")
            results = self.run_once(
                selected,
                accounts,
                probes,
                start=1 + index * (warmup + requests),
                requests=requests,
                warmup=warmup,
                concurrency=concurrency,
                settle=settle,
                accept_encoding=accept_encoding,
            )
            measured.append({"run": index + 1, "scenarios": results, **runs_module.run_noise(results)})
        merged = runs_module.median_results([run["scenarios"] for run in measured])

        checks = scenarios.check_errors(merged)
        if not smoke:
            checks += scenarios.check_targets(merged, facts)
            noisy = [run["run"] for run in measured if run["noisy"]]
            checks.append(
                scenarios.Check(
                    f"every run quiet (1-minute load ≤ {runs_module.NOISY_LOAD:g} before each scenario)",
                    not noisy,
                    f"noisy runs: {noisy}" if noisy else f"{runs} quiet run(s)",
                )
            )
        report = {
            "git": runs_module.git_commit(Path(settings.BASE_DIR)),
            "command": command,
            "scale": {"factor": scale, **counts},
            "overview_refresh": {"scopes": scopes, "seconds": refresh_seconds},
            "facts": {
                "listed_roles": facts.listed_roles,
                "busiest_organization": facts.organization_slug,
                "busiest_organization_roles": facts.organization_roles,
            },
            "run": {
                "requests": requests,
                "warmup": warmup,
                "concurrency": concurrency,
                "workers": driver.Server.workers,
                "threads": driver.Server.threads,
                "accept_encoding": accept_encoding,
                "runs": runs,
                "settle_seconds": settle,
                "noisy_load": runs_module.NOISY_LOAD,
                "noisy": any(run["noisy"] for run in measured),
                "smoke": smoke,
                "cpus": os.cpu_count(),
            },
            # The medians over the runs (with one run: that run), on which the targets are judged.
            "scenarios": merged,
            "runs": measured,
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

    def run_once(
        self,
        selected: list[scenarios.Scenario],
        accounts: list[scenarios.Account],
        probes: dict[str, dict[str, Any]],
        *,
        start: int,
        requests: int,
        warmup: int,
        concurrency: int,
        settle: float,
        accept_encoding: str,
    ) -> list[dict[str, Any]]:
        """One run: a fresh gunicorn, then every scenario (warm-up, measurement) with the load around it."""
        port = driver.free_port()
        server = driver.Server(
            port=port,
            env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}"},
            log_path=Path(settings.VAR_DIR) / "gunicorn.log",
        )
        results: list[dict[str, Any]] = []
        self.stderr.write(
            f"Serving with gunicorn ({server.workers} workers, gunicorn.conf.py) on 127.0.0.1:{server.port}; "
            f"log {server.log_path}"
        )
        with server.running(cwd=Path(settings.BASE_DIR)):
            for scenario in selected:
                common: dict[str, Any] = {
                    "host": "127.0.0.1",
                    "port": server.port,
                    "scenario": scenario,
                    "accounts": accounts,
                    "concurrency": concurrency,
                    "accept_encoding": accept_encoding,
                }
                load_before, waited = runs_module.settle(timeout=settle)
                before = scenario.effect() if scenario.effect else None
                try:
                    if warmup:
                        driver.drive(requests=warmup, start=start, **common)
                    measurement = driver.drive(requests=requests, start=start + warmup, **common)
                finally:
                    if scenario.finish is not None:
                        scenario.finish()
                load_after = runs_module.load_average()
                summary = driver.summarize(measurement)
                probe = probes[scenario.name]
                result: dict[str, Any] = {
                    "name": scenario.name,
                    "url": scenario.url,
                    "urls": len(scenario.addresses),
                    "method": scenario.method,
                    "kind": scenario.kind,
                    "expected_status": scenario.expected_status,
                    **summary,
                    "ratio_to_floor": None,
                    "queries": probe["queries"],
                    "bytes": probe["bytes"],
                    "max_bytes": scenario.max_bytes,
                    "statuses": dict(sorted(measurement.statuses.items())),
                    "load_before": load_before,
                    "load_after": load_after,
                    "settled_seconds": waited,
                    "noisy": runs_module.is_noisy(load_before),
                }
                if before is not None and scenario.effect:
                    result["writes"] = scenario.effect() - before
                    result["writes_expected"] = warmup + requests
                results.append(result)
                self.stderr.write(
                    f"  {scenario.name}: p95 {summary['p95_ms']} ms, {summary['rps']} req/s, "
                    f"{summary['errors']} errors {dict(measurement.statuses)}; load {load_before[:1]} → "
                    f"{load_after[:1]}"
                )
        floor_rps = results[0]["rps"]
        for result in results:
            if floor_rps and result["rps"] is not None:
                result["ratio_to_floor"] = round(result["rps"] / floor_rps, 3)
        return results

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

    def probe(self, scenario: scenarios.Scenario, accounts: list[scenarios.Account]) -> dict[str, Any]:
        """In-process, against the benchmark database: the status and SQL query count of the scenario's
        first request, and the largest response (before and after gzip) among its addresses."""
        logging.getLogger("leadership.requests").setLevel(logging.WARNING)
        client = Client(HTTP_HOST="127.0.0.1")
        extra: dict[str, str] = {"HTTP_ACCEPT_ENCODING": "gzip"}
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

        def send(url: str, counted: bool = False) -> tuple[int, dict[str, int], int]:
            """Status, sizes and (when `counted`) the SQL queries of one request; `prepare`'s writes and
            `finish` are not counted."""
            body = scenario.body(account, 0) if scenario.body and account else b""
            if scenario.prepare is not None:
                scenario.prepare(0)
            try:
                with CaptureQueriesContext(connection) as captured:
                    response = client.generic(
                        scenario.method, url, data=body, content_type=scenario.content_type or None, **extra
                    )
                # Read now: the next request's start clears the connection's query log.
                queries = len(captured.captured_queries) if counted else 0
            finally:
                if scenario.finish is not None:
                    scenario.finish()
            content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
            sizes = runs_module.body_sizes(content, response.get("Content-Encoding", ""))
            return response.status_code, sizes, queries

        first = scenario.url_for(account, 0)
        reads = scenario.method in ("GET", "HEAD")
        if reads:
            send(first)  # a first request fills the per-process caches (site, content types, translations)
        status, size, queries = send(first, counted=True)
        sizes = [size]
        if reads and not scenario.auth:
            sizes += [send(url)[1] for url in scenario.addresses if url != first]
        return {"status": status, "queries": queries, "bytes": runs_module.largest(sizes)}

    def print_table(self, report: dict[str, Any], checks: list[scenarios.Check]) -> None:
        scale, run = report["scale"], report["run"]
        self.stdout.write(
            f"\nScale {scale['factor']:g}: {scale['organizations']:,} organisations, {scale['competencies']:,} "
            f"competencies, {scale['roles']:,} roles, {scale['requirements']:,} requirements, "
            f"{scale['people']:,} people ({scale['public_people']:,} public), {scale['holders']:,} holders; "
            f"{scale['courses']:,} courses, {scale['training_sessions']:,} training sessions, "
            f"{scale['enrollments']:,} enrollments; {scale['nomination_calls']:,} calls, "
            f"{scale['nominations']:,} nominations ({scale['review_call_nominations']:,} in the review call), "
            f"{scale['reviews']:,} reviews; "
            f"{run['requests']} requests per scenario, concurrency {run['concurrency']}, "
            f"{run['workers']} gunicorn workers, {run['cpus']} CPUs, Accept-Encoding {run['accept_encoding']}; "
            f"git {(report['git']['sha'] or '?')[:12]}{' (modified)' if report['git']['dirty'] else ''}\n"
        )
        for measured in report["runs"]:
            noisy = measured["noisy_scenarios"]
            verdict = (
                self.style.ERROR(
                    f"NOISY (1-minute load above {measured['threshold']:g} before {len(noisy)} of "
                    f"{len(measured['scenarios'])} scenarios, the first: {noisy[0] if noisy else ''})"
                )
                if measured["noisy"]
                else self.style.SUCCESS(
                    f"quiet (1-minute load ≤ {measured['threshold']:g} before every scenario)"
                )
            )
            self.stdout.write(
                f"Run {measured['run']}: peak load before a scenario {measured['peak_load_before']}; {verdict}"
            )
        several = run["runs"] > 1
        self.stdout.write(
            f"\n{'Medians of ' + str(run['runs']) + ' runs' if several else 'One run'}; load: 1-minute average "
            "before → after the scenario (last run), ! when noisy; KB: largest response, raw/gzip\n"
        )
        header = (
            f"{'scenario':<40} {'reqs':>5} {'errs':>4} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7} "
            f"{'×floor':>6} {'SQL':>4} {'KB raw':>7} {'KB gz':>6} {'load':>11}"
            + ("  p95 per run" if several else "")
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))

        def cell(value: Any, width: int) -> str:
            return f"{'–' if value is None else value:>{width}}"

        last = {r["name"]: r for r in report["runs"][-1]["scenarios"]}
        for r in report["scenarios"]:
            sizes = r.get("bytes") or {}
            raw = round(sizes["uncompressed"] / 1000, 1) if sizes else None
            packed = round(sizes["compressed"] / 1000, 1) if sizes else None
            latest = last.get(r["name"], {})
            before, after = latest.get("load_before") or [None], latest.get("load_after") or [None]
            load = f"{before[0]}→{after[0]}{'!' if latest.get('noisy') else ''}"
            line = (
                f"{r['name'][:40]:<40} {r['requests']:>5} {r['errors']:>4} {cell(r['p50_ms'], 7)} "
                f"{cell(r['p95_ms'], 7)} {cell(r['p99_ms'], 7)} {cell(r['rps'], 7)} "
                f"{cell(r['ratio_to_floor'], 6)} {r['queries']:>4} {cell(raw, 7)} {cell(packed, 6)} {load:>11}"
            )
            if several:
                line += "  " + " / ".join(cell(p95, 1) for p95 in r["p95_runs"])
            self.stdout.write(line)
        self.stdout.write("")
        for check in checks:
            mark = self.style.SUCCESS("PASS") if check.passed else self.style.ERROR("FAIL")
            self.stdout.write(f"{mark}  {check.target} — {check.detail}")
