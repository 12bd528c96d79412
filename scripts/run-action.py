#!/usr/bin/env python3
"""Runs the composite action of action.yml outside GitHub, as the runner would, and checks what it does.

The action's own `run:` steps are executed as written — `bash --noprofile --norc -eo pipefail`, as GitHub runs
`shell: bash` — with `${{ inputs.* }}`, `${{ github.* }}`, `${{ runner.* }}` and `${{ steps.*.outputs.* }}`
substituted, each step's `env:`, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files read back between steps. The
`uses:` steps (actions/cache/restore and /save) are not run: the restore is a cache miss. Each case builds a
temporary git repository with lists that have findings, runs the action with some inputs, and checks the step's
exit status, the annotations on standard output, the SARIF file and the action's outputs.

  scripts/run-action.py                 # the first case runs the build step (`make static` makes it a no-op)
  scripts/run-action.py --brief PATH    # every case uses this brief executable (the `brief` input)

Run by `make integrations`; docs/ci.md#using-the-action.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "BriefKitTests" / "Fixtures" / "lists"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class ActionError(Exception):
    """The action uses something this runner does not understand: the test fails rather than guessing."""


class Runner:
    """One run of the action: its inputs, the outputs of its steps so far, and the files GitHub would give it."""

    def __init__(self, action, action_path, workspace, inputs, scratch, cache_hit=False, path_prefix=None):
        self.cache_hit = cache_hit
        self.path_prefix = path_prefix
        self.action = action
        self.action_path = action_path
        self.workspace = workspace
        self.scratch = scratch
        self.steps = {}
        declared = action.get("inputs", {})
        unknown = set(inputs) - set(declared)
        if unknown:
            raise ActionError(f"inputs the action does not declare: {sorted(unknown)}")
        self.inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
        self.inputs.update(inputs)
        self.summary = scratch / "step-summary.md"
        self.summary.write_text("")

    def value(self, expression):
        parts = expression.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            if parts[1] not in self.inputs:
                raise ActionError(f"unknown input in ${{{{ {expression} }}}}")
            return self.inputs[parts[1]]
        if parts[0] == "github" and len(parts) == 2:
            known = {"action_path": str(self.action_path), "workspace": str(self.workspace),
                     "base_ref": "main", "event_name": "pull_request"}
            if parts[1] in known:
                return known[parts[1]]
        if expression == "runner.os":
            return "Linux"
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return self.steps.get(parts[1], {}).get(parts[3], "")
        raise ActionError(f"expression this runner does not evaluate: ${{{{ {expression} }}}}")

    def substitute(self, text):
        return EXPRESSION.sub(lambda match: self.value(match.group(1)), str(text))

    def condition(self, text):
        """`if:` conditions of the forms the action uses: `A == 'x'`, `A != 'x'` (A an expression), joined by `&&`."""
        if text is None:
            return True
        text = EXPRESSION.sub(lambda match: match.group(1), str(text)).strip()
        result = True
        for term in text.split("&&"):
            match = re.fullmatch(r"([\w.-]+)\s*(==|!=)\s*'([^']*)'", term.strip())
            if not match:
                raise ActionError(f"condition this runner does not evaluate: {text}")
            left = self.value(match.group(1))
            result = result and (left == match.group(3)) == (match.group(2) == "==")
        return result

    def run(self):
        """Runs the steps until one fails; returns (exit status, standard output, the action's outputs)."""
        transcript = []
        for index, step in enumerate(self.action["runs"]["steps"]):
            name = step.get("name", step.get("uses", f"step {index}"))
            if not self.condition(step.get("if")):
                continue
            if "uses" in step:
                if not step["uses"].startswith(("actions/cache/restore@", "actions/cache/save@")):
                    raise ActionError(f"a `uses:` step this runner cannot stand in for: {step['uses']}")
                for key, value in step.get("with", {}).items():
                    self.substitute(value)  # every expression it is given must still evaluate
                hit = "true" if self.cache_hit and step["uses"].startswith("actions/cache/restore@") else ""
                self.steps[step.get("id", f"_{index}")] = {"cache-hit": hit}
                continue
            if step.get("shell") != "bash":
                raise ActionError(f"step '{name}': only `shell: bash` is run here")
            script = self.scratch / f"step-{index}.sh"
            script.write_text(self.substitute(step["run"]))
            output_file = self.scratch / f"output-{index}"
            output_file.write_text("")
            env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "INPUT_"))}
            env.update({"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output_file),
                        "GITHUB_STEP_SUMMARY": str(self.summary), "GITHUB_WORKSPACE": str(self.workspace),
                        "GITHUB_ACTION_PATH": str(self.action_path), "RUNNER_OS": "Linux"})
            if self.path_prefix:
                env["PATH"] = f"{self.path_prefix}{os.pathsep}{env.get('PATH', '')}"
            env.update({key: self.substitute(value) for key, value in step.get("env", {}).items()})
            directory = self.substitute(step.get("working-directory", str(self.workspace)))
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                    cwd=directory, env=env, capture_output=True, text=True)
            transcript.append(result.stdout)
            sys.stderr.write(result.stderr)
            self.steps[step.get("id", f"_{index}")] = read_outputs(output_file)
            if result.returncode != 0:
                return result.returncode, "".join(transcript), self.outputs()
        return 0, "".join(transcript), self.outputs()

    def outputs(self):
        return {name: self.substitute(spec["value"]) for name, spec in self.action.get("outputs", {}).items()}


