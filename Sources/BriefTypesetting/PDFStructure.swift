/// A role in a tagged PDF's structure tree (ISO 32000-1, 14.8.4), spelled as Cairo and PDF spell it.
public enum StructureRole: String, Sendable, Hashable {
    case document = "Document"
    case heading1 = "H1", heading2 = "H2", heading3 = "H3", heading4 = "H4"
    case paragraph = "P"
    /// Inline text inside a paragraph or cell that also holds links (see `DrawingContext.draw(_:at:)`).
    case span = "Span"
    case list = "L", listItem = "LI", label = "Lbl", listBody = "LBody"
    case table = "Table", tableRow = "TR", headerCell = "TH", dataCell = "TD", caption = "Caption"
    case figure = "Figure"
    /// Made by `DrawingContext.link`, never begun directly.
    case link = "Link"

    /// The heading role of a level: 1 → H1 ... 4 and more → H4.
    public static func heading(level: Int) -> StructureRole {
        switch level {
        case ...1: .heading1
        case 2: .heading2
        case 3: .heading3
        default: .heading4
        }
    }
}

/// What a header cell heads.
public enum HeaderScope: String, Sendable, Hashable {
    case column = "Column", row = "Row"
}

/// One element of the structure tree as it is begun: its role and what Cairo 1.16 cannot write itself (the
/// alternative text of a figure or a link, the scope of a header cell), which `PDFFinisher` adds afterwards.
public struct StructureElement: Sendable, Hashable {
    public var role: StructureRole
    public var alternativeText: String?
    public var scope: HeaderScope?

    public init(_ role: StructureRole, alternativeText: String? = nil, scope: HeaderScope? = nil) {
        self.role = role
        self.alternativeText = alternativeText
        self.scope = scope
    }
}

/// Where a link goes: a web address, or a named destination in the same document.
public enum LinkTarget: Sendable, Hashable {
    case uri(String)
    case destination(String)

    /// The attribute Cairo's `Link` tag takes: a quoted string, `'` and `\` escaped with `\`. A URI is written in
    /// ASCII (PDF URIs are 7-bit): other bytes are percent-encoded.
    var cairoAttribute: String {
        switch self {
        case .uri(let uri):
            var ascii = ""
            for byte in uri.utf8 {
                if byte < 0x21 || byte > 0x7E {
                    ascii += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    ascii.append(Character(Unicode.Scalar(byte)))
                }
            }
            return "uri='\(Self.quoted(ascii))'"
        case .destination(let name):
            return "dest='\(Self.quoted(name))'"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "'" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
