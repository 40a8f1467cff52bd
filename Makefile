# One command runs the portal locally, one command runs its tests; both start from a bare python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements.lock)
STAMP  := $(VENV)/.synced
# The end-to-end and site tests drive Debian's Chromium (tests/conftest.py).
CHROMIUM ?= /usr/bin/chromium
# Test processes: one per core (pytest-xdist); `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= auto
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run reset test catalogue check-content site openapi lint lock package bench bench-cold-start bench-lookup bench-weight bench-lighthouse bench-slow-network load faults chromium clean

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	@$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	@touch $@

catalogue: $(STAMP)
	@$(BIN)/python -m scripts.build_catalogue

check-content: $(STAMP)
	@$(BIN)/python -m scripts.build_catalogue --check

site: catalogue
	@$(BIN)/python -m scripts.build_site

# `make run PORT=8010` serves on another port; the data stays in .local-state/ between runs.
PORT ?= 8000

run: site
	@$(BIN)/python -m infra.local.run --port $(PORT)

# The same, starting with no saved dossiers, events or documents.
reset: site
	@$(BIN)/python -m infra.local.run --port $(PORT) --reset

# Tests sharing a browser or a site build run in one worker (tests/conftest.py groups them).
test: site chromium
	@$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

openapi: $(STAMP)
	@$(BIN)/python -m scripts.gen_openapi

# Every tool runs, then the target fails if any of them found something.
lint: $(STAMP)
	@status=0; \
	echo "ruff:"; $(BIN)/ruff check . || status=1; \
	echo "mypy:"; $(BIN)/mypy || status=1; \
	echo "cfn-lint:"; $(BIN)/cfn-lint template.yaml && echo "template.yaml: no findings" || status=1; \
	exit $$status

# Recompile requirements.lock and functions/requirements.txt after a change to pyproject.toml.
lock: $(STAMP)
	@$(BIN)/python -m scripts.package lock

# The Lambda artifact: build/package/ and build/package.zip (prints their sizes).
package: catalogue
	@$(BIN)/python -m scripts.package build

# Catalogue scale (500/2,000/5,000 synthetic procedures): about 40 minutes; writes docs/benchmarks.md.
bench: catalogue
	@$(BIN)/python -m scripts.bench.catalogue_scale $(BENCH_ARGS)

# Cold start of the two entry points against a bare Powertools resolver: about 2 minutes.
bench-cold-start: catalogue
	@$(BIN)/python -m scripts.bench.cold_start $(BENCH_ARGS)

# Lookup timing (missing code against wrong ID number, in-process on moto): a few minutes.
bench-lookup: catalogue
	@$(BIN)/python -m scripts.bench.lookup_timing $(BENCH_ARGS)

# What a phone downloads on a first visit to each page type, against a bare mkdocs-material page
# of the same text: about a minute; writes docs/benchmarks.md ("Page weight").
bench-weight: catalogue chromium
	@$(BIN)/python -m scripts.bench.page_weight $(BENCH_ARGS)

# Lighthouse (mobile) on every page type on a local stack of its own; installs the lighthouse npm
# package under build/lighthouse/ on first use: about 5 minutes; writes docs/benchmarks.md.
bench-lighthouse: catalogue chromium
	@$(BIN)/python -m scripts.bench.lighthouse $(BENCH_ARGS)

# An online form submitted with a 300 KB photo over an emulated slow connection (400 ms, 400 kbit/s)
# against the same visit unthrottled, on a local stack of its own: about a minute.
bench-slow-network: site chromium
	@$(BIN)/python -m scripts.bench.slow_network $(BENCH_ARGS)

# Load on a local stack of its own (127.0.0.1 only, bounded): submissions, then receives, then a
# consistency check; writes docs/benchmarks.md. 1,000 + 1,000 takes about 10 minutes here;
# `make load LOAD_ARGS="--submissions 100 --actions 100"` for a short one.
LOAD_ARGS ?= --submissions 1000 --actions 1000 --concurrency 8
load: site
	@$(BIN)/python -m scripts.load $(LOAD_ARGS)

# Submissions, then officer actions (receive, forward), while a seeded hook fails the functions'
# DynamoDB and S3 calls or loses a transaction's answer; in-process on moto, then the consistency
# check; writes docs/benchmarks.md ("Faults"). 1,000 + 1,000 takes about 7 minutes here.
FAULTS_ARGS ?= --submissions 1000 --actions 1000 --rate 0.12 --seed 20261202
faults: catalogue
	@$(BIN)/python -m scripts.faults $(FAULTS_ARGS)

clean:
	rm -rf build functions/portal/catalogue.json .pytest_cache
