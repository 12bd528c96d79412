import BriefXML

/// Rewrites libxml2's schema problems for people.
///
/// libxml2 says `Element '{urn:oversight:prisoner-list:1}prisoner': Missing child element(s). Expected is (
/// {urn:oversight:prisoner-list:1}name ).`; a submitter needs `prisoner 'CU-017' has no <name>`. Problems are told
/// apart by libxml2's number for them (`XMLErrorCode`), with the phase of validation where libxml2 uses one number
/// for two things, and their values come from libxml2's details. Only what libxml2 gives nowhere else is read
/// from its text: the node it concerns (`Element 'x', attribute 'a': `), the list of expected elements, and the
/// name of a simple type. Any other problem keeps libxml2's text with namespaces stripped.
struct SchemaMessage {
    /// The rewritten message and, when there is one, how to fix it.
    var message: String
    var help: String?
    /// The attribute the message is about, to point the column at it.
    var attribute: String?

    /// `subject` names the element in words, e.g. `prisoner 'CU-017'` or `<status> of prisoner 'CU-017'`.
    init(problem: XMLProblem, subject: String) {
        let raw = problem.message
        let text = SchemaMessage.stripNamespaces(raw)
        var body = text
        var attribute: String?
        // "Element 'x', attribute 'a': rest" or "Element 'x': rest": the node libxml2's message is about.
        if body.hasPrefix("Element '"), let close = body.range(of: "': ") {
            let head = body[body.index(body.startIndex, offsetBy: 9)..<close.lowerBound]
            if let attr = head.range(of: "', attribute '") {
                attribute = String(head[attr.upperBound...])
            }
            body = String(body[close.upperBound...])
        }
        self.attribute = attribute
        // An attribute in a namespace is named with it: `xml:lang`, or `foo` with its namespace.
        var named = attribute.map { "'\($0)'" }
        if let local = attribute, let uri = SchemaMessage.capture(raw, after: "', attribute '{", until: "}") {
            named = uri == "http://www.w3.org/XML/1998/namespace" ? "'xml:\(local)'" : "'\(local)' (namespace '\(uri)')"
        }
        let on = named.map { "attribute \($0) of \(subject)" } ?? subject
        self.help = nil
        /// The offending value (libxml2's first detail), as written.
        let value = problem.details.first

        switch problem.code {
        case .elementContent where problem.phase == .end:
            // At the end of an element: children missing. libxml2 lists every element that may come next, optional
            // ones too; name the required one.
            let expected = SchemaMessage.capture(body, after: "Expected is ", until: ")") ?? ""
            let required = SchemaMessage.elementName(in: raw).flatMap { SchemaMessage.requiredChildren[$0] } ?? []
            if let missing = SchemaMessage.names(in: expected).first(where: required.contains) {
                message = "\(subject) has no <\(missing)>, which is required"
                help = "add <\(missing)> where docs/format.md puts it"
            } else {
                message = "\(subject) is missing \(SchemaMessage.describe(expected: expected))"
                help = "add the missing element in the order docs/format.md gives"
            }
        case .elementContent:
            // At the start of an element: its parent's content model does not expect it here.
            if let expected = SchemaMessage.capture(body, after: "Expected is ", until: ")") {
                message = "\(subject) is not expected here; expected \(SchemaMessage.describe(expected: expected))"
            } else {
                message = "\(subject) is not expected here"
            }
            help = "check the element's name, its namespace and the order of elements (docs/format.md)"
        case .requiredAttributeMissing:
            let name = value.map { SchemaMessage.localName($0) } ?? "?"
            message = "\(subject) has no '\(name)' attribute, which is required"
            self.attribute = nil
        case .attributeNotAllowed, .attributeNotAllowedByWildcard, .attributeOnSimpleType:
            message = "\(subject) cannot have attribute \(named ?? value.map { "'\(SchemaMessage.localName($0))'" } ?? "'?'")"
        case .enumeration:
            let set = problem.details.count > 1 ? problem.details[1].replacingOccurrences(of: "'", with: "") : ""
            message = "\(on) has '\(value ?? "")', which is not one of: \(set)"
        case .pattern:
            let pattern = problem.details.count > 1 ? problem.details[1] : ""
            let shown = value ?? ""
            if pattern.contains("[A-Za-z0-9]") {
                message = "\(on) has '\(shown)', which is not an identifier"
                help = "identifiers are 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
            } else if pattern.contains("\\d{4}-\\d{2}-\\d{2}") {
                message = "\(on) has '\(shown)', which is not a date without time zone"
                help = "write dates as YYYY-MM-DD"
            } else if pattern.contains("\\d{4}") {
                message = "\(on) has '\(shown)', which is not a four-digit year"
            } else {
                message = "\(on) has '\(shown)', which is not in the required form"
            }
        case .maxInclusive where problem.details.count > 1:
            message = "\(on) has '\(value ?? "")', which is larger than \(problem.details[1]), the largest number brief reads"
        case .minLength:
            message = "\(on) is empty"
            help = "write the text (an optional element may be left out instead)"
        case .atomicTypeValue, .listTypeValue, .unionTypeValue:
            // The value is the first detail (libxml2 always shows it); the type is named only in the text, and only
            // when it is a global type: "… is not a valid value of the atomic type 'xs:date'".
            let shown = value ?? ""
            if let type = SchemaMessage.capture(body, after: " type '", until: "'") {
                message = "\(on) has '\(shown)', which is not \(SchemaMessage.describe(type: type))"
                if type.hasSuffix("date") { help = "write dates as YYYY-MM-DD, a real calendar date" }
            } else {
                message = "\(on) has '\(shown)', which is not valid here"
            }
        case .textInElementOnlyContent:
            message = "\(subject) cannot contain text, only elements"
        case .elementInEmptyContent where problem.phase == .text:
            message = SchemaMessage.plain(body, on: on)
        case .elementInEmptyContent, .elementInSimpleContent, .elementInSimpleType:
            message = "\(subject) cannot contain elements, only text"
        case .identityConstraint:
            switch problem.identityConstraintFailure {
            case .duplicate(let values)?:
                message = "\(subject) repeats id '\(values.joined(separator: "', '"))', which must be unique in the list"
                self.attribute = "id"
            case .unmatchedReference(let values)?:
                let cited = values.joined(separator: "', '")
                message = "\(subject) cites source '\(cited)', which is not defined in <sources>"
                help = "add <source id=\"\(cited)\"> to <sources>, or correct the reference"
                self.attribute = "source"
            case .unevaluable?, nil:
                message = SchemaMessage.plain(body, on: on)
            }
        case .noDeclarationForRoot:
            message = "\(subject) is not the root element of a prisoner list or brief manifest"
        default:
            message = SchemaMessage.plain(body, on: on)
        }
        while message.hasSuffix(".") { message.removeLast() }
    }

