#!/usr/bin/env python3
"""`make bench`: times brief against xmllint on synthetic lists and prints one table (docs/benchmarks.md).

Wall time is the median of several runs (hyperfine); peak memory is the maximum resident set size reported
by GNU time. Every ratio compares with `xmllint --noout --stream --schema` on the same file in the same run.
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


def sh(args, **kw):
    return subprocess.run(args, check=True, **kw)


def median_seconds(command, runs=RUNS):
    out = os.path.join(WORK, "hyperfine.json")
    sh(["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(runs), "-i", "--export-json", out, command],
       stdout=subprocess.DEVNULL)
    with open(out) as f:
        return json.load(f)["results"][0]["median"]


def peak_kib(command):
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", command + " >/dev/null 2>&1"],
                            stderr=subprocess.PIPE, text=True)
    return int(result.stderr.strip().splitlines()[-1])


def generate(count, seed=1, drift=0):
    name = os.path.join(WORK, f"list-{count}-{seed}-{drift}.xml")
    if not os.path.exists(name):
        sh([GEN, "--count", str(count), "--seed", str(seed), "--drift", str(drift), "--out", name])
    return name


def main():
    rows = []
    def row(task, size, command, baseline, baseline_memory_cmd=None):
        t = median_seconds(command)
        m = peak_kib(command)
        bt = median_seconds(baseline)
        bm = peak_kib(baseline_memory_cmd or baseline)
        rows.append((task, size, t, m / 1024, bt, bm / 1024, t / bt, m / bm))
        print(f"  {task} {size}: {t:.3f}s {m/1024:.0f} MiB", file=sys.stderr)

    out = os.path.join(WORK, "out")
    for size in SIZES:
        path = generate(size)
        stream = f"xmllint --noout --stream --schema {SCHEMA} {path}"
        dom = f"xmllint --noout --schema {SCHEMA} {path}"
        row("validate", size, f"{BRIEF} validate {path}", stream, dom)
        row("build html,md,txt,json", size, f"{BRIEF} build {path} --audience committee --format html,md,txt,json --out {out}", stream)
        if size <= 10000:
            row("build docx,pdf", size, f"{BRIEF} build {path} --audience committee --format docx,pdf --out {out}", stream)
    big = max(SIZES)
    old, new = generate(big), generate(big, drift=5)
    row("diff (5% drift)", big, f"{BRIEF} diff --format json {old} {new}", f"xmllint --noout --stream --schema {SCHEMA} {new}")

    # Parallel validation: 200 files of 1,000 prisoners.
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

    print()
    print("| task | prisoners | brief time | brief peak | xmllint time | xmllint peak | time ratio | memory ratio | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for task, size, t, m, bt, bm, tr, mr in rows:
        memory_note = " (DOM)" if task == "validate" else ""
        print(f"| {task} | {size:,} | {t:.3f} s | {m:.0f} MiB | {bt:.3f} s | {bm:.0f} MiB{memory_note} | {tr:.2f}× | {mr:.2f}× "
              f"| {verdict(task, size, tr, mr)} |")
    print()
    speedup = one / two
    print(f"validate 200 files × 1,000 prisoners: --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s, speed-up {speedup:.2f}× "
          f"(cores: {os.cpu_count()}; target ≥ 1.7×: {'met' if speedup >= 1.7 else 'NOT MET'})")
    print(f"(files in {WORK}; xmllint peak for validate is the non-streaming DOM mode, the target's baseline)")


if __name__ == "__main__":
    main()
