/// One person's story as document blocks: who they are, their detention, every status claim, condition, measure
/// and warning with its own words, dates and source, and the record's notes — for the People section and for a
/// case sheet (one page per person).
///
/// It reads only the person as the edition cut it (`Edition` has already withheld what the audience may not see,
/// and a withheld name's identifying details with it), so it never decides what to withhold; it decides how each
/// portion is marked: a block or row is marked by everything it shows or was derived from, never less.
struct PersonStory {
    let person: Reconciliation.Person
    /// The list's `asOf`: the day "in force" and "ended" are judged on.
    let asOf: Day
    /// The note number citing a source, nil when the edition prints no note for it.
    let noteNumber: (String) -> Int?

    init(person: Reconciliation.Person, edition: Edition, noteNumber: @escaping (String) -> Int?) {
        self.person = person
        self.asOf = edition.list.asOf
        self.noteNumber = noteNumber
    }

    private var prisoner: Prisoner { person.prisoner }

    /// What the person is called in the edition: the name, or words saying it is withheld (never the withheld name).
    var displayName: String {
        person.nameWithheld ? "name withheld" : prisoner.name.text
    }

    /// The marking of the name as shown: the name's own, or, withheld, the record's (the edition put it in the name).
    var nameMarking: Marking { max(prisoner.marking, prisoner.name.marking) }

    /// The heading that names the person: "Ana Pérez (CU-001)", "Name withheld (CU-001)".
    var headingText: String {
        (person.nameWithheld ? "Name withheld" : prisoner.name.text) + " (\(prisoner.id))"
    }

    // MARK: Sections

    /// The person's case sheet: a page of its own, headed by the name (portion-marked: it shows the name).
    func section(startsOnNewPage: Bool) -> Section {
        let heading = person.nameWithheld ? "Name withheld (\(prisoner.id))" : prisoner.name.text
        return Section(kind: .caseSheet, heading: heading, headingMarking: nameMarking, anchor: Self.anchor(forID: prisoner.id),
                       startsOnNewPage: startsOnNewPage, blocks: blocks(forCaseSheet: true))
    }

    /// The People section: for each person of the edition, in list order, a heading with the name and id, then the
    /// person's story. Linear in the number of people: each story reads its own record only.
    static func peopleSection(reconciliation: Reconciliation, noteNumber: @escaping (String) -> Int?) -> Section {
        let edition = reconciliation.edition
        var blocks: [Block] = []
        blocks.reserveCapacity(reconciliation.people.count * 8)
        for person in reconciliation.people {
            let story = PersonStory(person: person, edition: edition, noteNumber: noteNumber)
            blocks.append(.heading(Heading(text: story.headingText, marking: story.nameMarking)))
            blocks += story.blocks(forCaseSheet: false)
        }
        if blocks.isEmpty {
            // Nothing shown says nothing of any record: the edition holds none.
            blocks.append(.paragraph(Paragraph(marking: .public, content: [.text("This edition holds no one's record.")])))
        }
        return Section(kind: .people, heading: "People", blocks: blocks)
    }

    /// The case sheet's anchor: `person-` and the id in lower case. Ids of capitals, digits and hyphens (`CU-001`)
    /// map one to one onto that; any other id is spelled out after `person--` (which no such anchor starts with):
    /// `-` as `--`, `.` as `-0`, `_` as `-1`, a small letter as `-` and the letter, so that `CU.1`, `CU_1` and `cu-1`
    /// never share an anchor with each other or with `CU-1`.
    static func anchor(forID id: String) -> String {
        let plain = id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if plain { return "person-" + id.lowercased() }
        var spelled = "person--"
        for scalar in id.unicodeScalars {
            switch scalar {
            case "A"..."Z": spelled += String(scalar).lowercased()
            case "0"..."9": spelled.unicodeScalars.append(scalar)
            case "a"..."z": spelled += "-" + String(scalar)
            case "-": spelled += "--"
            case ".": spelled += "-0"
            case "_": spelled += "-1"
            // Not an id character (the schema allows none other): written by its code, still of `[a-z0-9-]`.
            default: spelled += "-x" + String(scalar.value, radix: 16) + "-"
            }
        }
        return spelled
    }

