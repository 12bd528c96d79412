/// `authored-reference`: the live values and citations of a manifest's authored sections must name something the
/// list has — a source, a person, a source's count, a figure the list can tally, a date the inputs hold. Checked
/// against the whole list (not an edition): a value an edition withholds is left out with its paragraph when the
/// briefing is built, but a name that matches nothing is a mistake in every edition.
public struct AuthoredReferences: Sendable {
    /// What the list offers to refer to, gathered once.
    public struct Targets: Sendable {
        var sources: Set<String>
        var people: Set<String>
        /// `source|subject` of every count claim.
        var counts: Set<String>
        var hasAgreement: Bool
        var hasCommitted: Bool

        public init(_ list: PrisonerList) {
            sources = Set(list.sources.map(\.id))
            people = Set(list.prisoners.map(\.id))
            counts = Set(list.counts.map { $0.sourceID + "|" + $0.subject.rawValue })
            hasAgreement = list.agreement != nil
            hasCommitted = list.agreement?.committed != nil
        }
    }

    static let rule = RuleID.authoredReference

    /// The findings of `manifest`'s authored sections against its list (nil: the list was not read, and its own
    /// diagnostics say why).
    public static func findings(_ manifest: BriefManifest, list targets: Targets?) -> [Finding] {
        guard let targets, !manifest.authoredSections.isEmpty else { return [] }
        var findings: [Finding] = []
        func refuse(_ message: String, _ anchor: SourceAnchor, help: String) {
            findings.append(Finding(rule: rule, severity: .error, message: message, anchor: anchor, help: help))
        }
        for section in manifest.authoredSections {
            for paragraph in section.blocks.flatMap(\.paragraphs) {
                for inline in paragraph.content {
                    switch inline {
                    case .citation(let source, let anchor):
                        if !targets.sources.contains(source) {
                            refuse("cites source '\(source)', which the list does not have", anchor,
                                   help: "cite a source id of the list's <sources>")
                        }
                    case .count(let source, let subject, let anchor):
                        if !targets.sources.contains(source) {
                            refuse("shows a count of source '\(source)', which the list does not have", anchor,
                                   help: "name a source id of the list's <sources>")
                        } else if !targets.counts.contains(source + "|" + subject.rawValue) {
                            refuse("shows source '\(source)''s count of \(subject.rawValue), but the list has no such count", anchor,
                                   help: "add a <count source=\"\(source)\" of=\"\(subject.rawValue)\"> to the list, or show another")
                        }
                    case .person(let id, let anchor):
                        if !targets.people.contains(id) {
                            refuse("names person '\(id)', who is not on the list", anchor, help: "use the id of a <prisoner> of the list")
                        }
                    case .figure(let name, let anchor):
                        if name == "committed", !targets.hasCommitted {
                            refuse("shows the committed number, but the list's agreement states none", anchor,
                                   help: "add committed=\"…\" to the list's <agreement>, or leave the figure out")
                        }
                    case .date(.announced, let anchor):
                        if !targets.hasAgreement {
                            refuse("shows the agreement's date, but the list has no agreement", anchor, help: "write the date out with value=\"YYYY-MM-DD\"")
                        }
                    case .date(.previous, let anchor):
                        if manifest.previousHref == nil {
                            refuse("shows the previous list's date, but the manifest names no previous list", anchor,
                                   help: "add <previous href=\"…\"/> to the manifest, or write the date out")
                        }
                    case .date(.fixed(let day), let anchor) where day == Day.epoch:
                        refuse("a date needs of=\"as-of|announced|memo|previous\" or value=\"YYYY-MM-DD\"", anchor,
                               help: "say which date to show")
                    default:
                        break
                    }
                }
            }
        }
        return findings
    }
}

extension AuthoredBlock {
    /// The paragraphs and list items of the block.
    var paragraphs: [AuthoredParagraph] {
        switch self {
        case .paragraph(let paragraph): [paragraph]
        case .heading: []
        case .list(_, let items): items
        }
    }
}
