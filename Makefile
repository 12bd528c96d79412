# brief: the two commands of the README's quick start are `make brief` and `make test`.
# Both install what is missing on Debian/Ubuntu first (as root, or through sudo).

SWIFT ?= swift
BRIEF_EXAMPLE ?= briefs/cuba-53
# The example made from two submitters' lists by brief merge (docs/merge.md); `make brief` merges them again and checks
# that the committed list is what the merge gives.
MERGED_EXAMPLE ?= briefs/venezuela-merged
MERGED_TITLE := Political prisoners under the October 2023 arrangement: the government's and the Foro's lists merged (fictional)
APT_PACKAGES := pkg-config libxml2-dev libxml2-utils zlib1g-dev libcairo2-dev libpango1.0-dev unzip \
                fonts-dejavu-core poppler-utils qpdf git python3-jsonschema chromium curl
BENCH_PACKAGES := hyperfine time python3
# The validators of `make conformance` that Debian packages (the rest come from PyPI into a venv: scripts/conformance.py).
CONFORMANCE_PACKAGES := default-jre-headless chromium chromium-driver poppler-utils qpdf libxml2-utils python3-venv \
                        cmark-gfm pandoc libreoffice-writer-nogui
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: brief test deps build release bench schemas golden clean conformance fuzz test-sanitize test-asan test-tsan test-leaks \
        static integrations

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
	$(SWIFT) build -c release --product brief
	$(SWIFT) build -c release --product brief-gen

## A brief that runs without the Swift toolchain: the Swift runtime and Foundation linked in, only the Debian
## libraries of docs/install.md#a-binary-without-swift loaded. Writes .build/release/brief (as `make release` does).
static: deps
	BRIEF_STATIC=1 $(SWIFT) build -c release --static-swift-stdlib --product brief
	@ls -l .build/release/brief

## Runs the main job on the example brief: validate it, then build every format of its edition and a public one.
brief: build
	$(SWIFT) run --skip-build brief validate $(BRIEF_EXAMPLE)
	$(SWIFT) run --skip-build brief build $(BRIEF_EXAMPLE) --out out
	$(SWIFT) run --skip-build brief build $(BRIEF_EXAMPLE) --audience public --out out
	@# The example's redline: the briefing staff sent a week earlier (history/brief-r2.xml) against today's.
	for format in html docx pdf md; do \
	  $(SWIFT) run --skip-build brief diff briefs/cuba-53/history/brief-r2.xml briefs/cuba-53 --format $$format \
	    --output out/cuba-53.committee.redline.$$format || exit 1; \
	done
	$(SWIFT) run --skip-build brief build $(MERGED_EXAMPLE) --out out
	$(SWIFT) run --skip-build brief merge $(MERGED_EXAMPLE)/submissions/government.xml $(MERGED_EXAMPLE)/submissions/ngo.xml \
	  --id venezuela-merged --title "$(MERGED_TITLE)" --out out/venezuela-merged.list.xml
	cmp out/venezuela-merged.list.xml $(MERGED_EXAMPLE)/list.xml

## Builds and runs every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Benchmarks against xmllint (docs/benchmarks.md): release build, synthetic lists, one table.
bench: release
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	python3 Benchmarks/run.py

