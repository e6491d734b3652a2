"""Fixtures of the outbox tests."""

import kombu.pools
import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _own_outbox_lock(settings, tmp_path):
    """The SQLite outbox lock is a file; a test's own keeps other test runs on this machine out of its way."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "LOCK_FILE_NAME": str(tmp_path / "post_office")}


@pytest.fixture(autouse=True)
def _clean_rate_limits():
    """allauth rate-limits confirmation emails per address in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def celery_conf():
    """Set keys of the Celery app's configuration for one test; connections and queues follow them."""
    from leadership.celery import app

    missing = object()
    saved: dict[str, object] = {}

    def _reset_connections():
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        # kombu's global producer pools keep the closed connection pool: dropped, so that the next task
        # published (in this test or a later one) gets a fresh connection to whichever broker is set now.
        kombu.pools.reset()
        app.__dict__.pop("amqp", None)  # queues, routes and producers are cached there; rebuilt on use

    def configure(**values):
        for key in values:
            saved.setdefault(key, app.conf.changes.get(key, missing))
        app.conf.update(values)
        _reset_connections()
        return app

    yield configure
    for key, value in saved.items():
        if value is missing:
            app.conf.changes.pop(key, None)
        else:
            app.conf[key] = value
    _reset_connections()
