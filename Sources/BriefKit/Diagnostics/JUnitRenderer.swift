/// `--format junit`: one test case per file, failed when the file has errors (or warnings, with `--strict`).
/// CI systems show the diagnostics of a failed case as its failure text.
///
/// The output is valid against the strict Surefire schema (`junit-10.xsd`, which Jenkins follows). That schema has no
/// `file` attribute on `<testcase>`, so the file's path is the case's `name`, which Jenkins and GitLab both show as
/// the test's title; `classname` stays `brief.validate`, so Jenkins files every case under package `brief`, class
/// `validate`, instead of splitting a path at its last dot.
public struct JUnitRenderer: Sendable {
    public var strict: Bool

    public init(strict: Bool = false) {
        self.strict = strict
    }

    func fails(_ file: FileReport) -> Bool {
        file.count(.error) > 0 || (strict && file.count(.warning) > 0)
    }

    public func render(_ report: ValidationReport) -> String {
        let plain = HumanDiagnosticRenderer(color: false)
        let failures = report.files.count(where: fails)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"brief validate\" tests=\"\(report.files.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        out += "  <testsuite name=\"brief validate\" tests=\"\(report.files.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for file in report.files {
            // A file name may hold a line break: written as a reference, it starts no line of the output.
            let name = Escaping.xml(file.path, breaksAsReferences: true)
            out += "    <testcase classname=\"brief.validate\" name=\"\(name)\""
            let text = Escaping.xml(file.diagnostics.map { plain.render($0) }.joined())
            if fails(file) {
                let summary = "\(file.count(.error)) error\(file.count(.error) == 1 ? "" : "s"), \(file.count(.warning)) warning\(file.count(.warning) == 1 ? "" : "s")"
                out += ">\n      <failure type=\"brief\" message=\"\(summary)\">\(text)</failure>\n    </testcase>\n"
            } else if !file.diagnostics.isEmpty {
                out += ">\n      <system-out>\(text)</system-out>\n    </testcase>\n"
            } else {
                out += "/>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
