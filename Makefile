# Quorum — the two commands a new user needs, and the ones CI runs.
SHELL := /bin/bash
SWIFT ?= swift
QUORUM := .build/debug/quorum
# The ladder of local models: the quickstart and the example grid (a live test) use all three.
ALL_MODELS := smollm2-135m,qwen2.5-coder-0.5b,qwen2.5-coder-1.5b
LIVE_MODELS ?= $(ALL_MODELS)
QUORUM_HOME_DIR := $(or $(QUORUM_HOME),$(HOME)/.quorum)

.PHONY: build quickstart test test-unit test-live local-runtime clean

build:
	$(SWIFT) build --product quorum

## Installs the local runtime and models, fits the quickstart's confidence threshold and learned
## router on the calibration split (each model answers it once; the second calibrate pays nothing),
## then runs the quickstart experiment on the test split and compares it with the baseline.
CALIBRATION_LIMIT ?= 200
quickstart: build
	$(QUORUM) local install --models $(ALL_MODELS)
	cd examples && ../$(QUORUM) calibrate quickstart.yaml --system routed --split calibration --limit $(CALIBRATION_LIMIT) --write
	cd examples && ../$(QUORUM) calibrate quickstart.yaml --system confident --split calibration --limit $(CALIBRATION_LIMIT) --write
	cd examples && ../$(QUORUM) run quickstart.yaml
	cd examples && ../$(QUORUM) compare --no-judging \
	    $$(../$(QUORUM) runs --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')

## The whole test suite: fast unit tests, then the live suite against real servers.
test: test-unit test-live

test-unit:
	$(SWIFT) build --build-tests
	# One test at a time (about a minute): several tests time real servers and child processes, and on 2
	# cores the suite running beside them made them flaky.
	$(SWIFT) test --skip-build --skip QuorumLiveTests --no-parallel

## Slow tests against the real llama.cpp server (and MLflow/PostgreSQL where present).
test-live: build
	time $(QUORUM) local install --models $(LIVE_MODELS)
	scripts/python-venv.sh "$(QUORUM_HOME_DIR)/openai-venv" openai==2.8.1
	scripts/mlflow-venv.sh
	QUORUM_LIVE=1 $(SWIFT) test --filter QuorumLiveTests

clean:
	$(QUORUM) local stop || true
	rm -rf .build
