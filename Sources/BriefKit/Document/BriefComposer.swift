// Document: the briefing IR and the composers that fill it from reconciled facts (`Briefing.make`,
// `DiffBriefing.make`). Pure: no file, no clock, no output format.

/// What a briefing is built from besides the list: the manifest's memo, the inputs' provenance, the build date.
public struct BriefContext: Sendable {
    public var briefID: String
    public var memo: Memo?
    /// The sections to include, in order, generated and authored; nil for the default order.
    public var sections: [ManifestSection]?
    public var inputs: [InputFile]
    /// The build date: SOURCE_DATE_EPOCH's day, or the memo's date, or the list's asOf.
    public var date: Day
    /// Blocks describing changes since the previous briefing, when there is one (built by the diff engine).
    public var changes: [Block]?
    /// The full table of changes by record, printed as an appendix, when there is a change.
    public var changeLog: Section?
    /// The previous list's `asOf`, when there is a previous list.
    public var previousAsOf: Day?
    public var style: HouseStyle = .standard

    /// An input file, for the provenance section.
    public struct InputFile: Sendable, Hashable, Encodable {
        public var name: String
        /// nil when the file holds portions the edition withholds: a hash of the whole file is derived from them
        /// (it changes when only a restricted portion does, and confirms a guessed file).
        public var sha256: String?
        public var role: String
        /// The highest marking of the file's portions that the edition holds: all of them when the hash is shown
        /// (derived from all of the file); when it is withheld, saying so is derived from which of them are.
        public var marking: Marking

        public init(name: String, sha256: String?, role: String, marking: Marking = .public) {
            self.name = name
            self.sha256 = sha256
            self.role = role
            self.marking = marking
        }
    }

    public init(briefID: String, memo: Memo?, sections: [ManifestSection]?, inputs: [InputFile], date: Day, changes: [Block]? = nil,
                changeLog: Section? = nil, previousAsOf: Day? = nil, style: HouseStyle = .standard) {
        self.briefID = briefID
        self.memo = memo
        self.sections = sections
        self.inputs = inputs
        self.date = date
        self.changes = changes
        self.changeLog = changeLog
        self.previousAsOf = previousAsOf
        self.style = style
    }

    /// The sections of a briefing without a `sections` element.
    public static let defaultSections: [SectionKind] = [
        .header, .summary, .background, .figures, .discrepancies, .changes, .charts, .prisoners, .people, .conditions, .watch, .other,
        .sources, .provenance,
    ]
}

/// Composes the briefing document from a reconciled edition: the one place that decides what a briefing says.
public struct BriefComposer: Sendable {
    public let reconciliation: Reconciliation
    public let context: BriefContext
    private let noteNumbers: [String: Int]
    /// People by id, for authored sections that name them (empty when none does).
    private let peopleByID: [String: Int]
    /// Each source's latest count of each subject (`source|subject`), for authored sections that show one (empty
    /// when none does): looked up once per value, never by scanning every count.
    let latestCounts: [String: CountClaim]

    public init(reconciliation: Reconciliation, context: BriefContext) {
        self.reconciliation = reconciliation
        self.context = context
        var numbers: [String: Int] = [:]
        for (index, source) in reconciliation.edition.list.sources.enumerated() { numbers[source.id] = index + 1 }
        self.noteNumbers = numbers
        let authoredInlines = (context.sections ?? []).flatMap { section -> [AuthoredInline] in
            guard case .authored(let authored) = section else { return [] }
            return authored.blocks.flatMap(\.paragraphs).flatMap(\.content)
        }
        var byID: [String: Int] = [:]
        if authoredInlines.contains(where: { if case .person = $0 { true } else { false } }) {
            for (index, person) in reconciliation.people.enumerated() { byID[person.prisoner.id] = index }
        }
        self.peopleByID = byID
        var counts: [String: CountClaim] = [:]
        if authoredInlines.contains(where: { if case .count = $0 { true } else { false } }) {
            // The latest by date; among equal dates, the last written.
            for claim in reconciliation.edition.list.counts {
                let key = claim.sourceID + "|" + claim.subject.rawValue
                if let held = counts[key], held.date > claim.date { continue }
                counts[key] = claim
            }
        }
        self.latestCounts = counts
        self.agreed = reconciliation.people.filter { $0.prisoner.list == .agreed }
        self.recordsMarking = reconciliation.people.lazy.map(\.prisoner.marking).highest
        self.statusesMarking = reconciliation.people.lazy.map(\.statusMarking).highest
    }

    var edition: Edition { reconciliation.edition }
    var list: PrisonerList { edition.list }

