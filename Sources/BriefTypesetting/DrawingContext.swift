import CPangoCairo

/// A Cairo drawing context with its Pango context: shapes, lines and text on one canvas.
///
/// Obtained from a `PDFCanvas` or an `ImageCanvas`; it owns its `cairo_t` and `PangoContext` and frees them when
/// released. Not thread-safe: use it (and its text layouts) on one thread only.
///
/// Drawing calls do not throw: Cairo errors are sticky, so the first failing operation is remembered and
/// reported by `check()`, and by the canvas when a page ends or the document finishes.
public final class DrawingContext {
    let cr: OpaquePointer
    let pango: OpaquePointer
    /// Unknown glyphs in every layout drawn so far.
    public private(set) var unknownGlyphsDrawn = 0
    private var firstFailure: TypesettingError?
    /// The structure elements open now, innermost last (see `beginStructure`).
    var openRoles: [StructureRole] = []
    /// Every structure element begun, in order (a pre-order walk of the structure tree), for `PDFFinisher`.
    var structureLog: [StructureElement] = []

    init(surface: OpaquePointer) throws(TypesettingError) {
        guard let cr = cairo_create(surface) else { throw .cairo(operation: "cairo_create", status: "no memory") }
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(cr)
            throw .cairo(operation: "cairo_create", status: Self.message(status))
        }
        guard let pango = pango_cairo_create_context(cr) else {
            cairo_destroy(cr)
            throw .pango(operation: "pango_cairo_create_context")
        }
        self.cr = cr
        self.pango = pango
        // Unhinted metrics and unrounded glyph positions: what is measured is what is drawn, at any scale.
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            pango_cairo_context_set_font_options(pango, options)
            cairo_font_options_destroy(options)
        }
        pango_context_set_round_glyph_positions(pango, 0)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pango))
        cairo_destroy(cr)
    }

    static func message(_ status: cairo_status_t) -> String {
        guard let text = cairo_status_to_string(status) else { return "status \(status.rawValue)" }
        return String(cString: text)
    }

    /// Records the first operation after which Cairo reports an error.
    func note(_ operation: String) {
        guard firstFailure == nil else { return }
        let status = cairo_status(cr)
        if status != CAIRO_STATUS_SUCCESS {
            firstFailure = .cairo(operation: operation, status: Self.message(status))
        }
    }

    /// Records a failure that is not Cairo's, unless one came first.
    func recordFailure(_ failure: TypesettingError) {
        if firstFailure == nil { firstFailure = failure }
    }

    /// Throws the first drawing failure, if any.
    public func check() throws(TypesettingError) {
        note("drawing")
        if let firstFailure { throw firstFailure }
    }

    // MARK: State

    public func save() {
        cairo_save(cr)
    }

    public func restore() {
        cairo_restore(cr)
        note("restore")
    }

    /// Runs `body` between `save()` and `restore()`.
    public func withSavedState<T>(_ body: () throws -> T) rethrows -> T {
        save()
        defer { restore() }
        return try body()
    }

    public func translate(x: Double, y: Double) {
        cairo_translate(cr, x, y)
    }

    public func scale(by factor: Double) {
        guard factor.isFinite, factor > 0 else { return }
        cairo_scale(cr, factor, factor)
    }

    /// Limits later drawing to `rect` (until `restore()`).
    public func clip(to rect: Rect) {
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
    }

    // MARK: Shapes

    private func setColor(_ color: RGB, opacity: Double = 1) {
        if opacity >= 1 {
            cairo_set_source_rgb(cr, color.red, color.green, color.blue)
        } else {
            cairo_set_source_rgba(cr, color.red, color.green, color.blue, max(0, opacity))
        }
    }

    private func apply(_ stroke: StrokeStyle) {
        setColor(stroke.color)
        cairo_set_line_width(cr, max(0, stroke.width))
        let dash = stroke.dash.filter { $0.isFinite && $0 >= 0 }
        if dash.isEmpty || dash.allSatisfy({ $0 == 0 }) {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32(dash.count), 0) }
        }
    }

    /// Paints the whole clip area with `color`.
    public func paint(_ color: RGB) {
        setColor(color)
        cairo_paint(cr)
        note("paint")
    }

    public func fill(_ rect: Rect, color: RGB, opacity: Double = 1) {
        setColor(color, opacity: opacity)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
        note("fill rectangle")
    }

    public func stroke(_ rect: Rect, style: StrokeStyle) {
        apply(style)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
        note("stroke rectangle")
    }

    public func strokeLine(from start: Point, to end: Point, style: StrokeStyle) {
        apply(style)
        cairo_move_to(cr, start.x, start.y)
        cairo_line_to(cr, end.x, end.y)
        cairo_stroke(cr)
        note("stroke line")
    }

    /// Strokes an open path through `points`, with round joins.
    public func strokePolyline(_ points: [Point], style: StrokeStyle) {
        guard let first = points.first else { return }
        apply(style)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_move_to(cr, first.x, first.y)
        for point in points.dropFirst() { cairo_line_to(cr, point.x, point.y) }
        cairo_stroke(cr)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        note("stroke polyline")
    }

    /// Fills the closed polygon through `points`.
    public func fillPolygon(_ points: [Point], color: RGB, opacity: Double = 1) {
        guard let first = points.first else { return }
        setColor(color, opacity: opacity)
        cairo_move_to(cr, first.x, first.y)
        for point in points.dropFirst() { cairo_line_to(cr, point.x, point.y) }
        cairo_close_path(cr)
        cairo_fill(cr)
        note("fill polygon")
    }

    public func fillCircle(center: Point, radius: Double, color: RGB) {
        setColor(color)
        cairo_new_sub_path(cr)
        cairo_arc(cr, center.x, center.y, max(0, radius), 0, 2 * Double.pi)
        cairo_fill(cr)
        note("fill circle")
    }

    // MARK: Images

    /// Draws `image` scaled to fill `rect` (the caller keeps its aspect ratio), smoothly filtered.
    public func draw(_ image: PNGImage, in rect: Rect) {
        guard image.width > 0, image.height > 0, rect.width.isFinite, rect.height.isFinite, rect.width > 0, rect.height > 0 else { return }
        cairo_save(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(image.width), rect.height / Double(image.height))
        cairo_set_source_surface(cr, image.surface, 0, 0)
        if let pattern = cairo_get_source(cr) { cairo_pattern_set_filter(pattern, CAIRO_FILTER_GOOD) }
        cairo_rectangle(cr, 0, 0, Double(image.width), Double(image.height))
        cairo_fill(cr)
        cairo_restore(cr)
        note("draw image")
    }

    // MARK: Text

    /// Lays out plain text (never markup). `width` wraps at word boundaries (or inside words that do not fit);
    /// nil sets the text on unwrapped lines.
    public func layout(_ text: String, style: TextStyle, width: Double? = nil) throws(TypesettingError) -> TextLayout {
        try TextLayout(context: self, runs: [TextRun(text)], style: style, width: width)
    }

    /// Lays out runs of text with their own emphasis (as Pango attributes: the text is never parsed as markup).
    public func layout(_ runs: [TextRun], style: TextStyle, width: Double? = nil) throws(TypesettingError) -> TextLayout {
        try TextLayout(context: self, runs: runs, style: style, width: width)
    }

    /// Draws a layout with its top-left corner at `origin`, in the style's colour.
    public func draw(_ layout: TextLayout, at origin: Point) {
        guard prepare(layout) else { return }
        cairo_move_to(cr, origin.x, origin.y)
        pango_cairo_show_layout(cr, layout.layout)
        unknownGlyphsDrawn += layout.metrics.unknownGlyphs
        note("show layout")
    }

    /// Draws only lines `lines` of a layout, the first of them with its top at `origin.y` (for text split across pages).
    public func draw(_ layout: TextLayout, at origin: Point, lines: Range<Int>) {
        let boxes = layout.lines
        let range = lines.clamped(to: 0..<boxes.count)
        guard let first = range.first else { return }
        if range == 0..<boxes.count {
            draw(layout, at: origin)
            return
        }
        guard prepare(layout) else { return }
        let top = boxes[first].top
        // One iterator walks to the first line and on (asking for line N walks Pango's list from the start each time).
        guard let iterator = pango_layout_get_iter(layout.layout) else { return }
        defer { pango_layout_iter_free(iterator) }
        for _ in 0..<first {
            guard pango_layout_iter_next_line(iterator) != 0 else { return }
        }
        for index in range {
            if index > first, pango_layout_iter_next_line(iterator) == 0 { break }
            guard let line = pango_layout_iter_get_line_readonly(iterator) else { continue }
            cairo_move_to(cr, origin.x + boxes[index].x, origin.y + boxes[index].baseline - top)
            pango_cairo_show_layout_line(cr, line)
        }
        unknownGlyphsDrawn += layout.unknownGlyphs(inLines: range)
        note("show layout lines")
    }

    /// Whether the layout belongs here (it is shaped for this context's target); sets its colour.
    private func prepare(_ layout: TextLayout) -> Bool {
        guard layout.context === self else {
            if firstFailure == nil {
                firstFailure = .invalidState(operation: "draw text layout", reason: "the layout was made by another drawing context")
            }
            return false
        }
        setColor(layout.style.color)
        return true
    }
}
