import Foundation
import ZIPFoundation

/// Writes sheets as an Office Open XML workbook (`.xlsx`): a zip of SpreadsheetML parts, text in inline strings,
/// whole numbers as numbers, the header row bold. The same sheets give the same bytes: fixed part order, fixed zip
/// dates.
public enum XLSXWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Why a workbook could not be made (the zip library failed; nothing about the data).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public static func workbook(_ sheets: [SheetTable]) throws(Failure) -> [UInt8] {
        var parts: [(name: String, bytes: [UInt8])] = []
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        var types = declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for index in sheets.indices {
            types += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        types += "</Types>"
        parts.append(("[Content_Types].xml", Array(types.utf8)))
        parts.append(("_rels/.rels", Array((declaration + "<Relationships xmlns=\"\(packageRelationships)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").utf8)))
        var workbook = declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>"
        var rels = declaration + "<Relationships xmlns=\"\(packageRelationships)\">"
        for (index, sheet) in sheets.enumerated() {
            workbook += "<sheet name=\"\(ListXMLWriter.attribute(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            rels += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        workbook += "</sheets></workbook>"
        rels += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"
        parts.append(("xl/workbook.xml", Array(workbook.utf8)))
        parts.append(("xl/_rels/workbook.xml.rels", Array(rels.utf8)))
        parts.append(("xl/styles.xml", Array((declaration + styles).utf8)))
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Array((declaration + worksheet(sheet)).utf8)))
        }
        return try zip(parts)
    }

    /// Two cell formats: plain (0) and bold for the header (1).
    static let styles = "<styleSheet xmlns=\"\(main)\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"

    static func worksheet(_ sheet: SheetTable) -> String {
        var out = "<worksheet xmlns=\"\(main)\">"
        out += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        out += "<sheetData>"
        func row(_ number: Int, _ cells: [CellValue?], style: Int) {
            out += "<row r=\"\(number)\">"
            for (index, cell) in cells.enumerated() {
                guard let cell else { continue }
                let reference = CellLocation.columnName(index + 1) + String(number)
                let styled = style == 0 ? "" : " s=\"\(style)\""
                switch cell {
                case .text(let text):
                    out += "<c r=\"\(reference)\"\(styled) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escapedText(text))</t></is></c>"
                case .number(let raw):
                    out += "<c r=\"\(reference)\"\(styled)><v>\(ListXMLWriter.content(raw))</v></c>"
                case .boolean(let value):
                    out += "<c r=\"\(reference)\"\(styled) t=\"b\"><v>\(value ? 1 : 0)</v></c>"
                case .date(let day):
                    out += "<c r=\"\(reference)\"\(styled) t=\"inlineStr\"><is><t>\(day.iso)</t></is></c>"
                }
            }
            out += "</row>"
        }
        row(1, sheet.header.map(CellValue.text), style: 1)
        for (index, cells) in sheet.rows.enumerated() { row(index + 2, cells, style: 0) }
        out += "</sheetData></worksheet>"
        return out
    }

    /// Text for a `<t>`: XML-escaped, and with SpreadsheetML's own escape (`_x0041_` is "A" to a reader) applied to
    /// characters XML cannot hold and to a literal `_x` that would read as one.
    static func escapedText(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_", index + 6 < scalars.count, scalars[index + 1] == "x",
               scalars[(index + 2)...(index + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }), scalars[index + 6] == "_" {
                out += "_x005F_"
                continue
            }
            if !Escaping.isXMLCharacter(scalar) || (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
                continue
            }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The zip: deflated files, no directory entries, every date 1980-01-01 at noon (the zip format's first day, the same in every time zone).
    static func zip(_ parts: [(name: String, bytes: [UInt8])]) throws(Failure) -> [UInt8] {
        do throws(DOCXWriter.Failure) { return try DOCXPackage.zip(parts, date: Date(timeIntervalSince1970: 315_576_000)) } catch { throw Failure(reason: error.reason) }
    }
}