    /// The note number of a source the edition shows.
    func noteNumber(_ sourceID: String) -> Int? { noteNumbers[sourceID] }

    /// The person with this id, when the edition shows the record (only for ids authored sections name).
    func person(_ id: String) -> Reconciliation.Person? {
        peopleByID[id].map { reconciliation.people[$0] }
    }

    public func compose() -> BriefDocument {
        var sections: [Section] = []
        var authoredCount = 0
        for entry in context.sections ?? BriefContext.defaultSections.map(ManifestSection.generated) {
            switch entry {
            case .generated(let kind):
                if let section = section(kind) { sections.append(section) }
            case .authored(let authored):
                authoredCount += 1
                if let section = self.authored(authored, number: authoredCount) { sections.append(section) }
            }
        }
        // The full change table is an appendix, after everything else.
        if let changeLog = context.changeLog, sections.contains(where: { $0.kind == .changes }) { sections.append(changeLog) }
        // Where the notes are printed, decided once for every format: the sources section lists them all; without
        // one, a Notes section at the end lists those that something cites.
        if !sections.contains(where: { $0.kind == .sources }) {
            let cited = Set(sections.flatMap(\.blocks).flatMap(\.citations))
            let listed = notes.filter { cited.contains($0.number) }
            if !listed.isEmpty { sections.append(Section(kind: .notes, heading: "Notes", blocks: [.notes(listed)])) }
        }
        let title = context.memo?.subject ?? (edition.headerVisible ? list.title : "Prisoner list \(list.id)")
        let metadata = BriefDocument.Metadata(
            title: title,
            subject: "Oversight briefing \(context.briefID), list \(list.id) revision \(list.revision) as of \(list.asOf.prose)",
            keywords: ["oversight", "political prisoners", list.id, edition.audience.name],
            date: context.date, language: "en", generator: "brief \(BriefVersion.current)")
        // The banner is the highest marking of what the document actually contains.
        let banner = (sections.map(\.marking) + [edition.highestMarking]).highest
        return BriefDocument(title: title, audience: edition.audience, banner: banner,
                             showsPortionMarks: edition.audience != .public, metadata: metadata, style: context.style, sections: sections)
    }

    /// The numbered notes: every source of the edition, in list order.
    var notes: [Note] {
        list.sources.enumerated().map { index, source in
            Note(number: index + 1, text: sourceText(source), href: source.linkableHref, marking: source.marking)
        }
    }

    func section(_ kind: SectionKind) -> Section? {
        switch kind {
        case .header: header()
        case .summary: summary()
        case .background: background()
        case .people: people()
        case .figures: figures()
        case .discrepancies: discrepancies()
        case .changes: context.changes.map { Section(kind: .changes, heading: "Changes since the previous briefing", blocks: $0) }
        case .charts: charts()
        case .prisoners: prisoners()
        case .conditions: conditions()
        case .watch: watch()
        case .other: otherCases()
        case .sources: sources()
        case .provenance: provenance()
        }
    }

    // MARK: Helpers

    func sourceText(_ source: Source) -> String {
        var text = "\(source.description) (\(source.kind == .ngo ? "NGO" : source.kind.rawValue)"
        if let published = source.published { text += ", published \(published.prose)" }
        return text + ")"
    }

    func cite(_ sourceID: String) -> [Inline] {
        noteNumbers[sourceID].map { [.citation($0)] } ?? []
    }

    /// `text`, then a space and the citation of `sourceID` (as table cells cite).
    func cited(_ text: String, _ sourceID: String) -> [Inline] {
        noteNumbers[sourceID].map { [.text(text + " "), .citation($0)] } ?? [.text(text)]
    }

    func name(_ person: Reconciliation.Person) -> String {
        person.nameWithheld ? "name withheld" : person.prisoner.name.text
    }

    /// The marking of what a briefing says about a person: the record, the name shown, and the status claims its
    /// status, release date and disputes are derived from.
    func marking(_ person: Reconciliation.Person, includeName: Bool = true) -> Marking {
        var marking = person.statusMarking
        if includeName, !person.nameWithheld { marking = max(marking, person.prisoner.name.marking) }
        return marking
    }

    func statusLabel(_ person: Reconciliation.Person) -> String {
        guard let status = person.status else { return "no status" }
        return Prose.status(status) + (person.inConflict ? " (disputed)" : "")
    }

    /// The people on the agreed list (computed once: people are large values).
    private let agreed: [Reconciliation.Person]

    // A line is as restricted as everything it was computed over, also what it finds missing or leaves out: "No
    // one was warned" is derived from every record that could have held a warning.

