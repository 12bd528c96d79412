import BriefXML

/// What a file turned out to be.
public enum ReadDocument: Sendable {
    case list(PrisonerList)
    case manifest(BriefManifest)
}

/// Builds the typed model from the parser's event stream, and turns reading problems into findings with the
/// context only it knows (which prisoner an error is in).
///
/// It is a value that the parser changes in place (`SecureXMLParser.parse(_:handler:)` with `&builder`): each
/// event is a plain mutating call. (As a class, every use of its stored properties was checked for exclusive
/// access as the program ran: 15% more instructions to validate a list.) It is noncopyable, as its scratch
/// storage is. Its helpers that only read are on its parts (`OpenAttributes`) or static: a non-mutating method of
/// so large a value is handed a copy of all of it (a kilobyte, at every element).
///
/// The builder is lenient: it produces a model even from an invalid document, but the model is used only when
/// the schema passed, so missing values get harmless placeholders instead of errors here.
///
/// It is written for large lists: element and attribute names are classified once per parse (by their interned
/// ids), attribute values are kept as bytes until a value is needed, text is collapsed on bytes, a prisoner's
/// children are gathered in reused buffers and stored in exactly sized arrays, and repeated values (charges,
/// facilities, affiliations...) share one string.
struct ModelBuilder: XMLEventHandler, ~Copyable {
    // The nested types are internal, not private: Swift 6.3 emits a broken module ("Global is external, but doesn't
    // have external or weak linkage") when `parse(_:handler:)`, specialized for the builder in DocumentReader.swift,
    // needs the metadata of a private type of this file.

    /// An open element.
    struct Frame {
        var tag: Tag
        /// The element's interned name id (its strings are in `nameStrings`).
        var nameID: Int
        var offset: Int
        var inOurNamespace: Bool
        /// Its attributes of interest: `attributes[attributeStart..<attributeEnd]`, their values from `byteStart` on.
        var attributeStart: Int
        var attributeEnd: Int
        var byteStart: Int
    }

    /// An attribute of interest (known name, no namespace) of an open element; its value is in `attributeBytes`.
    struct StoredAttribute {
        var key: AttributeKey
        var start: Int
        var count: Int
    }

    enum Kind { case unknown, list, manifest }

    /// What a builder does with a document. A document can be read by one builder (`complete`), or by two at
    /// once, each with its own parse of the same text: one validating and placing problems (`findings`), the
    /// other building the model (`model`). Both see the same events, so together they give what one gives.
    enum Role {
        /// Validates, places problems and builds the model.
        case complete
        /// Validates and places problems; builds no model (`document` says only what the document is).
        case findings
        /// Builds the model without validating; its findings are only the parser's (well-formedness, limits).
        case model
    }

    /// The element names the builder acts on (in either format), by local name.
    enum Tag: UInt8 {
        case other
        case prisonerList, title, submitter, agreement, party, summary, source, count, prisoner
        case name, alias, note, gender, born, province, affiliation, charge, detention, status, condition, warning
        case brief, list, previous, sections, to, from, date, subject, audience
        // Manifest additions: the staff contact, the house style and authored sections.
        case contact, style, letterhead, line, image, accent, bodyFont, headingFont, pageSize
        case section, p, heading, ul, ol, li, em, strong, a, cite, figure, person

        init(localName: String) {
            switch localName {
            case "prisonerList": self = .prisonerList
            case "title": self = .title
            case "submitter": self = .submitter
            case "agreement": self = .agreement
            case "party": self = .party
            case "summary": self = .summary
            case "source": self = .source
            case "count": self = .count
            case "prisoner": self = .prisoner
            case "name": self = .name
            case "alias": self = .alias
            case "note": self = .note
            case "gender": self = .gender
            case "born": self = .born
            case "province": self = .province
            case "affiliation": self = .affiliation
            case "charge": self = .charge
            case "detention": self = .detention
            case "status": self = .status
            case "condition": self = .condition
            case "warning": self = .warning
            case "brief": self = .brief
            case "list": self = .list
            case "previous": self = .previous
            case "sections": self = .sections
            case "to": self = .to
            case "from": self = .from
            case "date": self = .date
            case "subject": self = .subject
            case "audience": self = .audience
            case "contact": self = .contact
            case "style": self = .style
            case "letterhead": self = .letterhead
            case "line": self = .line
            case "image": self = .image
            case "accent": self = .accent
            case "bodyFont": self = .bodyFont
            case "headingFont": self = .headingFont
            case "pageSize": self = .pageSize
            case "section": self = .section
            case "p": self = .p
            case "heading": self = .heading
            case "ul": self = .ul
            case "ol": self = .ol
            case "li": self = .li
            case "em": self = .em
            case "strong": self = .strong
            case "a": self = .a
            case "cite": self = .cite
            case "figure": self = .figure
            case "person": self = .person
            default: self = .other
            }
        }

        /// Elements whose `source` attribute is a reference to a `<source>`.
        var refersToSource: Bool { self == .count || self == .status || self == .condition || self == .warning }

        /// The local name of an element that refers to a source.
        var elementName: String {
            switch self {
            case .count: "count"
            case .status: "status"
            case .condition: "condition"
            case .warning: "warning"
            default: String(describing: self)
            }
        }
    }

