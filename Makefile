# The two commands: `make run` serves the admin and API; `make test` runs the whole suite.
# Both do all set-up on a fresh machine with only Python 3.11+. `make serve` is `make run` as
# production runs it: debug off, gunicorn, whitenoise serving the collected static files.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Local configuration lives in .env (see .env.example), which every Python process of the
# project reads (claimtracker/environment.py); make reads only PORT from it, for runserver.
PORT ?= $(or $(shell sed -n 's/^[[:space:]]*PORT[[:space:]]*=[[:space:]]*//p' .env 2>/dev/null | tail -n 1),8000)

.DEFAULT_GOAL := run

# `make serve`: production settings, but plain http on 127.0.0.1 with no proxy in front, and a
# secret key generated once into .var/ (never committed) unless DJANGO_SECRET_KEY is set.
SECRET_KEY_FILE := .var/secret_key
serve: export DJANGO_SETTINGS_MODULE = claimtracker.settings.production
serve: export DJANGO_DEBUG = 0
serve: export DJANGO_SECRET_KEY ?= $(shell cat $(SECRET_KEY_FILE) 2>/dev/null)
serve: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export DJANGO_SECURE_SSL_REDIRECT ?= 0
serve: export DJANGO_SECURE_COOKIES ?= 0
serve: export DJANGO_NUM_PROXIES ?= 0
serve: export PORT := $(PORT)

.PHONY: help run serve test test-fast install db db-stop migrate demo superuser lint format check

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-16s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

# The web server and, beside it, a background worker (webhook deliveries); Ctrl-C stops both.
run: migrate demo superuser ## Set up, load the demo, serve http://127.0.0.1:8000/ (PORT=...) with debug on
	@echo "Serving ClaimTracker at http://127.0.0.1:$(PORT)/ (admin at /admin/, API at /api/v1/)"
	@echo "with a background worker (webhook deliveries): $(PY) manage.py run_worker"
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py run_worker & worker=$$!; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The set-up of `make run`, repeated here rather than taken as prerequisites, which would run
# with debug on (and create the demo users, which load_demo refuses with debug off).
serve: $(SECRET_KEY_FILE) db ## make run as production runs it: gunicorn, debug off
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --system --commit
	$(PY) manage.py ensure_superuser
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving ClaimTracker with gunicorn, debug off, at http://127.0.0.1:$(PORT)/"
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

$(SECRET_KEY_FILE): | install
	@mkdir -p $(dir $@)
	@umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@echo "Generated a local secret key in $@ (for make serve only)."

# Both keep compiled bytecode (__pycache__, ignored by git) even where the environment sets
# PYTHONDONTWRITEBYTECODE: compiling the project and the test modules again costs each run
# (and each xdist worker) several seconds. The test database is a copy of a migrated template
# (tests/databases.py), rebuilt when a migration changes or with `pytest --create-db`.
test: export PYTHONDONTWRITEBYTECODE =
test: db axe ## Run the whole test suite (browser and fault tests included)
	$(PY) -m pytest

# The quick loop, on every core (pytest-xdist; each worker gets its own copy of the test
# database): no browser, fault or slow tests (markers declared in pyproject.toml). The
# benchmark is never part of the suite (make bench).
test-fast: export PYTHONDONTWRITEBYTECODE =
test-fast: db ## Run the suite without the browser, fault and slow tests, on every core
	$(PY) -m pytest -m "not e2e and not faults and not slow" -q -n auto

# axe-core, which the browser tests inject into the public pages (tests/e2e/package.json,
# pinned by its lock file), from the npm registry. Without npm the accessibility tests are
# skipped, saying so (CI installs npm and requires them).
AXE := tests/e2e/node_modules/axe-core/axe.min.js
.PHONY: axe
axe: $(AXE)
$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm is missing: the accessibility tests (axe-core) will be skipped." >&2; \
	fi

