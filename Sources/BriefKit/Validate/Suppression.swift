import BriefXML

/// Inline suppressions: `<?brief-ignore RULE...?>` (or the comment `<!-- brief-ignore RULE... -->`) right before an
/// element silences those rules' findings on that element and everything inside it (docs/rules.md, "Suppressing a
/// finding"). A suppression is itself checked: an unknown rule, a rule that cannot be silenced (a reading
/// problem), one that stands before no element, or one that silences nothing is a `suppression` warning.
///
/// Found by one `memmem` scan of the text for each spelling (suppressions are rare; no per-element work), and only
/// in a well-formed document, whose elements' extents can then be found by a plain scan from each suppression.
struct Suppressions {
    struct Entry {
        /// Where the suppression starts (its `<`), for its own warnings.
        var offset: Int
        var rules: [RuleID]
        /// The silenced element: from its `<` to the end of its end tag.
        var target: Range<Int>
        var used = false
    }

    private(set) var entries: [Entry] = []
    /// Warnings about the suppressions themselves, found while reading them.
    private(set) var problems: [Finding] = []

    static let processingInstruction = Array("<?brief-ignore".utf8)
    static let comment = Array("<!-- brief-ignore".utf8)

    init(text: [UInt8]) {
        let span = text.span
        let starts = (span.offsets(of: Self.processingInstruction).map { ($0, true) } + span.offsets(of: Self.comment).map { ($0, false) })
            .sorted { $0.0 < $1.0 }
        for (start, isInstruction) in starts {
            let opening = isInstruction ? Self.processingInstruction.count : Self.comment.count
            let closing = Array((isInstruction ? "?>" : "-->").utf8)
            guard let end = Self.find(closing, in: text, from: start + opening) else { continue }
            let words = String(decoding: text[(start + opening)..<end], as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
            var rules: [RuleID] = []
            for word in words {
                guard let rule = RuleID(rawValue: word) else {
                    problems.append(warning("unknown rule '\(word)' in a suppression", at: start,
                                            help: "name a rule of docs/rules.md, such as date-order or committed-count"))
                    continue
                }
                guard RuleCatalog.descriptor(rule).isConfigurable else {
                    problems.append(warning("'\(rule.rawValue)' reports input that cannot be read safely; it cannot be suppressed", at: start,
                                            help: "correct the input instead"))
                    continue
                }
                rules.append(rule)
            }
            if words.isEmpty {
                problems.append(warning("a suppression that names no rule", at: start, help: "name the rules it silences: <?brief-ignore date-order?>"))
            }
            guard !rules.isEmpty else { continue }
            guard let target = Self.nextElement(in: text, from: end + closing.count) else {
                problems.append(warning("a suppression that stands before no element silences nothing", at: start,
                                        help: "put it right before the element whose findings it silences"))
                continue
            }
            entries.append(Entry(offset: start, rules: rules, target: target))
        }
    }

    private func warning(_ message: String, at offset: Int, help: String) -> Finding {
        Finding(rule: .suppression, severity: RuleCatalog.descriptor(.suppression).defaultSeverity, message: message,
                anchor: SourceAnchor(offset: offset), help: help)
    }

    /// Drops the findings a suppression silences, and adds a warning for each suppression that silenced nothing.
    mutating func apply(to findings: [Finding]) -> [Finding] {
        guard !entries.isEmpty || !problems.isEmpty else { return findings }
        var kept: [Finding] = []
        for finding in findings {
            guard let offset = finding.anchor?.offset,
                  let index = entries.firstIndex(where: { $0.target.contains(offset) && $0.rules.contains(finding.rule) }) else {
                kept.append(finding)
                continue
            }
            entries[index].used = true
        }
        for entry in entries where !entry.used {
            let names = entry.rules.map(\.rawValue).joined(separator: ", ")
            kept.append(warning("the suppression of \(names) silences nothing", at: entry.offset,
                                help: "remove it: the element has no such finding any more"))
        }
        return kept + problems
    }

    static func find(_ needle: [UInt8], in text: [UInt8], from start: Int) -> Int? {
        guard start <= text.count - needle.count else { return nil }
        var index = start
        while index <= text.count - needle.count {
            if text[index] == needle[0], text[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The extent of the next element after `start` (past white space, comments and processing instructions), or
    /// nil when an end tag or the end of the text comes first.
    static func nextElement(in text: [UInt8], from start: Int) -> Range<Int>? {
        var index = start
        while index < text.count {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "<"):
                if matches("<!--", text, index) {
                    guard let end = find(Array("-->".utf8), in: text, from: index + 4) else { return nil }
                    index = end + 3
                } else if matches("<?", text, index) {
                    guard let end = find(Array("?>".utf8), in: text, from: index + 2) else { return nil }
                    index = end + 2
                } else if matches("</", text, index) {
                    return nil
                } else {
                    return index..<elementEnd(in: text, from: index)
                }
            default:
                return nil
            }
        }
        return nil
    }

    static func matches(_ prefix: String, _ text: [UInt8], _ at: Int) -> Bool {
        let bytes = Array(prefix.utf8)
        return at + bytes.count <= text.count && text[at..<(at + bytes.count)].elementsEqual(bytes)
    }

    /// The offset just past the end of the element whose start tag begins at `start` (the document is well-formed).
    static func elementEnd(in text: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < text.count {
            guard text[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if matches("<!--", text, index) {
                index = (find(Array("-->".utf8), in: text, from: index + 4) ?? text.count - 3) + 3
            } else if matches("<![CDATA[", text, index) {
                index = (find(Array("]]>".utf8), in: text, from: index + 9) ?? text.count - 3) + 3
            } else if matches("<?", text, index) {
                index = (find(Array("?>".utf8), in: text, from: index + 2) ?? text.count - 2) + 2
            } else if matches("</", text, index) {
                depth -= 1
                while index < text.count, text[index] != UInt8(ascii: ">") { index += 1 }
                index += 1
                if depth == 0 { return min(index, text.count) }
            } else {
                // A start tag: quoted values may hold `>` and `/`.
                var quote: UInt8?
                var selfClosing = false
                index += 1
                while index < text.count {
                    let byte = text[index]
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        selfClosing = text[index - 1] == UInt8(ascii: "/")
                        break
                    }
                    index += 1
                }
                index += 1
                if !selfClosing { depth += 1 } else if depth == 0 { return min(index, text.count) }
            }
        }
        return text.count
    }
}
