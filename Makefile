# One command runs the portal locally, one command runs its tests; both start from a bare python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements.lock)
STAMP  := $(VENV)/.synced

.PHONY: run test catalogue check-content site openapi lint bench clean

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

run: site
	@$(BIN)/python -m infra.local.run

test: site
	@$(BIN)/python -m pytest

openapi: $(STAMP)
	@$(BIN)/python -m scripts.gen_openapi

lint: $(STAMP)
	@$(BIN)/cfn-lint template.yaml

# Catalogue scale (500/2,000/5,000 synthetic procedures): about 40 minutes; writes docs/benchmarks.md.
bench: catalogue
	@$(BIN)/python -m scripts.bench.catalogue_scale $(BENCH_ARGS)

clean:
	rm -rf build functions/portal/catalogue.json .pytest_cache
