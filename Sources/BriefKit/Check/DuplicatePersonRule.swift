import Foundation

/// `duplicate-person`: the same person entered twice (often by two submitters, with and without accents) would be
/// counted twice in every figure.
struct DuplicatePersonRule: ListRule {
    let descriptor = Self.rule("duplicate-person")

    /// A name folded for comparison: case, accents and spacing ignored.
    static func normalized(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }
            .reduce(into: "") { $0.unicodeScalars.append($1) }
    }

    struct Key: Hashable {
        var name: String
        var born: Int?
    }

    func findings(in list: PrisonerList) -> [Finding] {
        var first: [Key: Prisoner] = [:]
        var found: [Finding] = []
        for prisoner in list.prisoners {
            let key = Key(name: Self.normalized(prisoner.name.text), born: prisoner.born)
            if let earlier = first[key] {
                let born = prisoner.born.map { "born \($0)" } ?? "no birth year"
                found.append(finding("prisoner '\(prisoner.id)' has the same name and \(born) as prisoner '\(earlier.id)'",
                                     at: prisoner.name.anchor,
                                     help: "merge the two records, or add what tells them apart (born, alias)", record: prisoner.id))
            } else {
                first[key] = prisoner
            }
        }
        return found
    }
}
