/// The sheets a list is written to and read from (docs/spreadsheets.md): one sheet a kind of thing, one row a
/// thing, columns named in the header row. A workbook holds them as sheets; a CSV folder as files named after them
/// in lower case (`statuses.csv`).
public enum ListSheets {
    /// The sheets in order, with their columns.
    public static let layout: [(name: String, columns: [String])] = [
        ("List", ["field", "value"]),
        ("Sources", ["id", "kind", "published", "href", "marking", "description"]),
        ("Counts", ["source", "date", "of", "value", "marking"]),
        ("People", ["id", "list", "marking", "name", "name marking", "gender", "born", "province",
                    "detention", "arrested", "facility", "sentence"]),
        ("Details", ["person", "field", "text", "marking"]),
        ("Statuses", ["person", "value", "date", "source", "marking", "note"]),
        ("Conditions", ["person", "kind", "since", "until", "source", "marking", "text"]),
        ("Warnings", ["person", "kind", "date", "issuer", "source", "marking", "text"]),
    ]

    /// The fields of the `List` sheet, in the order they are written.
    public static let listFields = ["id", "revision", "asOf", "marking", "title", "submitter", "submitter contact",
                                    "agreement announced", "agreement committed", "agreement coverage", "agreement marking",
                                    "agreement party", "agreement summary"]

    /// The kinds of row of the `Details` sheet.
    public static let detailFields = ["alias", "affiliation", "charge", "note"]

    // MARK: - Writing

    /// The list as sheets: everything the format has, each portion with the marking it declared.
    public static func tables(of list: PrisonerList) -> [SheetTable] {
        func t(_ text: String?) -> CellValue? { text.map(CellValue.text) }
        func m(_ marking: Marking?) -> CellValue? { marking.map { .text($0.name) } }
        func n(_ value: Int?) -> CellValue? {
            // Past 2^53 a spreadsheet's floating-point number is not exact: such a number is written as text.
            value.map { abs($0) < 9_007_199_254_740_992 ? .number(String($0)) : .text(String($0)) }
        }
        func d(_ day: Day?) -> CellValue? { day.map { .text($0.iso) } }

        var listRows: [[CellValue?]] = [
            [t("id"), t(list.id)], [t("revision"), n(list.revision)], [t("asOf"), d(list.asOf)],
            [t("marking"), m(list.defaultMarking)], [t("title"), t(list.title)], [t("submitter"), t(list.submitter)],
        ]
        if let contact = list.submitterContact { listRows.append([t("submitter contact"), t(contact)]) }
        if let agreement = list.agreement {
            listRows.append([t("agreement announced"), d(agreement.announced)])
            if let committed = agreement.committed { listRows.append([t("agreement committed"), n(committed)]) }
            if agreement.coverage != .complete { listRows.append([t("agreement coverage"), t(agreement.coverage.rawValue)]) }
            if let marking = agreement.declaredMarking { listRows.append([t("agreement marking"), m(marking)]) }
            for party in agreement.parties { listRows.append([t("agreement party"), t(party)]) }
            if let summary = agreement.summary { listRows.append([t("agreement summary"), t(summary)]) }
        }
        var tables = layout.map { SheetTable(name: $0.name, header: $0.columns) }
        tables[0].rows = listRows
        tables[1].rows = list.sources.map { [t($0.id), t($0.kind.rawValue), d($0.published), t($0.href), m($0.declaredMarking), t($0.description)] }
        tables[2].rows = list.counts.map { [t($0.sourceID), d($0.date), t($0.subject.rawValue), n($0.value), m($0.declaredMarking)] }
        for prisoner in list.prisoners {
            let id = t(prisoner.id)
            let detention = prisoner.detention
            tables[3].rows.append([id, t(prisoner.list.rawValue), m(prisoner.declaredMarking), t(prisoner.name.text),
                                   m(prisoner.name.declaredMarking), t(prisoner.gender?.rawValue), n(prisoner.born), t(prisoner.province),
                                   detention == nil ? nil : t("yes"), d(detention?.arrested), t(detention?.facility), t(detention?.sentence)])
            for alias in prisoner.aliases { tables[4].rows.append([id, t("alias"), t(alias.text), m(alias.declaredMarking)]) }
            for affiliation in prisoner.affiliations { tables[4].rows.append([id, t("affiliation"), t(affiliation), nil]) }
            for charge in detention?.charges ?? [] { tables[4].rows.append([id, t("charge"), t(charge), nil]) }
            for note in prisoner.notes { tables[4].rows.append([id, t("note"), t(note.text), m(note.declaredMarking)]) }
            for status in prisoner.statuses {
                tables[5].rows.append([id, t(status.value.rawValue), d(status.date), t(status.sourceID), m(status.declaredMarking), t(status.note)])
            }
            for condition in prisoner.conditions {
                tables[6].rows.append([id, t(condition.kind.rawValue), d(condition.since), d(condition.until), t(condition.sourceID),
                                       m(condition.declaredMarking), t(condition.text)])
            }
            for warning in prisoner.warnings {
                tables[7].rows.append([id, t(warning.kind.rawValue), d(warning.date), t(warning.issuer), t(warning.sourceID),
                                       m(warning.declaredMarking), t(warning.text)])
            }
        }
        return tables
    }

