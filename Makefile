# medops.itops: the two commands a newcomer types are `make demo` and `make test`.
# Every target installs what it needs itself and may be run again.
SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT      := $(CURDIR)
VENV      := $(ROOT)/.venv
PY        := $(VENV)/bin/python
BIN       := $(VENV)/bin
# Debian's interpreter, not the pyenv shim: the venv must not depend on a user's shell setup.
BASE_PY   ?= /usr/bin/python3
COLL_LINK := $(ROOT)/.build/ansible_collections/medops/itops
LAB       := $(ROOT)/tools/lab/lab
export PATH := $(BIN):$(PATH)
# The lab's configuration (default inventory, vault password, no host key checking): every target
# here works on the lab. The repository's ansible.cfg is the strict one for real inventories.
export ANSIBLE_CONFIG := $(ROOT)/tools/lab/ansible.cfg
export ANSIBLE_COLLECTIONS_PATH := $(ROOT)/.build
export PYTHONPATH := $(ROOT)/.build
export ANSIBLE_NOCOLOR := 1

.PHONY: help demo test deps venv link lab-up lab-down lab-status lab-reset lint sanity units \
        pytest integration molecule bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

demo: deps venv link lab-up  ## set up everything, inspect the simulated hospital, print where the reports are
	$(BIN)/ansible-playbook playbooks/quarterly_inspection.yml
	@tools/demo_summary.sh

test: deps venv link  ## everything that proves it works; prints the time of each stage
	@tools/run_stages.sh lint sanity units pytest integration molecule

deps:  ## Debian packages listed in bindep.txt (apt), installed only when missing
	@tools/install_deps.sh

venv: $(VENV)/.installed  ## the Python virtualenv from the pinned requirements.txt

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(BASE_PY) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

link:  ## make the checkout importable as ansible_collections.medops.itops
	@mkdir -p $(dir $(COLL_LINK))
	@ln -sfn $(ROOT) $(COLL_LINK)

# `up` repairs what it finds. On a CI machine restored from a snapshot a first `up` failed once
# (stop 25: integration's `up` failed in 6 s, molecule's `up` right after it passed), so a failed
# `up` is printed and tried once more, never more.
lab-up: deps venv  ## start the simulated hospital (idempotent)
	@$(LAB) up || { echo "lab up failed (output above); trying once more" >&2; $(LAB) up; }

lab-down:  ## stop the lab and remove every namespace, link, container and process it made
	$(LAB) down

lab-status:  ## every lab device with address, kind and state
	$(LAB) status

lab-reset:  ## down, then up
	$(LAB) reset

lint: venv link  ## ansible-lint (production profile), yamllint
	$(BIN)/ansible-lint --profile production --offline
	$(BIN)/yamllint -s .
	$(BIN)/antsibull-changelog lint

sanity: venv link  ## ansible-test sanity (every test that runs without containers)
	@tools/ansible_test.sh sanity

units: venv link  ## ansible-test units
	@tools/ansible_test.sh units

pytest: venv link  ## unit tests under pytest; coverage of module_utils and of the action and callback plugins, each >= 90 %
	$(PY) -m pytest -q -m 'not lab and not integration' tests/unit tests/lab --durations=15 \
	  --cov=ansible_collections.medops.itops.plugins.module_utils --cov=ansible_collections.medops.itops.plugins.action \
	  --cov=ansible_collections.medops.itops.plugins.callback --cov-report=term --cov-fail-under=90
	@set -o pipefail; $(PY) -m coverage report --include='*/plugins/module_utils/*' --fail-under=90 --format=total \
	  | sed 's/^/coverage of plugins\/module_utils (at least 90): /'
	@set -o pipefail; $(PY) -m coverage report --include='*/plugins/action/*,*/plugins/callback/*' --fail-under=90 --format=total \
	  | sed 's/^/coverage of plugins\/action and plugins\/callback (at least 90): /'

integration: deps venv link lab-up  ## real playbooks against the lab (starts it when down)
	$(PY) -m pytest -q -m 'lab or integration' tests/unit tests/lab tests/integration --durations=25

molecule: deps venv link lab-up  ## molecule scenarios per role (delegated driver against lab hosts)
	@tools/run_molecule.sh

bench: deps venv link lab-up  ## benchmarks that print numbers (tools/bench)
	@for b in tools/bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:  ## remove build output (keeps the venv and the lab; see lab-down)
	rm -rf .build tests/output dist .pytest_cache
