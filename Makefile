# Two commands on a fresh Debian machine with only Python 3:
#   make run    create .venv, install, open the app on the sample library
#   make test   create .venv, install, run the whole test suite
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
SAMPLE := build/sample-library

.PHONY: run test install package bench screenshot clean

$(VENV)/.installed: pyproject.toml
	bash tools/ensure-system.sh $(PYTHON) venv
	test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q -e '.[test,package]'
	bash tools/ensure-system.sh $(VPY) qt
	touch $@

install: $(VENV)/.installed

test: install
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -q

run: install
	$(VENV)/bin/mediawatch import --library $(SAMPLE) seeds
	$(VENV)/bin/mediawatch --library $(SAMPLE)

package: install
	bash packaging/build.sh

screenshot: install
	QT_QPA_PLATFORM=offscreen $(VPY) tools/screenshot.py docs/screenshot.png

clean:
	rm -rf build dist $(VENV)
