# One command to run the platform, one to test it. Both set themselves up on a fresh machine.
SHELL := /bin/bash
# Python keeps each module it compiles (__pycache__) unless told not to: a shell that says PYTHONDONTWRITEBYTECODE
# would have every process the platform and its tests start (hundreds) compile every module it imports again,
# seconds each (a CLI importing SQLAlchemy: 3.5 s, 1.4 s with its bytecode kept).
unexport PYTHONDONTWRITEBYTECODE
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Errors only: `make run` ends with the demo accounts, which install chatter would push off the screen.
PIP := $(BIN)/pip --quiet --quiet --disable-pip-version-check
# uv (pinned in requirements-dev.txt) fills every virtualenv from one download cache, linking files rather
# than copying them: seconds where pip takes a minute. compat editable mode puts each package folder on
# sys.path, so `contracts/` at the top level cannot shadow the `contracts` package inside it.
UV := $(BIN)/uv
UV_INSTALL := $(UV) pip install --quiet --config-setting editable_mode=compat
PACKAGES := contracts libs/servicekit libs/wordkit services/auth services/catalog services/orders services/support services/reviews services/notifications services/settlements gateway web
PYPROJECTS := $(addsuffix /pyproject.toml,$(PACKAGES))
# The pages' browser libraries (Chart.js, SimpleWebAuthn) from the npm registry, as package-lock.json pins them,
# copied into web/web/static/vendor: the platform serves every asset itself.
WEB_ASSETS := web/web/static/vendor/.installed

# Each package's tests run in a virtualenv of its own under .venvs/ that holds only that package, what it
# builds on (contracts, servicekit, wordkit) and its [testing] extra, as in that package's own pipeline: an import of
# another service or of the gateway fails there. `make test-orders` runs one of them.
SERVICES := auth catalog orders support reviews notifications settlements
ISOLATED_SUITES := contracts servicekit wordkit $(SERVICES) gateway web
VENVS := .venvs
contracts_PACKAGES := contracts
servicekit_PACKAGES := contracts libs/servicekit
wordkit_PACKAGES := libs/wordkit
$(foreach service,$(SERVICES),$(eval $(service)_PACKAGES := contracts libs/servicekit services/$(service)))
# The services that read what people write analyse it with wordkit; the others' images do without its model.
catalog_PACKAGES := contracts libs/servicekit libs/wordkit services/catalog
reviews_PACKAGES := contracts libs/servicekit libs/wordkit services/reviews
support_PACKAGES := contracts libs/servicekit libs/wordkit services/support
gateway_PACKAGES := contracts libs/servicekit gateway
web_PACKAGES := contracts libs/servicekit web
# The cross-service tests in tests/ start the whole platform, so they run from .venv (`make test-platform`).

.PHONY: setup run test test-venvs test-platform test-images $(ISOLATED_SUITES:%=test-%) bench contracts clean

setup: $(VENV)/.installed $(WEB_ASSETS)

run: setup
	@$(BIN)/python -m deploy.local

$(VENV)/.installed: $(PYPROJECTS) requirements-dev.txt
	@echo "Installing every package into $(VENV) (a minute the first time)."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install "$$(grep -E '^uv==' requirements-dev.txt)"
	@$(UV_INSTALL) --python $(BIN)/python $(addprefix -e ,$(PACKAGES)) -r requirements-dev.txt
	@touch $@

# A suite's virtualenv is made again from nothing when one of its packages' pyproject.toml changes,
# so a dependency dropped there is gone here too.
$(WEB_ASSETS): web/package.json web/package-lock.json web/scripts/vendor.mjs
	@bash deploy/system-packages.sh pages
	@npm ci --prefix web --silent --no-audit --no-fund
	@node web/scripts/vendor.mjs
	@touch $@

.SECONDEXPANSION:
$(VENVS)/%/.installed: $$(addsuffix /pyproject.toml,$$($$*_PACKAGES)) | $(VENV)/.installed
	@echo "Installing $(lastword $($*_PACKAGES)) alone into $(@D)."
	@$(UV) venv --quiet --clear --python $(PYTHON) $(@D)
	@$(UV_INSTALL) --python $(@D)/bin/python $(addprefix -e ,$(filter-out $(lastword $($*_PACKAGES)),$($*_PACKAGES))) \
	  -e '$(lastword $($*_PACKAGES))[testing]'
	@touch $@

test-venvs: $(ISOLATED_SUITES:%=$(VENVS)/%/.installed)

$(ISOLATED_SUITES:%=test-%): test-%: $(VENVS)/%/.installed
	@cd $(lastword $($*_PACKAGES)) && $(CURDIR)/$(VENVS)/$*/bin/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS) .

# The images built and run, and docker-compose.yml started with them: the longest suite, most of it building.
IMAGE_TESTS := deploy/test_compose.py deploy/test_images.py
test-platform: setup
	@cd tests && $(CURDIR)/$(BIN)/python -m pytest -q -p no:cacheprovider $(IMAGE_TESTS:%=--ignore=%) $(PYTEST_ARGS) .

test-images: setup
	@cd tests && $(CURDIR)/$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS) $(IMAGE_TESTS)

# Every suite runs, even after one fails, two at a time, the longest first (tests/run_suites.sh): the images and the
# cross-service tests start while the package suites' virtualenvs are made ("venvs"), which the package suites wait for.
LONGEST_FIRST := images platform venvs servicekit support catalog orders web gateway reviews auth notifications \
  settlements wordkit contracts
$(if $(filter-out $(LONGEST_FIRST),$(ISOLATED_SUITES)),$(error LONGEST_FIRST misses $(filter-out $(LONGEST_FIRST),$(ISOLATED_SUITES))))
test: setup
	@bash tests/run_suites.sh "$(LONGEST_FIRST)"

bench: setup
	$(BIN)/python -m bench.run_all

contracts: setup
	$(BIN)/python -m contracts export

clean:
	rm -rf $(VENV) $(VENVS) var

# The image builds (deploy/images.py) and tests/deploy/test_images.py need podman, runc and debootstrap.
.PHONY: system-packages images
system-packages:
	@bash deploy/system-packages.sh

# Each component's image, built again only where its inputs changed.
images: setup system-packages
	@$(BIN)/python -m deploy.images build

test: system-packages
