# Two commands do all the set-up on a fresh machine:
#   make serve   installs what is missing, then starts the web app on SQLite with the seed cases
#   make test    installs what is missing, then runs the whole test suite
# `make test-fast` runs the fast lane: the domain and the use cases on an in-memory store.
.PHONY: serve test test-fast install bench

.venv/.installed: requirements.lock pyproject.toml scripts/bootstrap $(wildcard package-lock.json)
	scripts/bootstrap

install: .venv/.installed

serve: .venv/.installed
	.venv/bin/casework serve --demo

test: .venv/.installed
	scripts/test

test-fast: .venv/.installed
	.venv/bin/pytest tests/domain src/casework/domain tests/contract tests/service/test_use_cases_on_fakes.py

bench: .venv/.installed
	.venv/bin/python benchmarks/run_all.py
