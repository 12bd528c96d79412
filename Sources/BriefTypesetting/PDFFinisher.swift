/// Adds to a PDF Cairo has written what Cairo 1.16 cannot write: the catalog's `/Lang`,
/// `/ViewerPreferences << /DisplayDocTitle true >>` and XMP `/Metadata` (title, language, dates, tool, the edition's
/// marking), a `/Marking` entry in the document information, figures' and links' alternative text, header cells'
/// scope, and link annotations' `/Contents`.
///
/// Written by hand as one incremental update (the changed objects again, a cross-reference section and a trailer
/// with `/Prev`), not with a PDF library: qpdf (Debian's libqpdf) was tried, but it can only rewrite a file whole,
/// and for the 10,000-prisoner list (950 pages, some 100,000 structure elements) that took as long as drawing the
/// PDF. Only Cairo's own output is read here, whose layout is fixed (a classic cross-reference table, one object
/// per `N 0 obj`, structure elements written in pre-order, each as `<< /Type /StructElem\n   /S /Role`); anything
/// else found leaves the structure attributes out rather than guess. The same input gives the same bytes.
struct PDFFinisher {
    var language: String
    var title: String?
    var marking: String?
    var creator: String?
    /// ISO 8601, as `PDFCanvas.Metadata.date`.
    var date: String
    /// The structure elements in the order Cairo created them (a pre-order walk of the structure tree).
    var structure: [StructureElement]