    // MARK: - Reading

    /// A list read from sheets, before validation: its values' anchors are indexes into `origins`, the cell each
    /// value came from, so that a diagnostic on the list written from it is traced back to a cell.
    public struct Draft: Sendable {
        public var list: PrisonerList?
        public var problems: [IntakeProblem]
        public var origins: [CellLocation]

        /// The cell of a model value's anchor.
        public func origin(of anchor: SourceAnchor) -> CellLocation? {
            origins.indices.contains(anchor.offset) ? origins[anchor.offset] : nil
        }
    }

    /// Reads a list from sheets named as `layout` names them (case-insensitively). Every problem is collected, each
    /// at its cell; the draft's list is nil if there is one.
    public static func draft(from sheets: [ReadSheet], source: String) -> Draft {
        var reader = DraftReader(source: source)
        return reader.read(sheets)
    }
}

/// Reads the sheets row by row, keeping every problem with its cell.
struct DraftReader {
    let source: String
    var problems: [IntakeProblem] = []
    var origins: [CellLocation] = []

    init(source: String) { self.source = source }

    /// One row of a sheet, with its columns found by header.
    struct Row {
        let sheet: ReadSheet
        let number: Int
        let cells: [CellValue?]
        let columns: [String: Int]

        func location(_ column: String) -> CellLocation {
            sheet.location(row: number, column: (columns[column] ?? 0) + 1)
        }

        func value(_ column: String) -> CellValue? {
            guard let index = columns[column], index < cells.count else { return nil }
            return cells[index]
        }
    }

    mutating func anchor(_ location: CellLocation) -> SourceAnchor {
        origins.append(location)
        return SourceAnchor(offset: origins.count - 1)
    }

    mutating func problem(_ location: CellLocation, _ message: String, help: String? = nil) {
        problems.append(IntakeProblem(location, message, help: help))
    }

    /// A cell's text, collapsed as the format collapses text; nil when empty.
    mutating func text(_ row: Row, _ column: String) -> String? {
        guard let value = row.value(column) else { return nil }
        let text = value.text.collapsingXMLWhitespace()
        return text.isEmpty ? nil : text
    }

    mutating func required(_ row: Row, _ column: String) -> String? {
        guard let text = text(row, column) else {
            problem(row.location(column), "the '\(column)' cell is empty", help: "every \(row.sheet.name) row needs its '\(column)'")
            return nil
        }
        return text
    }