    /// The attribute names the builder reads (without namespace), by local name.
    enum AttributeKey: UInt8 {
        case other
        case id, revision, asOf, marking, contact, announced, committed, list, arrested, facility, sentence, kind
        case published, href, source, date, of, value, since, until, issuer, coverage, ref, description

        init(localName: String) {
            switch localName {
            case "id": self = .id
            case "revision": self = .revision
            case "asOf": self = .asOf
            case "marking": self = .marking
            case "contact": self = .contact
            case "announced": self = .announced
            case "committed": self = .committed
            case "list": self = .list
            case "arrested": self = .arrested
            case "facility": self = .facility
            case "sentence": self = .sentence
            case "kind": self = .kind
            case "published": self = .published
            case "href": self = .href
            case "source": self = .source
            case "date": self = .date
            case "of": self = .of
            case "value": self = .value
            case "since": self = .since
            case "until": self = .until
            case "issuer": self = .issuer
            case "coverage": self = .coverage
            case "ref": self = .ref
            case "description": self = .description
            default: self = .other
            }
        }
    }

    /// The `source="..."` references of a list, in document order, to place the keyref errors that libxml2 raises
    /// at the end of the list. A 100,000-prisoner list has a quarter of a million, so they are kept compact: in
    /// fixed-size chunks (no doubling), with each citing prisoner's id stored once.
    struct ReferenceLog {
        struct Entry {
            var id: String
            var offset: Int
            /// Index in `records`, or -1 outside a prisoner.
            var record: Int32
            var tag: Tag
        }

        private static let chunkSize = 4096
        private var chunks: [[Entry]] = []
        private(set) var count = 0
        private var records: [String] = []

        /// A prisoner starts: its id, for the references inside it.
        mutating func startRecord(_ id: String) -> Int32 {
            records.append(id)
            return Int32(records.count - 1)
        }

        mutating func append(_ entry: Entry) {
            if count % Self.chunkSize == 0 {
                var chunk: [Entry] = []
                chunk.reserveCapacity(Self.chunkSize)
                chunks.append(chunk)
            }
            chunks[chunks.count - 1].append(entry)
            count += 1
        }

        subscript(index: Int) -> Entry { chunks[index / Self.chunkSize][index % Self.chunkSize] }

        func record(of entry: Entry) -> String? { entry.record >= 0 ? records[Int(entry.record)] : nil }
    }

    /// What an interned name is, as an element or as an attribute.
    struct NameInfo {
        var tag: Tag
        var key: AttributeKey
        var inOurNamespace: Bool
    }

    let schemas: SchemaSet
    let role: Role
    /// Raised at the first finding (for a model builder working beside this one).
    let findingSignal: ReadSignal?
    private var recorded: [Finding] = [] {
        didSet { findingSignal?.raise() }
    }
    private(set) var schemaValid = true

    /// At most this many schema errors are kept per file, like a compiler's error limit: a hostile file can raise
    /// one per attribute, and each costs a message and a position.
    static let schemaErrorLimit = 100
    private var schemaErrors = 0
    /// The first schema error left out, which stands for all of them.
    private var firstOmitted: Finding?

    /// Reading and schema problems, with a last one saying how many schema errors were left out.
    var findings: [Finding] {
        guard var omitted = firstOmitted else { return recorded }
        let count = schemaErrors - Self.schemaErrorLimit
        omitted.message = "\(count) more schema error\(count == 1 ? "" : "s") from here on \(count == 1 ? "is" : "are") not shown "
            + "(the first \(Self.schemaErrorLimit) are)"
        omitted.help = "correct the errors shown and validate again"
        return recorded + [omitted]
    }

    private var kind = Kind.unknown
    private var stack = ScratchStack<Frame>(capacity: 16)
    private var attributes = OpenAttributes()
    private var text = ScratchStack<UInt8>(capacity: 1024)

    /// What each interned name id is, and its local name.
    private var names: [NameInfo] = []
    private var nameStrings: [String] = []
    /// The namespace of each interned name, for naming foreign elements in messages.
    private var nameNamespaces: [String?] = []

    // List being built.
    private var list = PrisonerList(id: "", revision: 0, asOf: Day.epoch, title: "", submitter: "")
    private var agreement: Agreement?
    private var prisoner: Prisoner?
    private var detention: Detention?
    /// The current prisoner's (and detention's) repeated children, gathered here and stored at its end.
    private var aliases: [MarkedText] = []
    private var affiliations: [String] = []
    private var statuses: [StatusClaim] = []
    private var conditions: [ConditionClaim] = []
    private var warnings: [WarningClaim] = []
    private var notes: [MarkedText] = []
    private var charges: [String] = []
    private var sourceMarkings: [String: Marking] = [:]
    private var references = ReferenceLog()
    /// The current prisoner's index in `references`' records, or -1 (set with `prisoner`, where references are kept).
    private var currentRecord: Int32 = -1
    /// Positions in `references` by id, built when the first keyref error needs it.
    private var referencesByID: [String: [Int]]?
    private var reportedReferences: [String: Int] = [:]
    private var strings = StringInterner()

