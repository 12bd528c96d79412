#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with `pre-commit try-repo`, as a project adopting the hook would run it: pre-commit
# (installed into a venv under .build-integrations/, never the system) clones this repository, builds brief with
# `swift build -c release` (minutes, the first time for a commit) and runs the brief-validate hook on a temporary
# git repository holding a clean list and one with findings. Run by `make integrations`; docs/ci.md#pre-commit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=$root/.build-integrations
PRE_COMMIT_REQUIREMENT=${PRE_COMMIT_REQUIREMENT:-pre-commit>=4,<5}

if [ ! -x "$tools/venv/bin/pre-commit" ]; then
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install -q "$PRE_COMMIT_REQUIREMENT"
fi
pre_commit=$tools/venv/bin/pre-commit
export PRE_COMMIT_HOME=$tools/pre-commit-home   # its clones and builds, kept between runs
"$pre_commit" --version

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/lists"
cp "$root/Tests/BriefKitTests/Fixtures/lists/clean.xml" "$root/Tests/BriefKitTests/Fixtures/lists/two-errors.xml" "$work/lists/"
printf 'not xml, and not checked\n' > "$work/lists/README.txt"
git -C "$work" init -q -b main
git -C "$work" add -A
git -C "$work" -c user.name=brief -c user.email=brief@example.invalid commit -q -m lists

passed=0
failed=0
# expect CASE STATUS PATTERN... -- FILES...: the hook on FILES exits STATUS and its output has every PATTERN.
expect() {
  local case=$1 expected=$2; shift 2
  local patterns=()
  while [ "$1" != -- ]; do patterns+=("$1"); shift; done
  shift
  local status=0
  (cd "$work" && "$pre_commit" try-repo "$root" brief-validate --verbose --files "$@") > "$work.out" 2>&1 || status=$?
  local ok=true
  [ "$status" -eq "$expected" ] || ok=false
  for pattern in "${patterns[@]}"; do grep -qF -- "$pattern" "$work.out" || ok=false; done
  if $ok; then
    passed=$((passed + 1)); echo "pre-commit: $case: ok (exit status $status)"
  else
    failed=$((failed + 1)); echo "pre-commit: $case: FAILED (exit status $status, expected $expected)"; cat "$work.out"
  fi
  rm -f "$work.out"
}

expect "a list with findings fails" 1 \
  "lists/two-errors.xml:12:30: error:" "[date-order]" "[future-date]" "brief validate" "Failed" \
  -- lists/two-errors.xml lists/clean.xml
expect "a clean list passes" 0 "brief validate" "Passed" -- lists/clean.xml
expect "files other than *.xml are not passed to the hook" 0 "(no files to check)Skipped" -- lists/README.txt

echo "pre-commit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
