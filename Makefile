# moonmap: every target creates the virtual environment on first use.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.moonmap-installed
PORT   ?= 8501

.PHONY: help setup run test test-fast fuzz lint validate rehash bench basemaps clean messages \
	load soak two-replicas

help:
	@echo "make run       set up if needed, then serve the app on http://localhost:$(PORT)"
	@echo "make test      set up if needed (incl. Debian chromium), then lint + the full test suite"
	@echo "make test-fast unit, data and AppTest tests only (no browser)"
	@echo "make validate  check the data package in data/"
	@echo "make rehash    after editing data/ on purpose: record sizes and hashes, then validate"
	@echo "make fuzz      the Hypothesis suites with many more examples (slow)"
	@echo "make bench     print the benchmark figures"
	@echo "make basemaps  re-derive the shipped Moon images (needs apt) and Earth outlines"
	@echo "make load      N=10 sessions against a fresh local server (N=30 make load; CLIENT=browser)"
	@echo "make soak      waves of sessions for SOAK=300 s; memory start vs end"
	@echo "make two-replicas  two app processes behind nginx (deploy/nginx.conf), load through it"

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "moonmap needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) requirements.txt requirements-dev.txt pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address localhost

test: setup
	bash scripts/ensure_chromium.sh
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not browser"

# Many more generated cases than `make test` (Hypothesis profile "fuzz", tests/conftest.py):
# MOONMAP_FUZZ_EXAMPLES=1000 by default -> 2,000 query-parameter sets per page, 5,000 uploads.
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/app/test_hostile_params.py tests/unit/test_upload.py

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

validate: setup
	$(PY) -m moonmap validate data

rehash: setup
	$(PY) -m moonmap rehash data

bench: setup
	$(PY) bench/bench_catalog.py
	$(PY) bench/bench_moon_map.py
	$(PY) bench/bench_earth_map.py
	$(PY) bench/bench_samples.py
	$(PY) bench/bench_pages.py

# Load (README, "Running it for a class / in production"): traffic to 127.0.0.1 only.
N      ?= 10
CLIENT ?= protocol
SOAK   ?= 300

load: setup
	$(PY) bench/load.py --n $(N) --client $(CLIENT)

soak: setup
	$(PY) bench/load.py --n $(N) --client $(CLIENT) --soak $(SOAK)

two-replicas: setup
	$(PY) scripts/two_replicas.py --n $(N) --client $(CLIENT)

basemaps: setup
	bash scripts/derive_moon_basemap.sh
	$(PY) scripts/derive_favicon.py
	$(PY) scripts/derive_earth_basemap.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache src/*.egg-info

# Languages (see README, "Languages"): re-extract the message template and merge it into each
# catalog; translate the new or changed entries in the .po files, then `make test`.
messages: setup
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k t -k ngettext:1,2 --no-location \
	  --sort-output --width 100 --project moonmap --copyright-holder "moonmap contributors" \
	  -o src/moonmap/i18n/locale/moonmap.pot .
	for l in zh fr; do $(VENV)/bin/pybabel update --no-fuzzy-matching --width 100 -D moonmap -l $$l \
	  -i src/moonmap/i18n/locale/moonmap.pot -d src/moonmap/i18n/locale; done