    // MARK: Blocks

    /// The person's story. A case sheet shows the id and name in its facts too; the People section has them in the
    /// heading above.
    func blocks(forCaseSheet: Bool) -> [Block] {
        // On a case sheet the parts sit under the section's heading (the name); in the People section, under the
        // person's own heading.
        let subLevel = forCaseSheet ? 1 : 2
        var blocks: [Block] = []
        if person.nameWithheld {
            // Said once; the parts below leave the placeholder texts out.
            let text = "Identifying details are withheld in this edition: the name, aliases, year of birth, affiliations, "
                + "detention and notes, and the words of each status report, condition and warning."
            blocks.append(.paragraph(Paragraph(marking: prisoner.marking, content: [.emphasis(text)])))
        } else if person.partlyWithheld {
            blocks.append(.paragraph(Paragraph(marking: prisoner.marking,
                                               content: [.emphasis("Some details of this record are withheld from this edition.")])))
        }
        blocks.append(.facts(FactTable(caption: "Who, and where the case stands", rows: factRows(forCaseSheet: forCaseSheet))))
        if let detention = detentionRows(), !detention.isEmpty {
            blocks.append(.heading(Heading(text: "Detention", marking: nil, level: subLevel)))
            blocks.append(.facts(FactTable(caption: "Arrest, facility, sentence and charges", rows: detention)))
        }
        let timeline = statusItems()
        if !timeline.isEmpty {
            blocks.append(.heading(Heading(text: "Status history", marking: nil, level: subLevel)))
            blocks.append(.bullets(BulletList(items: timeline, ordered: true)))
        }
        if !prisoner.conditions.isEmpty {
            blocks.append(.heading(Heading(text: "Conditions and measures", marking: nil, level: subLevel)))
            blocks.append(.bullets(BulletList(items: prisoner.conditions.map(conditionItem))))
        }
        if !prisoner.warnings.isEmpty {
            blocks.append(.heading(Heading(text: "Warnings", marking: nil, level: subLevel)))
            blocks.append(.bullets(BulletList(items: prisoner.warnings.map(warningItem))))
        }
        if !prisoner.notes.isEmpty {
            blocks.append(.heading(Heading(text: "Notes", marking: nil, level: subLevel)))
            blocks.append(.bullets(BulletList(items: prisoner.notes.map { note in
                Paragraph(marking: max(prisoner.marking, note.marking), content: [.text(note.text)])
            })))
        }
        return blocks
    }

    /// Who the person is and where the case stands. Each row is marked by what it shows: the record for what the
    /// record holds, the name or aliases for those, the status claims for what is reconciled from them.
    func factRows(forCaseSheet: Bool) -> [FactTable.Row] {
        let record = prisoner.marking
        var rows: [FactTable.Row] = []
        // The name is the sheet's heading (marked as the name): the table gives the id the heading lacks.
        if forCaseSheet { rows.append(.init(label: "ID", value: [.code(prisoner.id)], marking: record)) }
        if !prisoner.aliases.isEmpty {
            rows.append(.init(label: prisoner.aliases.count == 1 ? "Alias" : "Aliases",
                              value: [.text(prisoner.aliases.map(\.text).joined(separator: "; "))],
                              marking: max(record, prisoner.aliases.lazy.map(\.marking).highest)))
        }
        rows.append(.init(label: "List", value: [.text(Prose.list(prisoner.list))], marking: record))
        if let gender = prisoner.gender {
            rows.append(.init(label: "Gender", value: [.text(gender == .unknown ? "not known" : gender.rawValue)], marking: record))
        }
        if let born = prisoner.born { rows.append(.init(label: "Born", value: [.text(String(born))], marking: record)) }
        if let province = prisoner.province { rows.append(.init(label: "Province", value: [.text(province)], marking: record)) }
        if !prisoner.affiliations.isEmpty {
            rows.append(.init(label: prisoner.affiliations.count == 1 ? "Affiliation" : "Affiliations",
                              value: [.text(prisoner.affiliations.joined(separator: "; "))], marking: record))
        }
        // The reconciled status, whether sources dispute it, which claim decided it and the release date are all
        // derived from every status claim of the record.
        if let status = person.status, let claim = person.statusClaim {
            var value: [Inline] = [.text(Prose.status(status) + (person.inConflict ? " (disputed: sources disagree)" : ""))]
            value += citation(claim.sourceID, leadingSpace: true)
            rows.append(.init(label: "Status", value: value, marking: person.statusMarking))
        } else {
            rows.append(.init(label: "Status", value: [.text("no status reported in this edition")], marking: person.statusMarking))
        }
        if let released = person.releaseDate {
            rows.append(.init(label: "Released", value: [.date(released)], marking: person.statusMarking))
        }
        // Conditions and warnings are listed in full below, each with its words: no count of them here.
        return rows
    }

