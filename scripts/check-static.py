#!/usr/bin/env python3
"""Checks the `make static` binary: it needs no Swift runtime, and nothing but the shared libraries docs/install.md lists.

`ldd` lists every shared library the binary loads, directly or not. None may be the Swift standard library,
Foundation or Dispatch (`--static-swift-stdlib` links those in), none may come from the Swift toolchain, none
may be missing, and each must be a row of the table in docs/install.md#a-binary-without-swift — so the page a
machine is set up from is complete. Then the binary is run: it validates and builds the example brief in every
format (Foundation's and ICU's data are inside it, Pango finds fonts), from a folder outside the repository.

  scripts/check-static.py [.build/release/brief]
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "install.md"
SWIFT_RUNTIME = re.compile(r"^(libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libXCTest|libTesting)")
# The kernel's and the loader's: no package provides them as a file to install.
ALWAYS_THERE = re.compile(r"^(linux-vdso\.so|ld-linux[-.\w]*\.so)")


def documented_libraries():
    """The first column of the table after the `shared-libraries` marker in docs/install.md."""
    text = DOCUMENT.read_text()
    marker = text.index("<!-- shared-libraries")
    names = set()
    for line in text[marker:].splitlines()[1:]:
        if not line.startswith("|"):
            if names:
                break
            continue
        cell = line.split("|")[1].strip().strip("`")
        if cell and not set(cell) <= set("-: ") and cell != "library":
            names.add(cell)
    return names


def loaded_libraries(binary):
    """(name, resolved path or None) for every line of `ldd`."""
    result = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True,
                            env={**os.environ, "LD_LIBRARY_PATH": ""})
    libraries = []
    for line in result.stdout.splitlines():
        line = line.strip()
        if "=>" in line:
            name, _, rest = line.partition("=>")
            rest = rest.strip()
            path = None if rest.startswith("not found") else rest.split(" (")[0]
            libraries.append((name.strip(), path))
        elif line:
            path = line.split(" (")[0]
            libraries.append((Path(path).name, path))
    return libraries


def main():
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".build" / "release" / "brief").absolute()
    failures = []
    checked = 0
    swift = shutil.which("swift")
    toolchain = Path(swift).resolve().parent.parent if swift else None

    libraries = loaded_libraries(binary)
    documented = documented_libraries()
    for name, path in libraries:
        checked += 1
        if SWIFT_RUNTIME.match(name):
            failures.append(f"{name}: the Swift runtime is linked dynamically ({path})")
        elif path is None:
            failures.append(f"{name}: not found")
        elif toolchain and Path(path).resolve().is_relative_to(toolchain):
            failures.append(f"{name}: loaded from the Swift toolchain ({path})")
        elif not ALWAYS_THERE.match(name) and name not in documented:
            failures.append(f"{name} ({path}) is not in docs/install.md's list of shared libraries")
    if not libraries:
        failures.append("ldd listed no library (not a dynamic executable?)")

    # It runs, from a folder that is not the repository, on the example brief: every format, then the validator.
    with tempfile.TemporaryDirectory(prefix="brief-static-") as temporary:
        example = Path(temporary) / "cuba-53"
        shutil.copytree(ROOT / "briefs" / "cuba-53", example)
        env = {key: value for key, value in os.environ.items() if key != "LD_LIBRARY_PATH"}
        env["PATH"] = "/usr/bin:/bin"  # no swift on it
        for arguments in (["--version"], ["validate", str(example)],
                          ["build", str(example), "--out", str(Path(temporary) / "out")]):
            checked += 1
            result = subprocess.run([str(binary), *arguments], cwd=temporary, env=env, capture_output=True, text=True)
            if result.returncode != 0:
                failures.append(f"brief {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip()[:500]}")
        outputs = sorted(path.suffix for path in (Path(temporary) / "out").glob("*")) if (Path(temporary) / "out").is_dir() else []
        checked += 1
        if not {".html", ".md", ".txt", ".json", ".csv", ".docx", ".pdf"} <= set(outputs):
            failures.append(f"brief build wrote {outputs}, not every format")

    size = binary.stat().st_size
    shown = binary.relative_to(ROOT) if binary.is_relative_to(ROOT) else binary
    print(f"check-static: {shown}: {size / 1_000_000:.1f} MB, {len(libraries)} shared libraries")
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"check-static: {checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
