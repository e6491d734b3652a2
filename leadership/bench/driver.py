"""Serve the site with gunicorn and drive it over HTTP; sum the latencies up.

The driver runs `concurrency` threads, each with its own keep-alive HTTP connection (http.client reopens it
when the server closes it, as gunicorn's sync workers do after every response), and measures each request
from sending it to having read the whole body.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django import db

from .scenarios import Account, Scenario

REQUEST_TIMEOUT = 60.0
CONFIG_FILE = "gunicorn.conf.py"  # at the repository's root: the same for the image, compose, bench and soak


# --- Statistics --------------------------------------------------------------------------------------
def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of the values lie, interpolating linearly between ranks.

    The same definition as NumPy's default ("linear"): for n values, rank fraction * (n - 1).
    """
    if not sorted_values:
        raise ValueError("percentile of no values")
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, not {fraction}")
    position = fraction * (len(sorted_values) - 1)
    lower = int(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    weight = position - lower
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * weight


@dataclass
class Measurement:
    """What one scenario's measured run saw."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed_s: float = 0.0
    statuses: Counter[str] = field(default_factory=Counter)
    failures_without_response: int = 0  # requests that got no response at all (connection errors)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.failures_without_response


def summarize(measurement: Measurement) -> dict[str, Any]:
    """Requests, errors, p50/p95/p99 in milliseconds (rounded to 0.01) and requests per second (to 0.1)."""
    values = sorted(measurement.latencies_ms)
    requests = measurement.requests

    def ms(fraction: float) -> float | None:
        return round(percentile(values, fraction), 2) if values else None

    rps = round(requests / measurement.elapsed_s, 1) if measurement.elapsed_s > 0 else None
    return {
        "requests": requests,
        "errors": measurement.errors,
        "p50_ms": ms(0.50),
        "p95_ms": ms(0.95),
        "p99_ms": ms(0.99),
        "rps": rps,
    }


# --- Driving -----------------------------------------------------------------------------------------
def _headers(
    scenario: Scenario, account: Account | None, host: str, accept_encoding: str = "gzip"
) -> dict[str, str]:
    headers = {"Host": host, "Accept-Encoding": accept_encoding, "User-Agent": "leadership-bench"}
    if scenario.url.startswith("/api/"):
        headers["Accept"] = "application/json"
    if account is not None and scenario.auth == "session":
        headers["Cookie"] = f"sessionid={account.session_key}; csrftoken={account.csrf_token}"
        headers["X-CSRFToken"] = account.csrf_token
    elif account is not None and scenario.auth == "token":
        headers["Authorization"] = f"Token {account.api_token}"
    if scenario.content_type:
        headers["Content-Type"] = scenario.content_type
    return headers


def drive(
    *,
    host: str,
    port: int,
    scenario: Scenario,
    requests: int,
    concurrency: int,
    accounts: Sequence[Account] = (),
    start: int = 0,
    accept_encoding: str = "gzip",
) -> Measurement:
    """Send `requests` requests of one scenario from `concurrency` threads; count other statuses as errors.

    Requests are numbered from `start`: a write scenario builds a new address and body from each number, so
    that successive runs over one pool (warm-up, then measurement) never repeat a request; a cycling
    scenario asks for its n-th address. A scenario's `prepare` runs before each request, outside the timing.
    Requests ask for `accept_encoding` (gzip, as browsers do: the timings include the compression).
    """
    pool = scenario.pool(accounts)
    if scenario.auth and not pool:
        raise ValueError(f"{scenario.name} needs signed-in accounts and its pool is empty")
    measurement = Measurement()
    tickets = itertools.count(start)
    end = start + requests
    lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
        latencies: list[float] = []
        statuses: Counter[str] = Counter()
        errors = 0
        lost = 0
        try:
            while (number := next(tickets)) < end:
                account = pool[number % len(pool)] if scenario.auth else None
                body = scenario.body(account, number) if scenario.body and account else None
                url = scenario.url_for(account, number)
                headers = _headers(scenario, account, f"{host}:{port}", accept_encoding)
                if scenario.prepare is not None:
                    try:
                        scenario.prepare(number)
                    except Exception as exc:  # counted as the request's failure, then on
                        statuses[f"prepare: {type(exc).__name__}"] += 1
                        errors += 1
                        lost += 1
                        continue
                started = time.perf_counter()
                try:
                    connection.request(scenario.method, url, body=body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    connection.close()
                    statuses[type(exc).__name__] += 1
                    errors += 1
                    lost += 1
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[str(response.status)] += 1
                if response.status != scenario.expected_status:
                    errors += 1
        finally:
            connection.close()
            if scenario.prepare is not None:
                db.connection.close()  # this thread's own database connection, opened by `prepare`
            with lock:
                measurement.latencies_ms.extend(latencies)
                measurement.statuses.update(statuses)
                measurement.errors += errors
                measurement.failures_without_response += lost

    threads = [threading.Thread(target=worker, name=f"bench-{i}", daemon=True) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    measurement.elapsed_s = time.perf_counter() - started
    return measurement


# --- The server --------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """gunicorn serving leadership.wsgi on 127.0.0.1 with the repository's gunicorn.conf.py (as production
    does), with `workers` processes of `threads` threads; stopped by its PID."""

    port: int
    env: Mapping[str, str]
    log_path: Path
    workers: int = 2
    threads: int = 1
    process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self, *, cwd: Path, timeout: float = 60.0) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "-c", str(cwd / CONFIG_FILE),
            "--bind", f"127.0.0.1:{self.port}",
        ]  # fmt: skip
        env = {
            **self.env,
            "WEB_CONCURRENCY": str(self.workers),
            "GUNICORN_THREADS": str(self.threads),
            "GUNICORN_TIMEOUT": "120",
            "GUNICORN_GRACEFUL_TIMEOUT": "10",
        }
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                try:
                    connection.request("GET", "/healthz/live", headers={"Host": f"127.0.0.1:{self.port}"})
                    if connection.getresponse().status == 200:
                        return
                finally:
                    connection.close()
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"gunicorn did not answer /healthz/live within {timeout:.0f} s:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """SIGTERM to the master (it stops its workers), SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    @contextlib.contextmanager
    def running(self, *, cwd: Path) -> Iterator[Server]:
        try:
            self.start(cwd=cwd)
            yield self
        finally:
            self.stop()
