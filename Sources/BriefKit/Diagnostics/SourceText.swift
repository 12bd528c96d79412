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
        utf8.withUnsafeBufferPointer { bytes in
            for index in bytes.indices where bytes[index] == 0x0A { starts.append(index + 1) }
        }
        self.lineStarts = starts
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    public func position(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, utf8.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
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
        var line = finding.line ?? 1
        var column = finding.column ?? 1
        if let anchor = finding.anchor {
            let offset = anchor.attribute.flatMap { attributeOffset($0, inTagAt: anchor.offset) } ?? anchor.offset
            (line, column) = position(of: offset)
        } else if finding.line != nil, finding.column == nil {
            column = 1
        }
        let cut = snippet(line: line, column: column)
        // Messages quote data; a multi-megabyte value must not become a multi-megabyte message.
        let message = Escaping.bounded(finding.message, limit: Self.messageLimit)
        var diagnostic = Diagnostic(severity: finding.severity, rule: finding.rule, message: message, file: file,
                                    line: line, column: column, sourceLine: cut?.text, help: finding.help,
                                    recordID: finding.recordID)
        diagnostic.caretColumn = cut?.caretColumn
        return diagnostic
    }

    /// The line, cut to `snippetLimit` scalars around the column when it is long. Only the bytes around the column
    /// are decoded: a minified file can be one line of many megabytes.
    func snippet(line number: Int, column: Int) -> (text: String, caretColumn: Int)? {
        guard !utf8.isEmpty, number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : utf8.count
        if end > start, utf8[end - 1] == 0x0D { end -= 1 }
        guard end > start else { return ("", column) }
        if end - start <= Self.snippetLimit {
            return (String(decoding: utf8[start..<end], as: UTF8.self), column)
        }
        // The first scalar shown: half the window before the column, and no later than a full window before the end.
        func advance(_ index: Int, scalars: Int) -> Int {
            var index = index, remaining = scalars
            while remaining > 0, index < end {
                index += 1
                while index < end, utf8[index] & 0xC0 == 0x80 { index += 1 }
                remaining -= 1
            }
            return index
        }
        var first = max(0, column - 1 - Self.snippetLimit / 2)
        var from = advance(start, scalars: first)
        var to = advance(from, scalars: Self.snippetLimit)
        if to == end {
            // Too close to the end for a full window after `from`: count the line's scalars to place it.
            var total = first
            var index = from
            while index < end {
                if utf8[index] & 0xC0 != 0x80 { total += 1 }
                index += 1
            }
            first = max(0, total - Self.snippetLimit)
            from = advance(start, scalars: first)
            to = end
        }
        return (String(decoding: utf8[from..<to], as: UTF8.self), column - first)
    }
}
