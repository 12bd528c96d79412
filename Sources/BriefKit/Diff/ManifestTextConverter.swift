/// A canonical text rendering of a brief's manifest alone, for `git diff` through `diff.brief.textconv`: one line
/// per setting, the staff's sections one line per paragraph with their live values named (`{figure released}`),
/// whitespace and element order inside a paragraph's markup never showing as changes. It reads no other file: git
/// hands textconv an old revision of a manifest as a copy away from its folder, where its list cannot be found.
public enum ManifestTextConverter {
    public static func render(_ manifest: BriefManifest) -> String {
        var lines: [String] = []
        func line(_ text: String) { lines.append(Escaping.terminal(text)) }
        line("brief \(manifest.id) audience \(manifest.audience.name)")
        for to in manifest.memo.to { line("to: \(to)") }
        line("from: \(manifest.memo.from)")
        line("date: \(manifest.memo.date)")
        line("subject: \(manifest.memo.subject)")
        if let contact = manifest.memo.contact { line("contact: \(contact)") }
        line("list: \(manifest.listHref)")
        if let previous = manifest.previousHref { line("previous: \(previous)") }
        if let style = manifest.style {
            for letterhead in style.letterhead { line("style letterhead: \(letterhead)") }
            if let image = style.imageHref { line("style image: \(image)" + (style.imageDescription.map { " (\($0))" } ?? "")) }
            if let accent = style.accent { line("style accent: \(accent)") }
            if let font = style.bodyFont { line("style body font: \(font)") }
            if let font = style.headingFont { line("style heading font: \(font)") }
            if let size = style.pageSize { line("style page size: \(size)") }
        }
        guard let sections = manifest.sections else {
            line("sections: (the default order)")
            return Escaping.commandSafeLines(lines.joined(separator: "\n") + "\n")
        }
        for section in sections {
            switch section {
            case .generated(let kind): line("section \(kind.rawValue)")
            case .authored(let authored):
                line("section \"\(authored.title.text)\" [\(authored.title.marking.name)]")
                for block in authored.blocks {
                    switch block {
                    case .paragraph(let paragraph): line("  p [\(paragraph.marking.name)]: \(text(paragraph.content))")
                    case .heading(let heading): line("  heading [\(heading.marking.name)]: \(heading.text)")
                    case .list(let ordered, let items):
                        for (index, item) in items.enumerated() {
                            line("  \(ordered ? "\(index + 1)." : "-") [\(item.marking.name)]: \(text(item.content))")
                        }
                    }
                }
            }
        }
        return Escaping.commandSafeLines(lines.joined(separator: "\n") + "\n")
    }

    /// Prose on one line, white space collapsed, emphasis as Markdown writes it and live values named in braces.
    static func text(_ content: [AuthoredInline]) -> String {
        let joined = content.map { inline -> String in
            switch inline {
            case .text(let text): text
            case .emphasis(let text): "*\(text)*"
            case .strong(let text): "**\(text)**"
            case .link(let text, let href): "[\(text)](\(href))"
            case .citation(let source, _): "{cite \(source)}"
            case .figure(let name, _): "{figure \(name)}"
            case .count(let source, let subject, _): "{count \(subject.rawValue) per \(source)}"
            case .person(let id, _): "{person \(id)}"
            case .date(let date, _):
                switch date {
                case .asOf: "{date as-of}"
                case .announced: "{date announced}"
                case .memo: "{date memo}"
                case .previous: "{date previous}"
                case .fixed(let day): "{date \(day)}"
                }
            }
        }.joined()
        return joined.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
