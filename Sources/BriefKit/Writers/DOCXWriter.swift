import Foundation
import ZIPFoundation

/// Word (DOCX): WordprocessingML parts in an OPC zip, built in memory.
///
/// Every part is written as text through `Escaping.xml`, so no data string can add markup, a control character,
/// a raw bidirectional control (shown as `\u{202E}`) or an unescaped `&`. The document uses named styles only (Title, Heading 1–3, Normal, Caption, Banner,
/// Brief Table...), so staff can restyle it in Word. The banner is in the page header and footer of every page,
/// the footer says "Page X of Y" (PAGE and NUMPAGES fields), tables repeat their header row and never split a
/// row across pages, citations are superscript `[n]` linked to the source they cite, and charts are PNG images
/// with alt text (or, when no image can be drawn, their data as a table). The house style sets the page (Letter or
/// A4), the fonts (styles, font table, theme), the accent colour, and the letterhead (its image, with alt text, and
/// its lines) above the title. Sections that start a page (case sheets, appendices) break the page before their
/// heading; code (hashes, record ids) is set whole in the Code style; dates read as prose.
///
/// The output is deterministic: the same document gives the same bytes (zip dates and document properties come
/// from the document's metadata date, never the clock). Nothing is written that the document IR does not hold,
/// so a public edition's parts (document, header, footer, properties, alt text, relationships) hold nothing
/// above public.
public struct DOCXWriter: Sendable {
    public init() {}