    /// The highest marking of the edition's records: what a line that looks at every record (its `list`, its
    /// province, that it is there at all) is derived from.
    let recordsMarking: Marking
    /// The highest marking of the edition's records and their status claims: what a line about everyone's
    /// reconciled status, or about who is disputed, is derived from.
    let statusesMarking: Marking

    // MARK: Sections

    func header() -> Section {
        var rows: [FactTable.Row] = []
        if let memo = context.memo {
            rows.append(.init(label: "To", value: [.text(memo.to.joined(separator: "; "))], marking: .public))
            rows.append(.init(label: "From", value: [.text(memo.from)], marking: .public))
            rows.append(.init(label: "Date", value: [.date(memo.date)], marking: .public))
            rows.append(.init(label: "Subject", value: [.text(memo.subject)], marking: .public))
            if let contact = memo.contact { rows.append(.init(label: "Staff contact", value: [.text(contact)], marking: .public)) }
        }
        if edition.headerVisible {
            rows.append(.init(label: "List", value: [.text("\(list.title) (\(list.id), revision \(list.revision))")], marking: list.defaultMarking))
            rows.append(.init(label: "Submitted by", value: [.text(list.submitter)], marking: list.defaultMarking))
        } else {
            rows.append(.init(label: "List", value: [.text("\(list.id), revision \(list.revision)")], marking: .public))
        }
        rows.append(.init(label: "Facts as of", value: [.date(list.asOf)], marking: .public))
        rows.append(.init(label: "Edition", value: [.text("\(edition.audience.name) (\(edition.audience.banner))")], marking: .public))
        return Section(kind: .header, heading: "Memorandum", blocks: [.facts(FactTable(caption: "Memorandum", rows: rows))])
    }

    func summary() -> Section {
        var paragraphs: [Paragraph] = []
        if let coverage = coverageParagraph() { paragraphs.append(coverage) }
        if let agreement = list.agreement {
            let promised = agreement.committed.map { "to release \(Prose.count($0, "political prisoner"))" } ?? "to release prisoners"
            paragraphs.append(Paragraph(marking: agreement.marking, content: [
                .text("Under the agreement \(Prose.between(agreement.parties)) announced on "), .date(agreement.announced), .text(", "),
                .strong("a commitment \(promised)"), .text(" was made."),
            ]))
        }
        let people = agreed
        if !people.isEmpty || edition.withheldRecords == 0 {
            let out = people.filter { $0.status?.conflictClass == .out }
            let unconfirmed = people.filter { $0.status == .unconfirmed }
            let detained = people.filter { $0.status == .detained || $0.status == .rearrested }
            // Who is on the agreed list is read from every record.
            let level = max(recordsMarking, people.map { self.marking($0, includeName: false) }.highest)
            paragraphs.append(Paragraph(marking: level, content: [
                .text("This edition's list holds \(Prose.count(people.count, "person", "people")) on the agreed list. Reconciling every source's latest claim, "),
                .strong("\(out.count) \(out.count == 1 ? "is" : "are") out"),
                .text(" (released or exiled)" + (out.contains(where: \.inConflict) ? ", \(out.count(where: \.inConflict)) of them disputed by another source" : "")
                      + "; \(unconfirmed.count) unconfirmed and \(detained.count) in custody."),
            ]))
        }
        if let released = reconciliation.figure(.released), released.claims.count > 0 {
            let latest = released.latestClaims
            let agree = Set(latest.map(\.value)).count == 1
            let opening = latest.count == 1 ? "One source counts the releases of everyone the agreement covers: "
                : "Sources \(agree ? "agree" : "disagree") on releases of everyone the agreement covers: "
            var content: [Inline] = [.text(opening)]
            content += attributed(latest, in: released)
            let spread = released.spread
            content.append(.text(spread.lowerBound == spread.upperBound ? "." : "; the figure ranges from \(spread.lowerBound) to \(spread.upperBound) by source."))
            // The range spans the list's own tally and every claim, also those a later one replaced.
            paragraphs.append(Paragraph(marking: released.spreadMarking, content: content))
        }
        // The figure of Key figures, the same population (the agreed list), computed once.
        if let warned = reconciliation.figure(.warned), warned.value > 0 {
            paragraphs.append(Paragraph(marking: warned.marking, content: [
                .text("\(Prose.count(warned.value, "person", "people")) on the agreed list \(warned.value == 1 ? "was" : "were") warned they would be re-arrested."),
            ]))
        }
        let conflicts = reconciliation.people.filter(\.inConflict)
        if !conflicts.isEmpty {
            // Derived from everyone's status claims: those not counted were found not to disagree.
            paragraphs.append(Paragraph(marking: statusesMarking, content: [
                .text("Sources contradict each other about \(Prose.count(conflicts.count, "person", "people")); the prisoners table flags them as disputed."),
            ]))
        }
        paragraphs.append(withheldParagraph())
        return Section(kind: .summary, heading: "Bottom line", blocks: paragraphs.map(Block.paragraph))
    }

