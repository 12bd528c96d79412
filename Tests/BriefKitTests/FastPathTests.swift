@testable import BriefKit
import Foundation
import Testing

/// The byte-level fast paths of the writers give exactly what the general, scalar or character path gives.
@Suite struct FastPathTests {
    /// Pieces that random texts are made of: ASCII, Latin-1 and Latin Extended letters, markup characters,
    /// controls, combining marks, wide characters, bidirectional marks and runs of spaces.
    static let pieces = ["Ana", "María", "José", " ", "  ", "Gutiérrez", "Łukasz", "ǅ", "ß", "©", "\u{85}", "\u{A0}", "e\u{301}",
                         "漢字", "\u{202E}", "\u{61C}", "\u{1B}[31m", "\t", "\n", "\r\n", "&", "<b>", "\"", "'", "*", "_", "|", "#",
                         "-", "1.", "2)", "\u{FFFE}", "\u{FFFD}", "x", "Supercalifragilisticexpialidocious", "2015-01-13", "🙂"]

    static func texts(count: Int, seed: UInt64) -> [String] {
        var generator = PropRNG(seed: seed)
        return (0..<count).map { _ in
            let length = Int(generator.next() % 12)
            return (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
    }

    @Test func latinWidthAgreesWithCharacterWidths() {
        for text in Self.texts(count: 3000, seed: 1) {
            if let fast = DisplayWidth.latinWidth(text) {
                #expect(fast == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text.debugDescription)")
            }
        }
        #expect(DisplayWidth.latinWidth("Gutiérrez Łukasz") == 16)
        #expect(DisplayWidth.latinWidth("a\u{85}b") == nil)
        #expect(DisplayWidth.latinWidth("e\u{301}") == nil)
    }

    @Test func latinWrappingAgreesWithCharacterWrapping() {
        var checked = 0
        for (index, text) in Self.texts(count: 3000, seed: 2).enumerated() where DisplayWidth.latinWidth(text) != nil {
            let width = 1 + index % 20
            let fast = DisplayWidth.wrapLatin(text.utf8.span, width: width)
            #expect(fast == DisplayWidth.wrapCharacters(text, width: width), "\(text.debugDescription) at \(width)")
            checked += 1
        }
        #expect(checked > 500)
    }

    @Test func latinLongestWordAgreesWithSplitting() {
        for (index, text) in Self.texts(count: 3000, seed: 7).enumerated() {
            let limit = 3 + index % 30
            guard let fast = DisplayWidth.longestLatinWord(text.utf8.span, limit: limit) else { continue }
            let split = text.split(separator: " ").map { min(limit, DisplayWidth.of(String($0))) }.max() ?? 0
            #expect(fast == split, "\(text.debugDescription) limit \(limit)")
        }
    }

    /// Pieces of the attacks of issue 12 (items 8–11) and what looks like them: bidirectional controls and other
    /// characters of the same lead bytes, separators, formula starts, mentions, autolinks and workflow commands.
    static let spoofPieces = ["\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{61C}", "\u{61B}", "\u{200B}",
                              "\u{2014}", "\u{2028}", "\u{85}", "\u{9B}", "©", "Ana", " ", ":", "::", "#", "##[", "[", "@", "a@b.org",
                              "www", ".", "WWW.", "//", "https://x", ",", ";", "\t", "\n", "\r", "=", "+", "-", "\"", "é", "1", "x"]

    static func spoofTexts(count: Int, seed: UInt64) -> [String] {
        var generator = PropRNG(seed: seed)
        return (0..<count).map { _ in
            let length = Int(generator.next() % 10)
            return (0..<length).map { _ in spoofPieces[Int(generator.next() % UInt64(spoofPieces.count))] }.joined()
        }
    }

    /// The byte-level checks of the escapings say "unchanged" only when the scalar path changes nothing, and the
    /// escapings equal their scalar paths.
    @Test func spoofingEscapesAgreeWithTheirScalarPaths() {
        for text in Self.spoofTexts(count: 4000, seed: 9) + Self.texts(count: 1000, seed: 10) {
            for commands in [false, true] {
                let slow = Escaping.escapeScalars(text, commands: commands)
                #expect((commands ? Escaping.terminal(text) : Escaping.visible(text)) == slow, "\(text.debugDescription)")
                if !Escaping.mayBeUnsafeOnTerminal(text, commands: commands) { #expect(slow == text, "\(text.debugDescription)") }
            }
            for breaks in [false, true] {
                let slow = Escaping.xmlScalars(text, breaksAsReferences: breaks)
                #expect(Escaping.xml(text, breaksAsReferences: breaks) == slow, "\(text.debugDescription)")
                if !Escaping.needsXMLEscaping(text, breaks: breaks) { #expect(slow == text, "\(text.debugDescription)") }
            }
            #expect(!Escaping.bidi(text).unicodeScalars.contains(where: Escaping.isBidiControl))
            if !text.unicodeScalars.contains(where: Escaping.isBidiControl) { #expect(Escaping.bidi(text) == text) }
            // JSON: the same string back, no raw bidirectional control, no `##[`.
            var bytes: [UInt8] = []
            Escaping.appendJSONString(text, to: &bytes)
            let json = String(decoding: bytes, as: UTF8.self)
            #expect((try? JSONDecoder().decode(String.self, from: Data(bytes))) == text, "\(text.debugDescription)")
            #expect(!json.unicodeScalars.contains(where: Escaping.isBidiControl) && !json.contains("##["))
            let encoded = Escaping.json(Array((try? JSONEncoder().encode([text])) ?? Data()))
            #expect((try? JSONDecoder().decode([String].self, from: Data(encoded))) == [text], "\(text.debugDescription)")
            #expect(!String(decoding: encoded, as: UTF8.self).unicodeScalars.contains(where: Escaping.isBidiControl))
            // CSV: the fast path leaves alone only what the scalar path leaves alone.
            if !CSVWriter.needsWork(text) {
                #expect(!text.unicodeScalars.contains { ",;\"\t\n\r".unicodeScalars.contains($0) || Escaping.isBidiControl($0) })
                #expect(!(text.drop { $0 == " " }.first.map { "=+-@".contains($0) } ?? false))
            }
            // Command-safe lines leave no command and change nothing else.
            let safe = Escaping.commandSafeLines(text)
            #expect(SpoofingTests.commandLines(safe).isEmpty, "\(text.debugDescription)")
            #expect(safe.replacingOccurrences(of: "\\u{3A}", with: ":").replacingOccurrences(of: "\\u{5B}", with: "[")
                    == text.replacingOccurrences(of: "\\u{3A}", with: ":").replacingOccurrences(of: "\\u{5B}", with: "["))
        }
    }

    @Test func terminalEscapingFastPathAgrees() {
        for text in Self.texts(count: 3000, seed: 3) where !Escaping.mayBeUnsafeOnTerminal(text) {
            #expect(!text.unicodeScalars.contains(where: Escaping.isUnsafeOnTerminal), "\(text.debugDescription)")
        }
        #expect(Escaping.terminal("a\u{1B}[31mb") == "a\\u{1B}[31mb")
        #expect(Escaping.terminal("a\u{202E}b") == "a\\u{202E}b")
    }

    @Test func xmlEscapingFastPathAgrees() {
        for text in Self.texts(count: 3000, seed: 4) where !Escaping.needsXMLEscaping(text) {
            #expect(text.unicodeScalars.allSatisfy { Escaping.isXMLCharacter($0) && !"&<>\"'".unicodeScalars.contains($0) },
                    "\(text.debugDescription)")
        }
        #expect(Escaping.xml("a\u{FFFE}<") == "a\u{FFFD}&lt;")
    }

    @Test func markdownEscapingFastPathAgrees() {
        for text in Self.texts(count: 3000, seed: 5) where !MarkdownWriter.needsEscaping(text) {
            // What the scalar path would do to text that the fast path leaves alone: nothing.
            let scalars = Array(text.unicodeScalars)
            #expect(!scalars.contains { "\\`*_[]#|~$<>&@\r\n".unicodeScalars.contains($0) || Escaping.isUnsafeOnTerminal($0) })
            #expect(!text.contains("::") && !text.contains("://") && !text.lowercased().contains("www."))
            #expect(scalars.first.map { !"-+=0123456789".unicodeScalars.contains($0) } ?? true)
        }
        #expect(MarkdownWriter.escape("1. Ana") == "1\\. Ana")
        #expect(MarkdownWriter.escape("María") == "María")
        for text in Self.spoofTexts(count: 3000, seed: 11) where !MarkdownWriter.needsEscaping(text) {
            #expect(!text.contains("@") && !text.contains("::") && !text.contains("://") && !text.lowercased().contains("www."))
            #expect(!text.unicodeScalars.contains(where: Escaping.isUnsafeOnTerminal))
        }
    }

    @Test func nameFoldingFastPathAgreesWithFoundation() {
        for value in 0xC0...0xFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let letter = String(Character(scalar))
            if let fast = DuplicatePersonRule.foldedLatin(letter.utf8.span) {
                #expect(fast == DuplicatePersonRule.foldedByFoundation(letter), "U+\(String(value, radix: 16))")
            }
        }
        var folded = 0
        for text in Self.texts(count: 3000, seed: 6) {
            guard let fast = DuplicatePersonRule.foldedLatin(text.utf8.span) else { continue }
            #expect(fast == DuplicatePersonRule.foldedByFoundation(text), "\(text.debugDescription)")
            folded += 1
        }
        #expect(folded > 300)
        #expect(DuplicatePersonRule.normalized("José  María GUTIÉRREZ") == "josemariagutierrez")
        #expect(DuplicatePersonRule.normalized("Łukasz Żółw") == DuplicatePersonRule.normalized("lukasz zolw"))
        #expect(DuplicatePersonRule.normalized("Søren Østergård") == "sorenostergard")
    }

    /// Positions resolved together (one pass in offset order) equal positions resolved one by one, and the caret of
    /// each snippet, however long the line, stands on the character the finding points at.
    @Test func batchPositionsAndSnippetsAgreeWithSinglePositions() {
        var generator = PropRNG(seed: 8)
        let pieces = ["<a/>", "é", "漢", " ", "x", "\n", "🙂", "\r\n"]
        var text = ""
        for _ in 0..<4000 { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
        text += String(repeating: "<b/>", count: 500)  // a long last line
        let bytes = Array(text.utf8)
        let source = SourceText(utf8: bytes)
        let tags = bytes.indices.filter { bytes[$0] == UInt8(ascii: "<") }
        let chosen = (0..<300).map { _ in tags[Int(generator.next() % UInt64(tags.count))] }
        let findings = chosen.map { Finding(rule: .sourceConflict, severity: .note, message: "m", anchor: SourceAnchor(offset: $0)) }
        let diagnostics = source.diagnostics(for: findings, file: "f")
        for (offset, diagnostic) in zip(chosen, diagnostics) {
            let single = source.position(of: offset)
            #expect((diagnostic.line, diagnostic.column) == (single.line, single.column))
            guard let line = diagnostic.sourceLine, let caret = diagnostic.caretColumn else {
                Issue.record("no snippet at \(offset)")
                continue
            }
            let scalars = Array(line.unicodeScalars)
            #expect(caret >= 1 && caret <= scalars.count && scalars[caret - 1] == "<", "caret on the tag at \(offset)")
            #expect(scalars.count <= 160)
        }
    }
}
