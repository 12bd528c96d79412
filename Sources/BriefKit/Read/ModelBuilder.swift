import BriefXML

/// What a file turned out to be.
public enum ReadDocument: Sendable {
    case list(PrisonerList)
    case manifest(BriefManifest)
}

/// Builds the typed model from the parser's event stream, and turns reading problems into findings with the
/// context only it knows (which prisoner an error is in).
///
/// The builder is lenient: it produces a model even from an invalid document, but the model is used only when
/// the schema passed, so missing values get harmless placeholders instead of errors here.
final class ModelBuilder: XMLContentHandler {
    private struct Frame {
        var name: String
        var offset: Int
        var attributes: [XMLAttribute]
        var inOurNamespace: Bool

        func attribute(_ name: String) -> String? {
            attributes.first { $0.localName == name && $0.namespace == nil }?.value
        }
    }

    private enum Kind { case unknown, list, manifest }

    let schemas: SchemaSet
    private(set) var findings: [Finding] = []
    private(set) var schemaValid = true

    private var kind = Kind.unknown
    private var stack: [Frame] = []
    private var text: [UInt8] = []

    // List being built.
    private var list = PrisonerList(id: "", revision: 0, asOf: Day.epoch, title: "", submitter: "")
    private var agreement: Agreement?
    private var prisoner: Prisoner?
    private var detention: Detention?
    private var sourceMarkings: [String: Marking] = [:]
    /// Every `source="..."` reference, to place keyref errors that libxml2 raises at the end of the list.
    private var references: [(id: String, element: String, anchor: SourceAnchor, record: String?)] = []
    private var reportedReferences: [String: Int] = [:]

    // Manifest being built.
    private var manifest = BriefManifest(id: "", memo: Memo(to: [], from: "", date: Day.epoch, subject: ""),
                                         audience: .committee, listHref: "", listAnchor: SourceAnchor(offset: 0),
                                         previousHref: nil, previousAnchor: nil, sections: nil)

    init(schemas: SchemaSet) {
        self.schemas = schemas
    }

    /// The model, if the root was one of ours.
    var document: ReadDocument? {
        switch kind {
        case .list: .list(list)
        case .manifest: .manifest(manifest)
        case .unknown: nil
        }
    }

    // MARK: XMLContentHandler

    func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema? {
        switch (namespace, localName) {
        case (PrisonerList.namespace?, "prisonerList"):
            kind = .list
            return schemas.list
        case (BriefManifest.namespace?, "brief"):
            kind = .manifest
            return schemas.manifest
        default:
            let qualified = namespace.map { "'\(localName)' in namespace '\($0)'" } ?? "'\(localName)' in no namespace"
            schemaValid = false
            findings.append(Finding(rule: RuleCatalog.schema.id, severity: .error,
                                    message: "the root element is \(qualified); expected a prisoner list ('prisonerList' in '\(PrisonerList.namespace)') or a brief manifest ('brief' in '\(BriefManifest.namespace)')",
                                    help: "check the root element's name and its xmlns"))
            return nil
        }
    }

