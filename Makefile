# The front door: `make demo` serves the demo county, `make test` runs the whole suite.
# Everything below installs itself on a fresh machine (Python 3.11, Node.js and npm are the only prerequisites).

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
DEMO_ENV := ZHILIANG_DEBUG=1 ZHILIANG_HTTPS=0 ZHILIANG_DATA_DIR=$(CURDIR)/var
export PYTHONUNBUFFERED := 1

.PHONY: demo test lint format install static messages catalogues migrations-check check-deploy worker clean

demo: install static messages
	mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(VENV)/bin/zhiliang demo-data
	$(DEMO_ENV) $(PY) manage.py demo_logins
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# The suite runs on every core (pytest-xdist; each worker gets its own test database). PYTEST_ARGS=-n0 runs it
# in one process, e.g. to debug with pdb.
PYTEST_ARGS ?= -n auto
test: install static messages
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run --settings=zhiliang.settings_test

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static: node_modules/.installed
	npm run --silent build

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0 --settings=zhiliang.settings_test

# Refresh the .po catalogues after changing UI strings (docs/i18n.md), then translate the new entries.
# Apps with a locale/ folder keep their own catalogue; the project catalogue holds everything else.
# `make catalogues APP=fitness` refreshes one app's catalogue only.
APP_LOCALES := $(patsubst zhiliang/%/locale,%,$(wildcard zhiliang/*/locale))
MAKEMESSAGES := makemessages -l zh_Hans -l en --settings=zhiliang.settings_test -v0
catalogues: install
ifeq ($(APP),)
	$(PY) manage.py $(MAKEMESSAGES) --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench \
		--ignore=staticfiles --ignore=var --ignore="zhiliang/static/*" $(foreach app,$(APP_LOCALES),--ignore="zhiliang/$(app)/*")
	for app in $(APP_LOCALES); do (cd zhiliang/$$app && ../../$(PY) ../../manage.py $(MAKEMESSAGES)) || exit 1; done
else
	cd zhiliang/$(APP) && ../../$(PY) ../../manage.py $(MAKEMESSAGES)
endif

# Production self-check: with production settings `check --deploy` must report nothing.
check-deploy: install
	ZHILIANG_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ZHILIANG_FIELD_KEY=$$($(PY) -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())') \
	ZHILIANG_ALLOWED_HOSTS=zhiliang.example.edu.cn \
	$(PY) manage.py check --deploy --fail-level WARNING

worker: install
	$(DEMO_ENV) $(PY) manage.py db_worker

clean:
	rm -rf $(VENV) node_modules zhiliang/static/vendor staticfiles
