# syntax=docker/dockerfile:1
# The registry's one image: web (gunicorn, the default command), Celery worker and beat (see
# docker-compose.yml). Dependencies come from requirements/base.lock, so the image runs exactly the
# versions that CI tested, on the Python that CI's whole suite runs on (3.11, the lowest of those supported).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=leadership.settings \
    VAR_DIR=/app/var \
    WEB_CONCURRENCY=3

# GNU gettext compiles the catalogues below.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 leadership \
    && useradd --system --uid 10001 --gid leadership --home-dir /app --no-create-home --shell /usr/sbin/nologin leadership

WORKDIR /app

# Dependencies first: this layer is rebuilt only when the lock changes.
COPY requirements/base.lock requirements/base.lock
RUN pip install --requirement requirements/base.lock

# The code runs from /app (settings find templates/, static/ and locale/ beside it), not from site-packages.
# Settings refuse to start without a key when DEBUG is off: the throwaway key below lives in this step only.
# The app may write only in var/ (media, the outbox's lock file); the code stays root's.
COPY . .
RUN mkdir -p "$VAR_DIR/media" \
    && DEBUG=false SECRET_KEY=build-time-only-key-never-used-at-runtime-0123456789abcdefghij \
       python manage.py collectstatic --noinput --verbosity 0 \
    && python manage.py compilemessages --ignore var --ignore static \
    && chown -R leadership:leadership "$VAR_DIR"

USER leadership:leadership

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "scripts/healthcheck.py", "/healthz/live"]

# gunicorn.conf.py (the same for compose, the bench and the soak): the application preloaded, the
# collector frozen before forking and tuned in the workers, bound to 0.0.0.0:8000; WEB_CONCURRENCY (3 above)
# sets the number of worker processes, GUNICORN_THREADS their threads.
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
