import CLibXML2

/// Parses one untrusted document with libxml2 and validates it, streaming, against the schema its handler picks.
///
/// What it refuses, and how:
/// - a DOCTYPE: the SAX `internalSubset` hook stops the parser before any declaration is read;
/// - entities: no DTD means no entity but the five predefined ones; nothing is ever substituted from outside;
/// - the network and the file system: a deny-all external entity loader, plus `XML_PARSE_NONET`;
/// - XInclude and `xsi:schemaLocation`: never processed (no XInclude option; the schema is always given);
/// - resource exhaustion: size, depth and text-length limits (`XMLLimits`), and libxml2's own limits.
///
/// No tree is built: events go straight to the handler, and the validator sees the same events.
public struct SecureXMLParser: Sendable {
    public var limits: XMLLimits

    public init(limits: XMLLimits = .default) {
        self.limits = limits
    }

    /// Parses `text`, delivering events and problems to `handler`. Returns whether the document was well-formed
    /// (no well-formedness, encoding, DOCTYPE or limit problem; schema problems do not count here).
    @discardableResult
    public func parse(_ text: XMLInputText, handler: XMLContentHandler) -> Bool {
        XMLRuntime.ensureInitialized()
        guard text.utf8.count <= limits.maxBytes else {
            handler.problem(XMLProblem(kind: .limit, message: "the document is \(text.utf8.count) bytes, more than the limit of \(limits.maxBytes)",
                                       offset: 0, line: 1, column: 1))
            return false
        }
        return text.utf8.withUnsafeBufferPointer { buffer in
            let session = ParseSession(handler: handler, limits: limits, text: buffer)
            return session.run()
        }
    }

    /// Parses `text`, delivering events and problems to `handler`, a value (noncopyable, say) that stays where it
    /// is and is changed in place: each event is a plain mutating call, with none of the run-time checks for
    /// exclusive access that a class's stored properties cost on every use. Returns whether the document was
    /// well-formed, as `parse(_:handler:)` does.
    @discardableResult
    public func parse<Handler: XMLEventHandler & ~Copyable>(_ text: XMLInputText, handler: inout Handler) -> Bool {
        withUnsafeMutablePointer(to: &handler) { pointer in
            parse(text, handler: HandlerBox(pointer))
        }
    }
}

/// Hands a value handler each event of one parse, in place.
///
/// The box lives only as long as the parse that made it (its session is the only holder), and the handler's
/// storage outlives both; events come from libxml2's callbacks on the one thread that parses, one at a time.
private final class HandlerBox<Handler: XMLEventHandler & ~Copyable>: XMLContentHandler {
    private let handler: UnsafeMutablePointer<Handler>

    init(_ handler: UnsafeMutablePointer<Handler>) {
        self.handler = handler
    }

    func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema? {
        handler.pointee.schema(forRootNamespace: namespace, localName: localName)
    }

    func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {
        handler.pointee.startElement(name: name, attributes: attributes, index: index, offset: offset)
    }

    func characters(_ bytes: Span<UInt8>) {
        handler.pointee.characters(bytes)
    }

    func endElement() {
        handler.pointee.endElement()
    }

    func problem(_ problem: XMLProblem) {
        handler.pointee.problem(problem)
    }
}

/// The state of one parse, reachable from libxml2's callbacks through the parser context's `_private`.
private final class ParseSession {
    let handler: XMLContentHandler
    let limits: XMLLimits
    let text: UnsafeBufferPointer<UInt8>

