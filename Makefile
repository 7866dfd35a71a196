# Two commands on a fresh machine with python3, pip and make:
#   make demo   set up .venv, build the demo evidence base and its outputs
#   make test   set up .venv if needed and run the whole test suite
# and for exploring: make lab (JupyterLab on notebooks/, the project's kernel; open explore.ipynb)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=
LAB_ARGS ?=

.PHONY: demo test venv lab clean benchmarks

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
	$(BIN)/evidence consult data
	$(BIN)/evidence timetable data
	$(BIN)/evidence lcap data --area E05999001
	$(BIN)/evidence strategy data
	@echo "Open areaprofiles/index.html (profiles), areaprofiles/gap_analysis.html, areaprofiles/priority_outcomes.html, areaprofiles/consultation.html,"
	@echo "areaprofiles/timetable.html, areaprofiles/strategy.html and areaprofiles/lcap/E05999001/lcap_E05999001.html (the demo LCAP's pack)"

# JupyterLab from the venv, so its python3 kernel is the venv's Python with evidence installed.
# As root (a container), JupyterLab refuses to start unless told it may.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True)

lab: $(STAMP)
	$(BIN)/python -m jupyterlab --ServerApp.root_dir=notebooks $(LAB_ROOT) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/evidence_base.py
	$(BIN)/python benchmarks/profiles.py
	$(BIN)/python benchmarks/consultation.py

clean:
	rm -rf data/.evidence areaprofiles/*/ areaprofiles/*.html .pytest_cache