    /// libxml2's own words, after the subject: `<title> of prisoner 'P1': the value is ...`.
    static func plain(_ body: String, on: String) -> String {
        var plain = body
        while plain.hasSuffix(".") { plain.removeLast() }
        return "\(on): \(plain.prefix(1).lowercased() + plain.dropFirst())"
    }

    /// `{urn:...}name` → `name`.
    static func localName(_ qualified: String) -> String {
        qualified.split(separator: "}").last.map(String.init) ?? qualified
    }

    /// The local name of the element a libxml2 message is about (`Element '{urn:...}name': ...`), if it names one.
    static func elementName(in raw: String) -> String? {
        guard raw.hasPrefix("Element '"), let name = quoted(raw) else { return nil }
        return name.split(separator: "}").last.map(String.init)
    }

    /// `{urn:...}name` → `name`. Only braces holding a URI (with a `:`) are namespaces: `{4}` in a pattern and
    /// `{'a', 'b'}` in an enumeration stay.
    static func stripNamespaces(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), rest[afterOpen..<close].contains(":"),
               !rest[afterOpen..<close].contains("'") {
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[afterOpen...]
            }
        }
        result += rest
        return result
    }

    /// The children each element of the schemas must have (once at least), by local name.
    static let requiredChildren: [String: Set<String>] = [
        "prisonerList": ["title", "submitter", "sources"], "sources": ["source"], "counts": ["count"], "prisoner": ["name", "status"],
        "brief": ["memo", "audience", "list"], "memo": ["to", "from", "date", "subject"],
    ]

    /// "( name, alias )" → ["name", "alias"].
    static func names(in expected: String) -> [String] {
        var list = expected
        if list.hasPrefix("one of ") { list = String(list.dropFirst(7)) }
        return list.trimming(charactersIn: "() ")
            .split(separator: ",").map { $0.trimming(charactersIn: " .") }.filter { !$0.isEmpty && $0 != "##other" }
    }

    /// "( name, alias )" or "( status )" → "<name>" / "one of <a>, <b>".
    static func describe(expected: String) -> String {
        let names = names(in: expected)
        if names.count == 1 { return "<\(names[0])>" }
        // libxml2 lists at most 10 (`xmlRegExecErrInfo` fills 10 slots): with 10, there may be more.
        return "one of " + names.map { "<\($0)>" }.joined(separator: ", ") + (names.count >= 10 ? ", …" : "")
    }

    static func describe(type: String) -> String {
        switch type.split(separator: ":").last.map(String.init) ?? type {
        case "date": "a valid date (YYYY-MM-DD)"
        case "year", "gYear": "a valid year (YYYY)"
        case "nonNegativeInteger": "a whole number of zero or more"
        case "positiveInteger": "a whole number of one or more"
        case "duration": "an ISO 8601 duration such as P4Y6M"
        case "anyURI": "a valid URI"
        case "wholeNumber": "a whole number from 0 to 9223372036854775807"
        case "revision": "a whole number from 1 to 9223372036854775807"
        default: "a valid \(type)"
        }
    }

    static func quoted(_ text: String, after prefix: String = "") -> String? {
        let start: String.Index
        if prefix.isEmpty {
            start = text.startIndex
        } else {
            guard let range = text.range(of: prefix) else { return nil }
            start = range.upperBound
        }
        guard let open = text[start...].firstIndex(of: "'") else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<close])
    }

    static func capture(_ text: String, after prefix: String, until terminator: String) -> String? {
        guard let range = text.range(of: prefix) else { return nil }
        let rest = text[range.upperBound...]
        guard let end = rest.range(of: terminator) else { return String(rest) }
        return String(rest[..<end.lowerBound])
    }
}

extension StringProtocol {
    func trimming(charactersIn set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
