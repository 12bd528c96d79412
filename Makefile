# brief: the two commands of the README's quick start are `make brief` and `make test`.
# Both install what is missing on Debian/Ubuntu first (as root, or through sudo).

SWIFT ?= swift
BRIEF_EXAMPLE ?= briefs/cuba-53
APT_PACKAGES := pkg-config libxml2-dev libxml2-utils zlib1g-dev libcairo2-dev libpango1.0-dev \
                fonts-dejavu-core poppler-utils qpdf git
BENCH_PACKAGES := hyperfine time python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: brief test deps build release bench schemas golden clean

## Installs the Debian packages brief needs, when any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product brief

release: deps
	$(SWIFT) build -c release --product brief --product brief-gen

## Runs the main job on the example brief: validate it, then build every format of its edition and a public one.
brief: build
	$(SWIFT) run --skip-build brief validate $(BRIEF_EXAMPLE)
	$(SWIFT) run --skip-build brief build $(BRIEF_EXAMPLE) --out out
	$(SWIFT) run --skip-build brief build $(BRIEF_EXAMPLE) --audience public --out out

## Builds and runs every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Benchmarks against xmllint (docs/benchmarks.md): release build, synthetic lists, one table.
bench: release
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	python3 Benchmarks/run.py

## Regenerates the writers' golden files after a deliberate change (review the diff before committing).
golden: deps
	$(SWIFT) build --build-tests
	BRIEF_UPDATE_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenTests
	git status --short Tests/BriefKitTests/Golden

## Regenerates the embedded copy of schemas/*.xsd after editing them.
schemas:
	scripts/embed-schemas

clean:
	rm -rf .build out
