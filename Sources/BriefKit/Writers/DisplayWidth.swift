/// How many terminal columns text takes: East Asian wide characters take two, combining marks none.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        if let width = latinWidth(text) { return width }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The width of text made only of printable scalars below U+0300 (ASCII, Latin-1, Latin Extended: most
    /// names), where every scalar is one character of one column; nil for anything else.
    static func latinWidth(_ text: String) -> Int? {
        let bytes = text.utf8.span
        var width = 0
        var previous: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard let starts = latinScalarStarts(byte, after: previous) else { return nil }
            if starts { width += 1 }
            previous = byte
        }
        return width
    }

    /// Whether `byte` starts a scalar of the text `latinWidth` measures (false: it continues one); nil when the
    /// text is not such text: controls, C1 controls (`C2 80`...`C2 9F`), U+0300 and above.
    @inline(__always)
    static func latinScalarStarts(_ byte: UInt8, after previous: UInt8) -> Bool? {
        switch byte {
        case 0x20..<0x7F, 0xC2...0xCB: true
        case 0x80...0xBF where previous == 0xC2 && byte < 0xA0: nil
        case 0x80...0xBF: false
        default: nil
        }
    }

    static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        // Printable and below U+0300, where no mark is: one column, without looking up a property.
        if first.value < 0x300, first.value >= 0x20, !(0x7F...0x9F).contains(first.value) { return 1 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark { return 0 }
        if first.value < 0x20 || (0x7F...0x9F).contains(first.value) { return 0 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
             0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Words wrapped into lines of at most `width` columns, broken at spaces only. A word goes whole to the next
    /// line when it does not fit on this one; only a word longer than a line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        if text.utf8.count <= width, !text.utf8.contains(0x0A), of(text) <= width {
            if !hasExtraSpaces(text) { return [text] }
            let trimmed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            return [trimmed]
        }
        if latinWidth(text) != nil {
            return wrapLatin(text.utf8.span, width: width)
        }
        return wrapCharacters(text, width: width)
    }

    /// `wrap` for text that `latinWidth` measures: one column a scalar, no control character, so words are
    /// split at spaces on bytes and cut between scalars.
    static func wrapLatin(_ bytes: Span<UInt8>, width: Int) -> [String] {
        func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        var lines: [String] = []
        var line: [UInt8] = []
        var lineWidth = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x20 {
                index += 1
                continue
            }
            var start = index
            var wordWidth = 0
            while index < bytes.count, bytes[index] != 0x20 {
                if !isContinuation(bytes[index]) { wordWidth += 1 }
                index += 1
            }
            if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                lineWidth = 0
            }
            // An over-long word (the line is empty here) is cut into lines of `width` scalars.
            while wordWidth > width {
                var cut = start
                for _ in 0..<width {
                    cut += 1
                    while cut < index, isContinuation(bytes[cut]) { cut += 1 }
                }
                lines.append(String(utf8: bytes.extracting(start..<cut)))
                start = cut
                wordWidth -= width
            }
            if wordWidth == 0 { continue }
            if lineWidth > 0 {
                line.append(0x20)
                lineWidth += 1
            }
            for byte in start..<index { line.append(bytes[byte]) }
            lineWidth += wordWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    /// `wrap` for any text, character by character. Each character is measured once: an over-long word is cut
    /// as it is read (measuring what was left of it after every cut made a long word quadratic).
    static func wrapCharacters(_ text: String, width: Int) -> [String] {
        var builder = LineBuilder(width: width)
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            builder.add(word, whole: false)
        }
        return builder.finish()
    }

    /// Pieces wrapped into lines of at most `width` columns. Prose breaks at its spaces, and a prose word longer
    /// than a line is cut, as `wrap` does; a token is never broken. The word that holds a token (with the prose
    /// glued to it: `3f2a…9c.`) moves to the next line when it does not fit, and alone on a line it may be longer
    /// than `width`: a hash cut in two reads as two hashes, and cannot be searched for or compared.
    static func wrap(_ pieces: [WrapPiece], width: Int) -> [String] {
        guard pieces.contains(where: \.isToken) else { return wrap(pieces.map(\.text).joined(), width: width) }
        var builder = LineBuilder(width: max(1, width))
        var word = ""
        var whole = false
        for piece in pieces {
            switch piece {
            case .token(let token):
                word += token
                whole = true
            case .prose(let prose):
                for character in prose {
                    if character == " " || character == "\n" {
                        if !word.isEmpty { builder.add(Substring(word), whole: whole) }
                        word = ""
                        whole = false
                    } else {
                        word.append(character)
                    }
                }
            }
        }
        if !word.isEmpty { builder.add(Substring(word), whole: whole) }
        return builder.finish()
    }

    /// The width of the widest word that holds a token (which `wrap` never cuts), 0 when there is none.
    static func longestToken(in pieces: [WrapPiece]) -> Int {
        var longest = 0, word = 0
        var whole = false
        for piece in pieces {
            switch piece {
            case .token(let token):
                word += of(token)
                whole = true
            case .prose(let prose):
                for character in prose {
                    if character == " " || character == "\n" {
                        if whole { longest = max(longest, word) }
                        word = 0
                        whole = false
                    } else {
                        word += of(character)
                    }
                }
            }
        }
        return whole ? max(longest, word) : longest
    }

    /// Lines being filled word by word.
    private struct LineBuilder {
        let width: Int
        var lines: [String] = []
        var line = ""
        var lineWidth = 0

        init(width: Int) {
            self.width = width
        }

        /// Adds a word on the line, or on the next when it does not fit. A word longer than a line is cut, unless
        /// it is `whole`: then it has a line of its own, however long.
        mutating func add(_ word: Substring, whole: Bool) {
            var word = word
            var wordWidth = of(String(word))
            if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if wordWidth > width, !whole {
                // The line is empty here. Cut the word into lines of at most `width` columns (a character wider
                // than a line gets a line of its own); what is left starts the next line.
                var head = word.startIndex
                var headWidth = 0
                for index in word.indices {
                    let characterWidth = of(word[index])
                    if headWidth > 0, headWidth + characterWidth > width {
                        lines.append(String(word[head..<index]))
                        head = index
                        headWidth = 0
                    }
                    headWidth += characterWidth
                }
                word = word[head...]
                wordWidth = headWidth
            }
            if word.isEmpty { return }
            line += (lineWidth > 0 ? " " : "") + word
            lineWidth += (lineWidth > 0 ? 1 : 0) + wordWidth
        }

        mutating func finish() -> [String] {
            if !line.isEmpty || lines.isEmpty { lines.append(line) }
            return lines
        }
    }

    /// The width of the widest space-separated word, at most `limit`.
    static func longestWord(in text: String, limit: Int) -> Int {
        if let longest = longestLatinWord(text.utf8.span, limit: limit) { return longest }
        var longest = 0
        for word in text.split(separator: " ") where longest < limit {
            // Measured only up to the limit: a long word is not read to its end.
            var width = 0
            for character in word where width < limit { width += of(character) }
            longest = max(longest, min(limit, width))
        }
        return longest
    }

    /// `longestWord` for text that `latinWidth` measures, on bytes; nil for other text.
    static func longestLatinWord(_ bytes: Span<UInt8>, limit: Int) -> Int? {
        var longest = 0, word = 0
        var previous: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard let starts = latinScalarStarts(byte, after: previous) else { return nil }
            if byte == 0x20 { word = 0 } else if starts { word += 1 }
            longest = max(longest, min(limit, word))
            previous = byte
        }
        return longest
    }

    /// Whether text has a leading, trailing or doubled space (which wrapping removes).
    static func hasExtraSpaces(_ text: String) -> Bool {
        let bytes = text.utf8.span
        guard !bytes.isEmpty else { return false }
        if bytes[0] == 0x20 || bytes[bytes.count - 1] == 0x20 { return true }
        var previous: UInt8 = 0
        for index in bytes.indices {
            if bytes[index] == 0x20, previous == 0x20 { return true }
            previous = bytes[index]
        }
        return false
    }

    /// Text padded with spaces to `width` columns.
    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(text)))
        return right ? fill + text : text + fill
    }
}

/// A piece of text to wrap: prose, which breaks at its spaces, or a token (an identifier, a hash), which never breaks.
enum WrapPiece: Sendable, Hashable {
    case prose(String)
    case token(String)

    var text: String {
        switch self {
        case .prose(let text), .token(let text): text
        }
    }

    var isToken: Bool {
        if case .token = self { true } else { false }
    }
}
