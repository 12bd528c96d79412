import CQPDF

/// Adds to a PDF Cairo has written what Cairo 1.16 cannot write: the catalog's `/Lang` and
/// `/ViewerPreferences << /DisplayDocTitle true >>`, XMP metadata (title, language, dates, tool, the edition's
/// marking), a `/Marking` entry in the document information, figures' and links' alternative text, header cells'
/// scope, and link annotations' `/Contents`. Through qpdf's C API, which rewrites the file whole: streams are copied
/// as they are (not decoded again), and the file `/ID` is computed from the content, so the same input gives the
/// same bytes.
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
        let qpdf = qpdf_init()
        var handle = qpdf
        defer { qpdf_cleanup(&handle) }
        guard let qpdf else { throw .invalidState(operation: "qpdf_init", reason: "no memory") }
        qpdf_silence_errors(qpdf)
        let read = pdf.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { qpdf_read_memory(qpdf, "brief.pdf", $0.baseAddress, UInt64(buffer.count), nil) }
        }
        try check(qpdf, read, "qpdf_read_memory")

        let root = qpdf_get_root(qpdf)
        qpdf_oh_replace_key(qpdf, root, "/Lang", qpdf_oh_new_unicode_string(qpdf, language))
        let preferences = qpdf_oh_new_dictionary(qpdf)
        qpdf_oh_replace_key(qpdf, preferences, "/DisplayDocTitle", qpdf_oh_new_bool(qpdf, QPDF_TRUE))
        qpdf_oh_replace_key(qpdf, root, "/ViewerPreferences", preferences)
        let markInfo = qpdf_oh_new_dictionary(qpdf)
        qpdf_oh_replace_key(qpdf, markInfo, "/Marked", qpdf_oh_new_bool(qpdf, QPDF_TRUE))
        qpdf_oh_replace_key(qpdf, root, "/MarkInfo", markInfo)

        let trailer = qpdf_get_trailer(qpdf)
        let info = qpdf_oh_get_key(qpdf, trailer, "/Info")
        if let marking, qpdf_oh_is_dictionary(qpdf, info) != 0 {
            qpdf_oh_replace_key(qpdf, info, "/Marking", qpdf_oh_new_unicode_string(qpdf, marking))
        }
        let producer = qpdf_get_info_key(qpdf, "/Producer").map { String(cString: $0) }

        let xmp = Array(xmpPacket(producer: producer).utf8)
        let metadata = qpdf_oh_new_stream(qpdf)
        xmp.withUnsafeBufferPointer { buffer in
            qpdf_oh_replace_stream_data(qpdf, metadata, buffer.baseAddress, buffer.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
        }
        let metadataDictionary = qpdf_oh_get_dict(qpdf, metadata)
        qpdf_oh_replace_key(qpdf, metadataDictionary, "/Type", qpdf_oh_new_name(qpdf, "/Metadata"))
        qpdf_oh_replace_key(qpdf, metadataDictionary, "/Subtype", qpdf_oh_new_name(qpdf, "/XML"))
        qpdf_oh_replace_key(qpdf, root, "/Metadata", metadata)

        let treeRoot = qpdf_oh_get_key(qpdf, root, "/StructTreeRoot")
        if qpdf_oh_is_dictionary(qpdf, treeRoot) != 0 {
            var next = 0
            try annotate(qpdf, kids: qpdf_oh_get_key(qpdf, treeRoot, "/K"), next: &next)
            guard next == structure.count else {
                throw .invalidState(operation: "PDF structure attributes", reason: "\(next) elements in the tree, \(structure.count) begun")
            }
        }
        try check(qpdf, qpdf_init_write_memory(qpdf), "qpdf_init_write_memory")
        qpdf_set_deterministic_ID(qpdf, QPDF_TRUE)
        qpdf_set_decode_level(qpdf, qpdf_dl_none)
        qpdf_set_compress_streams(qpdf, QPDF_FALSE)
        try check(qpdf, qpdf_write(qpdf), "qpdf_write")
        guard let buffer = qpdf_get_buffer(qpdf) else { throw .invalidState(operation: "qpdf_write", reason: "no output") }
        return Array(UnsafeBufferPointer(start: buffer, count: qpdf_get_buffer_length(qpdf)))
    }

    /// Walks the structure elements under `kids` (an element, an array of them, marked-content ids or references)
    /// in pre-order, matching each with the next element begun, and writes its attributes.
    private func annotate(_ qpdf: qpdf_data, kids: qpdf_oh, next: inout Int) throws(TypesettingError) {
        if qpdf_oh_is_array(qpdf, kids) != 0 {
            for index in 0..<qpdf_oh_get_array_n_items(qpdf, kids) {
                try annotate(qpdf, kids: qpdf_oh_get_array_item(qpdf, kids, index), next: &next)
            }
            return
        }
        guard qpdf_oh_is_dictionary(qpdf, kids) != 0, qpdf_oh_has_key(qpdf, kids, "/S") != 0 else { return }
        let element = kids
        guard next < structure.count else {
            throw .invalidState(operation: "PDF structure attributes", reason: "more elements in the tree than begun")
        }
        let expected = structure[next]
        next += 1
        guard qpdf_oh_is_name_and_equals(qpdf, qpdf_oh_get_key(qpdf, element, "/S"), "/" + expected.role.rawValue) != 0 else {
            throw .invalidState(operation: "PDF structure attributes", reason: "element \(next) is not \(expected.role.rawValue)")
        }
        if let text = expected.alternativeText {
            qpdf_oh_replace_key(qpdf, element, "/Alt", qpdf_oh_new_unicode_string(qpdf, TextLayout.cSafe(text)))
        }
        if let scope = expected.scope {
            let attributes = qpdf_oh_new_dictionary(qpdf)
            qpdf_oh_replace_key(qpdf, attributes, "/O", qpdf_oh_new_name(qpdf, "/Table"))
            qpdf_oh_replace_key(qpdf, attributes, "/Scope", qpdf_oh_new_name(qpdf, "/" + scope.rawValue))
            qpdf_oh_replace_key(qpdf, element, "/A", attributes)
        }
        let children = qpdf_oh_get_key(qpdf, element, "/K")
        if expected.role == .link, let text = expected.alternativeText {
            // The annotation's own description (PDF/UA asks for `/Contents` on every annotation).
            let references = qpdf_oh_is_array(qpdf, children) != 0
                ? (0..<qpdf_oh_get_array_n_items(qpdf, children)).map { qpdf_oh_get_array_item(qpdf, children, $0) } : [children]
            for reference in references where qpdf_oh_is_dictionary(qpdf, reference) != 0 && qpdf_oh_has_key(qpdf, reference, "/Obj") != 0 {
                let annotation = qpdf_oh_get_key(qpdf, reference, "/Obj")
                if qpdf_oh_is_dictionary(qpdf, annotation) != 0 {
                    qpdf_oh_replace_key(qpdf, annotation, "/Contents", qpdf_oh_new_unicode_string(qpdf, TextLayout.cSafe(text)))
                }
            }
        }
        try annotate(qpdf, kids: children, next: &next)
    }

    private func check(_ qpdf: qpdf_data, _ code: QPDF_ERROR_CODE, _ operation: String) throws(TypesettingError) {
        // QPDF_ERRORS (`1 << 1`, a macro Swift does not import).
        guard code & 2 != 0 else { return }
        var message = "failed"
        if let error = qpdf_get_error(qpdf), let text = qpdf_get_error_full_text(qpdf, error) { message = String(cString: text) }
        throw .invalidState(operation: operation, reason: message)
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