def read_outputs(path):
    """GITHUB_OUTPUT's two forms: `name=value`, and `name<<DELIMITER` … `DELIMITER`."""
    outputs = {}
    lines = path.read_text().splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            outputs[name] = "\n".join(lines[index + 1:end])
            index = end + 1
            continue
        name, _, value = line.partition("=")
        outputs[name] = value
        index += 1
    return outputs


def git(repository, *arguments):
    subprocess.run(["git", "-c", "user.name=brief", "-c", "user.email=brief@example.invalid", "-C",
                    str(repository), *arguments], check=True, capture_output=True)


def make_repository(path):
    """main: a clean list and one with two errors and a warning. Returns the path."""
    (path / "lists").mkdir(parents=True)
    shutil.copy(FIXTURES / "clean.xml", path / "lists" / "clean.xml")
    shutil.copy(FIXTURES / "two-errors.xml", path / "lists" / "two-errors.xml")
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "lists")
    return path


def warning_only_list(path):
    """The clean list with a source nobody cites: one `unused-source` warning, no error."""
    text = (FIXTURES / "clean.xml").read_text()
    text = text.replace('<sources><source id="usg" kind="government">US officials</source></sources>',
                        '<sources><source id="usg" kind="government">US officials</source>'
                        '<source id="idle" kind="press">Never cited</source></sources>')
    path.write_text(text)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def expect(self, case, condition, what, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed.append(f"{case}: {what}" + (f"\n    {detail}" if detail else ""))


def annotations(stdout):
    return [line for line in stdout.splitlines() if line.startswith(("::error ", "::warning ", "::notice "))]


def sarif_results(path):
    document = json.loads(path.read_text())
    assert document["version"] == "2.1.0"
    return [result for run in document["runs"] for result in run.get("results", [])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brief", help="a brief executable for every case (skips the build step)")
    parser.add_argument("--action", default=str(ROOT / "action.yml"))
    arguments = parser.parse_args()
    action = yaml.safe_load(Path(arguments.action).read_text())
    checks = Checks()
    built = arguments.brief and str(Path(arguments.brief).resolve())

    with tempfile.TemporaryDirectory(prefix="brief-action-") as temporary:
        temporary = Path(temporary)
        counter = iter(range(1000))

        def run(case, inputs, prepare=None, **runner_options):
            nonlocal built
            workspace = make_repository(temporary / f"{next(counter)}-{case}")
            if prepare:
                prepare(workspace)
            scratch = workspace.parent / (workspace.name + ".runner")
            scratch.mkdir()
            if built and not runner_options:
                inputs = {"brief": built, **inputs}
            runner = Runner(action, ROOT, workspace, inputs, scratch, **runner_options)
            status, stdout, outputs = runner.run()
            if not built and outputs.get("brief"):
                built = outputs["brief"]  # the build step ran once; later cases reuse its binary
            print(f"run-action: {case}: exit status {status}, {len(annotations(stdout))} annotations")
            return status, stdout, outputs, workspace, runner

        # 1. Every list: the findings fail the step, as annotations and in the SARIF file, with a job summary.
        case = "findings"
        status, stdout, outputs, workspace, runner = run(case, {"paths": "lists", "sarif-file": "out/brief.sarif"})
        found = annotations(stdout)
        checks.expect(case, status == 1, "exit status 1", f"got {status}\n{stdout}")
        checks.expect(case, any(line.startswith("::error file=lists/two-errors.xml,line=12,") and "[date-order]" in line
                                for line in found), "a date-order error annotation on lists/two-errors.xml:12", stdout)
        checks.expect(case, sum(line.startswith("::error ") for line in found) == 2, "two error annotations", stdout)
        checks.expect(case, sum(line.startswith("::warning ") for line in found) == 1, "one warning annotation", stdout)
        checks.expect(case, outputs.get("sarif-file") == "out/brief.sarif", "output sarif-file", repr(outputs))
        sarif = workspace / "out" / "brief.sarif"
        results = sarif_results(sarif) if sarif.is_file() else []
        checks.expect(case, len(results) == 3, "three SARIF results", f"got {len(results)}")
        checks.expect(case, {r["ruleId"] for r in results} == {"date-order", "future-date", "unused-source"},
                      "the SARIF results' rules", repr([r.get("ruleId") for r in results]))
        checks.expect(case, "## brief validate" in runner.summary.read_text(), "a job summary")
        checks.expect(case, Path(outputs.get("brief", "")).is_file(), "output brief names the executable", repr(outputs))

        # An exact cache hit holds the binary of these sources: the build step uses it and never runs swift build.
        if not arguments.brief:
            case = "cache hit"
            fake = temporary / "fake-swift"
            fake.mkdir()
            (fake / "swift").write_text('#!/bin/sh\n[ "$1" != build ] || { echo "swift build ran" >&2; exit 97; }\n'
                                        f'exec {shutil.which("swift")} "$@"\n')
            (fake / "swift").chmod(0o755)
            status, stdout, outputs, _, _ = run(case, {"paths": "lists"}, cache_hit=True, path_prefix=str(fake))
            checks.expect(case, status == 1 and outputs.get("brief") == str(ROOT / ".build" / "release" / "brief"),
                          "the cached .build/release/brief runs, without swift build", f"{status} {outputs}\n{stdout}")

        # 2. A committed baseline holds today's findings: the step passes under strict, SARIF keeps them unchanged.
        def baseline(workspace):
            subprocess.run([built, "validate", "--write-baseline", ".brief-baseline.json", "lists"],
                           cwd=workspace, check=True, capture_output=True)
            git(workspace, "add", "-A")
            git(workspace, "commit", "-q", "-m", "baseline")

        case = "baseline"
        status, stdout, outputs, workspace, _ = run(
            case, {"paths": "lists", "baseline": ".brief-baseline.json", "strict": "true"}, baseline)
        checks.expect(case, status == 0, "exit status 0", f"got {status}\n{stdout}")
        checks.expect(case, not [a for a in annotations(stdout) if not a.startswith("::notice ")],
                      "no error or warning annotation", stdout)
        results = sarif_results(workspace / "brief.sarif") if (workspace / "brief.sarif").is_file() else []
        checks.expect(case, len(results) == 3 and all(r.get("baselineState") == "unchanged" for r in results),
                      "three SARIF results, baselineState unchanged", repr([r.get("baselineState") for r in results]))

        # 3. A pull request adds a list with a warning: only it is checked and annotated, and strict fails on it.
        def pull_request(workspace):
            baseline(workspace)
            git(workspace, "checkout", "-q", "-b", "topic")
            warning_only_list(workspace / "lists" / "new.xml")
            git(workspace, "add", "-A")
            git(workspace, "commit", "-q", "-m", "a new list")

        case = "changed-since, strict"
        status, stdout, outputs, workspace, _ = run(
            case, {"changed-since": "main", "baseline": ".brief-baseline.json", "strict": "true"}, pull_request)
        found = [a for a in annotations(stdout) if not a.startswith("::notice ")]
        checks.expect(case, status == 1, "exit status 1", f"got {status}\n{stdout}")
        checks.expect(case, len(found) == 1 and found[0].startswith("::warning file=lists/new.xml,")
                      and "[unused-source]" in found[0], "one unused-source warning on lists/new.xml", stdout)
        results = sarif_results(workspace / "brief.sarif") if (workspace / "brief.sarif").is_file() else []
        checks.expect(case, [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
                      == ["lists/new.xml"], "SARIF has the new list's finding only", repr(results)[:400])

        case = "changed-since, not strict"
        status, stdout, _, _, _ = run(case, {"changed-since": "main", "baseline": ".brief-baseline.json"}, pull_request)
        checks.expect(case, status == 0, "a warning alone passes: exit status 0", f"got {status}\n{stdout}")

        # 4. Nothing changed: success, and no SARIF file (brief writes none; an empty one would fail the upload).
        case = "nothing changed"
        status, stdout, outputs, workspace, _ = run(case, {"changed-since": "HEAD"})
        checks.expect(case, status == 0, "exit status 0", f"got {status}\n{stdout}")
        sarif_path = workspace / "brief.sarif"
        checks.expect(case, outputs.get("sarif-file") == "brief.sarif", "output sarif-file brief.sarif", repr(outputs))
        results = None
        if sarif_path.exists():
            try:
                results = json.loads(sarif_path.read_text(encoding="utf-8"))["runs"][0]["results"]
            except (ValueError, KeyError, IndexError) as error:
                results = f"not SARIF: {error}"
        checks.expect(case, results == [], "a whole SARIF log with no results (upload-sarif takes it)", repr(results))

        # 5. Usage problems keep exit status 2: a missing baseline, a strict that is neither true nor false.
        case = "missing baseline"
        status, stdout, _, _, _ = run(case, {"baseline": "no-such-baseline.json"})
        checks.expect(case, status == 2, "exit status 2", f"got {status}\n{stdout}")
        case = "bad strict"
        status, stdout, _, _, _ = run(case, {"strict": "yes"})
        checks.expect(case, status == 2, "exit status 2", f"got {status}\n{stdout}")

        case = "unwritable SARIF file"
        status, stdout, _, _, _ = run(case, {"paths": "lists/clean.xml", "sarif-file": "lists/clean.xml/brief.sarif"})
        checks.expect(case, status == 2 and any("SARIF run failed" in a for a in annotations(stdout)),
                      "a clean list whose SARIF cannot be written fails the step: exit status 2", f"{status}\n{stdout}")

        # 6. Paths one a line (one with a space), excludes one a line, no SARIF file asked for.
        def spaced(workspace):
            (workspace / "other lists").mkdir()
            warning_only_list(workspace / "other lists" / "belarús 2024.xml")

        case = "paths and excludes"
        status, stdout, outputs, workspace, _ = run(
            case, {"paths": "lists/clean.xml\nother lists\n", "exclude": "drafts/**\n", "sarif-file": ""}, spaced)
        found = annotations(stdout)
        checks.expect(case, status == 0 and len(found) == 1 and "file=other lists/belarús 2024.xml," in found[0],
                      "one warning on 'other lists/belarús 2024.xml', exit status 0", f"{status}\n{stdout}")
        checks.expect(case, outputs.get("sarif-file") == "" and not (workspace / "brief.sarif").exists(),
                      "no SARIF file", repr(outputs))
        case = "exclude"
        status, stdout, _, _, _ = run(case, {"paths": "lists", "exclude": "**/two-errors.xml", "strict": "true"})
        checks.expect(case, status == 0 and not annotations(stdout), "the excluded list is not checked",
                      f"{status}\n{stdout}")

    for failure in checks.failed:
        print(f"FAILED {failure}")
    print(f"run-action: {checks.passed} passed, {len(checks.failed)} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ActionError as error:
        print(f"run-action: {error}")
        sys.exit(1)
