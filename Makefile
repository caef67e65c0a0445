# fieldbot: `make demo` to try it, `make test` to check it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install demo serve test lint bench eval clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/fieldbot demo --port $${PORT:-8000}

serve: install
	$(BIN)/fieldbot serve --port $${PORT:-8000}

lint: install
	$(BIN)/ruff check domain store bot api tests bench
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/slot_bench.py
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/api_paging.py
	$(BIN)/python bench/followups_bench.py
	$(BIN)/python bench/due_bench.py
	@if [ -f bench/sms_load.py ]; then $(BIN)/python bench/sms_load.py; fi
	$(BIN)/python bench/outbox_workers.py

eval: install
	$(BIN)/fieldbot eval $(SHARED)/nlu/dev.jsonl
	$(BIN)/fieldbot eval $(SHARED)/external/clinc150.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
