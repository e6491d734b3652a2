"""What makes a benchmark run trustworthy: the machine's load around each scenario, the median of several
runs, the size of the responses, and where the figures come from (the git commit and the exact command).

A run is noisy when the 1-minute load average was above `NOISY_LOAD` before any of its scenarios: the
machine was then doing something else than serving the benchmark. The load after each scenario is recorded
too: it shows what the scenario itself added (on two cores, concurrency 2 brings it towards 2), and is not
held against the run. Before each scenario the bench may wait (`settle`, bounded) for the load to fall
back under the threshold, so that one scenario's own load is not taken for another's noise.
"""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

NOISY_LOAD = 1.5  # the 1-minute load average above which a scenario (and its run) is noisy
LOAD_POLL_SECONDS = 2.0  # Linux recomputes the load averages every 5 seconds
MEDIAN_FIELDS = ("p50_ms", "p95_ms", "p99_ms", "rps", "ratio_to_floor")
SUMMED_FIELDS = ("requests", "errors", "writes", "writes_expected")
PER_RUN_FIELDS = ("load_before", "load_after", "settled_seconds", "noisy")  # kept in each run, not merged


# --- Load ----------------------------------------------------------------------------------------------
def load_average() -> list[float]:
    """The 1-, 5- and 15-minute load averages, rounded to 0.01 ([] where the system has none)."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def is_noisy(load: Sequence[float], threshold: float = NOISY_LOAD) -> bool:
    return bool(load) and load[0] > threshold


def settle(
    *,
    threshold: float = NOISY_LOAD,
    timeout: float,
    read: Callable[[], list[float]] = load_average,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[list[float], float]:
    """Wait at most `timeout` seconds for the 1-minute load to be at or under `threshold`.

    Returns the load at the end and the seconds waited.
    """
    started = clock()
    load = read()
    while is_noisy(load, threshold) and clock() - started < timeout:
        sleep(min(LOAD_POLL_SECONDS, max(0.0, timeout - (clock() - started))))
        load = read()
    return load, round(clock() - started, 1)


def run_noise(results: Sequence[dict[str, Any]], threshold: float = NOISY_LOAD) -> dict[str, Any]:
    """Whether a run was noisy, and which of its scenarios started under a load above `threshold`."""
    noisy = [result["name"] for result in results if is_noisy(result.get("load_before") or [], threshold)]
    peak = max((result["load_before"][0] for result in results if result.get("load_before")), default=None)
    return {
        "noisy": bool(noisy),
        "noisy_scenarios": noisy,
        "threshold": threshold,
        "peak_load_before": peak,
    }


# --- Several runs --------------------------------------------------------------------------------------
def _median(values: Sequence[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return round(statistics.median(present), 3) if present else None


def median_results(runs: Sequence[Sequence[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One result per scenario (in the first run's order): the median of each timing over the runs, the sum
    of requests, errors and writes, each run's p95 (`p95_runs`), and the rest as the first run has it
    (bytes and queries are measured once, before the runs)."""
    if not runs:
        return []
    merged = []
    for first in runs[0]:
        same = [result for run in runs for result in run if result["name"] == first["name"]]
        result = {key: value for key, value in first.items() if key not in PER_RUN_FIELDS}
        for key in MEDIAN_FIELDS:
            result[key] = _median([r.get(key) for r in same])
        for key in SUMMED_FIELDS:
            if any(r.get(key) is not None for r in same):
                result[key] = sum(r.get(key) or 0 for r in same)
        statuses: dict[str, int] = {}
        for r in same:
            for status, count in (r.get("statuses") or {}).items():
                statuses[status] = statuses.get(status, 0) + count
        result["statuses"] = dict(sorted(statuses.items()))
        result["p95_runs"] = [r.get("p95_ms") for r in same]
        result["runs"] = len(same)
        merged.append(result)
    return merged


# --- Bytes ---------------------------------------------------------------------------------------------
def body_sizes(body: bytes, content_encoding: str) -> dict[str, int]:
    """A response body's size as served (`compressed`: gzip when the server compressed it, else the same)
    and before compression (`uncompressed`)."""
    if content_encoding.strip().lower() == "gzip":
        return {"uncompressed": len(gzip.decompress(body)), "compressed": len(body)}
    return {"uncompressed": len(body), "compressed": len(body)}


def largest(sizes: Sequence[dict[str, int]]) -> dict[str, int] | None:
    """The largest of a scenario's responses (before compression), with how many addresses were weighed."""
    if not sizes:
        return None
    biggest = max(sizes, key=lambda size: (size["uncompressed"], size["compressed"]))
    return {**biggest, "urls": len(sizes)}


# --- Provenance ----------------------------------------------------------------------------------------
def git_commit(cwd: Path) -> dict[str, Any]:
    """The commit the code was run at, and whether the working tree differed from it."""

    def git(*args: str) -> str:
        try:
            done = subprocess.run(  # noqa: S603 - fixed arguments
                ["git", *args],  # noqa: S607 - git from PATH, as a developer runs it
                cwd=cwd,
                capture_output=True,
                text=True,
                timeout=20,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip()

    sha = git("rev-parse", "HEAD")
    return {
        "sha": sha or None,
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")) if sha else None,
    }
