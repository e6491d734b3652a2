#!/usr/bin/env python3
"""Container health check: GET a health endpoint of the local web process, exit 0 when it answers 200.

Usage: python scripts/healthcheck.py [/healthz/ready] (default /healthz/live). The request carries the
first of ALLOWED_HOSTS as its Host header, so Django accepts it whatever the deployment's host name.
Standard library only: it runs in the image without the virtual environment's tools.
"""

from __future__ import annotations

import http.client
import os
import sys


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "/healthz/live"
    port = int(os.environ.get("PORT", "8000"))
    hosts = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
    host = next((h for h in hosts if h != "*"), "localhost").lstrip(".")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        body = response.read(2000).decode("utf-8", "replace")
    except OSError as exc:
        print(f"{path}: {exc}", file=sys.stderr)  # noqa: T201 - a health check reports on stderr
        return 1
    finally:
        connection.close()
    if response.status != 200:
        print(f"{path}: HTTP {response.status} {body}", file=sys.stderr)  # noqa: T201 - as above
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
