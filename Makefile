# The verbs of the leadership registry. `make help` lists them.
#
#   make run    a local registry at http://$(HOST):$(PORT)/ with demo data, a Celery worker and beat
#   make test   the whole suite (DATABASE_URL picks the database; SQLite when unset)
#
# Both create .venv on first use and install the pinned dependencies from requirements/*.lock; a stamp
# named after the locks' hash makes the next run skip the install until a lock or pyproject.toml changes.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# The interpreter that makes .venv: python3.11 when it runs, else the newest of python3.13 and python3.12 that
# runs (pyenv's shims stand for every version pyenv has and fail unless PYENV_VERSION selects theirs, so each
# is tried, not just looked up). `make install PYTHON=/path/to/python3.12` chooses.
PYTHON ?= $(shell for python in python3.11 python3.13 python3.12; do \
	$$python -c 'import sys' >/dev/null 2>&1 && { command -v $$python; break; }; done)
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
MANAGE := $(BIN)/python manage.py

HOST ?= 127.0.0.1
PORT ?= 8000
LANGUAGES := en fr es pt_BR id ar
# Folders that hold no strings of ours (and other projects' catalogues, which compilemessages must not touch).
I18N_IGNORE := -i '.venv*' -i var -i node_modules -i static/vendor -i build -i htmlcov -i '*.egg-info'

# Type-checked modules: every app's services, selectors and tasks (a module each, or a package).
MYPY_FILES = $(shell find leadership roles nominations training -name '*.py' -not -path '*/migrations/*' \
	\( -name services.py -o -name selectors.py -o -name tasks.py \
	   -o -path '*/services/*' -o -path '*/selectors/*' -o -path '*/tasks/*' \) | sort)

# CI's PostgreSQL database (pytest-django derives test_<name> from it).
CI_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/leadership_ci
PYTEST_ARGS ?=

hash = $(shell cat $(1) | sha256sum | cut -c1-16)
BASE_STAMP := $(VENV)/.installed-base-$(call hash,requirements/base.lock pyproject.toml)
DEV_STAMP := $(VENV)/.installed-dev-$(call hash,requirements/dev.lock requirements/base.lock pyproject.toml)

.PHONY: help run test fmt lint typecheck messages compilemessages migrations-check migrations-lint \
	migrations-roundtrip deploy-check \
	translations-check compose-check ci test-postgres test-sqlite lock lock-check clean distclean install install-dev \
	bench bench-smoke backup-check fuzz soak soak-smoke smoke-py313

help: ## list the verbs
	@awk 'BEGIN { FS = ":.*## " } /^[a-z0-9-]+:.*## / { printf "  make %-20s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# --- Environment -------------------------------------------------------------------------------------
$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11, 3.12 or 3.13 is required (none of python3.11, python3.13, python3.12 runs)." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else "Python 3.11, 3.12 or 3.13 is required, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(BASE_STAMP): | $(BIN)/python
	$(PIP) install --quiet -r requirements/base.lock
	$(PIP) install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-base-*
	@touch $@

$(DEV_STAMP): | $(BIN)/python
	$(PIP) install --quiet -r requirements/dev.lock
	$(PIP) install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

# The dev lock pins the base packages at the same versions, so a current dev install serves `run` too.
install: $(if $(wildcard $(DEV_STAMP)),,$(BASE_STAMP)) ## create .venv and install the runtime dependencies

install-dev: $(DEV_STAMP) ## create .venv and install the development dependencies

