# bouncewatch — build, test, demo, benchmark and fuzz.
#
#   make demo     build, run `scan` and `classify --explain` on the bundled example logs, then
#                 the daemon on a copy of one: its textfile and an alert mail (to a file)
#   make test     every test: warning-free build, format lint, swift test, integration scripts
#   make bench    release build, then bouncewatch vs pflogsumm / eximstats / grep on 1M lines
#   make fuzz     libFuzzer on the parsers for FUZZ_SECONDS (default 60)
#   make accuracy the classifier scored on the labelled and held-out sets in accuracy/
#   make deb      Debian package in out/ (release binary, unit, configuration, man pages)
#   make install  release binary, unit and configuration under PREFIX (default /usr/local)
#
# Each target installs what it needs on Debian 12 (scripts/install-deps.sh; root or sudo only
# when something is missing). SCRATCH picks the SwiftPM build directory.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

SWIFT ?= swift
SWIFTC ?= swiftc
SCRATCH ?= .build
SWIFT_FLAGS := --scratch-path $(SCRATCH)

FUZZ_DIR ?= .build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_BIN := $(FUZZ_DIR)/parser-fuzz
CORE_SOURCES := $(shell find Sources/BounceCore -name '*.swift' | LC_ALL=C sort)

.PHONY: accuracy build test demo bench fuzz fuzz-build release deb install clean \
	deps deps-build deps-demo deps-test deps-bench lint integration

deps-build:
	scripts/install-deps.sh build

deps-demo:
	scripts/install-deps.sh build demo

deps-test:
	scripts/install-deps.sh build test

deps-bench:
	scripts/install-deps.sh build bench

deps:
	scripts/install-deps.sh all

## Debug build; any compiler warning fails it.
build: deps-build
	scripts/swift-build-checked.sh $(SWIFT_FLAGS)

lint:
	scripts/format-lint.sh

## Everything CI runs.
test: deps-test
	scripts/swift-build-checked.sh $(SWIFT_FLAGS) --build-tests
	scripts/format-lint.sh
	$(SWIFT) test $(SWIFT_FLAGS)
	$(MAKE) --no-print-directory integration

## Runs every scripts/integration/*.sh (none yet is fine) against the debug binary.
integration:
	BOUNCEWATCH_BIN="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/bouncewatch" \
		scripts/run-integration.sh

demo: build deps-demo
	BOUNCEWATCH_BIN="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/bouncewatch" \
		scripts/demo.sh

## The classifier scored on accuracy/labelled.tsv and the held-out accuracy/heldout.tsv: per set
## and combined, per-cause precision and recall, overall accuracy, confusion pairs; then provider
## detection on accuracy/providers.tsv (fails below 98%).
accuracy: build
	scripts/accuracy.py --bin "$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/bouncewatch"

bench: deps-bench
	SCRATCH=$(SCRATCH) bench/run.sh

## Optimised, self-contained binary in out/bouncewatch: the flags of scripts/build-deb.sh and
## bench/, so the installed, the packaged and the benchmarked binary are the same.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker -z -Xlinker now
release: deps-build
	scripts/swift-build-checked.sh $(SWIFT_FLAGS) $(RELEASE_FLAGS)
	mkdir -p out
	install -m 0755 "$$($(SWIFT) build $(SWIFT_FLAGS) $(RELEASE_FLAGS) --show-bin-path)/bouncewatch" \
		out/bouncewatch
	@echo "release binary: out/bouncewatch"

## Debian package out/bouncewatch_VERSION-REVISION_ARCH.deb (docs/install.md).
deb: deps-build
	RELEASE_SCRATCH=$(SCRATCH) scripts/build-deb.sh

PREFIX ?= /usr/local
DESTDIR ?=

## The release binary with its unit, configuration and man pages under PREFIX (DESTDIR stages).
install: release
	PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) packaging/install.sh out/bouncewatch

## The parsers and the classifier compiled together with a libFuzzer entry point.
fuzz-build: $(FUZZ_BIN)

$(FUZZ_BIN): $(CORE_SOURCES) Fuzz/ParserFuzz.swift
	mkdir -p $(FUZZ_DIR)
	$(SWIFTC) -use-ld=lld -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 \
		-module-name ParserFuzz $(CORE_SOURCES) Fuzz/ParserFuzz.swift -o $@

fuzz: $(FUZZ_BIN)
	Fuzz/run.sh $(FUZZ_BIN) $(FUZZ_DIR) $(FUZZ_SECONDS)

clean:
	rm -rf .build $(FUZZ_DIR) out