    /// The agreement's own summary, and what it is: opens the background.
    func background() -> Section? {
        guard let agreement = list.agreement else { return nil }
        if let summary = agreement.summary {
            return Section(kind: .background, heading: "Background", blocks: [.paragraph(Paragraph(marking: agreement.marking, content: [.text(summary)]))])
        }
        var blocks: [Block] = []
        var content: [Inline] = [.text("The agreement \(Prose.between(agreement.parties)) was announced on "), .date(agreement.announced)]
        if let committed = agreement.committed {
            content.append(.text(" and commits to releasing \(Prose.count(committed, "political prisoner"))"))
        }
        content.append(.text("."))
        blocks.append(.paragraph(Paragraph(marking: agreement.marking, content: content)))
        return Section(kind: .background, heading: "Background", blocks: blocks)
    }

    /// The most people whose stories the memo tells in its People section; a larger edition points to the case
    /// sheets and the JSON instead (a memo of thousands of pages is read by no one, and costs the build its speed).
    public static let peopleSectionLimit = 2_000

    func people() -> Section? {
        guard !reconciliation.people.isEmpty else { return nil }
        guard reconciliation.people.count <= Self.peopleSectionLimit else {
            // Derived from how many records the edition holds.
            return Section(kind: .people, heading: "People", blocks: [.paragraph(Paragraph(marking: recordsMarking, content: [
                .text("This edition holds \(reconciliation.people.count) people, more than the \(Self.peopleSectionLimit) whose stories a memo tells. "
                      + "Each person's story is on their case sheet ("), .code("brief build --case-sheets"),
                .text("), and every detail is in the JSON edition."),
            ]))])
        }
        return PersonStory.peopleSection(reconciliation: reconciliation, noteNumber: noteNumber)
    }

    func withheldParagraph() -> Paragraph {
        let parts = Prose.withheld(edition).map { "withholds " + $0 }
        let text = parts.isEmpty
            ? "This \(edition.audience.name) edition withholds nothing from the list."
            : "This \(edition.audience.name) edition " + parts.joined(separator: ", ") + ". Figures are computed from what it contains."
        // What is withheld is counted over every portion, those the edition holds too: in a committee edition, "1
        // record" says how many of the records above public are restricted. A committee edition that holds public
        // portions only withholds exactly what the public one does, and says so in a public line.
        return Paragraph(marking: edition.highestMarking, content: [.emphasis(text)])
    }

    /// A partial list says so first: its figures count the people it follows, not everyone the agreement covers.
    func coverageParagraph() -> Paragraph? {
        guard reconciliation.coverage == .partial, let agreement = list.agreement else { return nil }
        let following = agreed.count
        let covers = agreement.committed.map { " of the \(Prose.count($0, "person", "people")) the agreement covers" } ?? " the agreement covers"
        // Derived from every record (its `list` decides whether it is followed) and from the agreement.
        return Paragraph(marking: max(recordsMarking, agreement.marking), content: [
            .strong("\(edition.withheldRecords > 0 ? "This edition shows" : "This list follows") \(following)\(covers)"),
            .text(", the cases its submitter can verify. Its figures count those \(following); a source's count is of everyone the agreement covers. "
                  + "People not on this list are not known to be detained."),
        ])
    }

    /// A source's latest count, with the earlier counts it corrected as history: "224 (January 5, 2023), corrected to
    /// 222 on March 1, 2023".
    func claimHistory(_ claim: CountClaim, in figure: Reconciliation.Figure) -> [Inline] {
        let earlier = figure.superseded(by: claim).sorted { $0.date < $1.date }
        guard !earlier.isEmpty else { return [.text("\(claim.value) ("), .date(claim.date), .text(")")] }
        var content: [Inline] = []
        for (index, before) in earlier.enumerated() {
            content += [.text((index == 0 ? "" : ", then ") + "\(before.value) ("), .date(before.date), .text(")")]
        }
        return content + [.text(", corrected to \(claim.value) on "), .date(claim.date)]
    }