## Runs the strictest validator of each format over every output of the examples and of a few fixtures (Nu and
## axe-core for HTML, pdfinfo/pikepdf/qpdf for PDF, openxml-audit for Word, the JUnit, SARIF and JSON schemas,
## cmark-gfm and pandoc; docs/accessibility.md). Installs once into .build-conformance/; outputs in its out/.
conformance: deps
	@missing=""; for p in $(CONFORMANCE_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	$(SWIFT) build --product brief
	python3 scripts/conformance.py --brief "$$($(SWIFT) build --show-bin-path)/brief"

## What other projects adopt (docs/ci.md#using-the-action, #pre-commit, docs/install.md): the static binary and its
## libraries (ldd), the GitHub Action's steps run as the runner would, and the pre-commit hook through
## `pre-commit try-repo` (which builds brief in release mode in its own clone: minutes). Tools go to .build-integrations/.
INTEGRATION_PACKAGES := python3-venv python3-yaml
integrations: static
	@missing=""; for p in $(INTEGRATION_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	python3 scripts/check-static.py .build/release/brief
	python3 scripts/run-action.py
	scripts/pre-commit-try-repo.sh

## Regenerates the golden files (the writers' outputs, and `brief diff` and `brief validate` outputs) after a deliberate
## change; review the diff before committing.
golden: deps
	$(SWIFT) build --build-tests
	BRIEF_UPDATE_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenTests
	git status --short Tests/BriefKitTests/Golden

## Fuzzes the whole pipeline (read, check, build every format, diff) with libFuzzer and AddressSanitizer for
## FUZZ_SECONDS, seeded from the fixtures; crashes go to .build-fuzz/crashes/ (docs/fuzzing.md).
FUZZ_SECONDS ?= 180
FUZZ_ARGS ?=
FUZZ_DIR := .build-fuzz
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/BriefKitTests/Fuzz/lsan.supp:print_suppressions=0
fuzz: deps
	$(SWIFT) build -c release --product brief-fuzz --scratch-path $(FUZZ_DIR) \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DBRIEF_LIBFUZZER -Xswiftc -enable-testing
	rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	BRIEF_GEN=$(wildcard .build/debug/brief-gen) scripts/fuzz-seeds $(FUZZ_DIR)/seeds
	$(SANITIZER_ENV) $(FUZZ_DIR)/release/brief-fuzz $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds \
	  -dict=Tests/BriefKitTests/Fuzz/xml.dict -max_total_time=$(FUZZ_SECONDS) -max_len=200000 -rss_limit_mb=2048 \
	  -timeout=60 -artifact_prefix=$(FUZZ_DIR)/crashes/ -print_final_stats=1 $(FUZZ_ARGS)

## The test suite under AddressSanitizer (with LeakSanitizer) and ThreadSanitizer, and valgrind's leak check of
## `brief validate` and `brief build` on the hostile fixtures and the example brief (docs/fuzzing.md).
test-sanitize: test-asan test-tsan test-leaks

test-asan: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	$(SANITIZER_ENV) $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

## ThreadSanitizer: the suites that check files in parallel or build and diff on several cores, in-process and
## through the `brief` executable.
TSAN_FILTER ?= ParallelValidationTests|CommandLineTests|OutputFormatTests|PDFWriterTests|BuildTests|DiffTests
test-tsan: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --filter '$(TSAN_FILTER)'

## valgrind (libxml2, Cairo and Pango are not instrumented by the sanitizers): no definite leak and no invalid
## access in a plain build of brief. Exit code 1 of brief (the hostile files have errors) is expected.
VALGRIND := valgrind --quiet --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=99 \
            --suppressions=Tests/BriefKitTests/Fuzz/valgrind.supp
test-leaks: deps
	@command -v valgrind >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq valgrind; }
	$(SWIFT) build --product brief --scratch-path .build-leaks
	@set -e; passed=0; run() { echo "valgrind: brief $$*"; status=0; $(VALGRIND) .build-leaks/debug/brief "$$@" >/dev/null || status=$$?; \
	  if [ $$status -gt 1 ]; then echo "test-leaks: brief $$* exited $$status (99: valgrind found an error)"; echo "test-leaks: $$passed passed, 1 failed"; exit 1; fi; \
	  passed=$$((passed + 1)); }; \
	  out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	  run validate --jobs 2 Tests/BriefKitTests/Fixtures/hostile Tests/BriefKitTests/Fixtures/lists; \
	  run validate --jobs 1 Tests/BriefKitTests/Fixtures/hostile Tests/BriefKitTests/Fixtures/fuzz; \
	  run validate --jobs 2 Tests/BriefKitTests/Fixtures/hostile/truncated.xml; \
	  run validate $(BRIEF_EXAMPLE); \
	  run build $(BRIEF_EXAMPLE) --out "$$out"; \
	  run diff $(BRIEF_EXAMPLE)/history/list-r2.xml $(BRIEF_EXAMPLE)/list.xml --format json; \
	  run diff $(BRIEF_EXAMPLE)/history/brief-r2.xml $(BRIEF_EXAMPLE) --format json; \
	  run import Tests/BriefKitTests/Fixtures/spreadsheets/cuba-53-libreoffice.xlsx --out "$$out/imported.xml"; \
	  echo "no definite leak and no invalid access"; echo "test-leaks: $$passed passed, 0 failed"

## Regenerates the embedded copy of schemas/*.xsd after editing them.
schemas:
	scripts/embed-schemas

clean:
	rm -rf .build .build-conformance .build-integrations out
