#!/usr/bin/env python3
"""`make bench`: times brief against xmllint on synthetic lists and prints one table (docs/benchmarks.md).

Wall time is the median of several runs (hyperfine); peak memory is the maximum resident set size reported
by GNU time. Every ratio compares with `xmllint --noout --stream --schema` on the same file in the same run.

Every timed command has an expected exit status (0 unless a row says otherwise, e.g. 1 for `diff --exit-code` of
two lists that differ). A run that exits otherwise, or is killed, stops the benchmark with exit status 1 and a
message naming the command: a number measured on a command that failed early means nothing.
"""
import json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BRIEF = os.path.join(ROOT, ".build/release/brief")
GEN = os.path.join(ROOT, ".build/release/brief-gen")
SCHEMA = os.path.join(ROOT, "schemas/prisoner-list.xsd")
WORK = os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="brief-bench-")
os.makedirs(WORK, exist_ok=True)
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
PARTS = set(os.environ.get("BENCH_PARTS", "sizes,hostile,parallel").split(","))

# Hostile shapes (brief-gen's options; docs/benchmarks.md): inputs that once took time or memory growing with the
# square of their size. Each row: what it is, the generator's options, the command's arguments after the file.
# Every one must finish in under HOSTILE_SECONDS and HOSTILE_MIB.
HOSTILE_SECONDS, HOSTILE_MIB = 2.0, 300
HOSTILE = [
    ("validate, 3,000 sources disagreeing about one prisoner", ["--conflicting-sources", "3000"], ["validate"]),
    ("build html,md,txt,json public, the same", ["--conflicting-sources", "3000"],
     ["build", "--audience", "public", "--format", "html,md,txt,json"]),
    ("validate, 40,000 rearrests of one prisoner", ["--rearrests", "40000"], ["validate"]),
    ("build html,md,txt,json, the same", ["--rearrests", "40000"],
     ["build", "--audience", "committee", "--format", "html,md,txt,json"]),
    ("build txt, a name of one 1,000,000-character word", ["--long-names", "1", "--long-name-length", "1000000"],
     ["build", "--audience", "committee", "--format", "txt"]),
    ("build pdf, 20 names of one 20,000-character word", ["--long-names", "20", "--long-name-length", "20000"],
     ["build", "--audience", "committee", "--format", "pdf"]),
]


class BenchmarkFailure(Exception):
    """A command the benchmark runs did not exit as expected; the message names it."""


def sh(args, **kw):
    try:
        return subprocess.run(args, check=True, **kw)
    except (subprocess.CalledProcessError, OSError) as error:
        raise BenchmarkFailure(f"`{' '.join(args)}` failed: {error}") from error


def check_status(command, statuses, expect):
    """Fails unless every exit status in `statuses` is `expect` (`None` stands for a run killed by a signal)."""
    wrong = [status for status in statuses if status != expect]
    if wrong:
        seen = ", ".join(sorted({"killed by a signal" if s is None else f"exit status {s}" for s in wrong}))
        raise BenchmarkFailure(f"`{command}`: {seen} in {len(wrong)} of {len(statuses)} runs, "
                               f"expected exit status {expect}")


