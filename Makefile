# brief: the two commands of the README's quick start are `make brief` and `make test`.
# Both install what is missing on Debian/Ubuntu first (as root, or through sudo).

SWIFT ?= swift
BRIEF_EXAMPLE ?= briefs/cuba-53
APT_PACKAGES := pkg-config libxml2-dev libxml2-utils zlib1g-dev libcairo2-dev libpango1.0-dev \
                fonts-dejavu-core poppler-utils qpdf git
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

## Runs the main job on the example brief.
brief: build
	$(SWIFT) run --skip-build brief validate $(BRIEF_EXAMPLE)

## Builds and runs every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Regenerates the embedded copy of schemas/*.xsd after editing them.
schemas:
	scripts/embed-schemas

clean:
	rm -rf .build out
