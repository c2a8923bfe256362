# The two commands: `make run` serves the admin and API; `make test` runs the whole suite.
# Both do all set-up on a fresh machine with only Python 3.11+.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The local commands run with debug on unless the caller says otherwise (DJANGO_DEBUG=0).
run migrate demo superuser: export DJANGO_DEBUG ?= 1

.PHONY: run test install db db-stop migrate demo superuser lint format check

run: migrate demo superuser
	@echo "Serving ClaimTracker at http://127.0.0.1:$(PORT)/ (admin at /admin/, API at /api/v1/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: db
	$(PY) -m pytest

install: $(VENV)/.installed

# Reinstall only when requirements.txt changes, so a second run starts in seconds.
$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "ClaimTracker needs Python 3.11 or newer; $(PYTHON) is older." >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Starts the embedded PostgreSQL unless DATABASE_URL is set.
db: install
	$(PY) -m claimtracker.database start

db-stop: install
	$(PY) -m claimtracker.database stop

migrate: db
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

superuser: migrate
	$(PY) manage.py ensure_superuser

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
