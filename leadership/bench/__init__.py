"""`make bench`: the registry's benchmark on generated data at scale.

- seed.py writes a separate PostgreSQL database in bulk (COPY) at a chosen fraction of full scale and marks
  it with a fingerprint, so that an unchanged code base and scale reuse it;
- scenarios.py names what is measured (method, address, expected status) and the targets;
- driver.py serves the site with gunicorn and drives it over HTTP, then sums the latencies up.

The management command `manage.py bench` (leadership/management/commands/bench.py) ties them together.
"""