    func startElement(localName: String, namespace: String?, attributes: [XMLAttribute], index: Int, offset: Int) {
        let ours = (kind == .list && namespace == PrisonerList.namespace) || (kind == .manifest && namespace == BriefManifest.namespace)
        let frame = Frame(name: localName, offset: offset, attributes: attributes, inOurNamespace: ours)
        stack.append(frame)
        text.removeAll(keepingCapacity: true)
        if ours {
            switch kind {
            case .list: startListElement(frame)
            case .manifest: startManifestElement(frame)
            case .unknown: break
            }
        } else if stack.count == 1, kind == .unknown, let last = findings.indices.last {
            // The finding about an unknown root was made before its position was known.
            findings[last].anchor = SourceAnchor(offset: offset)
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        text.append(contentsOf: bytes)
    }

    func endElement() {
        guard let frame = stack.popLast() else { return }
        if frame.inOurNamespace {
            switch kind {
            case .list: endListElement(frame)
            case .manifest: endManifestElement(frame)
            case .unknown: break
            }
        }
        text.removeAll(keepingCapacity: true)
    }

    func problem(_ problem: XMLProblem) {
        switch problem.kind {
        case .wellFormedness, .limit:
            findings.append(Finding(rule: RuleCatalog.xml.id, severity: .error, message: Self.wellFormednessMessage(problem.message),
                                    anchor: problem.line == nil ? problem.offset.map { SourceAnchor(offset: $0) } : nil,
                                    line: problem.line, column: problem.column,
                                    help: problem.kind == .limit ? "the limits can be changed with --max-bytes, --max-depth and --max-text" : nil))
        case .doctype:
            findings.append(Finding(rule: RuleCatalog.doctype.id, severity: .error, message: problem.message,
                                    anchor: problem.offset.map { SourceAnchor(offset: $0) },
                                    help: "remove the DOCTYPE declaration and any entity references; write characters directly in UTF-8"))
        case .schema:
            schemaValid = false
            findings.append(schemaFinding(problem))
        }
    }

    private func schemaFinding(_ problem: XMLProblem) -> Finding {
        guard let frame = stack.last else {
            return Finding(rule: RuleCatalog.schema.id, severity: .error, message: SchemaMessage(raw: problem.message, subject: "the document").message)
        }
        let record = currentRecordID
        var rewritten = SchemaMessage(raw: problem.message, subject: subject(for: frame, depth: stack.count - 1))
        var anchor = SourceAnchor(offset: frame.offset, attribute: rewritten.attribute)
        var recordID = record
        if problem.message.contains("No match found for key-sequence"),
           let value = SchemaMessage.capture(problem.message, after: "key-sequence ['", until: "']") {
            // Raised when the list ends: point at the n-th reference to this value instead.
            let seen = reportedReferences[value, default: 0]
            let matches = references.filter { $0.id == value }
            if seen < matches.count {
                let reference = matches[seen]
                reportedReferences[value] = seen + 1
                anchor = reference.anchor.at("source")
                recordID = reference.record
                let owner = reference.record.map { " of prisoner '\($0)'" } ?? ""
                rewritten = SchemaMessage(raw: problem.message, subject: "<\(reference.element)>\(owner)")
            }
        }
        return Finding(rule: RuleCatalog.schema.id, severity: .error, message: rewritten.message, anchor: anchor,
                       help: rewritten.help, recordID: recordID)
    }

    /// `prisoner 'CU-017'`, `<status> of prisoner 'CU-017'`, `source 'usg'`, `<title>`.
    private func subject(for frame: Frame, depth: Int) -> String {
        let id = frame.attribute("id")
        switch (frame.name, id) {
        case ("prisoner", let id?): return "prisoner '\(id)'"
        case ("source", let id?): return "source '\(id)'"
        case ("prisonerList", _): return "<prisonerList>"
        default: break
        }
        if let record = currentRecordID, frame.name != "prisoner" {
            return "<\(frame.name)> of prisoner '\(record)'"
        }
        return "<\(frame.name)>"
    }

    private var currentRecordID: String? {
        stack.first { $0.name == "prisoner" && $0.inOurNamespace }?.attribute("id")
    }

    /// libxml2's parser messages, made readable: one line, lowercase, no internal function names.
    static func wellFormednessMessage(_ raw: String) -> String {
        let oneLine = raw.split(whereSeparator: \.isNewline).map { $0.trimmingXMLWhitespace() }.joined(separator: " ")
        if oneLine.hasPrefix("Input is not proper UTF-8") {
            let bytes = oneLine.range(of: "Bytes: ").map { String(oneLine[$0.upperBound...]).split(separator: " ").prefix(2).joined(separator: " ") }
            return "the text is not valid UTF-8" + (bytes.map { " (bytes \($0))" } ?? "")
        }
        if oneLine.hasPrefix("xmlParseCharRef: invalid xmlChar value "), let value = Int(oneLine.split(separator: " ").last ?? "") {
            return "character reference &#\(value); is a character XML does not allow"
        }
        if oneLine.lowercased().hasPrefix("char 0x"), oneLine.hasSuffix("out of allowed range") {
            let hex = oneLine.dropFirst(7).prefix { $0.isHexDigit }
            return "character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex.uppercased()) is not allowed in XML"
        }
        if oneLine.hasPrefix("Premature end of data") || oneLine.hasPrefix("EndTag: '</' not found") {
            return "the document ends before its elements are closed (is the file truncated?)"
        }
        if oneLine.hasPrefix("Extra content at the end of the document") {
            return "there is content after the root element ends"
        }
        var message = lowercaseFirst(oneLine)
        while message.hasSuffix(".") { message.removeLast() }
        return message
    }

    private static func lowercaseFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? false else { return text }
        return first.lowercased() + text.dropFirst()
    }