    mutating func date(_ row: Row, _ column: String) -> Day? {
        switch row.value(column) {
        case nil: return nil
        case .date(let day)?: return day
        case .text(let text)?:
            let trimmed = text.trimmingXMLWhitespace()
            if trimmed.isEmpty { return nil }
            if let day = Day(iso: trimmed) { return day }
            problem(row.location(column), "'\(Escaping.bounded(trimmed, limit: 40))' is not a date", help: "write dates as YYYY-MM-DD (2015-01-12), or format the cell as a date")
        case .number?:
            problem(row.location(column), "a number where a date is expected", help: "format the cell as a date, or write it as YYYY-MM-DD text")
        case .boolean?:
            problem(row.location(column), "a true/false value where a date is expected", help: "write dates as YYYY-MM-DD")
        }
        return nil
    }

    mutating func number(_ row: Row, _ column: String) -> Int? {
        guard let value = row.value(column) else { return nil }
        let text: String
        switch value {
        case .number(let raw): text = raw
        case .text(let raw): text = raw
        default:
            problem(row.location(column), "'\(value.text)' is not a whole number")
            return nil
        }
        let trimmed = text.trimmingXMLWhitespace()
        if trimmed.isEmpty { return nil }
        if trimmed.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let number = Int(trimmed) { return number }
        if case .number = value, let number = CellValue.wholeNumber(trimmed), number >= 0 { return number }
        problem(row.location(column), "'\(Escaping.bounded(trimmed, limit: 40))' is not a whole number")
        return nil
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ row: Row, _ column: String, _ type: T.Type, required: Bool = true) -> T? where T.RawValue == String {
        guard let text = required ? self.required(row, column) : self.text(row, column) else { return nil }
        if let value = T(rawValue: text) { return value }
        problem(row.location(column), "'\(Escaping.bounded(text, limit: 40))' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    mutating func marking(_ row: Row, _ column: String) -> Marking? {
        guard let text = text(row, column) else { return nil }
        if let marking = Marking(attribute: text) { return marking }
        problem(row.location(column), "'\(Escaping.bounded(text, limit: 40))' is not a marking", help: "use public, committee or restricted, or leave the cell empty")
        return nil
    }

    /// The sheet's rows after its header, with the header's columns; nil (and a problem) if it is missing.
    mutating func rows(of name: String, in sheets: [ReadSheet], required: Bool) -> [Row]? {
        guard let columns = ListSheets.layout.first(where: { $0.name == name })?.columns else { return nil }
        guard let sheet = sheets.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            if required {
                problem(CellLocation(file: source, sheet: nil, row: 1, column: 1), "there is no '\(name)' sheet",
                        help: "a list's spreadsheet has the sheets \(ListSheets.layout.map(\.name).joined(separator: ", ")) (docs/spreadsheets.md)")
            }
            return required ? nil : []
        }
        guard let header = sheet.rows.first else { return [] }
        var found: [String: Int] = [:]
        for (index, cell) in header.cells.enumerated() {
            guard let cell else { continue }
            let title = cell.text.collapsingXMLWhitespace().lowercased()
            guard !title.isEmpty else { continue }
            guard let column = columns.first(where: { $0.lowercased() == title }) else {
                problem(sheet.location(row: header.number, column: index + 1), "'\(Escaping.bounded(title, limit: 40))' is not a column of the \(sheet.name) sheet",
                        help: "its columns are: \(columns.joined(separator: ", "))")
                continue
            }
            if found[column] != nil {
                problem(sheet.location(row: header.number, column: index + 1), "the column '\(column)' appears twice")
            }
            found[column] = index
        }
        for column in columns where found[column] == nil && !["marking", "name marking", "note", "href", "published", "since", "until",
                                                                  "date", "issuer", "gender", "born", "province", "detention", "arrested",
                                                                  "facility", "sentence"].contains(column) {
            problem(sheet.location(row: header.number, column: 1), "the \(sheet.name) sheet has no '\(column)' column",
                    help: "its columns are: \(columns.joined(separator: ", "))")
        }
        return sheet.rows.dropFirst().map { Row(sheet: sheet, number: $0.number, cells: $0.cells, columns: found) }
    }