    func finish(_ pdf: [UInt8]) throws(TypesettingError) -> [UInt8] {
        let file = try CairoPDFFile(pdf)
        var replaced: [(number: Int, text: [UInt8])] = []

        // The structure elements, in the order written (pre-order), matched with those begun.
        let elements = file.structureElements()
        if elements.map(\.role) == structure.map(\.role.rawValue) {
            for (element, begun) in zip(elements, structure) {
                var entries = ""
                if let text = begun.alternativeText { entries += " /Alt " + Self.textString(text) }
                if let scope = begun.scope { entries += " /A << /O /Table /Scope /\(scope.rawValue) >>" }
                guard !entries.isEmpty else { continue }
                replaced.append((element.number, try file.object(element.number, adding: entries)))
                if begun.role == .link, let text = begun.alternativeText, let annotation = file.reference(after: "/Obj ", inObject: element.number) {
                    // The annotation's own description (PDF/UA asks for `/Contents` on every annotation).
                    replaced.append((annotation, try file.object(annotation, adding: " /Contents " + Self.textString(text))))
                }
            }
        }

        let metadataNumber = file.size
        var catalogEntries = " /Lang \(Self.textString(language)) /ViewerPreferences << /DisplayDocTitle true >> /Metadata \(metadataNumber) 0 R"
        if !file.contains("/MarkInfo", inObject: file.root) { catalogEntries += " /MarkInfo << /Marked true >>" }
        replaced.append((file.root, try file.object(file.root, adding: catalogEntries)))
        var producer: String?
        if let info = file.info {
            producer = file.literalString(after: "/Producer ", inObject: info)
            if let marking { replaced.append((info, try file.object(info, adding: " /Marking " + Self.textString(marking)))) }
        }
        let xmp = Array(xmpPacket(producer: producer).utf8)
        var metadata = Array("\(metadataNumber) 0 obj\n<< /Type /Metadata /Subtype /XML /Length \(xmp.count) >>\nstream\n".utf8)
        metadata += xmp
        metadata += Array("\nendstream\nendobj\n".utf8)
        replaced.append((metadataNumber, metadata))

        // The update: the objects, then their cross-reference entries (one subsection each), then the trailer.
        var output = pdf
        if output.last != 0x0A { output.append(0x0A) }
        var offsets: [(number: Int, offset: Int)] = []
        for (number, text) in replaced.sorted(by: { $0.number < $1.number }) {
            offsets.append((number, output.count))
            output += text
        }
        let xref = output.count
        var table = "xref\n"
        for (number, offset) in offsets {
            let digits = String(offset)
            table += "\(number) 1\n" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(metadataNumber + 1)\n   /Root \(file.root) 0 R\n"
        if let info = file.info { table += "   /Info \(info) 0 R\n" }
        table += "   /Prev \(file.startXref)\n>>\nstartxref\n\(xref)\n%%EOF\n"
        output += Array(table.utf8)
        return output
    }

    /// A PDF text string in UTF-16BE with its byte order mark, as hex (nothing to escape).
    static func textString(_ text: String) -> String {
        var hex = "<FEFF"
        let digits = Array("0123456789ABCDEF".utf8)
        for unit in TextLayout.cSafe(text).utf16 {
            for shift in [12, 8, 4, 0] { hex.unicodeScalars.append(Unicode.Scalar(digits[Int(unit >> UInt16(shift)) & 0xF])) }
        }
        return hex + ">"
    }

    /// The XMP packet: Dublin Core title and language, the dates, the tool, and the marking as a custom document
    /// information entry (`pdfx:Marking`, as Acrobat shows `/Marking` from the information dictionary).
    func xmpPacket(producer: String?) -> String {
        func escaped(_ text: String) -> String {
            var result = ""
            for scalar in TextLayout.cSafe(text).unicodeScalars {
                switch scalar {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": result += "\u{FFFD}"
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result
        }
        var lines = [
            "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfx=\"http://ns.adobe.com/pdfx/1.3/\">",
            "<dc:format>application/pdf</dc:format>",
        ]
        if let title { lines.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escaped(title))</rdf:li></rdf:Alt></dc:title>") }
        lines.append("<dc:language><rdf:Bag><rdf:li>\(escaped(language))</rdf:li></rdf:Bag></dc:language>")
        lines.append("<xmp:CreateDate>\(escaped(date))</xmp:CreateDate>")
        lines.append("<xmp:ModifyDate>\(escaped(date))</xmp:ModifyDate>")
        if let creator { lines.append("<xmp:CreatorTool>\(escaped(creator))</xmp:CreatorTool>") }
        if let producer { lines.append("<pdf:Producer>\(escaped(producer))</pdf:Producer>") }
        if let marking { lines.append("<pdfx:Marking>\(escaped(marking))</pdfx:Marking>") }
        lines += ["</rdf:Description>", "</rdf:RDF>", "</x:xmpmeta>", "<?xpacket end=\"r\"?>"]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A PDF as Cairo 1.16 writes it, read only as far as `PDFFinisher` needs: the cross-reference table, the trailer, and
/// objects by number.
struct CairoPDFFile {
    let bytes: [UInt8]
    /// Byte offsets of the objects, by number (0: free).
    let offsets: [Int]
    let startXref: Int
    let size: Int
    let root: Int
    let info: Int?

    init(_ bytes: [UInt8]) throws(TypesettingError) {
        self.bytes = bytes
        func fail(_ reason: String) -> TypesettingError { .invalidState(operation: "read the PDF Cairo wrote", reason: reason) }
        guard let keyword = Self.lastIndex(of: Array("startxref".utf8), in: bytes),
              let start = Self.integer(in: bytes, from: keyword + 9) else { throw fail("no startxref") }
        startXref = start.value
        var position = startXref
        guard Self.matches(Array("xref".utf8), in: bytes, at: position) else { throw fail("no cross-reference table at \(startXref)") }
        position += 4
        var offsets: [Int] = []
        // Subsections: "first count", then count entries of 20 bytes, until the trailer.
        while true {
            position = Self.skipWhite(bytes, position)
            if Self.matches(Array("trailer".utf8), in: bytes, at: position) { break }
            guard let first = Self.integer(in: bytes, from: position), let count = Self.integer(in: bytes, from: first.end) else {
                throw fail("a cross-reference subsection")
            }
            position = Self.skipWhite(bytes, count.end)
            guard first.value == offsets.count, count.value >= 0, position + 20 * count.value <= bytes.count else { throw fail("cross-reference entries") }
            for entry in 0..<count.value {
                let at = position + 20 * entry
                offsets.append(bytes[at + 17] == UInt8(ascii: "n") ? (Self.integer(in: bytes, from: at)?.value ?? 0) : 0)
            }
            position += 20 * count.value
        }
        self.offsets = offsets
        let trailer = Array(bytes[position..<min(bytes.count, position + 400)])
        guard let size = Self.value(after: "/Size ", in: trailer), let root = Self.value(after: "/Root ", in: trailer) else { throw fail("the trailer") }
        self.size = size
        self.root = root
        self.info = Self.value(after: "/Info ", in: trailer)
        guard root < offsets.count, offsets[root] > 0 else { throw fail("no catalog") }
    }

    /// The byte range of object `number`, from `N 0 obj` to the end of `endobj`.
    func range(of number: Int) -> Range<Int>? {
        guard number > 0, number < offsets.count, offsets[number] > 0, offsets[number] < bytes.count else { return nil }
        let start = offsets[number]
        guard let end = Self.firstIndex(of: Array("endobj".utf8), in: bytes, from: start) else { return nil }
        return start..<(end + 6)
    }

    /// Object `number` written again with `entries` added at the end of its dictionary.
    func object(_ number: Int, adding entries: String) throws(TypesettingError) -> [UInt8] {
        guard let range = range(of: number), let close = Self.lastIndex(of: Array(">>".utf8), in: Array(bytes[range])) else {
            throw .invalidState(operation: "read the PDF Cairo wrote", reason: "object \(number)")
        }
        let text = Array(bytes[range])
        return Array(text[..<close]) + Array(entries.utf8) + Array(text[close...]) + [0x0A]
    }

    func contains(_ key: String, inObject number: Int) -> Bool {
        guard let range = range(of: number) else { return false }
        return Self.firstIndex(of: Array(key.utf8), in: Array(bytes[range]), from: 0) != nil
    }

    /// The object number of the reference after `key` in object `number` (`/Obj 14 0 R` → 14).
    func reference(after key: String, inObject number: Int) -> Int? {
        guard let range = range(of: number) else { return nil }
        return Self.value(after: key, in: Array(bytes[range]))
    }

    /// A literal string after `key` in object `number`, if its bytes are ASCII (balanced parentheses, no escapes).
    func literalString(after key: String, inObject number: Int) -> String? {
        guard let range = range(of: number) else { return nil }
        let text = Array(bytes[range])
        guard let at = Self.firstIndex(of: Array((key + "(").utf8), in: text, from: 0) else { return nil }
        var depth = 0
        var result: [UInt8] = []
        for byte in text[(at + key.utf8.count)...] {
            if byte == UInt8(ascii: "\\") || byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "(") { depth += 1; if depth == 1 { continue } }
            if byte == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return String(decoding: result, as: UTF8.self) } }
            result.append(byte)
        }
        return nil
    }

    /// The structure elements in the order they are written, by object number and role.
    func structureElements() -> [(number: Int, role: String)] {
        let marker = Array("<< /Type /StructElem\n   /S /".utf8)
        var found: [(offset: Int, number: Int, role: String)] = []
        for (number, offset) in offsets.enumerated() where offset > 0 {
            // "N 0 obj\n" comes first.
            var at = offset
            while at < bytes.count, bytes[at] != 0x0A { at += 1 }
            at += 1
            guard Self.matches(marker, in: bytes, at: at) else { continue }
            var end = at + marker.count
            while end < bytes.count, !Self.isWhiteOrDelimiter(bytes[end]) { end += 1 }
            found.append((offset, number, String(decoding: bytes[(at + marker.count)..<end], as: UTF8.self)))
        }
        return found.sorted { $0.offset < $1.offset }.map { ($0.number, $0.role) }
    }

    // MARK: Bytes

    static func matches(_ pattern: [UInt8], in bytes: [UInt8], at position: Int) -> Bool {
        guard position >= 0, position + pattern.count <= bytes.count else { return false }
        for index in pattern.indices where bytes[position + index] != pattern[index] { return false }
        return true
    }

    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        for position in start...(bytes.count - pattern.count) where bytes[position] == pattern[0] && matches(pattern, in: bytes, at: position) {
            return position
        }
        return nil
    }

    static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
        for position in stride(from: bytes.count - pattern.count, through: 0, by: -1) where matches(pattern, in: bytes, at: position) {
            return position
        }
        return nil
    }

    static func skipWhite(_ bytes: [UInt8], _ start: Int) -> Int {
        var position = start
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        return position
    }

    static func isWhiteOrDelimiter(_ byte: UInt8) -> Bool {
        [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]")].contains(byte)
    }

    /// The non-negative integer at `start` (after white space), and where it ends.
    static func integer(in bytes: [UInt8], from start: Int) -> (value: Int, end: Int)? {
        var position = skipWhite(bytes, start)
        var value = 0
        let first = position
        while position < bytes.count, (0x30...0x39).contains(bytes[position]), position - first < 12 {
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
        }
        return position > first ? (value, position) : nil
    }

    /// The integer after `key` in `bytes` (the object number of `/Root 36 0 R`).
    static func value(after key: String, in bytes: [UInt8]) -> Int? {
        guard let at = firstIndex(of: Array(key.utf8), in: bytes, from: 0) else { return nil }
        return integer(in: bytes, from: at + key.utf8.count)?.value
    }
}
