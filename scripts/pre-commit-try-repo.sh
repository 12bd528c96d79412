#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with `pre-commit try-repo`, as a project adopting the hook would run it: pre-commit
# (installed into a venv under .build-integrations/, never the system) clones this repository, builds brief with
# `swift build -c release` (minutes, every run: try-repo keeps nothing) and runs the brief-validate hook on a temporary
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
"$pre_commit" --version

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/lists"
cp "$root/Tests/BriefKitTests/Fixtures/lists/clean.xml" "$root/Tests/BriefKitTests/Fixtures/lists/two-errors.xml" "$work/lists/"
printf 'not xml, and not checked\n' > "$work/lists/README.txt"
git -C "$work" init -q -b main
git -C "$work" add -A
git -C "$work" -c user.name=brief -c user.email=brief@example.invalid commit -q -m lists

# One run of try-repo, since each builds brief again (it keeps no store between runs): the list with findings
# fails the hook with brief's diagnostics, the clean list is checked with it, and the text file is not passed.
status=0
(cd "$work" && "$pre_commit" try-repo "$root" brief-validate --verbose \
   --files lists/two-errors.xml lists/clean.xml lists/README.txt) > "$work.out" 2>&1 || status=$?
passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "pre-commit: FAILED: $*"; fi
}
check [ "$status" -eq 1 ]
for expected in "brief validate" "Failed" "lists/two-errors.xml:12:30: error:" "[date-order]" "[future-date]" \
                "2 files checked: 2 errors, 1 warning, 0 notes"; do
  check grep -qF -- "$expected" "$work.out"
done
check eval '! grep -q "README" "$work.out"'
if [ "$failed" -gt 0 ]; then cat "$work.out"; fi
rm -f "$work.out"
echo "pre-commit: $passed passed, $failed failed (try-repo exited $status)"
[ "$failed" -eq 0 ]
