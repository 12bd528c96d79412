/// `word/styles.xml`: every look in the DOCX comes from a named style, so staff can restyle the memo in Word.
///
/// Built-in styles keep Word's built-in names (`heading 1`, `caption`, `Title`...) so that Word maps them onto its
/// own; brief's own styles (Banner, Brief Table, Portion Mark, Code...) are custom. Fonts and the accent colour come
/// from the house style (`DOCXTheme`). Pagination lives in the styles too: widow and orphan control for every
/// paragraph (docDefaults), headings and captions kept with what follows them and never split.
enum DOCXStyles {
    /// Identifiers and hashes: a monospace face, in the size of the paragraph around them.
    static let monospace = "Courier New"

    /// A font family for every script; the name comes from the style file, so it is escaped.
    static func fonts(_ name: String) -> String {
        let name = DOCXPackage.x(name)
        return "<w:rFonts w:ascii=\"\(name)\" w:hAnsi=\"\(name)\" w:eastAsia=\"\(name)\" w:cs=\"\(name)\"/>"
    }

    static func size(_ halfPoints: Int) -> String {
        "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>"
    }

    /// A paragraph style. `pPr` and `rPr` are the properties' children, in schema order.
    static func paragraph(_ id: String, name: String, basedOn: String? = "Normal", next: String? = nil, priority: Int? = nil,
                          quick: Bool = false, default isDefault: Bool = false, pPr: String = "", rPr: String = "") -> String {
        var out = "<w:style w:type=\"paragraph\"" + (isDefault ? " w:default=\"1\"" : "") + " w:styleId=\"\(id)\">"
        out += "<w:name w:val=\"\(name)\"/>"
        if let basedOn { out += "<w:basedOn w:val=\"\(basedOn)\"/>" }
        if let next { out += "<w:next w:val=\"\(next)\"/>" }
        if let priority { out += "<w:uiPriority w:val=\"\(priority)\"/>" }
        if quick { out += "<w:qFormat/>" }
        if !pPr.isEmpty { out += "<w:pPr>\(pPr)</w:pPr>" }
        if !rPr.isEmpty { out += "<w:rPr>\(rPr)</w:rPr>" }
        return out + "</w:style>"
    }

    static func character(_ id: String, name: String, priority: Int? = nil, quick: Bool = false, rPr: String) -> String {
        var out = "<w:style w:type=\"character\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
        out += "<w:basedOn w:val=\"DefaultParagraphFont\"/>"
        if let priority { out += "<w:uiPriority w:val=\"\(priority)\"/>" }
        if quick { out += "<w:qFormat/>" }
        return out + "<w:rPr>\(rPr)</w:rPr></w:style>"
    }

    static func border(_ side: String, size: Int = 4, color: String = "A6A6A6", value: String = "single") -> String {
        "<w:\(side) w:val=\"\(value)\" w:sz=\"\(size)\" w:space=\"0\" w:color=\"\(color)\"/>"
    }

    static func cellMargins(top: Int, side: Int) -> String {
        let parts: [String] = [
            "<w:tblCellMar><w:top w:w=\"\(top)\" w:type=\"dxa\"/><w:left w:w=\"\(side)\" w:type=\"dxa\"/>",
            "<w:bottom w:w=\"\(top)\" w:type=\"dxa\"/><w:right w:w=\"\(side)\" w:type=\"dxa\"/></w:tblCellMar>",
        ]
        return parts.joined()
    }