    // Manifest being built.
    private var manifest = BriefManifest(id: "", memo: Memo(to: [], from: "", date: Day.epoch, subject: ""),
                                         audience: .committee, listHref: "", listAnchor: SourceAnchor(offset: 0),
                                         previousHref: nil, previousAnchor: nil, sections: nil)
    // The manifest's sections and style, and the authored section, list and paragraph (or list item) being read,
    // gathered in plain (not optional) values and stored when their element ends: mutating an optional's payload
    // in place leaked its arrays under AddressSanitizer (Swift 6.3, this ~Copyable builder).
    private var manifestSections: [ManifestSection] = []
    private var style = StyleSpec()
    private var inAuthoredSection = false
    private var authoredTitle = AuthoredText(text: "", marking: .restricted, anchor: SourceAnchor(offset: 0))
    private var authoredAnchor = SourceAnchor(offset: 0)
    private var authoredBlocks: [AuthoredBlock] = []
    private var authoredItems: [AuthoredParagraph] = []
    private var inProse = false
    private var proseMarking = Marking.restricted
    private var proseAnchor = SourceAnchor(offset: 0)
    private var proseContent: [AuthoredInline] = []

    init(schemas: SchemaSet, role: Role = .complete, findingSignal: ReadSignal? = nil) {
        self.schemas = schemas
        self.role = role
        self.findingSignal = findingSignal
    }

    /// The model, if the root was one of ours.
    var document: ReadDocument? {
        switch kind {
        case .list: .list(list)
        case .manifest: .manifest(manifest)
        case .unknown: nil
        }
    }

    // MARK: Events

    mutating func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema? {
        switch (namespace, localName) {
        case (PrisonerList.namespace?, "prisonerList"):
            kind = .list
            return role == .model ? nil : schemas.list
        case (BriefManifest.namespace?, "brief"):
            kind = .manifest
            return role == .model ? nil : schemas.manifest
        default:
            let qualified = namespace.map { "'\(localName)' in namespace '\($0)'" } ?? "'\(localName)' in no namespace"
            schemaValid = false
            recorded.append(Finding(rule: RuleCatalog.schema.id, severity: .error,
                                    message: "the root element is \(qualified); expected a prisoner list ('prisonerList' in '\(PrisonerList.namespace)') or a brief manifest ('brief' in '\(BriefManifest.namespace)')",
                                    help: "check the root element's name and its xmlns"))
            return nil
        }
    }

    mutating func startElement(name: XMLName, attributes elementAttributes: borrowing XMLAttributes, index: Int, offset: Int) {
        let info = self.info(name)
        let attributeStart = attributes.entries.count, byteStart = attributes.bytes.count
        // Keep the attributes the builder may read (known names without namespace); lookups take the first.
        // Placing problems reads only ids and source references.
        for position in elementAttributes.indices {
            let attributeName = elementAttributes.name(at: position)
            guard attributeName.namespace == nil else { continue }
            let key = self.info(attributeName).key
            guard key != .other, role != .findings || key == .id || key == .source else { continue }
            let value = elementAttributes.value(at: position)
            attributes.entries.append(StoredAttribute(key: key, start: attributes.bytes.count, count: value.count))
            attributes.bytes.append(contentsOf: value)
        }
        let frame = Frame(tag: info.tag, nameID: name.id, offset: offset, inOurNamespace: info.inOurNamespace,
                          attributeStart: attributeStart, attributeEnd: attributes.entries.count, byteStart: byteStart)
        stack.append(frame)
        if inProse, role != .findings { flushProseText() }
        text.removeAll()
        if frame.inOurNamespace {
            switch kind {
            case .list: startListElement(frame)
            case .manifest: startManifestElement(frame)
            case .unknown: break
            }
        } else if stack.count == 1, kind == .unknown, let last = recorded.indices.last {
            // The finding about an unknown root was made before its position was known.
            recorded[last].anchor = SourceAnchor(offset: offset)
        }
    }

    mutating func characters(_ bytes: Span<UInt8>) {
        if role != .findings { text.append(contentsOf: bytes) }
    }

    mutating func endElement() {
        guard let frame = stack.last else { return }
        if frame.inOurNamespace {
            switch kind {
            case .list: endListElement(frame)
            case .manifest: endManifestElement(frame)
            case .unknown: break
            }
        }
        stack.truncate(to: stack.count - 1)
        attributes.entries.truncate(to: frame.attributeStart)
        attributes.bytes.truncate(to: frame.byteStart)
        text.removeAll()
    }

    /// What a name is; learnt the first time its id is seen.
    @inline(__always)
    private mutating func info(_ name: XMLName) -> NameInfo {
        if name.id < names.count { return names[name.id] }
        while names.count <= name.id {
            names.append(NameInfo(tag: .other, key: .other, inOurNamespace: false))
            nameStrings.append("")
            nameNamespaces.append(nil)
        }
        let ours = (kind == .list && name.namespace == PrisonerList.namespace)
            || (kind == .manifest && name.namespace == BriefManifest.namespace)
        names[name.id] = NameInfo(tag: Tag(localName: name.localName), key: AttributeKey(localName: name.localName),
                                  inOurNamespace: ours)
        nameStrings[name.id] = name.localName
        nameNamespaces[name.id] = name.namespace
        return names[name.id]
    }

