// Document: how generated sentences name things, in the words a US committee uses.

enum Prose {
    /// "between Cuba and the United States": parties joined with "and", with the article a country's name takes.
    static func between(_ parties: [String]) -> String {
        let named = parties.map(withArticle)
        switch named.count {
        case 0: return ""
        case 1: return "with " + named[0]
        case 2: return "between \(named[0]) and \(named[1])"
        default: return "between " + named.dropLast().joined(separator: ", ") + " and " + (named.last ?? "")
        }
    }

    /// What an edition withholds, counted and never shown: "2 records entirely", "some details of 3 other
    /// records", sources, count claims, the agreement; empty when it withholds nothing.
    static func withheld(_ edition: Edition) -> [String] {
        var parts: [String] = []
        if edition.withheldRecords > 0 { parts.append("\(count(edition.withheldRecords, "record")) entirely") }
        let partial = Set(edition.withheldNames).union(edition.partlyWithheld).count
        if partial > 0 { parts.append("some details of \(count(partial, "other record"))") }
        if edition.withheldSources > 0 { parts.append(count(edition.withheldSources, "source")) }
        if edition.withheldCounts > 0 { parts.append(count(edition.withheldCounts, "count claim")) }
        if edition.agreementWithheld { parts.append("the agreement") }
        return parts
    }

    /// "a, b and c".
    static func series(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    /// A country's name as it reads in a sentence: "the United States", "the Holy See", "Cuba".
    static func withArticle(_ name: String) -> String {
        let lower = name.lowercased()
        guard !lower.hasPrefix("the ") else { return name }
        let words = lower.split(separator: " ").map(String.init)
        let takesArticle = ["united", "republic", "kingdom", "federation", "holy", "democratic", "people's", "islamic", "federal", "union"]
            .contains(words.first ?? "")
            || ["states", "kingdom", "republic", "islands", "emirates", "netherlands", "philippines", "bahamas", "gambia", "union",
                "federation", "see"].contains(words.last ?? "")
        return takesArticle ? "the " + name : name
    }

    /// "1 person", "3 people": a count with its noun in agreement.
    static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// The text with its first letter in capitals (to open a line).
    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// A status in words: "re-arrested", "release unconfirmed".
    static func status(_ status: Status) -> String {
        switch status {
        case .detained: "detained"
        case .released: "released"
        case .unconfirmed: "release unconfirmed"
        case .rearrested: "re-arrested"
        case .exiled: "released into exile"
        case .deceased: "reported deceased"
        case .unknown: "status unknown"
        }
    }

    /// Which list a person is on, in words.
    static func list(_ list: ListKind) -> String {
        switch list {
        case .agreed: "agreed release list"
        case .requested: "requested, not included"
        case .other: "other case"
        }
    }

    /// A condition's kind in words.
    static func condition(_ kind: ConditionKind) -> String {
        switch kind {
        case .parole: "parole"
        case .reporting: "reporting to the authorities"
        case .travelBan: "travel ban"
        case .activityBan: "activity ban"
        case .houseArrest: "house arrest"
        case .exile: "exile"
        case .surveillance: "surveillance"
        case .citizenshipRevoked: "stripped of citizenship"
        case .propertyConfiscated: "property confiscated"
        case .other: "other condition"
        }
    }

    /// A warning's kind in words.
    static func warning(_ kind: WarningKind) -> String {
        switch kind {
        case .rearrest: "warned of re-arrest"
        case .harassment: "harassment"
        case .other: "other warning"
        }
    }
}