    // MARK: Text

    private var currentText: String {
        String(decoding: text, as: UTF8.self).collapsingXMLWhitespace()
    }

    private func marking(_ frame: Frame) -> Marking? {
        frame.attribute("marking").flatMap(Marking.init(attribute:))
    }

    private func day(_ frame: Frame, _ name: String) -> Day? {
        frame.attribute(name).flatMap(Day.init(iso:))
    }

    private func text(_ frame: Frame, _ name: String) -> String? {
        frame.attribute(name).map { $0.collapsingXMLWhitespace() }
    }

    /// A portion's effective marking inside an item: its parent's, or its own where that is higher.
    private func inner(_ declared: Marking?, parent: Marking) -> Marking {
        max(parent, declared ?? parent)
    }

    /// A claim is at least as restricted as the source it cites.
    private func claim(_ base: Marking, source: String) -> Marking {
        max(base, sourceMarkings[source.trimmingXMLWhitespace()] ?? base)
    }

    // MARK: List

    private func startListElement(_ frame: Frame) {
        let anchor = SourceAnchor(offset: frame.offset)
        switch frame.name {
        case "prisonerList" where stack.count == 1:
            list.id = frame.attribute("id") ?? ""
            list.revision = frame.attribute("revision").flatMap { Int($0.trimmingXMLWhitespace()) } ?? 0
            list.asOf = day(frame, "asOf") ?? Day.epoch
            list.defaultMarking = marking(frame) ?? .committee
            list.anchor = anchor
        case "submitter":
            list.submitterContact = text(frame, "contact")
        case "agreement":
            let declared = marking(frame)
            agreement = Agreement(announced: day(frame, "announced") ?? Day.epoch,
                                  committed: frame.attribute("committed").flatMap { Int($0.trimmingXMLWhitespace()) },
                                  parties: [], summary: nil, marking: declared ?? list.defaultMarking,
                                  declaredMarking: declared, anchor: anchor)
        case "prisoner":
            let declared = marking(frame)
            let own = declared ?? list.defaultMarking
            prisoner = Prisoner(id: frame.attribute("id") ?? "", list: frame.attribute("list").flatMap { ListKind(rawValue: $0.trimmingXMLWhitespace()) } ?? .other,
                                marking: own, declaredMarking: declared,
                                name: MarkedText(text: "", marking: own, declaredMarking: nil, anchor: anchor),
                                aliases: [], gender: nil, born: nil, province: nil, affiliations: [], detention: nil,
                                statuses: [], conditions: [], warnings: [], notes: [], anchor: anchor)
        case "detention":
            detention = Detention(arrested: day(frame, "arrested"), facility: text(frame, "facility"),
                                  sentence: frame.attribute("sentence")?.trimmingXMLWhitespace(), charges: [], anchor: anchor)
        default:
            break
        }
        if let source = frame.attribute("source"), ["count", "status", "condition", "warning"].contains(frame.name) {
            references.append((source.trimmingXMLWhitespace(), frame.name, anchor, prisoner?.id))
        }
    }

    private func endListElement(_ frame: Frame) {
        let anchor = SourceAnchor(offset: frame.offset)
        let declared = marking(frame)
        switch frame.name {
        case "title": list.title = currentText
        case "submitter": list.submitter = currentText
        case "party": agreement?.parties.append(currentText)
        case "summary": agreement?.summary = currentText
        case "agreement":
            list.agreement = agreement
            agreement = nil
        case "source":
            let id = frame.attribute("id") ?? ""
            let effective = declared ?? list.defaultMarking
            sourceMarkings[id] = effective
            list.sources.append(Source(id: id, kind: frame.attribute("kind").flatMap { SourceKind(rawValue: $0.trimmingXMLWhitespace()) } ?? .other,
                                       published: day(frame, "published"), href: frame.attribute("href")?.trimmingXMLWhitespace(),
                                       description: currentText, marking: effective, declaredMarking: declared, anchor: anchor))
        case "count":
            let source = frame.attribute("source")?.trimmingXMLWhitespace() ?? ""
            list.counts.append(CountClaim(sourceID: source, date: day(frame, "date") ?? Day.epoch,
                                          subject: frame.attribute("of").flatMap { CountSubject(rawValue: $0.trimmingXMLWhitespace()) } ?? .released,
                                          value: Int(currentText) ?? 0,
                                          marking: claim(declared ?? list.defaultMarking, source: source),
                                          declaredMarking: declared, anchor: anchor))
        case "prisoner":
            if let finished = prisoner { list.prisoners.append(finished) }
            prisoner = nil
        default:
            guard prisoner != nil else { return }
            endPrisonerChild(frame, declared: declared, anchor: anchor)
        }
    }