    var parser: xmlParserCtxtPtr?
    var validation: xmlSchemaValidCtxtPtr?
    var plug: xmlSchemaSAXPlugPtr?
    /// Where libxml2's plug writes back on unplug: must outlive the plug, so they live on the heap.
    let pluggedSAX = UnsafeMutablePointer<UnsafeMutablePointer<xmlSAXHandler>?>.allocate(capacity: 1)
    let pluggedData = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 1)
    /// The plug forwards events to a "user" handler; ours does nothing, events reach `handler` directly.
    let silentSAX = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
    /// Where libxml2 reads the text from, in chunks (see `run`).
    let input = UnsafeMutablePointer<InputCursor>.allocate(capacity: 1)

    // Touched on every event, from libxml2's callbacks on the one thread that parses, never re-entrantly:
    // the per-access exclusivity checks are switched off.
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var elementCount = 0
    @exclusivity(unchecked) var openElements: [Int] = []
    @exclusivity(unchecked) var currentTextBytes = 0
    @exclusivity(unchecked) var failed = false
    @exclusivity(unchecked) var sawRoot = false
    /// What the validator is checking while it runs (`XMLProblem.phase` of its problems).
    @exclusivity(unchecked) var validationPhase: XMLProblem.Phase?
    /// Element and attribute names, interned: libxml2 hands out names from its dictionary, so a pointer is
    /// looked up once and its `XMLName` reused for every later element or attribute of that name.
    @exclusivity(unchecked) var names = NameTable()
    /// The attributes of the start tag being delivered, reused from tag to tag.
    @exclusivity(unchecked) var attributeScratch: UnsafeMutablePointer<XMLAttributes.Entry>
    @exclusivity(unchecked) var attributeCapacity = 16
    /// Decoded attribute values (see `decodeAmpersands`), one reusable buffer per attribute position.
    var valueScratch: [UnsafeMutableBufferPointer<UInt8>] = []

    init(handler: XMLContentHandler, limits: XMLLimits, text: UnsafeBufferPointer<UInt8>) {
        self.handler = handler
        self.limits = limits
        self.text = text
        pluggedSAX.initialize(to: nil)
        pluggedData.initialize(to: nil)
        silentSAX.initialize(to: xmlSAXHandler())
        silentSAX.pointee.initialized = UInt32(XML_SAX2_MAGIC)
        input.initialize(to: InputCursor(base: text.baseAddress, count: text.count, position: 0))
        attributeScratch = .allocate(capacity: attributeCapacity)
    }

    deinit {
        pluggedSAX.deallocate()
        pluggedData.deallocate()
        silentSAX.deallocate()
        input.deallocate()
        attributeScratch.deallocate()
        for buffer in valueScratch { buffer.deallocate() }
    }

    func run() -> Bool {
        guard text.baseAddress != nil, text.count > 0 else {
            report(XMLProblem(kind: .wellFormedness, code: .documentEmpty,
                              message: "the document is empty", offset: 0, line: 1, column: 1))
            return false
        }
        // The text is not copied whole (xmlCreateMemoryParserCtxt would copy it): libxml2 pulls it in small chunks
        // through a read callback, as it reads files, and drops what it has parsed. A static (uncopied) buffer is
        // not an option in 2.9.14: the pull parser's shrinking corrupts its read position on immutable buffers.
        guard let context = xmlNewParserCtxt() else {
            report(XMLProblem(kind: .wellFormedness, message: "libxml2 could not create a parser", offset: 0, line: 1, column: 1))
            return false
        }
        guard let buffer = xmlParserInputBufferCreateIO(readInput, nil, UnsafeMutableRawPointer(input), XML_CHAR_ENCODING_NONE) else {
            xmlFreeParserCtxt(context)
            report(XMLProblem(kind: .wellFormedness, message: "libxml2 could not create a parser", offset: 0, line: 1, column: 1))
            return false
        }
        guard let stream = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE) else {
            xmlFreeParserInputBuffer(buffer)
            xmlFreeParserCtxt(context)
            report(XMLProblem(kind: .wellFormedness, message: "libxml2 could not create a parser", offset: 0, line: 1, column: 1))
            return false
        }
        inputPush(context, stream)
        parser = context
        defer {
            finishValidation()
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            context.pointee.myDoc = nil
            xmlFreeParserCtxt(context)
            parser = nil
        }
        context.pointee.sax.pointee = Self.makeHandlerTable()
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_IGNORE_ENC.rawValue
                            | XML_PARSE_NOXINCNODE.rawValue)
        xmlCtxtUseOptions(context, options)
        // Errors that escape the per-context hooks land here for this thread, never on stderr.
        xmlSetStructuredErrorFunc(context.pointee._private, onStrayError)
        xmlSetGenericErrorFunc(nil, nil)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        _ = withExtendedLifetime(self) { xmlParseDocument(context) }
        if context.pointee.wellFormed == 0, !failed {
            report(XMLProblem(kind: .wellFormedness, message: "the document is not well-formed", offset: currentOffset()))
        }
        return !failed
    }

    private func finishValidation() {
        // libxml2 2.9.14 leaks the identity-constraint matchers of elements still open when a parse ends early (a
        // truncated or ill-formed list; `xmllint --stream --schema` leaks the same): end them in the validator first,
        // which releases them. Its diagnostics are dropped (`failed` is set); the names only feed a sanity check.
        if plug != nil, let sax = pluggedSAX.pointee, let end = sax.pointee.endElementNs {
            for _ in openElements { end(pluggedData.pointee, nil, nil, nil) }
        }
        if let plug { xmlSchemaSAXUnplug(plug) }
        plug = nil
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        validation = nil
    }

    // MARK: Positions

    /// Byte offset of the parser in `text`.
    func currentOffset() -> Int {
        guard let parser else { return 0 }
        return max(0, min(text.count, Int(brief_parser_offset(parser))))
    }

    /// Offset of the `<` that opens the tag the parser is in: no `<` can occur inside a tag.
    func tagStart(before offset: Int) -> Int {
        guard let base = text.baseAddress else { return 0 }
        return Int(brief_last_tag_start(base, min(offset, text.count - 1)))
    }

    /// Offset of the last occurrence of `needle` at or before `offset`.
    func lastOccurrence(of needle: String, before offset: Int) -> Int? {
        let bytes = Array(needle.utf8)
        var index = min(offset, text.count - bytes.count)
        while index >= 0 {
            if text[index] == bytes[0], (0..<bytes.count).allSatisfy({ text[index + $0] == bytes[$0] }) { return index }
            index -= 1
        }
        return nil
    }

    /// Without entity substitution, libxml2's SAX2 start-element hands `&amp;` and `&#38;` in attribute values over
    /// as the five bytes `&#38;` (its own validator undoes this the same way). Values that contain one are decoded
    /// into a per-attribute scratch buffer, valid for the duration of the event like the original.
    private func decodeAmpersands(_ value: UnsafeBufferPointer<UInt8>, index: Int) -> UnsafeBufferPointer<UInt8> {
        guard value.count >= 5, value.contains(0x26) else { return value }
        while valueScratch.count <= index { valueScratch.append(UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 0)) }
        if valueScratch[index].count < value.count {
            valueScratch[index].deallocate()
            valueScratch[index] = .allocate(capacity: value.count)
        }
        let out = valueScratch[index]
        var i = 0, n = 0
        while i < value.count {
            if value[i] == 0x26, i + 4 < value.count, value[i + 1] == 0x23, value[i + 2] == 0x33, value[i + 3] == 0x38, value[i + 4] == 0x3B {
                out[n] = 0x26
                i += 5
            } else {
                out[n] = value[i]
                i += 1
            }
            n += 1
        }
        return UnsafeBufferPointer(rebasing: out[0..<n])
    }

    /// Room for `count` attributes in the scratch buffer.
    private func reserveAttributes(_ count: Int) {
        guard count > attributeCapacity else { return }
        attributeScratch.deallocate()
        attributeCapacity = max(count, attributeCapacity * 2)
        attributeScratch = .allocate(capacity: attributeCapacity)
    }

    // MARK: Events

    func report(_ problem: XMLProblem) {
        if problem.kind != .schema { failed = true }
        handler.problem(problem)
    }

    func stop(_ problem: XMLProblem) {
        report(problem)
        if let parser { xmlStopParser(parser) }
    }

    func startElement(localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                      namespaceCount: Int32, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                      attributeCount: Int32, defaultedCount: Int32,
                      attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard !failed else { return }
        let offset = tagStart(before: currentOffset())
        depth += 1
        if depth > limits.maxDepth {
            stop(XMLProblem(kind: .limit, message: "elements are nested more than \(limits.maxDepth) deep",
                            offset: offset))
            return
        }
        let element = names.name(local: localName, uri: uri)
        var count = 0
        if let attributes, attributeCount > 0 {
            reserveAttributes(Int(attributeCount))
            for i in 0..<Int(attributeCount) {
                let base = i * 5
                guard let valueStart = attributes[base + 3], let valueEnd = attributes[base + 4] else { continue }
                let length = valueEnd - valueStart
                if length > limits.maxTextBytes {
                    attributeScratch.deinitialize(count: count)
                    stop(XMLProblem(kind: .limit, message: "attribute '\(names.name(local: attributes[base], uri: nil).localName)' is \(length) bytes long, more than the limit of \(limits.maxTextBytes)",
                                    offset: offset))
                    return
                }
                (attributeScratch + count).initialize(to: XMLAttributes.Entry(name: names.name(local: attributes[base], uri: attributes[base + 2]),
                                                                              value: decodeAmpersands(UnsafeBufferPointer(start: valueStart, count: length),
                                                                                                      index: count)))
                count += 1
            }
        }
        defer { attributeScratch.deinitialize(count: count) }
        let index = elementCount
        elementCount += 1
        openElements.append(index)
        currentTextBytes = 0
        if !sawRoot {
            sawRoot = true
            attachSchema(handler.schema(forRootNamespace: element.namespace, localName: element.localName))
        }
        handler.startElement(name: element, attributes: XMLAttributes(UnsafeBufferPointer(start: attributeScratch, count: count)),
                             index: index, offset: offset)
        if let sax = pluggedSAX.pointee, let start = sax.pointee.startElementNs {
            validationPhase = .start
            start(pluggedData.pointee, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
            validationPhase = nil
        }
    }

    func endElement(localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?) {
        guard !failed else { return }
        if let sax = pluggedSAX.pointee, let end = sax.pointee.endElementNs {
            validationPhase = .end
            end(pluggedData.pointee, localName, prefix, uri)
            validationPhase = nil
        }
        handler.endElement()
        depth -= 1
        _ = openElements.popLast()
        currentTextBytes = 0
    }

    func characters(_ bytes: UnsafePointer<xmlChar>?, _ length: Int32, cdata: Bool) {
        guard !failed, let bytes, length > 0 else { return }
        currentTextBytes += Int(length)
        if currentTextBytes > limits.maxTextBytes {
            stop(XMLProblem(kind: .limit, message: "an element's text is longer than the limit of \(limits.maxTextBytes) bytes",
                            offset: currentOffset()))
            return
        }
        if let sax = pluggedSAX.pointee {
            validationPhase = .text
            if cdata, let block = sax.pointee.cdataBlock {
                block(pluggedData.pointee, bytes, length)
            } else if let chars = sax.pointee.characters {
                chars(pluggedData.pointee, bytes, length)
            }
            validationPhase = nil
        }
        handler.characters(Span(_unsafeStart: bytes, count: Int(length)))
    }

    func doctype() {
        let offset = lastOccurrence(of: "<!DOCTYPE", before: currentOffset()) ?? tagStart(before: currentOffset())
        stop(XMLProblem(kind: .doctype, message: "the document has a DOCTYPE declaration; DTDs and entities are not accepted",
                        offset: offset))
    }

    func attachSchema(_ schema: CompiledSchema?) {
        guard let schema, let context = xmlSchemaNewValidCtxt(schema.pointer) else { return }
        validation = context
        xmlSchemaSetValidStructuredErrors(context, onValidationError, Unmanaged.passUnretained(self).toOpaque())
        pluggedSAX.pointee = silentSAX
        pluggedData.pointee = nil
        plug = xmlSchemaSAXPlug(context, pluggedSAX, pluggedData)
        if plug == nil {
            pluggedSAX.pointee = nil
            report(XMLProblem(kind: .schema, message: "libxml2 could not start schema validation", offset: 0))
        }
    }

    func parserError(_ error: UnsafePointer<xmlError>) {
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        if failed { return }
        let message = error.pointee.message.map { String(cString: $0) }?.trimmingTrailingNewlines() ?? "not well-formed"
        let line = Int(error.pointee.line), column = Int(error.pointee.int2)
        let code = XMLErrorCode(rawValue: Int(error.pointee.code)), offset = currentOffset(), number = Int(error.pointee.int1)
        report(XMLProblem(kind: .wellFormedness, code: code, message: message,
                          offset: offset, line: line > 0 ? line : nil, column: column > 0 ? column : nil,
                          details: strings(of: error), number: number,
                          invalidCharacter: code == .invalidCharacter ? invalidCharacter(at: offset, number: number) : nil))
    }

    /// What libxml2 met at `offset` when it raised `XML_ERR_INVALID_CHAR` (`number` is its code point, or 0): bytes
    /// that are not UTF-8, a character XML does not allow, or a reference to one (libxml2 has read it: it ends
    /// just before `offset`). The text before `offset` is valid: libxml2 stops at the first such problem.
    func invalidCharacter(at offset: Int, number: Int) -> XMLProblem.InvalidCharacter? {
        if let referenced = characterReference(endingAt: offset), number == 0 || referenced == number {
            return .referenced(codePoint: referenced)
        }
        guard offset < text.count else { return number > 0 ? .written(codePoint: number) : nil }
        var iterator = text[offset..<min(text.count, offset + 4)].makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar) where number == 0 ? !Self.isXMLCharacter(scalar) : Int(scalar.value) == number:
            return .written(codePoint: Int(scalar.value))
        case .error:
            return .notUTF8(bytes: Array(text[offset..<min(text.count, offset + 2)]))
        default:
            return number > 0 ? .written(codePoint: number) : nil
        }
    }

    /// Whether XML 1.0 allows the character (its production `Char`).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The code point of a character reference (`&#27;`, `&#x1B;`) that ends just before `offset`, if one does.
    func characterReference(endingAt offset: Int) -> Int? {
        guard offset >= 4, offset <= text.count, text[offset - 1] == UInt8(ascii: ";") else { return nil }
        var start = offset - 2
        while start > 0, offset - start <= 12, text[start] != UInt8(ascii: "&") { start -= 1 }
        guard text[start] == UInt8(ascii: "&"), text[start + 1] == UInt8(ascii: "#") else { return nil }
        let body = String(decoding: text[(start + 2)..<(offset - 1)], as: UTF8.self)
        if body.hasPrefix("x") { return Int(body.dropFirst(), radix: 16) }
        return Int(body, radix: 10)
    }

    func validationError(_ error: UnsafePointer<xmlError>) {
        guard !failed else { return }
        let message = error.pointee.message.map { String(cString: $0) }?.trimmingTrailingNewlines() ?? "invalid"
        let element = openElements.last
        report(XMLProblem(kind: .schema, code: XMLErrorCode(rawValue: Int(error.pointee.code)), message: message,
                          elementIndex: element, phase: validationPhase, details: strings(of: error),
                          number: Int(error.pointee.int1)))
    }

    private func strings(of error: UnsafePointer<xmlError>) -> [String] {
        [error.pointee.str1, error.pointee.str2, error.pointee.str3].compactMap { $0.map { String(cString: $0) } }
    }

    // MARK: The C side

    static func session(_ context: UnsafeMutableRawPointer?) -> ParseSession? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let owner = parser.pointee._private else { return nil }
        return Unmanaged<ParseSession>.fromOpaque(owner).takeUnretainedValue()
    }

    static func makeHandlerTable() -> xmlSAXHandler {
        var table = xmlSAXHandler()
        table.initialized = UInt32(XML_SAX2_MAGIC)
        table.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes in
            ParseSession.session(context)?.startElement(localName: localName, prefix: prefix, uri: uri,
                                                        namespaceCount: namespaceCount, namespaces: namespaces,
                                                        attributeCount: attributeCount, defaultedCount: defaultedCount,
                                                        attributes: attributes)
        }
        table.endElementNs = { context, localName, prefix, uri in
            ParseSession.session(context)?.endElement(localName: localName, prefix: prefix, uri: uri)
        }
        table.characters = { context, bytes, length in
            ParseSession.session(context)?.characters(bytes, length, cdata: false)
        }
        table.ignorableWhitespace = table.characters
        table.cdataBlock = { context, bytes, length in
            ParseSession.session(context)?.characters(bytes, length, cdata: true)
        }
        table.internalSubset = { context, _, _, _ in
            ParseSession.session(context)?.doctype()
        }
        // Only the five predefined entities exist: there is never a DTD to declare others.
        table.getEntity = { _, name in xmlGetPredefinedEntity(name) }
        table.serror = { context, error in
            guard let error else { return }
            ParseSession.session(context)?.parserError(error)
        }
        return table
    }
}