    mutating func problem(_ problem: XMLProblem) {
        switch problem.kind {
        case .wellFormedness, .limit:
            recorded.append(Finding(rule: RuleCatalog.xml.id, severity: .error, message: Self.wellFormednessMessage(problem),
                                    anchor: problem.line == nil ? problem.offset.map { SourceAnchor(offset: $0) } : nil,
                                    line: problem.line, column: problem.column,
                                    help: problem.kind == .limit ? "the limits can be changed with --max-bytes, --max-depth and --max-text" : nil))
        case .doctype:
            recorded.append(Finding(rule: RuleCatalog.doctype.id, severity: .error, message: problem.message,
                                    anchor: problem.offset.map { SourceAnchor(offset: $0) },
                                    help: "remove the DOCTYPE declaration and any entity references; write characters directly in UTF-8"))
        case .schema:
            schemaValid = false
            // A follow-up is dropped only after the error it follows: a file is never invalid without a reason given.
            guard schemaErrors == 0 || !Self.isConsequence(problem) else { return }
            schemaErrors += 1
            if schemaErrors <= Self.schemaErrorLimit {
                recorded.append(schemaFinding(problem))
            } else if firstOmitted == nil {
                firstOmitted = schemaFinding(problem)
            }
        }
    }

    /// libxml2's follow-ups about an identity constraint whose field is itself invalid: the invalid value has its
    /// own error already ("not an identifier"), so these only repeat it in libxml2's terms.
    static func isConsequence(_ problem: XMLProblem) -> Bool {
        problem.identityConstraintFailure == .unevaluable
    }

    private mutating func schemaFinding(_ problem: XMLProblem) -> Finding {
        guard let frame = stack.last else {
            return Finding(rule: RuleCatalog.schema.id, severity: .error, message: SchemaMessage(problem: problem, subject: "the document").message)
        }
        let record = currentRecordID
        // A message about the parent raised at a child ("Element content is not allowed" at the child element) is
        // worded about the parent and points at the child.
        var subjectFrame = frame
        if stack.count >= 2, let named = SchemaMessage.elementName(in: problem.message),
           named != nameStrings[frame.nameID] || !frame.inOurNamespace, named == nameStrings[stack[stack.count - 2].nameID] {
            subjectFrame = stack[stack.count - 2]
        }
        var rewritten = SchemaMessage(problem: problem, subject: subject(for: subjectFrame, depth: stack.count - 1))
        var anchor = SourceAnchor(offset: frame.offset, attribute: rewritten.attribute)
        var recordID = record
        if case .unmatchedReference(let values)? = problem.identityConstraintFailure {
            let value = values.joined(separator: "', '")
            // Raised when the list ends: point at the n-th reference to this value instead.
            let seen = reportedReferences[value, default: 0]
            let matches = referencePositions(of: value)
            if seen < matches.count {
                let reference = references[matches[seen]]
                reportedReferences[value] = seen + 1
                anchor = SourceAnchor(offset: reference.offset, attribute: "source")
                recordID = references.record(of: reference)
                let owner = recordID.map { " of prisoner '\($0)'" } ?? ""
                rewritten = SchemaMessage(problem: problem, subject: "<\(reference.tag.elementName)>\(owner)")
            }
        }
        return Finding(rule: RuleCatalog.schema.id, severity: .error, message: rewritten.message, anchor: anchor,
                       help: rewritten.help, recordID: recordID)
    }

    /// The references to a source id, in document order.
    private mutating func referencePositions(of id: String) -> [Int] {
        if referencesByID == nil {
            var index: [String: [Int]] = [:]
            for position in 0..<references.count { index[references[position].id, default: []].append(position) }
            referencesByID = index
        }
        return referencesByID?[id] ?? []
    }

    /// `prisoner 'CU-017'`, `<status> of prisoner 'CU-017'`, `source 'usg'`, `<title>`.
    private func subject(for frame: Frame, depth: Int) -> String {
        let id = attributes.string(frame, .id)
        let name = nameStrings[frame.nameID]
        guard frame.inOurNamespace else {
            // Another vocabulary's element (XInclude, say): named with its namespace, never taken for one of ours.
            let namespace = nameNamespaces[frame.nameID].map { " (namespace '\($0)')" } ?? " (no namespace)"
            return "<\(name)>\(namespace)" + (currentRecordID.map { " in prisoner '\($0)'" } ?? "")
        }
        switch (name, id) {
        case ("prisoner", let id?): return "prisoner '\(id)'"
        case ("source", let id?): return "source '\(id)'"
        case ("prisonerList", _): return "<prisonerList>"
        default: break
        }
        if let record = currentRecordID, name != "prisoner" {
            return "<\(name)> of prisoner '\(record)'"
        }
        return "<\(name)>"
    }

    private var currentRecordID: String? {
        for depth in 0..<stack.count where stack[depth].tag == .prisoner && stack[depth].inOurNamespace {
            return attributes.string(stack[depth], .id)
        }
        return nil
    }

    /// libxml2's parser problems in brief's words, chosen by libxml2's number for them; any other keeps libxml2's
    /// message, made readable: one line, lowercase, no internal function names.
    static func wellFormednessMessage(_ problem: XMLProblem) -> String {
        switch problem.code {
        case .invalidCharacter:
            switch problem.invalidCharacter {
            case .notUTF8(let bytes)?:
                let shown = bytes.map { "0x" + hex($0, digits: 2) }.joined(separator: " ")
                return "the text is not valid UTF-8" + (bytes.isEmpty ? "" : " (bytes \(shown))")
            case .referenced(let codePoint)?:
                return "character reference &#\(codePoint); is a character XML does not allow"
            case .written(let codePoint)?:
                return "character U+\(hex(codePoint, digits: 4)) is not allowed in XML"
            case nil:
                break
            }
        case .elementNotFinished, .endTagMissing:
            return "the document ends before its elements are closed (is the file truncated?)"
        case .contentAfterRoot:
            return "there is content after the root element ends"
        case .attributeNotStarted, .attributeNotFinished:
            // libxml2 says which quote it expected after its function's name ("AttValue: ' expected"); the same
            // number also stands for a value over its length limit, in other words.
            if let colon = problem.message.range(of: ": ") {
                return "an attribute value is not closed (\(problem.message[colon.upperBound...].trimmingXMLWhitespace()))"
            }
        default:
            break
        }
        return readable(problem.message)
    }