    /// `word/styles.xml` in the theme's fonts and colours.
    static func xml(_ theme: DOCXTheme) -> String {
        let serif = theme.bodyFont, sans = theme.headingFont, accent = theme.accent
        var out = DOCXPackage.declaration
        out += "<w:styles \(DOCXPackage.wordNamespaces)>"
        out += "<w:docDefaults>"
        out += "<w:rPrDefault><w:rPr>\(fonts(serif))\(size(22))<w:lang w:val=\"en-US\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
        out += "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
        out += "</w:docDefaults>"

        // Paragraph styles.
        out += paragraph("Normal", name: "Normal", basedOn: nil, quick: true, default: true,
                         pPr: "<w:widowControl/><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/>",
                         rPr: "\(fonts(serif))\(size(22))")
        out += paragraph("Title", name: "Title", next: "Normal", priority: 10, quick: true,
                         pPr: "<w:keepNext/><w:pBdr>\(border("bottom", size: 12, color: accent))</w:pBdr><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/><w:contextualSpacing/>",
                         rPr: "\(fonts(sans))<w:b/><w:bCs/><w:color w:val=\"\(accent)\"/><w:kern w:val=\"28\"/>\(size(36))")
        out += paragraph("Subtitle", name: "Subtitle", next: "Normal", priority: 11, quick: true,
                         pPr: "<w:spacing w:before=\"0\" w:after=\"240\"/>",
                         rPr: "\(fonts(sans))<w:color w:val=\"595959\"/>\(size(20))")
        for (level, (sizeHalfPoints, before)) in [(28, 360), (24, 240), (22, 200)].enumerated() {
            out += paragraph("Heading\(level + 1)", name: "heading \(level + 1)", next: "Normal", priority: 9, quick: true,
                             pPr: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"\(before)\" w:after=\"120\"/><w:outlineLvl w:val=\"\(level)\"/>",
                             rPr: "\(fonts(sans))<w:b/><w:bCs/>\(level == 2 ? "<w:i/><w:iCs/>" : "")<w:color w:val=\"\(accent)\"/>\(size(sizeHalfPoints))")
        }
        // The table of contents: its heading (no outline level, so that it does not list itself) and its entries.
        out += paragraph("TOCHeading", name: "TOC Heading", next: "Normal", priority: 39, quick: true,
                         pPr: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/>",
                         rPr: "\(fonts(sans))<w:b/><w:bCs/><w:color w:val=\"\(accent)\"/>\(size(24))")
        for level in 1...3 {
            out += paragraph("TOC\(level)", name: "toc \(level)", next: "Normal", priority: 39,
                             pPr: "<w:spacing w:after=\"60\"/><w:ind w:left=\"\(240 * (level - 1))\"/>")
        }
        out += paragraph("Caption", name: "caption", next: "Normal", priority: 35, quick: true,
                         pPr: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"200\" w:after=\"80\"/>",
                         rPr: "\(fonts(sans))<w:b/><w:bCs/><w:color w:val=\"404040\"/>\(size(18))")
        out += paragraph("Banner", name: "Banner", next: "Banner", quick: true,
                         pPr: "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
                         rPr: "\(fonts(sans))<w:b/><w:bCs/><w:spacing w:val=\"20\"/>\(size(20))")
        out += paragraph("Header", name: "header", priority: 99,
                         pPr: "<w:tabs><w:tab w:val=\"center\" w:pos=\"4680\"/><w:tab w:val=\"right\" w:pos=\"9360\"/></w:tabs><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
                         rPr: "\(fonts(sans))\(size(18))")
        out += paragraph("Footer", name: "footer", priority: 99,
                         pPr: "<w:spacing w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
                         rPr: "\(fonts(sans))<w:color w:val=\"595959\"/>\(size(16))")
        out += paragraph("TableText", name: "Table Text", next: "TableText", quick: true,
                         pPr: "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/>",
                         rPr: "\(fonts(sans))\(size(17))")
        out += paragraph("TableHeading", name: "Table Heading", basedOn: "TableText", next: "TableText", quick: true,
                         pPr: "<w:keepNext/>", rPr: "<w:b/><w:bCs/><w:color w:val=\"\(accent)\"/>")
        out += paragraph("TableLabel", name: "Table Label", basedOn: "TableText", next: "TableText",
                         rPr: "<w:b/><w:bCs/>")
        out += paragraph("MemoLabel", name: "Memo Label", next: "MemoText",
                         pPr: "<w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/>",
                         rPr: "\(fonts(sans))<w:b/><w:bCs/><w:caps/><w:color w:val=\"\(accent)\"/>\(size(19))")
        out += paragraph("MemoText", name: "Memo Text", next: "MemoText",
                         pPr: "<w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/>",
                         rPr: "\(fonts(serif))\(size(22))")
        out += paragraph("ListBullet", name: "List Bullet", priority: 36,
                         pPr: "<w:numPr><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"80\"/><w:ind w:left=\"360\" w:hanging=\"360\"/><w:contextualSpacing/>")
        // Numbered lists: each list has its own numbering instance (restarting at 1), so the number comes from the
        // paragraph's numPr; the style carries the look.
        out += paragraph("ListNumber", name: "List Number", priority: 36,
                         pPr: "<w:spacing w:after=\"80\"/><w:ind w:left=\"360\" w:hanging=\"360\"/><w:contextualSpacing/>")
        out += paragraph("Letterhead", name: "Letterhead", next: "LetterheadDetail",
                         pPr: "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
                         rPr: "\(fonts(sans))<w:b/><w:bCs/><w:color w:val=\"\(accent)\"/>\(size(26))")
        out += paragraph("LetterheadDetail", name: "Letterhead Detail", next: "LetterheadDetail",
                         pPr: "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
                         rPr: "\(fonts(sans))<w:color w:val=\"595959\"/>\(size(18))")
        out += paragraph("SourceNote", name: "Source Note", next: "SourceNote",
                         pPr: "<w:spacing w:after=\"80\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:left=\"480\" w:hanging=\"480\"/>",
                         rPr: size(20))
        out += paragraph("Figure", name: "Figure", next: "FigureNote",
                         pPr: "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>")
        out += paragraph("FigureNote", name: "Figure Note", next: "Normal",
                         pPr: "<w:spacing w:before=\"60\" w:after=\"200\" w:line=\"240\" w:lineRule=\"auto\"/>",
                         rPr: "\(fonts(sans))<w:i/><w:iCs/><w:color w:val=\"404040\"/>\(size(17))")
        out += paragraph("TableSpacer", name: "Table Spacer", next: "Normal",
                         pPr: "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>", rPr: size(8))

        // Character styles.
        out += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>"
        out += "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
        out += character("Strong", name: "Strong", priority: 22, quick: true, rPr: "<w:b/><w:bCs/>")
        out += character("Emphasis", name: "Emphasis", priority: 20, quick: true, rPr: "<w:i/><w:iCs/>")
        out += character("Hyperlink", name: "Hyperlink", priority: 99, rPr: "<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/>")
        out += character("CitationReference", name: "Citation Reference", rPr: "<w:color w:val=\"\(accent)\"/><w:vertAlign w:val=\"superscript\"/>")
        out += character("PortionMark", name: "Portion Mark", rPr: "<w:b/><w:bCs/>")
        // No size: code takes the size of its paragraph (body or table text). Writers give it room to stay whole.
        out += character("Code", name: "Code", rPr: "\(fonts(monospace))<w:noProof/>")

        // Table styles.
        let tableNormal: [String] = [
            "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>",
            "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>",
            "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>", cellMargins(top: 0, side: 108), "</w:tblPr></w:style>",
        ]
        out += tableNormal.joined()
        let grid = ["top", "left", "bottom", "right", "insideH", "insideV"].map { border($0) }.joined()
        let briefTable: [String] = [
            "<w:style w:type=\"table\" w:styleId=\"BriefTable\"><w:name w:val=\"Brief Table\"/><w:basedOn w:val=\"TableNormal\"/>",
            "<w:uiPriority w:val=\"59\"/><w:qFormat/>",
            "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
            "<w:rPr>", fonts(sans), size(17), "</w:rPr>",
            "<w:tblPr><w:tblStyleRowBandSize w:val=\"1\"/><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>", grid, "</w:tblBorders>", cellMargins(top: 29, side: 86), "</w:tblPr>",
            "<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>",
            "<w:tcPr><w:tcBorders>", border("bottom", size: 12, color: accent), "</w:tcBorders>",
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(theme.headerFill)\"/></w:tcPr></w:tblStylePr>",
            "<w:tblStylePr w:type=\"band2Horz\"><w:tblPr/><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/></w:tcPr></w:tblStylePr>",
            "</w:style>",
        ]
        out += briefTable.joined()
        let memoTable: [String] = [
            "<w:style w:type=\"table\" w:styleId=\"MemoTable\"><w:name w:val=\"Memo Header Table\"/><w:basedOn w:val=\"TableNormal\"/>",
            "<w:uiPriority w:val=\"60\"/>",
            "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>", border("top", size: 4, color: accent),
            border("bottom", size: 12, color: accent), "</w:tblBorders>", cellMargins(top: 43, side: 58), "</w:tblPr>",
            "</w:style>",
        ]
        out += memoTable.joined()
        return out + "</w:styles>"
    }
}
