/// The house style as Word sets it: font families, the accent colour and its light tint, the page.
///
/// The standard house style keeps the Word look brief has always had: its DejaVu families (what the PDF writer
/// draws with) become Times New Roman and Arial, which every Word has and LibreOffice replaces with the
/// metric-compatible Liberation fonts, and its navy stays Word's navy (1F3864, table headers D9E2F3). A committee's
/// own fonts and colour are used as given.
struct DOCXTheme: Sendable, Hashable {
    /// Body text (Normal and every style based on it).
    var bodyFont: String
    /// Headings, captions, tables, the banner.
    var headingFont: String
    /// `RRGGBB`: headings, rules, table header borders, citations.
    var accent: String
    /// `RRGGBB`: the shading of table header rows, a light tint of the accent.
    var headerFill: String
    /// Page size in twips, portrait.
    var pageWidth: Int
    var pageHeight: Int

    static let wordSerif = "Times New Roman"
    static let wordSans = "Arial"

    init(_ style: HouseStyle) {
        let standard = HouseStyle.standard
        bodyFont = style.bodyFont == standard.bodyFont || style.bodyFont.isEmpty ? Self.wordSerif : style.bodyFont
        headingFont = style.headingFont == standard.headingFont || style.headingFont.isEmpty ? Self.wordSans : style.headingFont
        if style.accent == HouseStyle.standardAccent {
            accent = "1F3864"
            headerFill = "D9E2F3"
        } else {
            accent = String(style.accent.hex.dropFirst())
            headerFill = String(Self.tint(style.accent, keeping: 0.15).hex.dropFirst())
        }
        switch style.pageSize {
        case .letter: (pageWidth, pageHeight) = (12240, 15840)
        case .a4: (pageWidth, pageHeight) = (11906, 16838)
        }
    }

    /// `color` mixed with white, keeping `fraction` of the colour: dark text stays readable on it.
    static func tint(_ color: HouseStyle.Color, keeping fraction: Double) -> HouseStyle.Color {
        func mix(_ channel: UInt8) -> UInt8 {
            UInt8((255 - (255 - Double(channel)) * fraction).rounded())
        }
        return HouseStyle.Color(red: mix(color.red), green: mix(color.green), blue: mix(color.blue))
    }
}

extension DOCXTheme {
    /// A font's generic family, so that Word substitutes a similar face when a house font is not installed.
    static func family(_ name: String, role: String) -> String {
        let lower = name.lowercased()
        if lower.contains("mono") || lower.contains("courier") || lower.contains("consol") { return "modern" }
        if lower.contains("sans") || ["arial", "helvetica", "calibri", "verdana", "tahoma", "segoe", "franklin", "gill"].contains(where: lower.contains) {
            return "swiss"
        }
        if lower.contains("serif") || ["times", "georgia", "garamond", "cambria", "palatino", "book", "minion"].contains(where: lower.contains) {
            return "roman"
        }
        return role
    }

    /// `word/fontTable.xml`: the body, heading and code fonts with their generic families.
    var fontTable: String {
        var out = DOCXPackage.declaration + "<w:fonts \(DOCXPackage.wordNamespaces)>"
        var seen: Set<String> = []
        for (name, role) in [(bodyFont, "roman"), (headingFont, "swiss"), (DOCXStyles.monospace, "modern")] where seen.insert(name).inserted {
            let family = Self.family(name, role: role)
            out += "<w:font w:name=\"\(DOCXPackage.x(name))\"><w:charset w:val=\"00\"/><w:family w:val=\"\(family)\"/>"
            out += "<w:pitch w:val=\"\(family == "modern" ? "fixed" : "variable")\"/></w:font>"
        }
        return out + "</w:fonts>"
    }

    /// `word/theme/theme1.xml`: a small theme whose first accent is the house accent and whose major and minor
    /// fonts are the heading and body fonts, so Word's theme colour and font pickers offer the house style.
    var themeXML: String {
        func color(_ slot: String, _ hex: String) -> String { "<a:\(slot)><a:srgbClr val=\"\(hex)\"/></a:\(slot)>" }
        func font(_ slot: String, _ name: String) -> String {
            "<a:\(slot)><a:latin typeface=\"\(DOCXPackage.x(name))\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:\(slot)>"
        }
        let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
        var out = DOCXPackage.declaration
        out += "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"brief\"><a:themeElements>"
        out += "<a:clrScheme name=\"brief\">"
        out += "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>"
        out += color("dk2", "404040") + color("lt2", "F2F2F2") + color("accent1", accent) + color("accent2", headerFill)
        out += color("accent3", "A6A6A6") + color("accent4", "FFF2CC") + color("accent5", "595959") + color("accent6", "7F7F7F")
        out += color("hlink", "0563C1") + color("folHlink", "954F72")
        out += "</a:clrScheme><a:fontScheme name=\"brief\">" + font("majorFont", headingFont) + font("minorFont", bodyFont) + "</a:fontScheme>"
        out += "<a:fmtScheme name=\"brief\">"
        out += "<a:fillStyleLst>" + String(repeating: fill, count: 3) + "</a:fillStyleLst>"
        out += "<a:lnStyleLst>" + String(repeating: "<a:ln w=\"6350\">\(fill)</a:ln>", count: 3) + "</a:lnStyleLst>"
        out += "<a:effectStyleLst>" + String(repeating: "<a:effectStyle><a:effectLst/></a:effectStyle>", count: 3) + "</a:effectStyleLst>"
        out += "<a:bgFillStyleLst>" + String(repeating: fill, count: 3) + "</a:bgFillStyleLst>"
        return out + "</a:fmtScheme></a:themeElements></a:theme>"
    }
}