    /// Upper-case hexadecimal, zero-padded to `digits`.
    private static func hex<Value: BinaryInteger>(_ value: Value, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// libxml2's message on one line, lowercase, without its internal function's name or a final period.
    static func readable(_ raw: String) -> String {
        let oneLine = raw.split(whereSeparator: \.isNewline).map { $0.trimmingXMLWhitespace() }.joined(separator: " ")
        var message = lowercaseFirst(oneLine)
        // libxml2 prefixes some messages with the name of its internal function ("xmlParseStartTag: ...").
        if let colon = message.range(of: ": "), message[..<colon.lowerBound].allSatisfy({ $0.isLetter }),
           message[..<colon.lowerBound].contains(where: \.isUppercase) || ["attValue", "parsePI", "xmlParseStartTag", "xmlParseEntityRef"].contains(String(message[..<colon.lowerBound])) {
            message = String(message[colon.upperBound...])
        }
        while message.hasSuffix(".") { message.removeLast() }
        return message
    }

    private static func lowercaseFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? false else { return text }
        return first.lowercased() + text.dropFirst()
    }

    // MARK: Attributes and text

    /// An attribute's value, collapsed (free text), shared with equal values.
    private mutating func text(_ frame: Frame, _ key: AttributeKey) -> String? {
        guard let range = attributes.range(frame, key) else { return nil }
        return Self.shared(attributes.bytes, range, in: &strings)
    }

    /// The current element's text, collapsed, shared with equal values (for values that repeat across records).
    private var currentSharedText: String {
        mutating get { Self.shared(text, in: &strings) }
    }

    /// `bytes`' text (or the part of it in `range`), collapsed and shared through `strings`.
    private static func shared(_ bytes: borrowing ScratchStack<UInt8>, _ range: Range<Int>? = nil, in strings: inout StringInterner) -> String {
        let span = bytes.span
        return strings.internCollapsed(span.extracting(range ?? span.indices))
    }

    /// A portion's effective marking inside an item: its parent's, or its own where that is higher.
    private static func inner(_ declared: Marking?, parent: Marking) -> Marking {
        max(parent, declared ?? parent)
    }

    /// A claim is at least as restricted as the source it cites (`source` is trimmed already), among `markings`.
    private static func claim(_ base: Marking, source: String, _ markings: [String: Marking]) -> Marking {
        max(base, markings[source] ?? base)
    }

    // MARK: List

    private mutating func startListElement(_ frame: Frame) {
        let anchor = SourceAnchor(offset: frame.offset)
        if role == .findings {
            // Placing problems needs only the current prisoner's id and the references.
            if frame.tag == .prisoner {
                let id = attributes.string(frame, .id) ?? ""
                prisoner = Prisoner(id: id, list: .other, marking: .committee, declaredMarking: nil,
                                    name: MarkedText(text: "", marking: .committee, declaredMarking: nil, anchor: anchor),
                                    aliases: [], gender: nil, born: nil, province: nil, affiliations: [], detention: nil,
                                    statuses: [], conditions: [], warnings: [], notes: [], anchor: anchor)
                currentRecord = references.startRecord(id)
            }
            if frame.tag.refersToSource, let source = attributes.trimmed(frame, .source) {
                references.append(.init(id: source, offset: frame.offset, record: currentRecord, tag: frame.tag))
            }
            return
        }
        switch frame.tag {
        case .prisonerList where stack.count == 1:
            list.id = attributes.string(frame, .id) ?? ""
            list.revision = attributes.trimmed(frame, .revision).flatMap { Int($0) } ?? 0
            list.asOf = attributes.day(frame, .asOf) ?? Day.epoch
            list.defaultMarking = attributes.marking(frame) ?? .committee
            list.anchor = anchor
        case .submitter:
            list.submitterContact = text(frame, .contact)
        case .agreement:
            let declared = attributes.marking(frame)
            agreement = Agreement(announced: attributes.day(frame, .announced) ?? Day.epoch,
                                  committed: attributes.trimmed(frame, .committed).flatMap { Int($0) },
                                  parties: [], summary: nil, marking: declared ?? list.defaultMarking,
                                  declaredMarking: declared, anchor: anchor)
            agreement?.coverage = attributes.value(frame, .coverage, as: Coverage.self) ?? .complete
        case .prisoner:
            let declared = attributes.marking(frame)
            let own = declared ?? list.defaultMarking
            let id = attributes.string(frame, .id) ?? ""
            prisoner = Prisoner(id: id, list: attributes.value(frame, .list, as: ListKind.self) ?? .other,
                                marking: own, declaredMarking: declared,
                                name: MarkedText(text: "", marking: own, declaredMarking: nil, anchor: anchor),
                                aliases: [], gender: nil, born: nil, province: nil, affiliations: [], detention: nil,
                                statuses: [], conditions: [], warnings: [], notes: [], anchor: anchor)
            if role == .complete { currentRecord = references.startRecord(id) }
            aliases.removeAll(keepingCapacity: true)
            affiliations.removeAll(keepingCapacity: true)
            statuses.removeAll(keepingCapacity: true)
            conditions.removeAll(keepingCapacity: true)
            warnings.removeAll(keepingCapacity: true)
            notes.removeAll(keepingCapacity: true)
        case .detention:
            detention = Detention(arrested: attributes.day(frame, .arrested), facility: text(frame, .facility),
                                  sentence: attributes.trimmed(frame, .sentence).map { strings.intern($0) }, charges: [], anchor: anchor)
            charges.removeAll(keepingCapacity: true)
        default:
            break
        }
        if role == .complete, frame.tag.refersToSource, let source = attributes.trimmed(frame, .source) {
            references.append(.init(id: source, offset: frame.offset, record: currentRecord, tag: frame.tag))
        }
    }

