# Two commands: `make run` serves the suite, `make test` proves it. Both provision what they need.
SHELL := /bin/bash
ADDONS := gov_rules,gov_meetings,gov_supervision

.PHONY: run test lint bench test-upgrade setup

setup:
	@bash tools/setup.sh

# make run WORKERS=4: with worker processes, a cron worker and the websocket process (README, "Deploying with workers")
WORKERS ?= 0

run: setup
	@WORKERS=$(WORKERS) bash tools/run.sh

test: setup
	@source .odoo/env && .venv/bin/python tools/run_tests.py

bench: setup
	@source .odoo/env && .venv/bin/python tools/run_tests.py --bench-only

# the upgrade stage of `make test` alone: the previous release's database upgraded to the working tree
test-upgrade: setup
	@source .odoo/env && .venv/bin/python tools/run_tests.py --upgrade-only

lint: setup
	@.venv/bin/ruff check addons tests tools
	@.venv/bin/pylint --rcfile=.pylintrc --disable=all --enable=odoolint --disable=missing-readme --score=n addons/gov_rules addons/gov_meetings addons/gov_supervision