    /// Counts with their sources, no verb needed (a source's description may be singular or plural): "53 (Two
    /// US administration officials, January 12, 2015) [1] and 39 (Leading Cuban dissidents, January 11, 2015) [2]".
    func attributed(_ claims: [CountClaim], in figure: Reconciliation.Figure?) -> [Inline] {
        var content: [Inline] = []
        for (index, claim) in claims.enumerated() {
            if index > 0 { content.append(.text(index == claims.count - 1 ? " and " : ", ")) }
            content += [.text("\(claim.value) (\(sourceName(claim.sourceID)), "), .date(claim.date)]
            let earlier = figure.map { $0.superseded(by: claim).sorted { $0.date < $1.date } } ?? []
            for (position, before) in earlier.enumerated() {
                content += [.text(position == 0 ? ", correcting \(before.value) of " : " and \(before.value) of "), .date(before.date)]
            }
            content.append(.text(")"))
            content += cite(claim.sourceID)
        }
        return content
    }

    func latestPerSource(_ claims: [CountClaim]) -> [CountClaim] {
        var seen = Set<String>()
        return claims.filter { seen.insert($0.sourceID).inserted }
    }

    /// A source's short name: its description up to the first comma, without a parenthesis that makes it longer
    /// than 48 characters, and cut at a word if still longer.
    func sourceName(_ id: String) -> String {
        guard let description = list.source(id)?.description else { return id }
        var head = description.split(separator: ",", maxSplits: 1).first.map(String.init) ?? description
        if head.count > 48, let open = head.range(of: " (") { head = String(head[..<open.lowerBound]) }
        guard head.count > 48 else { return head }
        let cut = head.prefix(47)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return String(word) + "…"
    }

    func figures() -> Section {
        let partial = reconciliation.coverage == .partial
        let columns = [DataTable.Column("Figure"), DataTable.Column(partial ? "This list (\(agreed.count) followed)" : "This list", numeric: true),
                       DataTable.Column("Sources' counts of everyone"), DataTable.Column("Range")]
        var rows: [DataTable.Row] = []
        for figure in reconciliation.figures {
            let claims = figure.latestClaims
            var said: [Inline] = []
            for (index, claim) in claims.enumerated() {
                if index > 0 { said.append(.text("; ")) }
                said += [.text("\(sourceName(claim.sourceID)): ")] + claimHistory(claim, in: figure)
                if let number = noteNumbers[claim.sourceID] { said += [.text(" "), .citation(number)] }
            }
            let spread = figure.spread
            let range = claims.isEmpty ? "" : (spread.lowerBound == spread.upperBound ? "\(spread.lowerBound)" : "\(spread.lowerBound)–\(spread.upperBound) by source")
            // The range spans every claim, also those a later one replaced.
            let marking = figure.spreadMarking
            if partial, figure.kind == .committed {
                // The agreement's number is not this list's: it goes beside the sources' counts of everyone.
                rows.append(DataTable.Row(cells: [.text(figure.kind.label), .text("—"), .text("the agreement: \(figure.value)"), .text("")],
                                          marking: figure.marking))
                continue
            }
            rows.append(DataTable.Row(cells: [.text(figure.kind.label), .text("\(figure.value)"), said.isEmpty ? .text("—") : .inlines(said), .text(range)],
                                      marking: marking, flagged: !range.isEmpty && spread.lowerBound != spread.upperBound))
        }
        return Section(kind: .figures, heading: "Key figures", blocks: [
            .table(DataTable(kind: .figures, caption: partial
                ? "Key figures: this list's tally of the \(agreed.count) people it follows, beside each source's latest count of everyone the agreement covers"
                : "Key figures: the list's own tally beside each source's latest count", columns: columns, rows: rows)),
        ])
    }