private let onValidationError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    Unmanaged<ParseSession>.fromOpaque(userData).takeUnretainedValue().validationError(error)
}

/// Errors raised outside both hooks: a parser error reported without its context, say. Attribute them to the parse.
private let onStrayError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let session = Unmanaged<ParseSession>.fromOpaque(userData).takeUnretainedValue()
    if error.pointee.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
        session.validationError(error)
    } else {
        session.parserError(error)
    }
}

/// The read position of libxml2 in the text (see `ParseSession.run`).
private struct InputCursor {
    var base: UnsafePointer<UInt8>?
    var count: Int
    var position: Int
}

/// libxml2's read callback: copies the next chunk of the text into its buffer.
private let readInput: xmlInputReadCallback = { context, buffer, length in
    guard let context, let buffer, length > 0 else { return 0 }
    let cursor = context.assumingMemoryBound(to: InputCursor.self)
    guard let base = cursor.pointee.base else { return 0 }
    let chunk = min(Int(length), cursor.pointee.count - cursor.pointee.position)
    guard chunk > 0 else { return 0 }
    UnsafeMutableRawPointer(buffer).copyMemory(from: base + cursor.pointee.position, byteCount: chunk)
    cursor.pointee.position += chunk
    return Int32(chunk)
}

/// Interns names by libxml2's dictionary pointers: a small open-addressing table from a (local name, namespace)
/// pointer pair to an `XMLName`, backed by a table by strings so that equal names always get the same id.
private struct NameTable {
    private var localKeys: [UInt]
    private var uriKeys: [UInt]
    private var slots: [Int32]
    private var mask: Int
    private var used = 0
    private(set) var names: [XMLName] = []
    private var byString: [NameKey: Int] = [:]