# The fault tests (tests/faults/: workers killed, PostgreSQL restarted, fifty racing edits) run
# in make test for a few seconds each; this runs them longer and prints their figures.
FAULTS_SECONDS ?= 60
.PHONY: faults
faults: db ## Run the fault tests a minute each (FAULTS_SECONDS) and print their figures
	FAULTS_SECONDS=$(FAULTS_SECONDS) $(PY) -m pytest tests/faults -m faults

# Schemathesis against a live gunicorn (127.0.0.1:$(FUZZ_PORT), debug off) on a fresh
# claimtracker_fuzz database: every operation, anonymous and as an editor, fixed seed
# (bench/fuzz.py, docs/reliability.md). CI runs `bench/fuzz.py --quick`.
FUZZ_PORT ?= 8200
# The performance benchmark (bench/run.py, docs/performance.md): the real API against a raw
# psycopg+orjson baseline and a naive DRF peer, under wrk (or a Python driver) on 127.0.0.1.
# make bench: 10,000 claims, a few minutes. make bench-full: 10k, 100k and 1M claims (the
# first run generates 1M claims, about 10 minutes), results in bench/results/.
.PHONY: bench bench-full
bench: db ## Benchmark the API at 10,000 claims (a few minutes)
	$(PY) -m bench.run --claims 10000 --duration 2 --repeats 2

# make bench-extraction: quotation extraction on a 200,000-character article (docs/extraction.md).
.PHONY: bench-extraction
bench-extraction: install ## Benchmark quotation extraction on a 200,000-character article
	$(PY) -m bench.extraction

bench-full: db ## Benchmark at 10k, 100k and 1M claims, results in bench/results/
	$(PY) -m bench.run --claims 10000 --claims 100000 --claims 1000000 \
		--duration 5 --repeats 3 --output bench/results

# The bulk export's time and peak memory at 100,000 claims (bench/export.py, docs/performance.md).
.PHONY: bench-export
bench-export: db ## Time and peak memory of the bulk export at 100,000 claims
	$(PY) -m bench.export --claims 1000 --claims 100000

# The backup and restore of docs/operations.md, run as written on a private PostgreSQL: a dump
# under write load, restored as the app's role into a database it owns, then compared
# (bench/restore_check.py). About a minute.
.PHONY: restore-check
restore-check: install ## Run the documented backup and restore on a private PostgreSQL
	$(PY) bench/restore_check.py

.PHONY: fuzz
fuzz: db ## Schemathesis against a live gunicorn and the API schema
	$(PY) bench/fuzz.py --port $(FUZZ_PORT)

install: $(VENV)/.installed ## Create .venv and install requirements.txt

# Reinstall only when requirements.txt changes, so a second run starts in seconds.
$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "ClaimTracker needs Python 3.11 or newer; $(PYTHON) is older." >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Starts the embedded PostgreSQL unless DATABASE_URL is set.
db: install ## Start the embedded PostgreSQL (unless DATABASE_URL is set)
	$(PY) -m claimtracker.database start

db-stop: install ## Stop the embedded PostgreSQL
	$(PY) -m claimtracker.database stop

migrate: db ## Apply the migrations
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo data (safe to repeat)
	$(PY) manage.py load_demo --system --commit

superuser: migrate ## Create DJANGO_SUPERUSER_USERNAME if it does not exist
	$(PY) manage.py ensure_superuser

lint: install ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Refuses a migration that locks a table or that the code before it cannot run beside, unless
# it is a reviewed exception (claimtracker/settings/migration_lint.py; docs/operations.md).
.PHONY: lint-migrations
lint-migrations: db ## Refuse migrations that lock a table or break the running code
	DJANGO_SETTINGS_MODULE=claimtracker.settings.migration_lint DJANGO_LOG_LEVEL=WARNING \
		$(PY) manage.py lintmigrations --no-cache

format: install ## Fix what ruff can, and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: lint db ## lint, Django's system checks and no model change without its migration
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