    private mutating func endListElement(_ frame: Frame) {
        if role == .findings {
            if frame.tag == .prisoner {
                prisoner = nil
                currentRecord = -1
            }
            return
        }
        let anchor = SourceAnchor(offset: frame.offset)
        let declared = attributes.marking(frame)
        switch frame.tag {
        case .prisonerList where stack.count == 1:
            // The list is complete: drop the prisoners array's spare capacity (up to half of it).
            if list.prisoners.capacity > list.prisoners.count + list.prisoners.count / 16 {
                list.prisoners = exactCopy(list.prisoners)
            }
        case .title: list.title = XMLWhitespace.collapsed(text.span)
        case .submitter: list.submitter = XMLWhitespace.collapsed(text.span)
        case .party:
            let party = XMLWhitespace.collapsed(text.span)
            agreement?.parties.append(party)
        case .summary:
            let summary = XMLWhitespace.collapsed(text.span)
            agreement?.summary = summary
        case .agreement:
            list.agreement = agreement
            agreement = nil
        case .source:
            let id = attributes.string(frame, .id) ?? ""
            let effective = declared ?? list.defaultMarking
            sourceMarkings[id] = effective
            list.sources.append(Source(id: id, kind: attributes.value(frame, .kind, as: SourceKind.self) ?? .other,
                                       published: attributes.day(frame, .published), href: attributes.trimmed(frame, .href),
                                       description: XMLWhitespace.collapsed(text.span), marking: effective, declaredMarking: declared, anchor: anchor))
        case .count:
            let source = attributes.trimmed(frame, .source) ?? ""
            list.counts.append(CountClaim(sourceID: source, date: attributes.day(frame, .date) ?? Day.epoch,
                                          subject: attributes.value(frame, .of, as: CountSubject.self) ?? .released,
                                          value: Int(XMLWhitespace.collapsed(text.span)) ?? 0,
                                          marking: Self.claim(declared ?? list.defaultMarking, source: source, sourceMarkings),
                                          declaredMarking: declared, anchor: anchor))
        case .prisoner:
            if var finished = prisoner.take() {
                finished.aliases = exactCopy(aliases)
                finished.affiliations = exactCopy(affiliations)
                finished.statuses = exactCopy(statuses)
                finished.conditions = exactCopy(conditions)
                finished.warnings = exactCopy(warnings)
                finished.notes = exactCopy(notes)
                list.prisoners.append(finished)
            }
            prisoner = nil
            currentRecord = -1
        default:
            guard prisoner != nil else { return }
            endPrisonerChild(frame, declared: declared, anchor: anchor)
        }
    }

    /// A child of the current prisoner ends (`prisoner` is not nil). Repeated children go to the gathering arrays.
    private mutating func endPrisonerChild(_ frame: Frame, declared: Marking?, anchor: SourceAnchor) {
        guard let parent = prisoner?.marking else { return }
        switch frame.tag {
        case .name:
            let name = MarkedText(text: XMLWhitespace.collapsed(text.span), marking: Self.inner(declared, parent: parent), declaredMarking: declared, anchor: anchor)
            prisoner?.name = name
        case .alias:
            aliases.append(MarkedText(text: XMLWhitespace.collapsed(text.span), marking: Self.inner(declared, parent: parent), declaredMarking: declared, anchor: anchor))
        case .note:
            notes.append(MarkedText(text: XMLWhitespace.collapsed(text.span), marking: Self.inner(declared, parent: parent), declaredMarking: declared, anchor: anchor))
        case .gender:
            let gender = Gender(rawValue: XMLWhitespace.collapsed(text.span))
            prisoner?.gender = gender
        case .born:
            let born = Int(XMLWhitespace.collapsed(text.span))
            prisoner?.born = born
            prisoner?.bornAnchor = anchor
        case .province:
            let province = currentSharedText
            prisoner?.province = province
        case .affiliation:
            let affiliation = currentSharedText
            affiliations.append(affiliation)
        case .charge:
            if detention != nil {
                let charge = currentSharedText
                charges.append(charge)
            }
        case .detention:
            detention?.charges = exactCopy(charges)
            prisoner?.detention = detention
            detention = nil
        case .status:
            let source = attributes.trimmed(frame, .source) ?? ""
            let note = currentSharedText
            statuses.append(StatusClaim(value: attributes.value(frame, .value, as: Status.self) ?? .unknown,
                                        date: attributes.day(frame, .date) ?? Day.epoch, sourceID: source,
                                        note: note.isEmpty ? nil : note,
                                        marking: Self.claim(Self.inner(declared, parent: parent), source: source, sourceMarkings),
                                        declaredMarking: declared, anchor: anchor))
        case .condition:
            let source = attributes.trimmed(frame, .source) ?? ""
            conditions.append(ConditionClaim(kind: attributes.value(frame, .kind, as: ConditionKind.self) ?? .other,
                                             since: attributes.day(frame, .since), until: attributes.day(frame, .until), sourceID: source,
                                             text: currentSharedText, marking: Self.claim(Self.inner(declared, parent: parent), source: source, sourceMarkings),
                                             declaredMarking: declared, anchor: anchor))
        case .warning:
            let source = attributes.trimmed(frame, .source) ?? ""
            warnings.append(WarningClaim(kind: attributes.value(frame, .kind, as: WarningKind.self) ?? .other,
                                         date: attributes.day(frame, .date), issuer: text(frame, .issuer), sourceID: source,
                                         text: currentSharedText, marking: Self.claim(Self.inner(declared, parent: parent), source: source, sourceMarkings),
                                         declaredMarking: declared, anchor: anchor))
        default:
            break
        }
    }

