import CPangoCairo

/// Structure tags, links and destinations for a tagged PDF, through Cairo's tag API (`cairo_tag_begin`).
///
/// Cairo 1.16 marks content only in elements that have no child elements (the content of an element with children
/// is left unmarked), and has no artifacts: page furniture drawn while only `Document` is open stays outside the
/// structure. On an image surface the tags do nothing.
extension DrawingContext {
    /// Begins a structure element inside the one open (its children and content follow, until `endStructure()`).
    public func beginStructure(_ element: StructureElement) {
        cairo_tag_begin(cr, element.role.rawValue, "")
        openRoles.append(element.role)
        structureLog.append(element)
        note("begin tag \(element.role.rawValue)")
    }

    /// Ends the innermost open structure element.
    public func endStructure() {
        guard let role = openRoles.popLast() else {
            recordFailure(.invalidState(operation: "end structure element", reason: "none is open"))
            return
        }
        cairo_tag_end(cr, role.rawValue)
        note("end tag \(role.rawValue)")
    }

    /// How many structure elements are open.
    public var openStructureDepth: Int { openRoles.count }

    /// A link annotation over `areas` (page coordinates), and its `Link` element in the structure, whose
    /// alternative text (and the annotation's `/Contents`) is `description`.
    public func link(to target: LinkTarget, areas: [Rect], description: String) {
        let rects = areas.filter { $0.width > 0 && $0.height > 0 && $0.x.isFinite && $0.y.isFinite && $0.width.isFinite && $0.height.isFinite }
        guard !rects.isEmpty else { return }
        let numbers = rects.map { "\(Self.number($0.x)) \(Self.number($0.y)) \(Self.number($0.width)) \(Self.number($0.height))" }
        cairo_tag_begin(cr, CAIRO_TAG_LINK, "\(target.cairoAttribute) rect=[\(numbers.joined(separator: " "))]")
        structureLog.append(StructureElement(.link, alternativeText: description))
        cairo_tag_end(cr, CAIRO_TAG_LINK)
        note("link")
    }

    /// A named destination at `point` of the current page, for links and the outline.
    public func destination(named name: String, at point: Point) {
        let attributes = "name='\(LinkTarget.quoted(name))' x=\(Self.number(point.x)) y=\(Self.number(point.y))"
        cairo_tag_begin(cr, CAIRO_TAG_DEST, attributes)
        cairo_tag_end(cr, CAIRO_TAG_DEST)
        note("destination")
    }

    /// A number as Cairo's attribute parser reads it, to a hundredth of a point, in the POSIX form.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Draws lines `lines` (nil: all) of a layout that may hold links: the text in a `Span` element when it does
    /// (so that the element around it, which the links join, keeps its text marked), then one link a run.
    public func drawLinkedText(_ layout: TextLayout, at origin: Point, lines: Range<Int>?) {
        let areas = layout.linkAreas(lines: lines)
        if !areas.isEmpty { beginStructure(StructureElement(.span)) }
        if let lines { draw(layout, at: origin, lines: lines) } else { draw(layout, at: origin) }
        guard !areas.isEmpty else { return }
        endStructure()
        for area in areas {
            let rects = area.rects.map { Rect(x: $0.x + origin.x, y: $0.y + origin.y, width: $0.width, height: $0.height) }
            link(to: area.target, areas: rects, description: area.description)
        }
    }
}