def run_status(command):
    """The exit status of one run of `command` through the shell, output discarded (None: killed by a signal)."""
    status = subprocess.run(["sh", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return None if status < 0 else status


def median_seconds(command, runs=RUNS, expect=0):
    # -i lets hyperfine time commands whose expected status is not 0; every run's status is checked below.
    out = os.path.join(WORK, "hyperfine.json")
    sh(["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(runs), "-i", "--export-json", out, command],
       stdout=subprocess.DEVNULL)
    with open(out) as f:
        result = json.load(f)["results"][0]
    # hyperfine exports each run's exit status (null when a signal killed it) since 1.12; before, run it once more.
    statuses = result["exit_codes"] if "exit_codes" in result else [run_status(command)]
    check_status(command, statuses, expect)
    return result["median"]


def peak_kib(command, expect=0):
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", command + " >/dev/null 2>&1"],
                            stderr=subprocess.PIPE, text=True)
    # GNU time exits with the command's status (128 + N when signal N killed it).
    status = result.returncode
    check_status(command, [None if status > 128 else status], expect)
    return int(result.stderr.strip().splitlines()[-1])


def generate(count, seed=1, drift=0, extra=()):
    name = os.path.join(WORK, f"list-{count}-{seed}-{drift}{''.join(extra).replace('-', '_')}.xml")
    if not os.path.exists(name):
        sh([GEN, "--count", str(count), "--seed", str(seed), "--drift", str(drift), *extra, "--out", name])
    return name


def hostile_rows(out):
    """Times every hostile shape; returns (task, time, peak MiB) rows."""
    rows = []
    for task, options, command in HOSTILE:
        path = generate(0, extra=options)
        arguments = [BRIEF, *command, path] + (["--out", out] if command[0] == "build" else [])
        line = " ".join(arguments)
        # `validate` exits 0: the shapes give notes, never an error or a warning.
        t, m = median_seconds(line), peak_kib(line)
        rows.append((task, t, m / 1024))
        print(f"  {task}: {t:.3f}s {m/1024:.0f} MiB", file=sys.stderr)
    return rows


def main():
    rows = []
    def row(task, size, command, baseline, baseline_memory_cmd=None, expect=0):
        t = median_seconds(command, expect=expect)
        m = peak_kib(command, expect=expect)
        bt = median_seconds(baseline)
        bm = peak_kib(baseline_memory_cmd or baseline)
        rows.append((task, size, t, m / 1024, bt, bm / 1024, t / bt, m / bm))
        print(f"  {task} {size}: {t:.3f}s {m/1024:.0f} MiB", file=sys.stderr)

    out = os.path.join(WORK, "out")
    for size in (SIZES if "sizes" in PARTS else []):
        path = generate(size)
        stream = f"xmllint --noout --stream --schema {SCHEMA} {path}"
        dom = f"xmllint --noout --schema {SCHEMA} {path}"
        row("validate", size, f"{BRIEF} validate {path}", stream, dom)
        row("build html,md,txt,json", size, f"{BRIEF} build {path} --audience committee --format html,md,txt,json --out {out}", stream)
        if size <= 10000:
            row("build docx,pdf", size, f"{BRIEF} build {path} --audience committee --format docx,pdf --out {out}", stream)
    big = max(SIZES)
    if "sizes" in PARTS:
        old, new = generate(big), generate(big, drift=5)
        # --exit-code: 1 says the diff found the drift's changes (0 would mean it found none, a wrong result).
        row("diff (5% drift)", big, f"{BRIEF} diff --format json --exit-code {old} {new}",
            f"xmllint --noout --stream --schema {SCHEMA} {new}", expect=1)

    hostile = hostile_rows(out) if "hostile" in PARTS else []

    # Parallel validation: 200 files of 1,000 prisoners.
    one = two = None
    if "parallel" in PARTS:
        folder = os.path.join(WORK, "many")
        os.makedirs(folder, exist_ok=True)
        for seed in range(200):
            target = os.path.join(folder, f"l{seed:03}.xml")
            if not os.path.exists(target):
                sh([GEN, "--count", "1000", "--seed", str(seed + 10), "--out", target])
        one = median_seconds(f"{BRIEF} validate --jobs 1 {folder}", runs=3)
        two = median_seconds(f"{BRIEF} validate --jobs 2 {folder}", runs=3)

    # The targets, on the largest list: (time ratio at most, memory ratio at most).
    targets = {"validate": (1.25, 0.5), "build html,md,txt,json": (2.5, None), "diff (5% drift)": (2.5, None)}

    def verdict(task, size, tr, mr):
        if size != big or task not in targets:
            return ""
        time_limit, memory_limit = targets[task]
        met = tr <= time_limit and (memory_limit is None or mr <= memory_limit)
        limits = f"time ≤ {time_limit}×" + (f", memory ≤ {memory_limit}×" if memory_limit else "")
        return f"{limits}: {'met' if met else 'NOT MET'}"

    if rows:
        print()
        print("| task | prisoners | brief time | brief peak | xmllint time | xmllint peak | time ratio | memory ratio | target |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for task, size, t, m, bt, bm, tr, mr in rows:
            memory_note = " (DOM)" if task == "validate" else ""
            print(f"| {task} | {size:,} | {t:.3f} s | {m:.0f} MiB | {bt:.3f} s | {bm:.0f} MiB{memory_note} | {tr:.2f}× | {mr:.2f}× "
                  f"| {verdict(task, size, tr, mr)} |")
    if hostile:
        print()
        print("| hostile input | brief time | brief peak | target |")
        print("|---|---:|---:|---|")
        for task, t, m in hostile:
            met = t < HOSTILE_SECONDS and m < HOSTILE_MIB
            print(f"| {task} | {t:.3f} s | {m:.0f} MiB | < {HOSTILE_SECONDS:g} s, < {HOSTILE_MIB} MiB: {'met' if met else 'NOT MET'} |")
    if one is not None:
        print()
        speedup = one / two
        print(f"validate 200 files × 1,000 prisoners: --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s, speed-up {speedup:.2f}× "
              f"(cores: {os.cpu_count()}; target ≥ 1.7×: {'met' if speedup >= 1.7 else 'NOT MET'})")
    print(f"(files in {WORK}; xmllint peak for validate is the non-streaming DOM mode, the target's baseline)")


if __name__ == "__main__":
    try:
        main()
    except BenchmarkFailure as failure:
        print(f"bench: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
