# Every target that runs code creates .venv on first use and installs the project into it.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint bench corpus screenshot model wheel-check package clean

run: $(STAMP)
	$(PY) -m vnreader

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check vnreader tests packaging setup.py
	$(VENV)/bin/ruff format --check vnreader tests packaging setup.py

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

# 10,000 generated reports (~55 MB) in build/corpus, for trying vnreader at scale:
#   vnreader --db build/corpus.db import build/corpus && vnreader --db build/corpus.db
corpus: $(STAMP)
	$(PY) -m tests.benchmarks.corpus build/corpus

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.demo_corpus resources/screenshots/main-window.png
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.demo_corpus --side-by-side resources/screenshots/side-by-side.png
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.demo_corpus --language vi --appearance dark \
		resources/screenshots/main-window-vi-dark.png
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.demo_corpus --reports resources/screenshots/report-view.png

# Rebuild the shipped entity data and model after editing tests/data/ner/*.txt.
model: $(STAMP)
	$(PY) -m tests.ner_data

# Build a wheel, install it into a fresh venv in a temporary folder (dependencies from the
# package index), run `vnreader list` and `vnreader --screenshot` there: the wheel alone is a
# working app.
wheel-check: $(STAMP)
	$(PY) packaging/check_wheel.py

# A one-folder app in dist/vnreader/ (PyInstaller, packaging/vnreader.spec), built in its own
# venv so .venv stays clean, then smoke-checked (screenshot, samples, entities; start time).
PKG_VENV := build/package-venv
package:
	test -x $(PKG_VENV)/bin/python || $(PYTHON) -m venv $(PKG_VENV)
	$(PKG_VENV)/bin/python -m pip install --quiet --disable-pip-version-check 'pyinstaller>=6.10' .
	$(PKG_VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
		packaging/vnreader.spec
	$(PKG_VENV)/bin/python packaging/smoke_check.py dist/vnreader

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
