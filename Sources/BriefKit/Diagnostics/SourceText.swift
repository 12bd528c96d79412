/// A document's text with a line index, to turn byte offsets into lines, columns and snippets.
///
/// Built only for files that have diagnostics.
public struct SourceText: Sendable {
    public let utf8: [UInt8]
    private let lineStarts: [Int]

    /// The longest snippet shown, in scalars; longer lines are cut around the column.
    static let snippetLimit = 160
    /// The longest message, in scalars.
    static let messageLimit = 400

    public init(utf8: [UInt8]) {
        self.utf8 = utf8
        var starts = [0]
        starts.reserveCapacity(utf8.count / 48)
        let bytes = utf8.span
        for index in bytes.indices where bytes[index] == 0x0A { starts.append(index + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    public func position(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, utf8.count))
        let low = lineIndex(of: clamped)
        let start = lineStarts[low]
        var column = 1
        var index = start
        while index < clamped {
            // Count scalars: skip UTF-8 continuation bytes.
            if utf8[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }

    /// Byte offset of the start of a 1-based line and column, clamped to the text.
    public func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return utf8.count }
        var index = lineStarts[line - 1]
        var remaining = column - 1
        while remaining > 0, index < utf8.count, utf8[index] != 0x0A {
            index += 1
            while index < utf8.count, utf8[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// The text of a 1-based line without its line break, or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : utf8.count
        if end > start, end - 1 < utf8.count, utf8[end - 1] == 0x0D { end -= 1 }
        guard end >= start else { return "" }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// Offset of `attribute`'s name inside the start tag at `elementOffset`, if the tag has it.
    public func attributeOffset(_ attribute: String, inTagAt elementOffset: Int) -> Int? {
        let name = Array(attribute.utf8)
        var i = elementOffset + 1
        let count = utf8.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        // Skip the element name.
        while i < count, !isSpace(utf8[i]), utf8[i] != UInt8(ascii: ">"), utf8[i] != UInt8(ascii: "/") { i += 1 }
        while i < count {
            while i < count, isSpace(utf8[i]) { i += 1 }
            guard i < count, utf8[i] != UInt8(ascii: ">"), utf8[i] != UInt8(ascii: "/") else { return nil }
            let nameStart = i
            while i < count, !isSpace(utf8[i]), utf8[i] != UInt8(ascii: "=") { i += 1 }
            var attributeName = utf8[nameStart..<i]
            if let colon = attributeName.firstIndex(of: UInt8(ascii: ":")) {
                attributeName = attributeName[(colon + 1)...]
            }
            if attributeName.elementsEqual(name) { return nameStart }
            while i < count, utf8[i] != UInt8(ascii: "\""), utf8[i] != UInt8(ascii: "'") { i += 1 }
            guard i < count else { return nil }
            let quote = utf8[i]
            i += 1
            while i < count, utf8[i] != quote { i += 1 }
            i += 1
        }
        return nil
    }

    /// Resolves a finding against this text, for the file named `file`.
    public func diagnostic(for finding: Finding, file: String) -> Diagnostic {
        diagnostics(for: [finding], file: file)[0]
    }

    /// Resolves findings against this text, in the order given. Positions are found in one pass over the text in
    /// offset order, and snippets decode only the bytes around each position: a minified list is one line of many
    /// megabytes, and thousands of findings on it must not each scan it from its start.
    public func diagnostics(for findings: [Finding], file: String) -> [Diagnostic] {
        // The byte offset each anchored finding points at.
        let offsets: [Int?] = findings.map { finding in
            finding.anchor.map { anchor in
                min(max(0, anchor.attribute.flatMap { attributeOffset($0, inTagAt: anchor.offset) } ?? anchor.offset), utf8.count)
            }
        }
        var positions = [(line: Int, column: Int)](repeating: (1, 1), count: findings.count)
        var line = 0, scanned = 0, column = 1
        for index in findings.indices.filter({ offsets[$0] != nil }).sorted(by: { offsets[$0] ?? 0 < offsets[$1] ?? 0 }) {
            guard let offset = offsets[index] else { continue }
            let target = lineIndex(of: offset)
            if target != line || scanned > offset {
                line = target
                scanned = lineStarts[line]
                column = 1
            }
            while scanned < offset {
                if utf8[scanned] & 0xC0 != 0x80 { column += 1 }
                scanned += 1
            }
            positions[index] = (line + 1, column)
        }
        return findings.indices.map { index in
            let finding = findings[index]
            var (line, column) = positions[index]
            var offset = offsets[index]
            if offset == nil {
                line = finding.line ?? 1
                column = finding.line != nil && finding.column == nil ? 1 : finding.column ?? 1
                offset = self.offset(line: line, column: column)
            }
            let cut = offset.flatMap { snippet(line: line, column: column, at: $0) }
            // Messages quote data; a multi-megabyte value must not become a multi-megabyte message.
            let message = Escaping.bounded(finding.message, limit: Self.messageLimit)
            var diagnostic = Diagnostic(severity: finding.severity, rule: finding.rule, message: message, file: file,
                                        line: line, column: column, sourceLine: cut?.text, help: finding.help,
                                        recordID: finding.recordID)
            diagnostic.caretColumn = cut?.caretColumn
            return diagnostic
        }
    }

    /// The 0-based index of the line holding a byte offset.
    func lineIndex(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The line, cut to `snippetLimit` scalars around the column when it is long. Only the bytes around the
    /// position (at byte `offset`, the line's `column`) are decoded, and at most `snippetLimit` scalars walked.
    func snippet(line number: Int, column: Int, at offset: Int) -> (text: String, caretColumn: Int)? {
        guard !utf8.isEmpty, number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : utf8.count
        if end > start, utf8[end - 1] == 0x0D { end -= 1 }
        guard end > start else { return ("", column) }
        if end - start <= Self.snippetLimit {
            return (String(decoding: utf8[start..<end], as: UTF8.self), column)
        }
        func isContinuation(_ index: Int) -> Bool { utf8[index] & 0xC0 == 0x80 }
        // Back from the position by half the window, then forward by a whole window; when the line ends first,
        // further back, so that the window stays full.
        var from = min(max(offset, start), end)
        var before = 0
        func stepBack(_ scalars: Int) {
            var remaining = scalars
            while remaining > 0, from > start {
                from -= 1
                while from > start, isContinuation(from) { from -= 1 }
                before += 1
                remaining -= 1
            }
        }
        stepBack(Self.snippetLimit / 2)
        var to = from, taken = 0
        while taken < Self.snippetLimit, to < end {
            to += 1
            while to < end, isContinuation(to) { to += 1 }
            taken += 1
        }
        if taken < Self.snippetLimit { stepBack(Self.snippetLimit - taken) }
        return (String(decoding: utf8[from..<to], as: UTF8.self), before + 1)
    }
}
