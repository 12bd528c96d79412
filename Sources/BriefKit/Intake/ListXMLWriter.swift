// Intake: where lists come from — a list written back as XML, spreadsheets out and in, merged lists, new briefs.
// It reads and writes the list format through the model; it never renders a briefing.

/// Writes a list as the XML of docs/format.md: every element the format has, each portion with the marking it
/// *declared* (so that reading the text back gives the same effective markings), one element a line.
///
/// Comments and attribute order of an original file are not kept: the model does not hold them. What
/// `brief textconv` prints of the list is the same after a write and a read.
public enum ListXMLWriter {
    /// The text, and for each line (0-based) the anchor of the model value written on it, if any: how a
    /// diagnostic on the written text is traced back to where the value came from (a spreadsheet's cell).
    public struct Output: Sendable {
        public var text: String
        public var lineAnchors: [SourceAnchor?]

        public var bytes: [UInt8] { Array(text.utf8) }
    }

    public static func write(_ list: PrisonerList) -> String { render(list).text }

    public static func render(_ list: PrisonerList) -> Output {
        var lines: [String] = []
        var anchors: [SourceAnchor?] = []
        func line(_ depth: Int, _ text: String, _ anchor: SourceAnchor? = nil) {
            lines.append(String(repeating: "  ", count: depth) + text)
            anchors.append(anchor)
        }
        func attrs(_ pairs: [(String, String?)]) -> String {
            pairs.compactMap { name, value in value.map { " \(name)=\"\(attribute($0))\"" } }.joined()
        }
        func marking(_ declared: Marking?) -> (String, String?) { ("marking", declared?.name) }
        func element(_ depth: Int, _ name: String, _ attributes: [(String, String?)], text: String?, _ anchor: SourceAnchor?) {
            if let text, !text.isEmpty {
                line(depth, "<\(name)\(attrs(attributes))>\(content(text))</\(name)>", anchor)
            } else {
                line(depth, "<\(name)\(attrs(attributes))/>", anchor)
            }
        }

        line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        line(0, "<prisonerList xmlns=\"\(PrisonerList.namespace)\"" + attrs([("id", list.id), ("revision", String(list.revision)),
                                                                          ("asOf", list.asOf.iso), ("marking", list.defaultMarking.name)]) + ">", list.anchor)
        element(1, "title", [], text: list.title, list.anchor)
        element(1, "submitter", [("contact", list.submitterContact)], text: list.submitter, list.anchor)
        if let agreement = list.agreement {
            line(1, "<agreement" + attrs([("announced", agreement.announced.iso), ("committed", agreement.committed.map(String.init)),
                                          ("coverage", agreement.coverage == .complete ? nil : agreement.coverage.rawValue),
                                          marking(agreement.declaredMarking)]) + ">", agreement.anchor)
            for party in agreement.parties { element(2, "party", [], text: party, agreement.anchor) }
            if let summary = agreement.summary { element(2, "summary", [], text: summary, agreement.anchor) }
            line(1, "</agreement>", agreement.anchor)
        }
        line(1, "<sources>")
        for source in list.sources {
            element(2, "source", [("id", source.id), ("kind", source.kind.rawValue), ("published", source.published?.iso),
                                  ("href", source.href), marking(source.declaredMarking)], text: source.description, source.anchor)
        }
        line(1, "</sources>")
        if !list.counts.isEmpty {
            line(1, "<counts>")
            for count in list.counts {
                element(2, "count", [("source", count.sourceID), ("date", count.date.iso), ("of", count.subject.rawValue),
                                     marking(count.declaredMarking)], text: String(count.value), count.anchor)
            }
            line(1, "</counts>")
        }
        for prisoner in list.prisoners {
            line(1, "<prisoner" + attrs([("id", prisoner.id), ("list", prisoner.list.rawValue), marking(prisoner.declaredMarking)]) + ">", prisoner.anchor)
            element(2, "name", [marking(prisoner.name.declaredMarking)], text: prisoner.name.text, prisoner.name.anchor)
            for alias in prisoner.aliases { element(2, "alias", [marking(alias.declaredMarking)], text: alias.text, alias.anchor) }
            if let gender = prisoner.gender { element(2, "gender", [], text: gender.rawValue, prisoner.anchor) }
            if let born = prisoner.born { element(2, "born", [], text: String(born), prisoner.bornAnchor ?? prisoner.anchor) }
            if let province = prisoner.province { element(2, "province", [], text: province, prisoner.anchor) }
            for affiliation in prisoner.affiliations { element(2, "affiliation", [], text: affiliation, prisoner.anchor) }
            if let detention = prisoner.detention {
                let attributes = attrs([("arrested", detention.arrested?.iso), ("facility", detention.facility), ("sentence", detention.sentence)])
                if detention.charges.isEmpty {
                    line(2, "<detention\(attributes)/>", detention.anchor)
                } else {
                    line(2, "<detention\(attributes)>", detention.anchor)
                    for charge in detention.charges { element(3, "charge", [], text: charge, detention.anchor) }
                    line(2, "</detention>", detention.anchor)
                }
            }
            for status in prisoner.statuses {
                element(2, "status", [("value", status.value.rawValue), ("date", status.date.iso), ("source", status.sourceID),
                                      marking(status.declaredMarking)], text: status.note, status.anchor)
            }
            for condition in prisoner.conditions {
                element(2, "condition", [("kind", condition.kind.rawValue), ("since", condition.since?.iso), ("until", condition.until?.iso),
                                         ("source", condition.sourceID), marking(condition.declaredMarking)], text: condition.text, condition.anchor)
            }
            for warning in prisoner.warnings {
                element(2, "warning", [("kind", warning.kind.rawValue), ("date", warning.date?.iso), ("issuer", warning.issuer),
                                       ("source", warning.sourceID), marking(warning.declaredMarking)], text: warning.text, warning.anchor)
            }
            for note in prisoner.notes { element(2, "note", [marking(note.declaredMarking)], text: note.text, note.anchor) }
            line(1, "</prisoner>", prisoner.anchor)
        }
        line(0, "</prisonerList>")
        return Output(text: lines.joined(separator: "\n") + "\n", lineAnchors: anchors)
    }

    /// Text content: `&`, `<` and `>` escaped; line breaks kept (text is collapsed when read). Unlike
    /// `Escaping.xml`, nothing is replaced or shown: the list read back must hold the same text.
    static func content(_ text: String) -> String {
        escaped(text, inAttribute: false)
    }

    /// An attribute value in double quotes: also `"`, and whitespace as references, which attribute-value
    /// normalisation would otherwise turn into spaces.
    static func attribute(_ text: String) -> String {
        escaped(text, inAttribute: true)
    }

    static func escaped(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where inAttribute: out += "&quot;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
