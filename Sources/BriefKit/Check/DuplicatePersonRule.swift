import Foundation

/// `duplicate-person`: the same person entered twice (often by two submitters, with and without accents) would be
/// counted twice in every figure.
///
/// On an edition, a record whose name is withheld is compared with nothing: its name is not in the edition (an
/// empty string stands in its place), and saying that it equals another would say something of it.
struct DuplicatePersonRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.duplicatePerson)

    private static let locale = Locale(identifier: "en_US_POSIX")

    /// A name folded for comparison: case, accents and spacing ignored. Names in ASCII and the accented letters
    /// of Latin-1 are folded byte by byte; others through Foundation's diacritic folding (which gives the same
    /// result for those letters: a test checks each one).
    static func normalized(_ name: String) -> String {
        if let folded = foldedLatin(name.utf8.span) { return folded }
        return foldedByFoundation(name)
    }

    static func foldedByFoundation(_ name: String) -> String {
        var plain = ""
        for scalar in name.unicodeScalars {
            if let letters = lettersWithoutDecomposition[scalar] { plain += letters } else { plain.unicodeScalars.append(scalar) }
        }
        return plain.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: locale)
            .unicodeScalars.filter { !$0.properties.isWhitespace }
            .reduce(into: "") { $0.unicodeScalars.append($1) }
    }

    /// Letters whose stroke or ligature Unicode does not decompose, so diacritic folding keeps them: `Łukasz` and
    /// `Lukasz`, `Søren` and `Soren`, `Đorđe` and `Dorde` are one name to a reader.
    static let lettersWithoutDecomposition: [Unicode.Scalar: String] = [
        "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "ß": "ss",
        "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "TH", "þ": "th", "Ð": "D", "ð": "d",
    ]

    /// The base letter of U+00C0...U+00FF (UTF-8 `C3 80`...`C3 BF`), lower case; "." where the letter has no
    /// canonical decomposition (Æ, Ø, ß...) or is not a letter, which leaves the name to Foundation.
    static let latin1BaseLetters = Array("aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y".utf8)

    static func foldedLatin(_ bytes: Span<UInt8>) -> String? {
        var folded: [UInt8] = []
        folded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: break
            case 0x41...0x5A: folded.append(byte + 0x20)
            case 0x00..<0x80: folded.append(byte)
            case 0xC3:
                guard index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 else { return nil }
                let base = latin1BaseLetters[Int(bytes[index + 1] - 0x80)]
                guard base != UInt8(ascii: ".") else { return nil }
                folded.append(base)
                index += 1
            default: return nil
            }
            index += 1
        }
        return String(utf8: folded.span)
    }

    struct Key: Hashable {
        var name: String
        var born: Int?
    }

    func findings(in list: PrisonerList) -> [Finding] {
        findings(in: list, withheldNames: [])
    }

    func findings(in edition: Edition) -> [Finding] {
        findings(in: edition.list, withheldNames: edition.withheldNames)
    }

    /// The findings among the records whose name is not in `withheldNames`.
    func findings(in list: PrisonerList, withheldNames: Set<String>) -> [Finding] {
        // The first record of each name and year, by index: the records themselves are not copied.
        var first: [Key: Int] = [:]
        first.reserveCapacity(list.prisoners.count)
        var found: [Finding] = []
        for (index, prisoner) in list.prisoners.enumerated() where withheldNames.isEmpty || !withheldNames.contains(prisoner.id) {
            let key = Key(name: Self.normalized(prisoner.name.text), born: prisoner.born)
            if let earlier = first[key] {
                let born = prisoner.born.map { "born \($0)" } ?? "no birth year"
                found.append(finding("prisoner '\(prisoner.id)' has the same name and \(born) as prisoner '\(list.prisoners[earlier].id)'",
                                     at: prisoner.name.anchor,
                                     help: "merge the two records, or add what tells them apart (born, alias)", record: prisoner.id))
            } else {
                first[key] = index
            }
        }
        return found
    }
}
