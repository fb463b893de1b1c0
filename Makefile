# One command to run the platform, one to test it. Both set themselves up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Errors only: `make run` ends with the demo accounts, which install chatter would push off the screen.
PIP := $(BIN)/pip --quiet --quiet --disable-pip-version-check
PACKAGES := contracts libs/servicekit services/auth services/catalog services/orders services/support services/reviews gateway
PYPROJECTS := $(addsuffix /pyproject.toml,$(PACKAGES))
# Each package's tests run on their own, as they would in that package's own pipeline.
TEST_SUITES := contracts libs/servicekit services/auth services/catalog services/orders services/support services/reviews gateway tests

.PHONY: setup run test bench contracts clean

setup: $(VENV)/.installed

# compat editable mode puts each package folder on sys.path, so `contracts/` at the top level
# cannot shadow the `contracts` package inside it.
$(VENV)/.installed: $(PYPROJECTS) requirements-dev.txt
	@echo "Installing every package into $(VENV) (a few minutes the first time)."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@$(PIP) install --config-settings editable_mode=compat $(addprefix -e ,$(PACKAGES)) -r requirements-dev.txt
	@touch $@

run: setup
	@$(BIN)/python -m deploy.local

test: setup
	@mkdir -p var && : > var/test-output.txt; failed=""; for suite in $(TEST_SUITES); do \
	  echo "=== $$suite"; \
	  (cd $$suite && $(CURDIR)/$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS) . 2>&1) | tee -a var/test-output.txt; \
	  [ "$${PIPESTATUS[0]}" -eq 0 ] || failed="$$failed $$suite"; \
	done; \
	passed=$$(grep -oE '[0-9]+ passed' var/test-output.txt | awk '{n += $$1} END {print n + 0}'); \
	broken=$$(grep -oE '[0-9]+ (failed|errors?)' var/test-output.txt | awk '{n += $$1} END {print n + 0}'); \
	echo "total: $$passed passed, $$broken failed"; \
	if [ -n "$$failed" ]; then echo "FAILED suites:$$failed"; exit 1; fi

bench: setup
	$(BIN)/python -m bench.run_all

contracts: setup
	$(BIN)/python -m contracts export

clean:
	rm -rf $(VENV) var