    /// The detention's rows, all of the record's marking (the detention has none of its own); nil without one.
    func detentionRows() -> [FactTable.Row]? {
        guard let detention = prisoner.detention else { return nil }
        let record = prisoner.marking
        var rows: [FactTable.Row] = []
        if let arrested = detention.arrested { rows.append(.init(label: "Arrested", value: [.date(arrested)], marking: record)) }
        if let facility = detention.facility { rows.append(.init(label: "Facility", value: [.text(facility)], marking: record)) }
        if let sentence = detention.sentence {
            rows.append(.init(label: "Sentence", value: [.text(Self.sentenceWords(sentence))], marking: record))
        }
        if !detention.charges.isEmpty {
            rows.append(.init(label: detention.charges.count == 1 ? "Charge" : "Charges",
                              value: [.text(detention.charges.joined(separator: "; "))], marking: record))
        }
        return rows
    }

    /// Every status claim, oldest first (claims of one date in the order written), each marked by its claim.
    func statusItems() -> [Paragraph] {
        let ordered = prisoner.statuses.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
        }
        return ordered.map { _, claim in
            var content: [Inline] = [.date(claim.date), .text(": " + Prose.status(claim.value))]
            if let note = shownText(claim.note) { content.append(.text(" — " + note)) }
            content += citation(claim.sourceID, leadingSpace: true)
            return Paragraph(marking: max(prisoner.marking, claim.marking), content: content)
        }
    }

    /// Whether a condition is in force on `asOf`, and the marking of saying so.
    struct Standing {
        var words: String
        var inForce: Bool
        /// The condition's, and for a condition of release still running, the status claims' too: whether it is in
        /// force then depends on whether the person is out (as `Reconciliation.activeConditions` decides).
        var marking: Marking
    }

    func standing(_ condition: ConditionClaim) -> Standing {
        let own = max(prisoner.marking, condition.marking)
        if let until = condition.until, until < asOf { return Standing(words: "ended", inForce: false, marking: own) }
        guard condition.kind.isConditionOfRelease else { return Standing(words: "in force", inForce: true, marking: own) }
        let derived = max(own, person.statusMarking)
        switch person.status?.conflictClass {
        case .out?: return Standing(words: "in force", inForce: true, marking: derived)
        case .inCustody?: return Standing(words: "not in force while in custody", inForce: false, marking: derived)
        case .deceased?: return Standing(words: "not in force", inForce: false, marking: derived)
        case .unconfirmed?, nil: return Standing(words: "not in force until a release is confirmed", inForce: false, marking: derived)
        }
    }

    /// "Parole, from January 1, 2015, to June 28, 2017; in force as of January 13, 2015: Released on parole … [2]".
    func conditionItem(_ condition: ConditionClaim) -> Paragraph {
        let state = standing(condition)
        var content: [Inline] = [.strong(Prose.capitalized(Prose.condition(condition.kind)))]
        switch (condition.since, condition.until) {
        case let (since?, until?): content += [.text(", from "), .date(since), .text(", to "), .date(until)]
        case let (since?, nil): content += [.text(", since "), .date(since)]
        case let (nil, until?): content += [.text(", until "), .date(until)]
        case (nil, nil): break
        }
        content += [.text("; \(state.words) as of "), .date(asOf)]
        if let text = shownText(condition.text) { content.append(.text(": " + text)) }
        content += citation(condition.sourceID, leadingSpace: true)
        return Paragraph(marking: state.marking, content: content)
    }

    /// "Warned of re-arrest on January 2, 2015, by State Security: “Warned they would be re-arrested …” [3]".
    func warningItem(_ warning: WarningClaim) -> Paragraph {
        var content: [Inline] = [.strong(Prose.capitalized(Prose.warning(warning.kind)))]
        if let date = warning.date { content += [.text(" on "), .date(date)] }
        if let issuer = warning.issuer { content.append(.text((warning.date == nil ? " by " : ", by ") + issuer)) }
        if let text = shownText(warning.text) { content.append(.text(": “" + text + "”")) }
        content += citation(warning.sourceID, leadingSpace: true)
        return Paragraph(marking: max(prisoner.marking, warning.marking), content: content)
    }

    // MARK: Helpers

    /// A free text as shown: nil when empty, or when it is the placeholder of a withheld name's details (said once,
    /// above, rather than in every line).
    func shownText(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        if person.nameWithheld, text == Edition.identifyingDetailsWithheld { return nil }
        return text
    }

    /// The citation of a source, when the edition prints its note.
    func citation(_ sourceID: String, leadingSpace: Bool) -> [Inline] {
        guard let number = noteNumber(sourceID) else { return [] }
        return leadingSpace ? [.text(" "), .citation(number)] : [.citation(number)]
    }

    /// An `xs:duration` in words: `P4Y6M` → "4 years 6 months", `P1Y` → "1 year", `P18M` → "18 months". A duration
    /// this cannot read (negative, fractional but for seconds, malformed) is shown as written.
    static func sentenceWords(_ duration: String) -> String {
        let dateUnits: [Character: (String, String)] = ["Y": ("year", "years"), "M": ("month", "months"), "W": ("week", "weeks"), "D": ("day", "days")]
        let timeUnits: [Character: (String, String)] = ["H": ("hour", "hours"), "M": ("minute", "minutes"), "S": ("second", "seconds")]
        let order: [Character] = ["Y", "M", "W", "D"], timeOrder: [Character] = ["H", "M", "S"]
        var rest = Substring(duration.trimmingXMLWhitespace())
        guard rest.first == "P" else { return duration }
        rest = rest.dropFirst()
        var parts: [String] = []
        var inTime = false
        var number = ""
        // Designators must come in order, each once: the index reached so far in the current part.
        var nextDate = 0, nextTime = 0
        for character in rest {
            if character.isASCII, character.isNumber || (inTime && character == ".") {
                number.append(character)
                continue
            }
            if character == "T", !inTime, number.isEmpty {
                inTime = true
                continue
            }
            let units = inTime ? timeUnits : dateUnits
            let unitOrder = inTime ? timeOrder : order
            guard !number.isEmpty, let unit = units[character],
                  let position = unitOrder.firstIndex(of: character), position >= (inTime ? nextTime : nextDate)
            else { return duration }
            if number.contains("."), character != "S" { return duration }
            if inTime { nextTime = position + 1 } else { nextDate = position + 1 }
            let trimmed = number.drop { $0 == "0" }
            let shown = trimmed.isEmpty || trimmed.first == "." ? "0" + trimmed : String(trimmed)
            parts.append("\(shown) \(shown == "1" ? unit.0 : unit.1)")
            number = ""
        }
        // A `T` must be followed by a time part (`P1YT` is no duration).
        guard number.isEmpty, !parts.isEmpty, !inTime || nextTime > 0 else { return duration }
        return parts.joined(separator: " ")
    }
}
