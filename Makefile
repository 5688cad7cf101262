# Two commands on a fresh Debian machine with only Python 3:
#   make run    create .venv, install, open the app on the sample library
#   make test   create .venv, install, run the whole test suite
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
SAMPLE := build/sample-library

.PHONY: run test install package bench screenshot tour clean

INSTALL_LOG := build/install.log

# One line on the screen; what pip, setuptools and apt say goes to the log, shown when a step fails.
$(VENV)/.installed: pyproject.toml
	@mkdir -p build
	@echo "installing Mediawatch and its test and packaging tools into $(VENV) (log: $(INSTALL_LOG))"
	@{ bash tools/ensure-system.sh $(PYTHON) venv \
	  && { test -x $(VPY) || $(PYTHON) -m venv $(VENV); } \
	  && $(VPY) -m pip install --upgrade pip \
	  && $(VPY) -m pip install -e '.[test,package]' \
	  && bash tools/ensure-system.sh $(VPY) qt \
	  && { bash tools/ensure-system.sh $(VPY) postgresql || true; }; } > $(INSTALL_LOG) 2>&1 \
	  || { cat $(INSTALL_LOG); echo "make: the install failed (log: $(INSTALL_LOG))" >&2; exit 1; }
	@touch $@

install: $(VENV)/.installed

test: install
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -q

run: install
	$(VENV)/bin/mediawatch import --samples --library $(SAMPLE)
	$(VENV)/bin/mediawatch --library $(SAMPLE)

package: install
	bash packaging/build.sh

screenshot: install
	QT_QPA_PLATFORM=offscreen $(VPY) tools/screenshot.py docs/screenshot.png

# The first-start walkthrough (tests/test_tour.py) with its screenshots written to docs/tour/.
tour: install
	QT_QPA_PLATFORM=offscreen MEDIAWATCH_TOUR_DIR=docs/tour $(VPY) -m pytest -q tests/test_tour.py

clean:
	rm -rf build dist $(VENV)