    /// Why a DOCX could not be produced (the zip library failed).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot write the DOCX package: \(reason)" }
    }

    /// The .docx file's bytes.
    public func render(_ document: BriefDocument) throws -> [UInt8] {
        try DOCXPackage.zip(parts(document), date: DOCXPackage.zipDate(document.metadata.date))
    }

    /// The package's parts, in zip order: (name inside the zip, bytes).
    func parts(_ document: BriefDocument) -> [(name: String, bytes: [UInt8])] {
        var body = DOCXBodyRenderer(document: document)
        let documentXML = body.render()
        let theme = DOCXTheme(document.style)

        var relationships: [DOCXPackage.Relationship] = [
            .init(id: "rId1", type: DOCXPackage.relationshipType("styles"), target: "styles.xml"),
            .init(id: "rId2", type: DOCXPackage.relationshipType("settings"), target: "settings.xml"),
            .init(id: "rId3", type: DOCXPackage.relationshipType("numbering"), target: "numbering.xml"),
            .init(id: "rId4", type: DOCXPackage.relationshipType("header"), target: "header1.xml"),
            .init(id: "rId5", type: DOCXPackage.relationshipType("footer"), target: "footer1.xml"),
            .init(id: "rId6", type: DOCXPackage.relationshipType("fontTable"), target: "fontTable.xml"),
            .init(id: "rId7", type: DOCXPackage.relationshipType("theme"), target: "theme/theme1.xml"),
        ]
        relationships += body.relationships

        var parts: [(name: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", DOCXPackage.bytes(DOCXPackage.contentTypes(hasImages: !body.media.isEmpty))),
            ("_rels/.rels", DOCXPackage.bytes(DOCXPackage.packageRelationships)),
            ("docProps/core.xml", DOCXPackage.bytes(DOCXPackage.coreProperties(document))),
            ("docProps/app.xml", DOCXPackage.bytes(DOCXPackage.appProperties(document))),
            ("word/document.xml", DOCXPackage.bytes(documentXML)),
            ("word/styles.xml", DOCXPackage.bytes(DOCXStyles.xml(theme))),
            ("word/settings.xml", DOCXPackage.bytes(DOCXPackage.settings(document))),
            ("word/numbering.xml", DOCXPackage.bytes(DOCXPackage.numbering(orderedLists: body.orderedLists))),
            ("word/header1.xml", DOCXPackage.bytes(DOCXPackage.header(document))),
            ("word/footer1.xml", DOCXPackage.bytes(DOCXPackage.footer(document))),
            ("word/fontTable.xml", DOCXPackage.bytes(theme.fontTable)),
            ("word/theme/theme1.xml", DOCXPackage.bytes(theme.themeXML)),
            ("word/_rels/document.xml.rels", DOCXPackage.bytes(DOCXPackage.relationshipsXML(relationships))),
        ]
        for item in body.media { parts.append(("word/media/\(item.name)", item.bytes)) }
        return parts
    }

    /// An http(s) href as a relationship target (a URI: spaces, non-ASCII and characters that are not allowed in a
    /// URI percent-encoded), or nil for anything else (`javascript:`, `file:`, relative...).
    static func linkTarget(_ href: String) -> String? {
        let lower = href.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let bytes = Array(href.utf8)
        func isHex(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x30...0x39, 0x41...0x46, 0x61...0x66: true
            default: false
            }
        }
        var out = ""
        for (index, byte) in bytes.enumerated() {
            var escapedPercent = false
            if byte == 0x25, index + 2 < bytes.count { escapedPercent = isHex(bytes[index + 1]) && isHex(bytes[index + 2]) }
            switch byte {
            case 0x25 where escapedPercent:
                out.unicodeScalars.append("%")
            case 0x21...0x7E where !"%\"<>\\^`{|} ".utf8.contains(byte):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

/// The fixed parts of the package and the zip itself.
enum DOCXPackage {
    struct Relationship: Sendable, Hashable {
        var id: String
        var type: String
        var target: String
        var external = false
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static let wordNamespaces = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    static func relationshipType(_ name: String) -> String {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + name
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func x(_ text: String) -> String { Escaping.xml(text) }

    // MARK: Package-level parts

    static func contentTypes(hasImages: Bool) -> String {
        let wordML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        var out = declaration
        out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        out += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        if hasImages { out += "<Default Extension=\"png\" ContentType=\"image/png\"/>" }
        let overrides: [(String, String)] = [
            ("/word/document.xml", wordML + "document.main+xml"),
            ("/word/styles.xml", wordML + "styles+xml"),
            ("/word/settings.xml", wordML + "settings+xml"),
            ("/word/numbering.xml", wordML + "numbering+xml"),
            ("/word/header1.xml", wordML + "header+xml"),
            ("/word/footer1.xml", wordML + "footer+xml"),
            ("/word/fontTable.xml", wordML + "fontTable+xml"),
            ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        for (part, type) in overrides { out += "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>" }
        return out + "</Types>"
    }

    static let packageRelationships: String = {
        let parts: [String] = [
            declaration,
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
            "<Relationship Id=\"rId1\" Type=\"", relationshipType("officeDocument"), "\" Target=\"word/document.xml\"/>",
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
            "<Relationship Id=\"rId3\" Type=\"", relationshipType("extended-properties"), "\" Target=\"docProps/app.xml\"/>",
            "</Relationships>",
        ]
        return parts.joined()
    }()

    static func relationshipsXML(_ relationships: [Relationship]) -> String {
        var out = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for relationship in relationships {
            out += "<Relationship Id=\"\(x(relationship.id))\" Type=\"\(x(relationship.type))\" Target=\"\(x(relationship.target))\""
            out += relationship.external ? " TargetMode=\"External\"/>" : "/>"
        }
        return out + "</Relationships>"
    }

    /// Title, subject and keywords from the document; author "brief"; dates from the metadata date (midnight UTC).
    static func coreProperties(_ document: BriefDocument) -> String {
        let metadata = document.metadata
        let stamp = metadata.date.iso + "T00:00:00Z"
        var out = declaration
        out += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        out += "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        out += "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        out += "<dc:title>\(x(metadata.title))</dc:title>"
        out += "<dc:subject>\(x(metadata.subject))</dc:subject>"
        out += "<dc:creator>brief</dc:creator>"
        out += "<cp:keywords>\(x(metadata.keywords.joined(separator: ", ")))</cp:keywords>"
        out += "<cp:lastModifiedBy>brief</cp:lastModifiedBy>"
        out += "<cp:revision>1</cp:revision>"
        out += "<cp:contentStatus>\(x(document.banner.banner))</cp:contentStatus>"
        if !metadata.language.isEmpty { out += "<dc:language>\(x(metadata.language))</dc:language>" }
        out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:created>"
        out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:modified>"
        return out + "</cp:coreProperties>"
    }

    static func appProperties(_ document: BriefDocument) -> String {
        var out = declaration
        out += "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
        out += "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        out += "<Template>Normal.dotm</Template>"
        out += "<Application>\(x(document.metadata.generator.isEmpty ? "brief" : document.metadata.generator))</Application>"
        out += "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        out += "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        return out + "</Properties>"
    }

    // MARK: Word parts

    static func settings(_ document: BriefDocument) -> String {
        var out = declaration
        out += "<w:settings \(wordNamespaces)>"
        out += "<w:zoom w:percent=\"100\"/>"
        out += "<w:defaultTabStop w:val=\"720\"/>"
        out += "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
        // Word then updates the fields (the table of contents) when it opens the file.
        out += "<w:updateFields w:val=\"true\"/>"
        out += "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
        let language = document.metadata.language.isEmpty ? "en-US" : document.metadata.language
        out += "<w:themeFontLang w:val=\"\(x(language))\"/>"
        out += "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>"
        return out + "</w:settings>"
    }

    /// The bulleted list definition (numId 1, used by the List Bullet style), and for numbered lists one decimal
    /// definition with one instance per list (numId 2, 3...), each restarting at 1.
    static func numbering(orderedLists: Int) -> String {
        var out = declaration
        out += "<w:numbering \(wordNamespaces)>"
        out += "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
        for level in 0..<3 {
            let indent = 360 * (level + 1)
            let glyph = level == 1 ? "\u{2013}" : "\u{2022}"
            out += "<w:lvl w:ilvl=\"\(level)\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
            out += "<w:lvlText w:val=\"\(glyph)\"/><w:lvlJc w:val=\"left\"/>"
            out += "<w:pPr><w:ind w:left=\"\(indent)\" w:hanging=\"360\"/></w:pPr></w:lvl>"
        }
        out += "</w:abstractNum>"
        if orderedLists > 0 {
            out += "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
            for (level, format) in ["decimal", "lowerLetter", "lowerRoman"].enumerated() {
                let indent = 360 * (level + 1)
                out += "<w:lvl w:ilvl=\"\(level)\"><w:start w:val=\"1\"/><w:numFmt w:val=\"\(format)\"/>"
                out += "<w:lvlText w:val=\"%\(level + 1).\"/><w:lvlJc w:val=\"left\"/>"
                out += "<w:pPr><w:ind w:left=\"\(indent)\" w:hanging=\"360\"/></w:pPr></w:lvl>"
            }
            out += "</w:abstractNum>"
        }
        out += "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        for list in 0..<orderedLists {
            // Without the override, Word would continue the numbering of the list before.
            out += "<w:num w:numId=\"\(list + 2)\"><w:abstractNumId w:val=\"1\"/>"
            out += "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        }
        return out + "</w:numbering>"
    }

    static func bannerParagraph(_ document: BriefDocument) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"Banner\"/></w:pPr><w:r><w:t>\(x(document.banner.banner))</w:t></w:r></w:p>"
    }

    /// The page header: the banner, centred.
    static func header(_ document: BriefDocument) -> String {
        declaration + "<w:hdr \(wordNamespaces)>" + bannerParagraph(document) + "</w:hdr>"
    }

    /// A complex field (PAGE, NUMPAGES...) with a placeholder result that Word and LibreOffice update.
    static func field(_ instruction: String, placeholder: String) -> String {
        let parts: [String] = [
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
            "<w:r><w:instrText xml:space=\"preserve\"> ", instruction, " \\* MERGEFORMAT </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            "<w:r><w:rPr><w:noProof/></w:rPr><w:t>", placeholder, "</w:t></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        ]
        return parts.joined()
    }

    /// The page footer: "Page X of Y", then the banner.
    static func footer(_ document: BriefDocument) -> String {
        var out = declaration + "<w:ftr \(wordNamespaces)>"
        out += "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
        out += "<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>"
        out += field("PAGE", placeholder: "1")
        out += "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>"
        out += field("NUMPAGES", placeholder: "1")
        out += "</w:p>"
        out += bannerParagraph(document)
        return out + "</w:ftr>"
    }

    // MARK: Zip

    /// The zip entries' date: the document's date (midnight UTC), clamped to the zip format's 1980–2099.
    static func zipDate(_ day: Day) -> Date {
        var components = DateComponents()
        components.year = min(2099, max(1980, day.year))
        components.month = day.month
        components.day = day.day
        components.hour = 0
        var calendar = Calendar(identifier: .gregorian)
        if let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) { calendar.timeZone = utc }
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 315_576_000)
    }

    /// A zip of `parts` (deflated files only, no directory entries), all dated `date`: a Word package, and a
    /// workbook of `brief export`.
    static func zip(_ parts: [(name: String, bytes: [UInt8])], date: Date) throws(DOCXWriter.Failure) -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw DOCXWriter.Failure(reason: "\(error)")
        }
        for part in parts {
            let data = Data(part.bytes)
            do {
                try archive.addEntry(with: part.name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                     permissions: 0o644, compressionMethod: .deflate) { position, size in
                    let start = Int(position)
                    return data.subdata(in: start..<min(data.count, start + size))
                }
            } catch {
                throw DOCXWriter.Failure(reason: "\(part.name): \(error)")
            }
        }
        guard let data = archive.data else { throw DOCXWriter.Failure(reason: "the in-memory archive has no data") }
        return [UInt8](data)
    }
}
