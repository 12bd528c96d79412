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