    private struct NameKey: Hashable {
        var localName: String
        var namespace: String?
    }

    init() {
        let size = 64
        localKeys = Array(repeating: 0, count: size)
        uriKeys = Array(repeating: 0, count: size)
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ local: UInt, _ uri: UInt) -> Int {
        var h = local &* 0x9E37_79B9_7F4A_7C15
        h ^= (uri &+ 0x632B_E59B_D9B4_E019) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// The name for libxml2's pointers (a nil local name reads as "").
    mutating func name(local: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?) -> XMLName {
        let localKey = UInt(bitPattern: local), uriKey = UInt(bitPattern: uri)
        if localKey != 0 {
            var slot = Self.hash(localKey, uriKey) & mask
            while slots[slot] >= 0 {
                if localKeys[slot] == localKey, uriKeys[slot] == uriKey { return names[Int(slots[slot])] }
                slot = (slot + 1) & mask
            }
        }
        let key = NameKey(localName: local.map { String(cString: $0) } ?? "", namespace: uri.map { String(cString: $0) })
        let id: Int
        if let known = byString[key] {
            id = known
        } else {
            id = names.count
            names.append(XMLName(id: id, localName: key.localName, namespace: key.namespace))
            byString[key] = id
        }
        if localKey != 0 { insert(localKey, uriKey, id) }
        return names[id]
    }

    private mutating func insert(_ localKey: UInt, _ uriKey: UInt, _ id: Int) {
        if (used + 1) * 2 > slots.count { grow() }
        var slot = Self.hash(localKey, uriKey) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        localKeys[slot] = localKey
        uriKeys[slot] = uriKey
        slots[slot] = Int32(id)
        used += 1
    }

    private mutating func grow() {
        let old = (localKeys, uriKeys, slots)
        let size = slots.count * 2
        localKeys = Array(repeating: 0, count: size)
        uriKeys = Array(repeating: 0, count: size)
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        used = 0
        for index in old.2.indices where old.2[index] >= 0 {
            insert(old.0[index], old.1[index], Int(old.2[index]))
        }
    }
}