    mutating func read(_ sheets: [ReadSheet]) -> ListSheets.Draft {
        let listRows = rows(of: "List", in: sheets, required: true)
        let sourceRows = rows(of: "Sources", in: sheets, required: true)
        let countRows = rows(of: "Counts", in: sheets, required: false)
        let peopleRows = rows(of: "People", in: sheets, required: true)
        let detailRows = rows(of: "Details", in: sheets, required: false)
        let statusRows = rows(of: "Statuses", in: sheets, required: true)
        let conditionRows = rows(of: "Conditions", in: sheets, required: false)
        let warningRows = rows(of: "Warnings", in: sheets, required: false)
        guard let listRows, let sourceRows, let peopleRows, let statusRows, problems.isEmpty else {
            return ListSheets.Draft(list: nil, problems: problems, origins: origins)
        }

        // The List sheet: one field a row.
        var fields: [String: (Row, [String])] = [:]
        var rootAnchor = SourceAnchor(offset: 0)
        var agreementAnchor: SourceAnchor?
        for row in listRows {
            guard let field = text(row, "field")?.lowercased() else {
                if text(row, "value") != nil { problem(row.location("field"), "the field's name is empty") }
                continue
            }
            guard let name = ListSheets.listFields.first(where: { $0.lowercased() == field }) else {
                problem(row.location("field"), "'\(Escaping.bounded(field, limit: 40))' is not a field of the List sheet",
                        help: "its fields are: \(ListSheets.listFields.joined(separator: ", "))")
                continue
            }
            if name == "id" { rootAnchor = anchor(row.location("value")) }
            if name.hasPrefix("agreement"), agreementAnchor == nil { agreementAnchor = anchor(row.location("value")) }
            if name != "agreement party", fields[name] != nil {
                problem(row.location("field"), "the field '\(name)' is given twice")
                continue
            }
            let value = text(row, "value")
            var entry = fields[name] ?? (row, [])
            if let value { entry.1.append(value) }
            fields[name] = entry
        }
        func listValue(_ name: String) -> String? { fields[name]?.1.first }
        func listRow(_ name: String) -> Row? { fields[name]?.0 }
        func requiredField(_ name: String) -> String? {
            if let value = listValue(name) { return value }
            let location = listRow(name)?.location("value") ?? CellLocation(file: listRows.first?.sheet.file ?? source, sheet: listRows.first?.sheet.inWorkbook == true ? "List" : nil, row: 1, column: 1)
            problem(location, "the list's '\(name)' is missing", help: "add a row with '\(name)' in the field column and its value beside it")
            return nil
        }
        let id = requiredField("id")
        var revision: Int?
        if let row = listRow("revision") { revision = number(row, "value") } else { _ = requiredField("revision") }
        var asOf: Day?
        if let row = listRow("asOf") { asOf = date(row, "value") } else { _ = requiredField("asOf") }
        var defaultMarking = Marking.committee
        if let row = listRow("marking") { defaultMarking = marking(row, "value") ?? .committee }
        let title = requiredField("title")
        let submitter = requiredField("submitter")

        var agreement: Agreement?
        if let agreementAnchor {
            var announced: Day?
            if let row = listRow("agreement announced") { announced = date(row, "value") } else { _ = requiredField("agreement announced") }
            let committed = listRow("agreement committed").flatMap { number($0, "value") }
            var coverage = Coverage.complete
            if let row = listRow("agreement coverage"), let value = choice(row, "value", Coverage.self, required: false) { coverage = value }
            let declared = listRow("agreement marking").flatMap { marking($0, "value") }
            if let announced {
                agreement = Agreement(announced: announced, committed: committed, coverage: coverage, parties: fields["agreement party"]?.1 ?? [],
                                      summary: listValue("agreement summary"), marking: declared ?? defaultMarking, declaredMarking: declared,
                                      anchor: agreementAnchor)
            }
        }

        var sources: [Source] = []
        for row in sourceRows {
            let id = required(row, "id"), kind = choice(row, "kind", SourceKind.self), description = required(row, "description")
            let published = date(row, "published"), href = text(row, "href"), declared = marking(row, "marking")
            guard let id, let kind, let description else { continue }
            sources.append(Source(id: id, kind: kind, published: published, href: href, description: description,
                                  marking: declared ?? defaultMarking, declaredMarking: declared, anchor: anchor(row.location("id"))))
        }
        var counts: [CountClaim] = []
        for row in countRows ?? [] {
            let source = required(row, "source"), day = date(row, "date"), subject = choice(row, "of", CountSubject.self)
            let value = number(row, "value"), declared = marking(row, "marking")
            if day == nil, text(row, "date") == nil { problem(row.location("date"), "the 'date' cell is empty") }
            if value == nil, text(row, "value") == nil { problem(row.location("value"), "the 'value' cell is empty") }
            guard let source, let day, let subject, let value else { continue }
            counts.append(CountClaim(sourceID: source, date: day, subject: subject, value: value, marking: declared ?? defaultMarking,
                                     declaredMarking: declared, anchor: anchor(row.location("source"))))
        }

        var prisoners: [Prisoner] = []
        var index: [String: Int] = [:]
        for row in peopleRows {
            let id = required(row, "id"), list = choice(row, "list", ListKind.self), declared = marking(row, "marking")
            let name = required(row, "name"), nameMarking = marking(row, "name marking")
            let gender = choice(row, "gender", Gender.self, required: false)
            let born = number(row, "born"), province = text(row, "province")
            let arrested = date(row, "arrested"), facility = text(row, "facility"), sentence = text(row, "sentence")
            let detentionFlag = text(row, "detention")
            if let detentionFlag, !["yes", "true", "no", "false"].contains(detentionFlag.lowercased()) {
                problem(row.location("detention"), "'\(Escaping.bounded(detentionFlag, limit: 40))' is not yes or no",
                        help: "write yes when the record has a detention, even one with no date, facility or sentence")
            }
            guard let id, let list, let name else { continue }
            if index[id] != nil {
                problem(row.location("id"), "the person '\(id)' has a second row", help: "give each person one People row; claims go on the other sheets")
                continue
            }
            let recordAnchor = anchor(row.location("id"))
            let marking = declared ?? defaultMarking
            var detention: Detention?
            if ["yes", "true"].contains(detentionFlag?.lowercased() ?? "") || arrested != nil || facility != nil || sentence != nil {
                detention = Detention(arrested: arrested, facility: facility, sentence: sentence, charges: [], anchor: anchor(row.location("arrested")))
            }
            var prisoner = Prisoner(id: id, list: list, marking: marking, declaredMarking: declared,
                                    name: MarkedText(text: name, marking: nameMarking ?? marking, declaredMarking: nameMarking, anchor: anchor(row.location("name"))),
                                    aliases: [], gender: gender, born: born, province: province, affiliations: [], detention: detention,
                                    statuses: [], conditions: [], warnings: [], notes: [], anchor: recordAnchor)
            if born != nil { prisoner.bornAnchor = anchor(row.location("born")) }
            index[id] = prisoners.count
            prisoners.append(prisoner)
        }
        func person(_ row: Row) -> Int? {
            guard let id = required(row, "person") else { return nil }
            guard let position = index[id] else {
                problem(row.location("person"), "no People row has the id '\(Escaping.bounded(id, limit: 64))'", help: "add the person to the People sheet, or correct the id")
                return nil
            }
            return position
        }
        for row in detailRows ?? [] {
            let position = person(row)
            let field = choiceOf(row, "field", ListSheets.detailFields)
            let text = required(row, "text"), declared = marking(row, "marking")
            guard let position, let field, let text else { continue }
            let inherited = prisoners[position].marking
            switch field {
            case "alias": prisoners[position].aliases.append(MarkedText(text: text, marking: declared ?? inherited, declaredMarking: declared, anchor: anchor(row.location("text"))))
            case "note": prisoners[position].notes.append(MarkedText(text: text, marking: declared ?? inherited, declaredMarking: declared, anchor: anchor(row.location("text"))))
            default:
                if declared != nil { problem(row.location("marking"), "a\(field == "affiliation" ? "n" : "") \(field) cannot carry a marking", help: "leave the cell empty; it takes the record's marking") }
                if field == "affiliation" {
                    prisoners[position].affiliations.append(text)
                } else {
                    if prisoners[position].detention == nil {
                        prisoners[position].detention = Detention(arrested: nil, facility: nil, sentence: nil, charges: [], anchor: anchor(row.location("text")))
                    }
                    prisoners[position].detention?.charges.append(text)
                }
            }
        }
        for row in statusRows {
            let position = person(row), value = choice(row, "value", Status.self), day = date(row, "date")
            let source = required(row, "source"), declared = marking(row, "marking"), note = text(row, "note")
            if day == nil, text(row, "date") == nil { problem(row.location("date"), "the 'date' cell is empty") }
            guard let position, let value, let day, let source else { continue }
            prisoners[position].statuses.append(StatusClaim(value: value, date: day, sourceID: source, note: note,
                                                            marking: declared ?? prisoners[position].marking, declaredMarking: declared,
                                                            anchor: anchor(row.location("value"))))
        }
        for row in conditionRows ?? [] {
            let position = person(row), kind = choice(row, "kind", ConditionKind.self), since = date(row, "since"), until = date(row, "until")
            let source = required(row, "source"), declared = marking(row, "marking"), text = required(row, "text")
            guard let position, let kind, let source, let text else { continue }
            prisoners[position].conditions.append(ConditionClaim(kind: kind, since: since, until: until, sourceID: source, text: text,
                                                                 marking: declared ?? prisoners[position].marking, declaredMarking: declared,
                                                                 anchor: anchor(row.location("kind"))))
        }
        for row in warningRows ?? [] {
            let position = person(row), kind = choice(row, "kind", WarningKind.self), day = date(row, "date"), issuer = self.text(row, "issuer")
            let source = required(row, "source"), declared = marking(row, "marking"), text = required(row, "text")
            guard let position, let kind, let source, let text else { continue }
            prisoners[position].warnings.append(WarningClaim(kind: kind, date: day, issuer: issuer, sourceID: source, text: text,
                                                             marking: declared ?? prisoners[position].marking, declaredMarking: declared,
                                                             anchor: anchor(row.location("kind"))))
        }
        for prisoner in prisoners where prisoner.statuses.isEmpty {
            if let location = origins.indices.contains(prisoner.anchor.offset) ? origins[prisoner.anchor.offset] : nil {
                problem(location, "the person '\(prisoner.id)' has no Statuses row", help: "every person needs at least one status claim, with its source")
            }
        }

        guard problems.isEmpty, let id, let revision, let asOf, let title, let submitter else {
            return ListSheets.Draft(list: nil, problems: problems, origins: origins)
        }
        let list = PrisonerList(id: id, revision: revision, asOf: asOf, defaultMarking: defaultMarking, title: title, submitter: submitter,
                                submitterContact: listValue("submitter contact"), agreement: agreement, sources: sources, counts: counts,
                                prisoners: prisoners, anchor: rootAnchor)
        return ListSheets.Draft(list: list, problems: [], origins: origins)
    }

    mutating func choiceOf(_ row: Row, _ column: String, _ values: [String]) -> String? {
        guard let text = required(row, column) else { return nil }
        if let value = values.first(where: { $0 == text.lowercased() }) { return value }
        problem(row.location(column), "'\(Escaping.bounded(text, limit: 40))' is not one of \(values.joined(separator: ", "))")
        return nil
    }
}
