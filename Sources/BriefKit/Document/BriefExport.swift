/// The briefing as data (`--format json`): the reconciled edition, its figures and the diagnostics that the
/// edition's own content raises. Documented in docs/briefing-json.md; keys are sorted, version 1.
///
/// Like the document, it is built only from the edition: nothing withheld appears, not even as a count of
/// something more specific than "records withheld".
///
/// `JSONWriter` writes it member by member for speed; its `Encodable` conformance is the reference that writer must
/// match byte for byte (a test encodes a fully populated export both ways).
public struct BriefExport: Sendable, Encodable {
    public var format = "brief-briefing"
    public var version = 1
    public var generator = "brief \(BriefVersion.current)"
    public var brief: String
    public var audience: String
    public var banner: String
    public var date: Day
    public var list: ListInfo
    public var agreement: AgreementInfo?
    public var sources: [SourceInfo]
    public var counts: [CountInfo]
    public var figures: [FigureInfo]
    public var people: [PersonInfo]
    public var withheld: WithheldInfo
    public var diagnostics: [DiagnosticInfo]
    public var inputs: [BriefContext.InputFile]

    public struct ListInfo: Sendable, Encodable {
        public var id: String
        public var revision: Int
        public var asOf: Day
        public var title: String?
        public var submitter: String?
    }

    public struct AgreementInfo: Sendable, Encodable {
        public var announced: Day
        public var committed: Int?
        public var parties: [String]
        public var summary: String?
        public var marking: Marking
    }

    public struct SourceInfo: Sendable, Encodable {
        public var id: String
        public var note: Int
        public var kind: SourceKind
        public var description: String
        public var published: Day?
        public var href: String?
        public var marking: Marking
    }

    public struct CountInfo: Sendable, Encodable {
        public var source: String
        public var date: Day
        public var of: CountSubject
        public var value: Int
        public var marking: Marking
    }

    public struct FigureInfo: Sendable, Encodable {
        public var kind: String
        public var label: String
        public var value: Int
        public var records: [String]
        public var claims: [CountInfo]
        public var min: Int
        public var max: Int
    }

    public struct ClaimInfo: Sendable, Encodable {
        public var value: Status
        public var date: Day
        public var source: String
        public var note: String?
        public var marking: Marking
    }

    public struct ConditionInfo: Sendable, Encodable {
        public var kind: ConditionKind
        public var since: Day?
        public var until: Day?
        public var source: String
        public var text: String
        public var active: Bool
        public var marking: Marking
    }

    public struct WarningInfo: Sendable, Encodable {
        public var kind: WarningKind
        public var date: Day?
        public var issuer: String?
        public var source: String
        public var text: String
        public var marking: Marking
    }

    public struct PersonInfo: Sendable, Encodable {
        public var id: String
        /// nil when withheld.
        public var name: String?
        /// Whether the name is withheld, and with it the identifying details (docs/briefing.md): then aliases,
        /// affiliations, charges and notes are empty, born and the detention absent, and the texts of conditions and
        /// warnings and the notes of claims read `Edition.identifyingDetailsWithheld`.
        public var nameWithheld: Bool
        /// Whether anything of the record is withheld: a portion above the audience, or the identifying details.
        public var detailsWithheld: Bool
        public var aliases: [String]
        public var list: ListKind
        public var gender: Gender?
        public var born: Int?
        public var province: String?
        public var affiliations: [String]
        public var arrested: Day?
        public var facility: String?
        public var sentence: String?
        public var charges: [String]
        public var status: Status?
        public var statusSource: String?
        public var statusDate: Day?
        public var disputed: Bool
        public var released: Day?
        public var claims: [ClaimInfo]
        public var conditions: [ConditionInfo]
        public var warnings: [WarningInfo]
        public var notes: [String]
        public var marking: Marking
    }

    public struct WithheldInfo: Sendable, Encodable {
        public var records: Int
        public var sources: Int
        public var counts: Int
        public var agreement: Bool
        public var names: Int
    }

    public struct DiagnosticInfo: Sendable, Encodable {
        public var rule: RuleID
        public var severity: Severity
        public var message: String
        /// nil in an edition that withholds part of the list: a position in the file moves with the withheld text.
        public var line: Int?
        public var column: Int?
        public var record: String?
    }

    /// The export of an edition; `diagnostics` must come from the edition's own list.
    public init(reconciliation: Reconciliation, context: BriefContext, banner: Marking, diagnostics: [Diagnostic]) {
        let edition = reconciliation.edition
        let list = edition.list
        brief = context.briefID
        audience = edition.audience.name
        self.banner = banner.banner
        date = context.date
        self.list = ListInfo(id: list.id, revision: list.revision, asOf: list.asOf,
                             title: edition.headerVisible ? list.title : nil, submitter: edition.headerVisible ? list.submitter : nil)
        agreement = list.agreement.map {
            AgreementInfo(announced: $0.announced, committed: $0.committed, parties: $0.parties, summary: $0.summary, marking: $0.marking)
        }
        sources = list.sources.enumerated().map { index, source in
            SourceInfo(id: source.id, note: index + 1, kind: source.kind, description: source.description, published: source.published,
                       href: source.linkableHref, marking: source.marking)
        }
        func count(_ claim: CountClaim) -> CountInfo {
            CountInfo(source: claim.sourceID, date: claim.date, of: claim.subject, value: claim.value, marking: claim.marking)
        }
        counts = list.counts.map(count)
        figures = reconciliation.figures.map { figure in
            FigureInfo(kind: figure.kind.rawValue, label: figure.kind.label, value: figure.value, records: figure.recordIDs,
                       claims: figure.claims.map(count), min: figure.spread.lowerBound, max: figure.spread.upperBound)
        }
        people = reconciliation.people.map { person in
            let p = person.prisoner
            let active = Set(person.activeConditions.map(\.anchor))
            return PersonInfo(
                id: p.id, name: person.nameWithheld ? nil : p.name.text, nameWithheld: person.nameWithheld,
                detailsWithheld: person.partlyWithheld || person.nameWithheld, aliases: p.aliases.map(\.text), list: p.list, gender: p.gender, born: p.born,
                province: p.province, affiliations: p.affiliations, arrested: p.detention?.arrested, facility: p.detention?.facility,
                sentence: p.detention?.sentence, charges: p.detention?.charges ?? [], status: person.status,
                statusSource: person.statusClaim?.sourceID, statusDate: person.statusClaim?.date, disputed: person.inConflict,
                released: person.releaseDate,
                claims: p.statuses.map { ClaimInfo(value: $0.value, date: $0.date, source: $0.sourceID, note: $0.note, marking: $0.marking) },
                conditions: p.conditions.map {
                    ConditionInfo(kind: $0.kind, since: $0.since, until: $0.until, source: $0.sourceID, text: $0.text,
                                  active: active.contains($0.anchor), marking: $0.marking)
                },
                warnings: p.warnings.map { WarningInfo(kind: $0.kind, date: $0.date, issuer: $0.issuer, source: $0.sourceID, text: $0.text, marking: $0.marking) },
                notes: p.notes.map(\.text), marking: p.marking)
        }
        withheld = WithheldInfo(records: edition.withheldRecords, sources: edition.withheldSources, counts: edition.withheldCounts,
                                agreement: edition.agreementWithheld, names: edition.withheldNames.count)
        let positioned = edition.withholdsNothing
        self.diagnostics = diagnostics.map {
            DiagnosticInfo(rule: $0.rule, severity: $0.severity, message: $0.message, line: positioned ? $0.line : nil,
                           column: positioned ? $0.column : nil, record: $0.recordID)
        }
        inputs = context.inputs
    }
}

