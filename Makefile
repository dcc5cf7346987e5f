# Two commands do all the set-up on a fresh machine:
#   make serve   installs what is missing, then starts the web app on SQLite with the seed cases
#   make test    installs what is missing, then runs the whole test suite
.PHONY: serve test install bench

.venv/.installed: requirements.lock pyproject.toml scripts/bootstrap $(wildcard package-lock.json)
	scripts/bootstrap

install: .venv/.installed

serve: .venv/.installed
	.venv/bin/casework serve --demo

test: .venv/.installed
	scripts/test

bench: .venv/.installed
	.venv/bin/python benchmarks/run_all.py