    // MARK: Manifest

    private mutating func startManifestElement(_ frame: Frame) {
        let anchor = SourceAnchor(offset: frame.offset)
        switch frame.tag {
        case .brief where stack.count == 1:
            manifest.id = attributes.string(frame, .id) ?? ""
        case .list where stack.count == 2:
            manifest.listHref = attributes.trimmed(frame, .href) ?? ""
            manifest.listAnchor = anchor.at("href")
        case .previous:
            manifest.previousHref = attributes.trimmed(frame, .href)
            manifest.previousAnchor = anchor.at("href")
        case .style:
            style = StyleSpec()
        case .image:
            style.imageHref = attributes.trimmed(frame, .href)
            style.imageAnchor = anchor.at("href")
            style.imageDescription = attributes.string(frame, .description).map { XMLWhitespace.collapsedByCharacters($0) }
        case .sections:
            manifestSections = []
        case .section where stack.count == 3:
            inAuthoredSection = true
            authoredTitle = AuthoredText(text: "", marking: .restricted, anchor: anchor)
            authoredAnchor = anchor
            authoredBlocks = []
        case .ul, .ol:
            authoredItems = []
        case .p, .li:
            inProse = true
            proseMarking = attributes.marking(frame) ?? .restricted
            proseAnchor = anchor
            proseContent = []
        case .cite where inProse:
            proseContent.append(.citation(source: attributes.trimmed(frame, .source) ?? "", anchor: anchor.at("source")))
        case .figure where inProse:
            proseContent.append(.figure(name: attributes.trimmed(frame, .of) ?? "", anchor: anchor.at("of")))
        case .count where inProse:
            proseContent.append(.count(source: attributes.trimmed(frame, .source) ?? "",
                                                     subject: attributes.value(frame, .of, as: CountSubject.self) ?? .released,
                                                     anchor: anchor.at("source")))
        case .person where inProse:
            proseContent.append(.person(id: attributes.trimmed(frame, .ref) ?? "", anchor: anchor.at("ref")))
        case .date where inProse:
            let named = attributes.trimmed(frame, .of)
            let date: AuthoredDate = switch named {
            case "as-of": .asOf
            case "announced": .announced
            case "memo": .memo
            case "previous": .previous
            default: .fixed(attributes.day(frame, .value) ?? Day.epoch)
            }
            proseContent.append(.date(date, anchor: named == nil ? anchor : anchor.at("of")))
        default:
            if stack.count == 3, nameStrings[stack[1].nameID] == "sections", let section = SectionKind(rawValue: nameStrings[frame.nameID]) {
                manifestSections.append(.generated(section))
            }
        }
    }

