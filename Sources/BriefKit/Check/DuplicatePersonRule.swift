import Foundation

/// `duplicate-person`: the same person entered twice (often by two submitters, with and without accents) would be
/// counted twice in every figure.
struct DuplicatePersonRule: ListRule {
    let descriptor = Self.rule("duplicate-person")

    private static let locale = Locale(identifier: "en_US_POSIX")

    /// A name folded for comparison: case, accents and spacing ignored. ASCII names are folded directly; others
    /// through Foundation's diacritic folding.
    static func normalized(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for byte in name.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: locale)
            .unicodeScalars.filter { !$0.properties.isWhitespace }
            .reduce(into: "") { $0.unicodeScalars.append($1) }
    }

    struct Key: Hashable {
        var name: String
        var born: Int?
    }

    func findings(in list: PrisonerList) -> [Finding] {
        // The first record of each name and year, by index: the records themselves are not copied.
        var first: [Key: Int] = [:]
        first.reserveCapacity(list.prisoners.count)
        var found: [Finding] = []
        for (index, prisoner) in list.prisoners.enumerated() {
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
