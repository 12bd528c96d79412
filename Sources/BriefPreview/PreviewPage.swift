// Preview: the page `brief preview` serves — the HTML edition exactly as `brief build` writes it, with the preview's
// bar (audience switch, diagnostics) and its reload script put in. Only this response carries them: nothing here
// writes a file, and the edition's own bytes between the insertions are the writer's.
import BriefKit

/// One response of the preview server: an edition of the briefing (or none) with the preview's bar and script.
public struct PreviewPage: Sendable {
    /// The rebuild this page shows; the script reloads the page when the server's differs.
    public var generation: Int
    /// The edition shown, when one was chosen (a bare list without `--audience` has none until one is picked).
    public var audience: Marking?
    /// The inputs' diagnostics, as `brief validate` reports them.
    public var diagnostics: [Diagnostic]
    /// Why the inputs could not be read at all, or why no briefing could be made of them.
    public var problems: [String]
    /// The edition's HTML as `HTMLWriter` renders it; nil when there is no briefing to show.
    public var editionHTML: String?
    /// Whether `editionHTML` is the last good briefing rather than one of the current files (which have errors).
    public var isStale: Bool
    /// The nonce of the page's one script, new for each response.
    public var nonce: String
    /// Whether the diagnostics show their messages and source lines, which can quote any part of the files: only in
    /// a view of an edition that withholds nothing (else each shows its place, severity and rule).
    public var showsMessages: Bool

    /// A page; see each property.
    public init(generation: Int, audience: Marking?, diagnostics: [Diagnostic], problems: [String], editionHTML: String?,
                isStale: Bool, nonce: String, showsMessages: Bool = true) {
        self.generation = generation
        self.audience = audience
        self.diagnostics = diagnostics
        self.problems = problems
        self.editionHTML = editionHTML
        self.isStale = isStale
        self.nonce = nonce
        self.showsMessages = showsMessages
    }

    /// The policy of a page without an edition, and what is added to an edition's own: its one script, by nonce, and
    /// the script's requests for the generation, to this server only.
    var scriptPolicy: String { "script-src 'nonce-\(nonce)'; connect-src 'self'" }

    /// The Content-Security-Policy of the response, sent as a header too.
    public var contentSecurityPolicy: String {
        guard let editionHTML, let meta = Self.policyMeta(in: editionHTML) else {
            return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; " + scriptPolicy
        }
        return String(editionHTML[meta.policy]) + "; " + scriptPolicy
    }

    /// The page's HTML.
    public func render() -> String {
        guard var html = editionHTML else { return standalone() }
        // The edition's policy allows no script: the preview's response extends it by the script's nonce.
        if let meta = Self.policyMeta(in: html) {
            html.replaceSubrange(meta.policy, with: contentSecurityPolicy)
        }
        if let head = html.range(of: "</head>") {
            html.insert(contentsOf: Self.style, at: head.lowerBound)
        }
        if let body = html.range(of: "<body"), let end = html[body.upperBound...].firstIndex(of: ">") {
            html.insert(contentsOf: "\n" + bar(), at: html.index(after: end))
        }
        if let close = html.range(of: "</body>", options: .backwards) {
            html.insert(contentsOf: script(), at: close.lowerBound)
        }
        return html
    }

    /// A page of its own when there is no edition to show: the bar, and why.
    func standalone() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(Self.escape(contentSecurityPolicy))">
        <meta name="referrer" content="no-referrer">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>brief preview</title>
        \(Self.style)</head>
        <body>
        \(bar())<main id="main"><p>No briefing to show yet: correct the errors above and save.</p></main>
        \(script())</body>
        </html>

