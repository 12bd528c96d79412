/// Word-by-word comparison of two runs of inline content, for redlines: what the older text had that the newer has
/// not is a deletion, what the newer has that the older had not an insertion.
///
/// Text is cut into words, punctuation and the spaces between them, each keeping its emphasis; dates, code, links and citations
/// are single tokens. The two token sequences are compared with the standard library's `difference(from:)` (Myers),
/// and each stretch of change reads as its deletion followed by its insertion ("[-39-]{+53+}"): a lone space kept
/// between two changes joins them, so "three of five" → "four of six" is one change, not three.
enum WordDiff {
    /// A word or a run of spaces with its emphasis, or an inline that is never cut.
    enum Token: Hashable {
        case text(String)
        case strong(String)
        case emphasis(String)
        case whole(Inline)

        var inline: Inline {
            switch self {
            case .text(let t): .text(t)
            case .strong(let t): .strong(t)
            case .emphasis(let t): .emphasis(t)
            case .whole(let inline): inline
            }
        }

        var isSpace: Bool {
            switch self {
            case .text(let t), .strong(let t), .emphasis(let t): t.allSatisfy(\.isWhitespace)
            case .whole: false
            }
        }

        /// A word (or a date, a citation, code): not a space nor a mark of punctuation.
        var isWord: Bool {
            switch self {
            case .text(let t), .strong(let t), .emphasis(let t): t.contains { $0.isLetter || $0.isNumber }
            case .whole: true
            }
        }
    }

    static func tokens(_ content: [Inline]) -> [Token] {
        var tokens: [Token] = []
        for inline in content {
            switch inline {
            case .text(let t): tokens += words(t).map(Token.text)
            case .strong(let t): tokens += words(t).map(Token.strong)
            case .emphasis(let t): tokens += words(t).map(Token.emphasis)
            case .revision(_, let inner): tokens += Self.tokens(inner)
            default: tokens.append(.whole(inline))
            }
        }
        return tokens
    }

    /// Words, runs of white space and single marks of punctuation, in order; joined, they give back `text`
    /// ("revision 2)" → "revision", " ", "2", ")": a changed number is not a changed bracket).
    static func words(_ text: String) -> [String] {
        enum Class { case space, word, mark }
        var words: [String] = []
        var current = ""
        var currentClass = Class.space
        for character in text {
            let kind: Class = character.isWhitespace ? .space : (character.isLetter || character.isNumber) ? .word : .mark
            if !current.isEmpty, kind != currentClass || kind == .mark {
                words.append(current)
                current = ""
            }
            currentClass = kind
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    enum Step: Equatable {
        case kept(Token), deleted(Token), inserted(Token)
    }

    /// The steps from `old` to `new`: tokens kept, deleted and inserted, in reading order.
    static func steps(_ old: [Token], _ new: [Token]) -> [Step] {
        let difference = new.difference(from: old)
        var removed = Set<Int>(), added = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): added.insert(offset)
            }
        }
        var steps: [Step] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                steps.append(.deleted(old[i]))
                i += 1
            } else if j < new.count, added.contains(j) {
                steps.append(.inserted(new[j]))
                j += 1
            } else if i < old.count, j < new.count {
                steps.append(.kept(new[j]))
                i += 1
                j += 1
            } else {
                // Unreachable for a well-formed difference; keep whatever is left rather than loop.
                if i < old.count { steps.append(.deleted(old[i])); i += 1 }
                if j < new.count { steps.append(.inserted(new[j])); j += 1 }
            }
        }
        return joinedAcrossSpaces(steps)
    }

    /// A kept stretch of at most one word between two changes becomes part of both ("three of five" → "four of
    /// six" reads as one change, not three), and each stretch of change is its deletions then its insertions.
    static func joinedAcrossSpaces(_ steps: [Step]) -> [Step] {
        // Stretches of kept steps and of changed steps, alternating.
        var stretches: [(kept: Bool, steps: [Step])] = []
        for step in steps {
            let kept = if case .kept = step { true } else { false }
            if stretches.last?.kept == kept { stretches[stretches.count - 1].steps.append(step) } else { stretches.append((kept, [step])) }
        }
        var result: [Step] = []
        var deleted: [Token] = [], inserted: [Token] = []
        func flush() {
            result += deleted.map(Step.deleted) + inserted.map(Step.inserted)
            deleted = []
            inserted = []
        }
        for (index, stretch) in stretches.enumerated() {
            let between = index > 0 && index + 1 < stretches.count
            let words = stretch.steps.count { if case .kept(let token) = $0 { !token.isSpace } else { false } }
            if stretch.kept, !(between && words <= 1) {
                flush()
                result += stretch.steps
                continue
            }
            for step in stretch.steps {
                switch step {
                case .deleted(let token): deleted.append(token)
                case .inserted(let token): inserted.append(token)
                case .kept(let token):
                    deleted.append(token)
                    inserted.append(token)
                }
            }
        }
        flush()
        return result
    }

    /// The redline of `old` → `new`: kept runs as they are, the rest inside `.revision` runs. Equal content comes
    /// back unchanged.
    static func redline(_ old: [Inline], _ new: [Inline]) -> [Inline] {
        guard old != new else { return new }
        var result: [Inline] = []
        var run: [Token] = []
        var runKind: Revision?
        func flush() {
            guard !run.isEmpty else { return }
            let content = merged(run)
            if let runKind { result.append(.revision(runKind, content)) } else { result += content }
            run = []
        }
        for step in steps(tokens(old), tokens(new)) {
            let (kind, token): (Revision?, Token) = switch step {
            case .kept(let t): (nil, t)
            case .deleted(let t): (.deletion, t)
            case .inserted(let t): (.insertion, t)
            }
            if kind != runKind { flush() }
            runKind = kind
            run.append(token)
        }
        flush()
        return result
    }

    /// Tokens back to inlines, neighbouring words of one emphasis joined.
    static func merged(_ tokens: [Token]) -> [Inline] {
        var result: [Inline] = []
        for token in tokens {
            switch (result.last, token) {
            case (.text(let a)?, .text(let b)): result[result.count - 1] = .text(a + b)
            case (.strong(let a)?, .strong(let b)): result[result.count - 1] = .strong(a + b)
            case (.emphasis(let a)?, .emphasis(let b)): result[result.count - 1] = .emphasis(a + b)
            default: result.append(token.inline)
            }
        }
        return result
    }

    /// How alike two texts are, 0 to 1: twice the words they share (in order) over the words of both. From about
    /// 0.6, a word-by-word redline reads better than the old paragraph struck and the new one inserted.
    static let alike = 0.6

    static func similarity(_ old: [Inline], _ new: [Inline]) -> Double {
        let a = tokens(old).filter(\.isWord), b = tokens(new).filter(\.isWord)
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        let difference = b.difference(from: a)
        let common = a.count - difference.removals.count
        return 2 * Double(common) / Double(a.count + b.count)
    }
}