    func discrepancies() -> Section {
        var blocks: [Block] = []
        var items: [Paragraph] = []
        for discrepancy in reconciliation.aggregateDiscrepancies {
            let partial = reconciliation.coverage == .partial
            var content: [Inline] = [.strong(discrepancy.figure.label + ": ")]
            if !partial { content.append(.text("the list counts \(discrepancy.tally)")) }
            let figure = reconciliation.figure(discrepancy.figure)
            let claims = latestPerSource(discrepancy.claims)
            content.append(.text((partial ? "" : "; ") + (claims.count == 1 ? "one source counts " : "sources count ")))
            content += attributed(claims, in: figure)
            content.append(.text("."))
            let tally = reconciliation.figure(discrepancy.figure)?.marking ?? .public
            items.append(Paragraph(marking: max(discrepancy.claims.map(\.marking).highest, tally), content: content))
        }
        if items.isEmpty {
            // Saying that nothing disagrees is derived from every count claim and every tally.
            let checked = max(list.counts.map(\.marking).highest, reconciliation.figures.map(\.marking).highest)
            blocks.append(.paragraph(Paragraph(marking: checked, content: [.text("No source's count disagrees with another's or with the list.")])))
        } else {
            blocks.append(.bullets(BulletList(items: items)))
        }
        let disputed = reconciliation.people.filter(\.inConflict)
        if disputed.isEmpty {
            // Derived from every person's status claims.
            blocks.append(.paragraph(Paragraph(marking: reconciliation.people.map(\.statusMarking).highest,
                                               content: [.text("No two sources disagree about a person within a week of each other.")])))
        } else {
            let rows = disputed.map { person -> DataTable.Row in
                let claims = person.conflicts.flatMap(\.claims)
                var seen = Set<String>()
                var described: [Inline] = []
                for claim in claims where seen.insert("\(claim.sourceID)|\(claim.value)|\(claim.date)").inserted {
                    if !described.isEmpty { described.append(.text("; ")) }
                    described += cited(sourceName(claim.sourceID), claim.sourceID) + [.text(": \(claim.value.rawValue) ("), .date(claim.date), .text(")")]
                }
                let marking = max(self.marking(person), claims.map(\.marking).highest)
                return DataTable.Row(cells: [.inlines([.code(person.prisoner.id)]), .text(name(person)), .text(statusLabel(person)), .inlines(described)],
                                     marking: marking, flagged: true)
            }
            blocks.append(.table(DataTable(kind: .conflicts, caption: "People about whom sources disagree",
                                           columns: [.init("ID"), .init("Name"), .init("Reconciled status"), .init("Claims")], rows: rows)))
        }
        return Section(kind: .discrepancies, heading: "Discrepancies between sources", blocks: blocks)
    }