# --- Run ---------------------------------------------------------------------------------------------
# Links in emails point at the address being served, unless SITE_URL says otherwise.
RUN_SITE_URL = $(or $(SITE_URL),http://$(HOST):$(PORT))

run: install ## migrate, load the demo data and serve with a Celery worker and beat
	$(compile-messages)
	$(MANAGE) migrate --noinput
	SITE_URL=$(RUN_SITE_URL) $(MANAGE) seed_demo
	SITE_URL=$(RUN_SITE_URL) HOST=$(HOST) PORT=$(PORT) PYTHON=$(BIN)/python scripts/run-dev.sh

# --- Tests and checks --------------------------------------------------------------------------------
# pytest exits 5 when no test ran; make treats that as the failure it is.
test: install-dev ## run the whole suite (browser tests too where /usr/bin/chromium exists)
	$(compile-messages)
	$(BIN)/pytest -p no:cacheprovider $(PYTEST_ARGS)

fmt: install-dev ## fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lint: install-dev ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev ## mypy (with django-stubs) on services, selectors and tasks
	$(BIN)/mypy $(MYPY_FILES)

migrations-check: install-dev ## fail when a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

# django-migration-linter renders each migration's SQL with sqlmigrate, which needs a PostgreSQL connection
# (the engine whose locks matter); its options are MIGRATION_LINTER_OPTIONS in leadership/settings.py.
migrations-lint: install-dev ## lint our migrations for table locks and changes that break running code (PostgreSQL)
	DATABASE_URL=$(CI_DATABASE_URL) $(MANAGE) lintmigrations

# A scratch database next to CI's (same server), created empty and dropped afterwards whatever happens.
MIGRATIONS_DATABASE_URL ?= $(CI_DATABASE_URL)_migrations

migrations-roundtrip: install-dev ## every migration forwards, backwards to zero, forwards again, on a fresh PostgreSQL database
	@url='$(MIGRATIONS_DATABASE_URL)'; name="$${url##*/}"; server="$${url%/*}"; \
	export PGOPTIONS='-c client_min_messages=warning'; \
	psql -X -q -v ON_ERROR_STOP=1 -d "$$server/postgres" -c "DROP DATABASE IF EXISTS $$name" -c "CREATE DATABASE $$name"; \
	trap 'psql -X -q -d "$$server/postgres" -c "DROP DATABASE IF EXISTS $$name"' EXIT; \
	unset PGOPTIONS; \
	DATABASE_URL="$$url" $(MANAGE) migrations_roundtrip

deploy-check: install-dev ## Django's deployment checks with production settings, no warning allowed
	DEBUG=false \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	ALLOWED_HOSTS=registry.example.org SITE_URL=https://registry.example.org \
		$(MANAGE) check --deploy --fail-level WARNING

translations-check: install-dev ## catalogues complete, none stale, few English copies
	$(compile-messages)
	$(BIN)/pytest -p no:cacheprovider tests/test_translations.py

compose-check: install-dev ## validate docker-compose.yml against the Compose specification
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

CI_STEPS := lint lock-check typecheck migrations-check migrations-lint migrations-roundtrip deploy-check translations-check compose-check test-postgres test-sqlite \
	bench-smoke soak-smoke smoke-py313

# Every step runs, so that one CI log shows every problem; CI fails when any step failed. Each step's wall
# time is printed after it, and all of them in a table at the end.
ci: ## everything CI runs: checks, the suite on PostgreSQL with browsers, then on SQLite without, then Python 3.13
	@failed=(); times=(); results=(); started=$$SECONDS; \
	for step in $(CI_STEPS); do \
		printf '\n--- make %s\n' "$$step"; \
		step_started=$$SECONDS; result=passed; \
		$(MAKE) $$step || { result=failed; failed+=("$$step"); }; \
		seconds=$$((SECONDS - step_started)); times+=("$$seconds"); results+=("$$result"); \
		printf -- '--- make %s %s in %dm%02ds\n' "$$step" "$$result" $$((seconds / 60)) $$((seconds % 60)); \
	done; \
	printf '\n%-22s %9s  %s\n' step time result; \
	i=0; for step in $(CI_STEPS); do \
		seconds=$${times[$$i]}; \
		printf '%-22s %5dm%02ds  %s\n' "$$step" $$((seconds / 60)) $$((seconds % 60)) "$${results[$$i]}"; \
		i=$$((i + 1)); \
	done; \
	seconds=$$((SECONDS - started)); \
	printf '%-22s %5dm%02ds\n' total $$((seconds / 60)) $$((seconds % 60)); \
	if (( $${#failed[@]} )); then printf '\nCI failed: %s\n' "$${failed[*]}"; exit 1; fi; \
	printf '\nCI passed: %s\n' "$(CI_STEPS)"

test-postgres: ## the suite on CI's PostgreSQL database, browser tests required
	DATABASE_URL=$(CI_DATABASE_URL) REQUIRE_BROWSER=1 $(MAKE) test

test-sqlite: ## the suite on SQLite, without the browser tests
	env -u DATABASE_URL -u REQUIRE_BROWSER $(MAKE) test PYTEST_ARGS='-m "not browser"'

# The suite runs the fuzzers' quick profiles; this runs the deep ones (FUZZ_PROFILE in tests/fuzz/api/ and
# tests/fuzz/forms/strategies.py).
FUZZ_DATABASE_URL ?= $(CI_DATABASE_URL)

fuzz: install-dev ## fuzz the whole API (schemathesis) and the public forms (hypothesis), deep, on PostgreSQL
	$(compile-messages)
	DATABASE_URL=$(FUZZ_DATABASE_URL) FUZZ_PROFILE=deep $(BIN)/pytest -p no:cacheprovider tests/fuzz $(PYTEST_ARGS)

# --- Python 3.13 ------------------------------------------------------------------------------------
# Everything else runs on the Python that made .venv (3.11 in CI, the lowest supported). This step checks the
# newest supported one: its own virtualenv (PY313_VENV) made from the same locks, the migrations on a scratch
# SQLite database, the deployment checks and a fast part of the suite that goes through the services,
# selectors and rules of every app, the spreadsheet import and export, the API schema, emails, calendar
# feeds, production settings and headers, and the catalogues. pyenv's python3.13 is a shim that runs only
# when PYENV_VERSION names a 3.13: the newest 3.13.x that pyenv has, unless python3.13 already runs.
PY313_VENV ?= .venv-3.13
PY313_TESTS ?= tests/roles/services tests/roles/test_rules.py \
	tests/roles/test_import.py tests/roles/views/test_export.py \
	tests/nominations/test_services.py tests/nominations/test_selectors.py tests/nominations/test_rules.py \
	tests/training/test_services.py tests/training/test_admin_and_selectors.py tests/training/test_rules.py \
	tests/training/views/test_feeds.py tests/overview/selectors/test_figures.py tests/overview/test_rules.py \
	tests/api/test_schema.py tests/roles/api/test_registry_schema.py tests/common/test_emails.py \
	tests/test_deploy_settings.py tests/security/test_headers.py tests/test_translations.py

smoke-py313: ## on Python 3.13 in .venv-3.13: install the locks, migrate (SQLite), check --deploy, a fast part of the suite
	@if ! python3.13 -c 'import sys' >/dev/null 2>&1 && command -v pyenv >/dev/null; then \
		export PYENV_VERSION="$$(pyenv versions --bare | grep -E '^3\.13\.[0-9]+$$' | sort -V | tail -n 1)"; \
		echo "PYENV_VERSION=$$PYENV_VERSION (pyenv's newest 3.13)"; \
	fi; \
	python3.13 -c 'import sys' || { echo "Python 3.13 is required: python3.13, or a 3.13.x in pyenv." >&2; exit 1; }; \
	var_dir="$$(mktemp -d)"; trap 'rm -rf "$$var_dir"' EXIT; \
	export VAR_DIR="$$var_dir"; unset DATABASE_URL REQUIRE_BROWSER; \
	$(MAKE) install-dev VENV=$(PY313_VENV) PYTHON="$$(command -v python3.13)"; \
	$(PY313_VENV)/bin/python -c 'import sys; print("Python", sys.version.split()[0]); sys.exit(sys.version_info[:2] != (3, 13))' \
		|| { echo "$(PY313_VENV) is not a Python 3.13 virtualenv: remove it." >&2; exit 1; }; \
	$(PY313_VENV)/bin/python manage.py migrate --noinput; \
	$(MAKE) deploy-check VENV=$(PY313_VENV); \
	$(MAKE) test VENV=$(PY313_VENV) PYTEST_ARGS='-m "not browser and not integration" $(PY313_TESTS)'

# --- Benchmark ---------------------------------------------------------------------------------------
SCALE ?= 1
BENCH_OUT ?= bench-results.json
BENCH_ARGS ?=
RUNS ?= 3

bench: install ## benchmark on generated data in PostgreSQL (SCALE=1 full, 0.01 smoke; RUNS=3 runs, targets on the median; JSON to BENCH_OUT)
	$(compile-messages)
	$(MANAGE) bench --scale "$(SCALE)" --runs "$(RUNS)" --out "$(BENCH_OUT)" $(BENCH_ARGS)

bench-smoke: install ## CI's smoke run of the benchmark: SCALE=0.01, one run, checks only that every scenario answers
	$(MAKE) bench SCALE=0.01 RUNS=1 BENCH_ARGS=--smoke

# The soak: scripts/soak/run.sh (SOAK_DATABASE_URL, SOAK_PORT, SOAK_REPORT... are read there).
SOAK_SECONDS ?= 120
SOAK_USERS ?= 20

soak: install-dev ## load soak: gunicorn, a worker, demo data; 20 users for 2 min; fails on 5xx, >1% unexpected, p95 > 300 ms
	$(compile-messages)
	SOAK_SECONDS=$(SOAK_SECONDS) SOAK_USERS=$(SOAK_USERS) PYTHON=$(BIN)/python scripts/soak/run.sh

soak-smoke: install-dev ## CI's 30-second soak: fails on errors and the consistency checks (timings printed only)
	SOAK_SMOKE=1 $(MAKE) soak SOAK_SECONDS=30

# --- Backups -----------------------------------------------------------------------------------------
# BACKUP_CHECK_DATABASE_URL: the scratch source database (dropped and made again; "_restored" is the target).
backup-check: install ## back up the demo data, restore it elsewhere, verify and replay erasures; print figures
	$(compile-messages)
	$(BIN)/python scripts/backup_check.py

# --- Translations ------------------------------------------------------------------------------------
messages: install ## update the catalogues in locale/ from the code, then compile them
	$(MANAGE) makemessages $(addprefix -l ,$(LANGUAGES)) --no-obsolete --add-location=file $(I18N_IGNORE)
	$(compile-messages)

compilemessages: install ## compile the catalogues (.po to .mo)
	$(compile-messages)

define compile-messages
@command -v msgfmt >/dev/null || { echo "msgfmt is missing: install GNU gettext (apt-get install gettext)." >&2; exit 1; }
$(MANAGE) compilemessages --verbosity 0 $(I18N_IGNORE)
endef

# --- Dependencies ------------------------------------------------------------------------------------
# `make lock` keeps the pins it can; `make lock UPGRADE=1` moves everything to the newest allowed versions.
# --universal resolves one lock for every Python that requires-python allows (3.11 to 3.13), with environment
# markers where a version needs a package of its own; --python-version names the lowest of them.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--custom-compile-command "make lock" --quiet $(if $(UPGRADE),--upgrade)

lock: install-dev ## regenerate requirements/*.lock from pyproject.toml
	$(UV_COMPILE) -o requirements/base.lock
	$(UV_COMPILE) --extra dev -o requirements/dev.lock

lock-check: install-dev ## fail when requirements/*.lock no longer matches pyproject.toml
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	cp requirements/base.lock requirements/dev.lock "$$tmp/"; \
	$(UV_COMPILE) -o "$$tmp/base.lock"; \
	$(UV_COMPILE) --extra dev -o "$$tmp/dev.lock"; \
	diff -u requirements/base.lock "$$tmp/base.lock" && diff -u requirements/dev.lock "$$tmp/dev.lock" \
		|| { echo "requirements/*.lock does not match pyproject.toml: run make lock" >&2; exit 1; }; \
	echo "requirements/*.lock matches pyproject.toml"

# --- Cleaning ----------------------------------------------------------------------------------------
clean: ## remove caches and generated files (keeps .venv and the demo database)
	find . -path './.venv*' -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf
	find locale -name '*.mo' -delete
	rm -rf .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov test-results *.egg-info build
	rm -rf var/static var/broker var/celerybeat-schedule*

distclean: clean ## also remove .venv, .venv-3.13 and var/ (the demo database)
	rm -rf $(VENV) $(PY313_VENV) var
