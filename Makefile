# Every routine of kcbridge. `make run` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_UP := pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start

.PHONY: run lock test test-sqlite test-postgresql test-fast test-fast-1 test-fast-2 fuzz load lint bench migrate install system-deps i18n clean

# Installs the versions of constraints.txt, the ones the suite is tested with (its timings included).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q -c constraints.txt --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Write constraints.txt anew: the newest releases pyproject.toml admits, installed into a scratch venv
lock:
	rm -rf .lock-venv && $(PY) -m venv .lock-venv
	.lock-venv/bin/pip install -q --upgrade pip && .lock-venv/bin/pip install -q -e '.[dev]'
	{ sed -n '1,2p' constraints.txt; .lock-venv/bin/pip freeze --all --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .lock-venv

## Start the platform with demo data on SQLite at http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/kcbridge serve --demo

## Chromium's headless shell for the browser tests, and CJK fonts for them and the PDFs (Debian packages)
system-deps:
	@if ! command -v chromium-headless-shell >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium-headless-shell fonts-noto-cjk; fi

# Bytecode kept between runs (also pytest's rewritten test modules): each run then starts seconds sooner.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -p no:cacheprovider
FAST := -q -m "not browser and not slow" --ignore=tests/browser
# pytest-xdist: whole files to each worker process (module fixtures built once), the longest files first,
# and the files that load the same costly things (chromium, language models) to one worker together
# (tests/support/durations.py). Two workers per half, four in all on this machine's two cores: the suite keeps
# both cores busy from start to end, and each further worker only adds its own start-up (measured: three per
# half, 6:09; two, 5:42).
XDIST = -n $(1) --dist loadfile --no-loadscope-reorder
TEST_WORKERS ?= 2
FAST_WORKERS ?= 2

## The whole suite, browser tests included: SQLite and PostgreSQL side by side (output of each at its end).
## Every test that uses a database runs on both; the others (pure engines, data files, catalogs: about a fifth,
## see tests/support/database.py) run in the SQLite half only, since they give the same result on either.
test: $(STAMP) system-deps
	$(PG_UP)
	$(MAKE) -j2 --output-sync=target test-sqlite test-postgresql

test-sqlite: $(STAMP)
	KCBRIDGE_TEST_DB=sqlite $(PYTEST) $(call XDIST,$(TEST_WORKERS))

test-postgresql: $(STAMP)
	KCBRIDGE_TEST_DB=postgresql $(PYTEST) --database-tests-only $(call XDIST,$(TEST_WORKERS))

## Quick feedback while working: SQLite, no browser and no slow tests, in two worker processes
test-fast: $(STAMP)
	KCBRIDGE_TEST_DB=sqlite $(PYTEST) $(FAST) $(call XDIST,$(FAST_WORKERS))

## One half of test-fast each (--shard K/2, files split by their measured seconds), e.g. on two machines
test-fast-1 test-fast-2: test-fast-%: $(STAMP)
	KCBRIDGE_TEST_DB=sqlite $(PYTEST) $(FAST) --shard=$*/2

## Schemathesis over the whole API as each of the eight roles, 1,000 cases per role (counts per role)
fuzz: $(STAMP)
	KCBRIDGE_TEST_DB=sqlite KCBRIDGE_FUZZ_CASES=1000 $(PYTEST) -q tests/test_api_fuzz.py

## 50 clients for 60 s over the platform's mix, on SQLite and PostgreSQL (throughput, p50/p95/p99, errors)
load: $(STAMP)
	$(PG_UP)
	$(BIN)/python bench/load.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports

bench: $(STAMP)
	@for b in bench/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

migrate: $(STAMP)
	$(BIN)/kcbridge db upgrade

## Refresh the gettext catalogs after adding interface strings, then translate the new entries
i18n: $(STAMP)
	$(BIN)/python -m kcbridge.kit.i18n_catalogs update
	$(BIN)/python -m kcbridge.kit.i18n_catalogs check

clean:
	rm -rf $(VENV) data artifacts .pytest_cache .ruff_cache .mypy_cache