    func charts() -> Section {
        var blocks: [Block] = []
        // Releases over time: cumulative first release dates of the agreed list, against the commitment.
        let released = agreed.filter { $0.status?.conflictClass == .out }.compactMap { person in person.releaseDate.map { (person, $0) } }
        var byDate: [Day: Int] = [:]
        for (_, date) in released { byDate[date, default: 0] += 1 }
        var total = 0
        let points = byDate.keys.sorted().map { date -> Chart.Point in
            total += byDate[date] ?? 0
            return Chart.Point(label: date.iso, value: total)
        }
        // A partial list's chart draws no committed line: the people it does not follow are not known to be unreleased.
        let partial = reconciliation.coverage == .partial
        let committed = list.agreement?.committed
        let target = partial ? nil : committed
        var agreementMarking = Marking.public
        if committed != nil, let agreement = list.agreement { agreementMarking = agreement.marking }
        // How many are out by a date is derived from every agreed record's claims, not only from those counted, and
        // who is on the agreed list from every record.
        let agreedMarking = max(recordsMarking, agreed.map { marking($0, includeName: false) }.highest)
        let timelineMarking: Marking = max(agreedMarking, agreementMarking)
        let lastValue = points.last?.value ?? 0
        let lastDate = byDate.keys.max() ?? list.asOf
        blocks.append(.chart(Chart(
            id: "releases-over-time", kind: .timeline(target: target), title: "Releases over time",
            description: partial
                ? "Cumulative releases of the \(agreed.count) people this list follows, by first reported release date: \(lastValue) by "
                    + "\(lastDate.prose)" + (committed.map { "; the agreement covers \($0), the others not on this list" } ?? "") + "."
                : "Cumulative releases of people on the agreed list by first reported release date: \(lastValue) by \(lastDate.prose)"
                    + (target.map { ", against \($0) committed" } ?? "") + ".",
            points: points, marking: timelineMarking)))
        // Status breakdown.
        var counts: [Status: Int] = [:]
        for person in agreed { if let status = person.status { counts[status, default: 0] += 1 } }
        let statusPoints = Status.allCases.compactMap { status in counts[status].map { Chart.Point(label: status.rawValue, value: $0) } }
        blocks.append(.chart(Chart(
            id: "status-breakdown", kind: .bars, title: "Reconciled status of the agreed list",
            description: "Reconciled status of people on the agreed list: " + statusPoints.map { "\($0.label) \($0.value)" }.joined(separator: ", ") + ".",
            points: statusPoints, marking: agreedMarking)))
        // By province.
        var provinces: [String: Int] = [:]
        for person in reconciliation.people { provinces[person.prisoner.province ?? "unknown", default: 0] += 1 }
        let provincePoints = provinces.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Chart.Point(label: $0.key, value: $0.value) }
        blocks.append(.chart(Chart(
            id: "by-province", kind: .bars, title: "People by province",
            description: "People in this edition by province: " + provincePoints.map { "\($0.label) \($0.value)" }.joined(separator: ", ") + ".",
            points: provincePoints, marking: recordsMarking)))
        return Section(kind: .charts, heading: "Charts", blocks: blocks)
    }

    /// The conditions and measures in force, each in words with its own text: "exile (must live abroad) until
    /// February 9, 2025". An edition that withholds the name shows the kinds and dates only.
    func conditionSummary(_ person: Reconciliation.Person) -> [Inline] {
        var content: [Inline] = []
        for condition in person.activeConditions + person.measures {
            if !content.isEmpty { content.append(.text("; ")) }
            var text = Prose.condition(condition.kind)
            if condition.text != Edition.identifyingDetailsWithheld, !condition.text.isEmpty { text += " (\(condition.text))" }
            content.append(.text(text))
            if let until = condition.until { content += [.text(" until "), .date(until)] }
        }
        return content
    }

    func prisoners() -> Section {
        let columns = [DataTable.Column("ID"), .init("Name"), .init("List"), .init("Province"), .init("Status"), .init("Released"),
                       .init("Conditions"), .init("Warnings")]
        let rows = reconciliation.people.map { person -> DataTable.Row in
            var warnings: [Inline] = []
            for warning in person.prisoner.warnings {
                if !warnings.isEmpty { warnings.append(.text("; ")) }
                warnings.append(.text(Prose.warning(warning.kind)))
                if let date = warning.date { warnings += [.text(" "), .date(date)] }
            }
            var marking = self.marking(person)
            marking = max(marking, (person.activeConditions + person.measures).map(\.marking).highest, person.prisoner.warnings.map(\.marking).highest)
            // Where the edition withholds the person's identifying details with the name, the table says so (the
            // conditions and warnings it keeps show their kinds and dates only).
            var withheld: [String] = []
            if person.nameWithheld { withheld.append(Edition.identifyingDetailsWithheld) }
            if person.partlyWithheld { withheld.append("some details withheld") }
            let name = self.name(person) + (withheld.isEmpty ? "" : " (" + withheld.joined(separator: "; ") + ")")
            let cells: [DataTable.Cell] = [.inlines([.code(person.prisoner.id)]), .text(name), .text(person.prisoner.list.rawValue),
                                           .text(person.prisoner.province ?? ""), .text(statusLabel(person)),
                                           person.releaseDate.map { .inlines([.date($0)]) } ?? .text(""), .inlines(conditionSummary(person)),
                                           .inlines(warnings)]
            return DataTable.Row(cells: cells, marking: marking, flagged: person.inConflict)
        }
        var blocks: [Block] = [.table(DataTable(kind: .prisoners, caption: "Prisoners in this edition (disputed: sources disagree)", columns: columns, rows: rows))]
        if edition.withheldRecords > 0 {
            // Counted over every record: those shown were found not to be withheld.
            let text = "\(Prose.count(edition.withheldRecords, "record")) withheld from this edition."
            blocks.append(.paragraph(Paragraph(marking: recordsMarking, content: [.emphasis(text)])))
        }
        return Section(kind: .prisoners, heading: "Prisoners", blocks: blocks)
    }

    func conditions() -> Section {
        // Each row counts one kind among everyone in the edition, and so does saying there is none: derived from every
        // record, every condition (its `until` decides whether it is in force, its kind whether it is a condition of
        // release) and every status claim (a condition of release is in force only for someone out).
        let population = reconciliation.people.map { max($0.statusMarking, $0.prisoner.conditions.lazy.map(\.marking).highest) }.highest
        func rows(_ conditions: (Reconciliation.Person) -> [ConditionClaim]) -> [DataTable.Row] {
            var byKind: [ConditionKind: [String]] = [:]
            for person in reconciliation.people {
                // Each person once per kind.
                for kind in Set(conditions(person).map(\.kind)) { byKind[kind, default: []].append(person.prisoner.id) }
            }
            return ConditionKind.allCases.compactMap { kind -> DataTable.Row? in
                guard let ids = byKind[kind] else { return nil }
                return DataTable.Row(cells: [kind.rawValue, "\(ids.count)", ids.joined(separator: ", ")], marking: population)
            }
        }
        let release = rows(\.activeConditions), measures = rows(\.measures)
        var blocks: [Block] = release.isEmpty
            ? [.paragraph(Paragraph(marking: population, content: [.text("No condition of release is in force in this edition.")]))]
            : [.table(DataTable(kind: .conditions, caption: "Conditions of release in force on \(list.asOf.prose) for people released or exiled, by kind",
                                columns: [.init("Condition"), .init("People", numeric: true), .init("IDs")], rows: release))]
        if !measures.isEmpty {
            blocks.append(.table(DataTable(kind: .conditions, caption: "Other measures in force on \(list.asOf.prose), in custody or out (not conditions of release)",
                                           columns: [.init("Measure"), .init("People", numeric: true), .init("IDs")], rows: measures)))
        }
        return Section(kind: .conditions, heading: "Conditions of release", blocks: blocks)
    }

    func watch() -> Section {
        let watched = reconciliation.people.filter { !$0.prisoner.warnings.isEmpty || $0.prisoner.statuses.contains { $0.value == .rearrested } }
        let rows = watched.map { person -> DataTable.Row in
            var warnings: [Inline] = []
            for warning in person.prisoner.warnings {
                if !warnings.isEmpty { warnings.append(.text("; ")) }
                warnings.append(.text(Prose.warning(warning.kind)))
                if let date = warning.date { warnings += [.text(" "), .date(date)] }
                warnings += cited((warning.issuer.map { " by \($0)" } ?? "") + ": \(warning.text)", warning.sourceID)
            }
            let marking = max(self.marking(person), person.prisoner.warnings.map(\.marking).highest,
                              person.prisoner.statuses.filter { $0.value == .rearrested }.map(\.marking).highest)
            return DataTable.Row(cells: [.inlines([.code(person.prisoner.id)]), .text(name(person)), .text(statusLabel(person)), .inlines(warnings)],
                                 marking: marking, flagged: person.status == .rearrested)
        }
        // Saying no one is derived from every record's warnings and status claims.
        let everyone = { reconciliation.people.map { max($0.statusMarking, $0.prisoner.warnings.lazy.map(\.marking).highest) }.highest }
        let blocks: [Block] = rows.isEmpty
            ? [.paragraph(Paragraph(marking: everyone(), content: [.text("No one in this edition is recorded as warned, harassed or re-arrested.")]))]
            : [.table(DataTable(kind: .watch, caption: "Everyone warned, harassed or re-arrested",
                                columns: [.init("ID"), .init("Name"), .init("Status"), .init("Warnings")], rows: rows))]
        return Section(kind: .watch, heading: "Re-arrest watch", blocks: blocks)
    }

    func otherCases() -> Section {
        let others = reconciliation.people.filter { $0.prisoner.list != .agreed }
        let rows = others.map { person in
            DataTable.Row(cells: [.inlines([.code(person.prisoner.id)]), .text(name(person)),
                                  .text(person.prisoner.list == .requested ? "requested, not included" : "other case"),
                                  .text(person.prisoner.province ?? ""), .text(statusLabel(person))],
                          marking: marking(person), flagged: person.inConflict)
        }
        let blocks: [Block] = rows.isEmpty
            ? [.paragraph(Paragraph(marking: recordsMarking, content: [.text("No requested or other case in this edition.")]))]
            : [.table(DataTable(kind: .other, caption: "Requested but not included, and other cases",
                                columns: [.init("ID"), .init("Name"), .init("Case"), .init("Province"), .init("Status")], rows: rows))]
        return Section(kind: .other, heading: "Requested but not included, and other cases", blocks: blocks)
    }

    func sources() -> Section {
        var blocks: [Block] = [.notes(notes)]
        if edition.withheldSources > 0 {
            // Counted over every source: those listed were found not to be withheld.
            let text = "\(Prose.count(edition.withheldSources, "source")) withheld from this edition."
            blocks.append(.paragraph(Paragraph(marking: list.sources.lazy.map(\.marking).highest, content: [.emphasis(text)])))
        }
        return Section(kind: .sources, heading: "Sources", blocks: blocks)
    }

    func provenance() -> Section {
        var rows = context.inputs.map { input in
            FactTable.Row(label: input.role, value: [.text(input.name)] + (input.sha256.map { [.text(", SHA-256 "), .code($0)] }
                                                                             ?? [.text(" (SHA-256 withheld: the file holds portions above this edition)")]),
                          // Shown, a hash is derived from all of the file; withheld, saying so is derived from which
                          // of its portions the edition holds (`marking` is the highest of them, see `Briefing.make`).
                          marking: input.marking)
        }
        rows.append(.init(label: "List", value: [.code(list.id), .text(", revision \(list.revision), facts as of "), .date(list.asOf)], marking: .public))
        rows.append(.init(label: "Built by", value: [.text("brief \(BriefVersion.current) on "), .date(context.date)], marking: .public))
        return Section(kind: .provenance, heading: "Provenance", blocks: [.facts(FactTable(caption: "Provenance", rows: rows))])
    }
}