    /// Moves the prose text read so far into the paragraph being read: whitespace runs become one space (the
    /// paragraph's ends are trimmed when it ends).
    private mutating func flushProseText() {
        guard !text.isEmpty else { return }
        var collapsed = ""
        var pendingSpace = false
        for scalar in String(utf8: text.span).unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingSpace = true
                continue
            }
            if pendingSpace { collapsed.append(" ") }
            pendingSpace = false
            collapsed.unicodeScalars.append(scalar)
        }
        if pendingSpace { collapsed.append(" ") }
        text.removeAll()
        proseContent.append(.text(collapsed))
    }

    private mutating func endManifestElement(_ frame: Frame) {
        guard role != .findings else { return }
        if inProse || inAuthoredSection, endAuthoredElement(frame) { return }
        switch frame.tag {
        case .to:
            let to = XMLWhitespace.collapsed(text.span)
            manifest.memo.to.append(to)
        case .from:
            let from = XMLWhitespace.collapsed(text.span)
            manifest.memo.from = from
        case .date where stack.count == 3:
            let date = Day(iso: XMLWhitespace.collapsed(text.span)) ?? Day.epoch
            manifest.memo.date = date
        case .contact:
            let contact = XMLWhitespace.collapsed(text.span)
            manifest.memo.contact = contact
        case .line, .accent, .bodyFont, .headingFont, .pageSize:
            let value = XMLWhitespace.collapsed(text.span)
            switch frame.tag {
            case .line: style.letterhead.append(value)
            case .accent: style.accent = value
            case .bodyFont: style.bodyFont = value
            case .headingFont: style.headingFont = value
            default: style.pageSize = value
            }
        case .style:
            manifest.style = style
        case .sections:
            manifest.sections = manifestSections
        case .subject:
            let subject = XMLWhitespace.collapsed(text.span)
            manifest.memo.subject = subject
        case .audience:
            let audience = Marking(attribute: XMLWhitespace.collapsed(text.span)) ?? .committee
            manifest.audience = audience
        default: break
        }
    }

    /// Ends an element of an authored section; false when the element is not one.
    private mutating func endAuthoredElement(_ frame: Frame) -> Bool {
        let anchor = SourceAnchor(offset: frame.offset)
        switch frame.tag {
        case .em, .strong, .a:
            let content = XMLWhitespace.collapsed(text.span)
            let inline: AuthoredInline = switch frame.tag {
            case .em: .emphasis(content)
            case .strong: .strong(content)
            default: .link(text: content, href: attributes.trimmed(frame, .href) ?? "")
            }
            proseContent.append(inline)
        case .p, .li:
            flushProseText()
            guard inProse else { return true }
            inProse = false
            var paragraph = AuthoredParagraph(marking: proseMarking, content: proseContent, anchor: proseAnchor)
            proseContent = []
            // The paragraph's ends are trimmed; inner spaces stay as written (collapsed).
            if case .text(let first)? = paragraph.content.first {
                paragraph.content[0] = .text(String(first.drop { $0 == " " }))
            }
            if case .text(let last)? = paragraph.content.last {
                paragraph.content[paragraph.content.count - 1] = .text(String(last.reversed().drop { $0 == " " }.reversed()))
            }
            paragraph.content.removeAll { if case .text(let t) = $0 { t.isEmpty } else { false } }
            if frame.tag == .li { authoredItems.append(paragraph) } else { authoredBlocks.append(.paragraph(paragraph)) }
        case .ul, .ol:
            authoredBlocks.append(.list(ordered: frame.tag == .ol, items: authoredItems))
            authoredItems = []
        case .title, .heading:
            let line = AuthoredText(text: XMLWhitespace.collapsed(text.span), marking: attributes.marking(frame) ?? .restricted, anchor: anchor)
            if frame.tag == .title { authoredTitle = line } else { authoredBlocks.append(.heading(line)) }
        case .section where stack.count == 3:
            manifestSections.append(.authored(AuthoredSection(title: authoredTitle, blocks: authoredBlocks, anchor: authoredAnchor)))
            inAuthoredSection = false
            authoredBlocks = []
        default:
            return inProse
        }
        return true
    }
}

/// The attributes of interest of the open elements (known names without namespace) and their values' bytes, read
/// as the model needs them. Lookups take an element's first attribute of a name.
struct OpenAttributes: ~Copyable {
    var entries = ScratchStack<ModelBuilder.StoredAttribute>(capacity: 64)
    var bytes = ScratchStack<UInt8>(capacity: 1024)

    typealias Frame = ModelBuilder.Frame
    typealias AttributeKey = ModelBuilder.AttributeKey

    /// Where the bytes of an attribute of `frame` are in `bytes`, if it has the attribute.
    @inline(__always)
    func range(_ frame: Frame, _ key: AttributeKey) -> Range<Int>? {
        for position in frame.attributeStart..<frame.attributeEnd where entries[position].key == key {
            let attribute = entries[position]
            return attribute.start..<(attribute.start + attribute.count)
        }
        return nil
    }

    /// An attribute's value as written.
    func string(_ frame: Frame, _ key: AttributeKey) -> String? {
        guard let range = range(frame, key) else { return nil }
        return String(utf8: bytes.span.extracting(range))
    }

    /// An attribute's value, trimmed.
    func trimmed(_ frame: Frame, _ key: AttributeKey) -> String? {
        guard let range = range(frame, key) else { return nil }
        return XMLWhitespace.trimmed(bytes.span.extracting(range))
    }

    /// An enumerated attribute (trimmed raw value).
    func value<T: RawRepresentable>(_ frame: Frame, _ key: AttributeKey, as type: T.Type) -> T? where T.RawValue == String {
        trimmed(frame, key).flatMap { T(rawValue: $0) }
    }

    func marking(_ frame: Frame) -> Marking? {
        guard let range = range(frame, .marking) else { return nil }
        let bytes = bytes.span.extracting(range)
        // `Marking(attribute:)` on bytes: trimmed bytes equal a name exactly when the trimmed characters do.
        let name = bytes.extracting(XMLWhitespace.trimmedRange(bytes))
        if name.equals(Self.publicName.span) { return .public }
        if name.equals(Self.committeeName.span) { return .committee }
        if name.equals(Self.restrictedName.span) { return .restricted }
        return nil
    }

    private static let publicName = Array("public".utf8)
    private static let committeeName = Array("committee".utf8)
    private static let restrictedName = Array("restricted".utf8)

    func day(_ frame: Frame, _ key: AttributeKey) -> Day? {
        guard let range = range(frame, key) else { return nil }
        return Day(isoBytes: bytes.span.extracting(range))
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