    private func endPrisonerChild(_ frame: Frame, declared: Marking?, anchor: SourceAnchor) {
        guard var record = prisoner else { return }
        defer { prisoner = record }
        let parent = record.marking
        switch frame.name {
        case "name":
            record.name = MarkedText(text: currentText, marking: inner(declared, parent: parent), declaredMarking: declared, anchor: anchor)
        case "alias":
            record.aliases.append(MarkedText(text: currentText, marking: inner(declared, parent: parent), declaredMarking: declared, anchor: anchor))
        case "note":
            record.notes.append(MarkedText(text: currentText, marking: inner(declared, parent: parent), declaredMarking: declared, anchor: anchor))
        case "gender": record.gender = Gender(rawValue: currentText)
        case "born": record.born = Int(currentText)
        case "province": record.province = currentText
        case "affiliation": record.affiliations.append(currentText)
        case "charge": detention?.charges.append(currentText)
        case "detention":
            record.detention = detention
            detention = nil
        case "status":
            let source = frame.attribute("source")?.trimmingXMLWhitespace() ?? ""
            let note = currentText
            record.statuses.append(StatusClaim(value: frame.attribute("value").flatMap { Status(rawValue: $0.trimmingXMLWhitespace()) } ?? .unknown,
                                               date: day(frame, "date") ?? Day.epoch, sourceID: source,
                                               note: note.isEmpty ? nil : note,
                                               marking: claim(inner(declared, parent: parent), source: source),
                                               declaredMarking: declared, anchor: anchor))
        case "condition":
            let source = frame.attribute("source")?.trimmingXMLWhitespace() ?? ""
            record.conditions.append(ConditionClaim(kind: frame.attribute("kind").flatMap { ConditionKind(rawValue: $0.trimmingXMLWhitespace()) } ?? .other,
                                                    since: day(frame, "since"), until: day(frame, "until"), sourceID: source,
                                                    text: currentText, marking: claim(inner(declared, parent: parent), source: source),
                                                    declaredMarking: declared, anchor: anchor))
        case "warning":
            let source = frame.attribute("source")?.trimmingXMLWhitespace() ?? ""
            record.warnings.append(WarningClaim(kind: frame.attribute("kind").flatMap { WarningKind(rawValue: $0.trimmingXMLWhitespace()) } ?? .other,
                                                date: day(frame, "date"), issuer: text(frame, "issuer"), sourceID: source,
                                                text: currentText, marking: claim(inner(declared, parent: parent), source: source),
                                                declaredMarking: declared, anchor: anchor))
        default:
            break
        }
    }

    // MARK: Manifest

    private func startManifestElement(_ frame: Frame) {
        let anchor = SourceAnchor(offset: frame.offset)
        switch frame.name {
        case "brief" where stack.count == 1:
            manifest.id = frame.attribute("id") ?? ""
        case "list":
            manifest.listHref = frame.attribute("href")?.trimmingXMLWhitespace() ?? ""
            manifest.listAnchor = anchor.at("href")
        case "previous":
            manifest.previousHref = frame.attribute("href")?.trimmingXMLWhitespace()
            manifest.previousAnchor = anchor.at("href")
        case "sections":
            manifest.sections = []
        default:
            if stack.count == 3, stack[1].name == "sections", let section = SectionKind(rawValue: frame.name) {
                manifest.sections?.append(section)
            }
        }
    }

    private func endManifestElement(_ frame: Frame) {
        switch frame.name {
        case "to": manifest.memo.to.append(currentText)
        case "from": manifest.memo.from = currentText
        case "date": manifest.memo.date = Day(iso: currentText) ?? Day.epoch
        case "subject": manifest.memo.subject = currentText
        case "audience": manifest.audience = Marking(attribute: currentText) ?? .committee
        default: break
        }
    }
}

extension Day {
    /// A placeholder for values an invalid document lacks; never seen in a valid model.
    static let epoch = Day(uncheckedYear: 1970, month: 1, day: 1)

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}