        """
    }

    /// The bar above the edition: what is shown, the audience switch, and the diagnostics with their lines.
    func bar() -> String {
        var out = "<div id=\"brief-preview\" role=\"region\" aria-label=\"brief preview\" data-generation=\"\(generation)\">\n"
        out += "<p class=\"brief-preview-status\"><strong>brief preview</strong> · rebuild \(generation) · "
        out += audience.map { "edition: <strong>\(Self.escape($0.name))</strong>" } ?? "no edition chosen"
        out += " · <span class=\"brief-preview-switch\">show:"
        for marking in Marking.allCases {
            let current = marking == audience ? " aria-current=\"page\"" : ""
            out += " <a href=\"?audience=\(marking.name)\"\(current)>\(marking.name)</a>"
        }
        out += "</span></p>\n"
        for problem in problems {
            out += "<p class=\"brief-preview-problem\">\(Self.escape(problem))</p>\n"
        }
        // Errors open, first; warnings and notes folded below them.
        let errors = diagnostics.filter { $0.severity == .error }
        let others = diagnostics.filter { $0.severity != .error }
        if !diagnostics.isEmpty, !showsMessages {
            out += "<p class=\"brief-preview-hidden\">Messages are hidden in this view: they can quote what this edition withholds. "
                + "Show the restricted edition, or run <code>brief validate</code>, to read them.</p>\n"
        }
        if !errors.isEmpty {
            out += list(errors, summary: Self.count(errors.count, "error"), open: true)
        }
        if !others.isEmpty {
            let warnings = others.filter { $0.severity == .warning }.count
            out += list(others, summary: Self.count(warnings, "warning") + ", " + Self.count(others.count - warnings, "note"), open: false)
        }
        if isStale, editionHTML != nil {
            out += "<p class=\"brief-preview-stale\">The files have errors: below is the last briefing built without them.</p>\n"
        }
        out += "</div>\n"
        return out
    }

    /// Diagnostics as `brief validate` prints them, each with its source line, in a list that folds.
    func list(_ diagnostics: [Diagnostic], summary: String, open: Bool) -> String {
        var out = "<details class=\"brief-preview-diagnostics\"\(open ? " open" : "")><summary>\(summary)</summary>\n<ol>\n"
        let renderer = HumanDiagnosticRenderer(color: false)
        for diagnostic in diagnostics.prefix(Self.diagnosticLimit) {
            out += "<li class=\"brief-preview-\(diagnostic.severity.rawValue)\" data-rule=\"\(Self.escape(diagnostic.rule.rawValue))\""
            let text = showsMessages ? renderer.render(diagnostic)
                : "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue) [\(diagnostic.rule.rawValue)]"
            out += " data-line=\"\(diagnostic.line)\"><pre>\(Self.escape(text))</pre></li>\n"
        }
        if diagnostics.count > Self.diagnosticLimit {
            out += "<li>and \(diagnostics.count - Self.diagnosticLimit) more (brief validate lists them all)</li>\n"
        }
        return out + "</ol></details>\n"
    }

    /// The reload script: it asks the server for its generation and reloads the page when it changed.
    func script() -> String {
        """
        <script nonce="\(nonce)">
        (function () {
          var shown = \(generation);
          document.documentElement.setAttribute("data-preview-live", "");
          function poll() {
            fetch("/_preview/generation", { cache: "no-store" })
              .then(function (response) { return response.text(); })
              .then(function (text) {
                if (parseInt(text, 10) !== shown) { location.reload(); } else { setTimeout(poll, 400); }
              })
              .catch(function () { setTimeout(poll, 1500); });
          }
          setTimeout(poll, 400);
        })();
        </script>

        """
    }

    /// More than this many diagnostics are counted, not shown: the page stays quick to draw.
    static let diagnosticLimit = 200

    static let style = """
    <style>
    #brief-preview { font: 14px/1.4 system-ui, sans-serif; background: #fffbe6; color: #222; border-bottom: 2px solid #c9a400; padding: 0.4em 1em; }
    #brief-preview p { margin: 0.3em 0; }
    #brief-preview a { margin: 0 0.2em; }
    #brief-preview a[aria-current] { font-weight: bold; text-decoration: none; }
    #brief-preview pre { white-space: pre; overflow-x: auto; margin: 0.2em 0; font-size: 13px; }
    #brief-preview .brief-preview-error pre, #brief-preview .brief-preview-problem { color: #a00000; }
    #brief-preview .brief-preview-warning pre { color: #7a4d00; }
    @media print { #brief-preview { display: none; } }
    </style>

    """

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

    /// Where the edition's Content-Security-Policy meta holds its policy.
    static func policyMeta(in html: String) -> (tag: Range<String.Index>, policy: Range<String.Index>)? {
        let opening = "<meta http-equiv=\"Content-Security-Policy\" content=\""
        guard let start = html.range(of: opening), let quote = html[start.upperBound...].firstIndex(of: "\""),
              let end = html[quote...].firstIndex(of: ">") else { return nil }
        return (start.lowerBound..<html.index(after: end), start.upperBound..<quote)
    }

    /// Text for HTML content and attribute values, as the HTML writer escapes it.
    static func escape(_ text: String) -> String {
        Escaping.xml(text, breaksAsReferences: true)
    }
}
