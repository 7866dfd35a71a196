# Two commands on a fresh machine with python3, pip and make:
#   make demo   set up .venv, build the demo evidence base and its outputs
#   make test   set up .venv if needed and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: demo test venv clean benchmarks

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/evidence validate data
	$(BIN)/evidence build data
	$(BIN)/evidence profiles data
	$(BIN)/evidence gaps data
	$(BIN)/evidence plan data
	$(BIN)/evidence timetable data
	$(BIN)/evidence lcap data --area E05999001
	@echo "Open areaprofiles/index.html (profiles), areaprofiles/gap_analysis.html, areaprofiles/priority_outcomes.html,"
	@echo "areaprofiles/timetable.html and areaprofiles/lcap/E05999001/lcap_E05999001.html (the demo LCAP's pack)"

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/evidence_base.py
	$(BIN)/python benchmarks/profiles.py

clean:
	rm -rf data/.evidence areaprofiles/*/ areaprofiles/*.html .pytest_cache
