import CPangoCairo

/// A PDF document being drawn, page by page, into memory (no temporary file).
///
/// Owns its Cairo PDF surface. Draw through `context`; call `beginPage()` / `endPage()` around each page and
/// `finish()` for the bytes. The output depends only on what is drawn and on the metadata given (the creation and
/// modification dates are the caller's, never the clock's). Use on one thread.
public final class PDFCanvas {
    /// Document information. Dates are ISO 8601, `YYYY-MM-DDThh:mm:ss` with an optional `Z` or `±hh:mm`.
    public struct Metadata: Sendable, Hashable {
        public var title: String?
        public var subject: String?
        public var author: String?
        public var keywords: [String]
        public var creator: String?
        /// Used for both the creation and the modification date.
        public var date: String
        /// The document's language (BCP 47, `en`), the catalog's `/Lang`.
        public var language: String
        /// The edition's marking (its banner), written in the XMP metadata and as `/Marking` in the information.
        public var marking: String?

        public init(title: String? = nil, subject: String? = nil, author: String? = nil, keywords: [String] = [], creator: String? = nil,
                    date: String, language: String = "en", marking: String? = nil) {
            self.title = title
            self.subject = subject
            self.author = author
            self.keywords = keywords
            self.creator = creator
            self.date = date
            self.language = language
            self.marking = marking
        }
    }

    public let width: Double
    public let height: Double
    public let metadata: Metadata
    /// Draw here.
    public let context: DrawingContext
    public private(set) var pageCount = 0
    private let surface: OpaquePointer
    private let sink: ByteSink
    private var pageOpen = false
    private var finished = false

    /// A new PDF whose pages are `width` × `height` points.
    public init(width: Double, height: Double, metadata: Metadata) throws(TypesettingError) {
        guard width.isFinite, height.isFinite, width >= 1, height >= 1, width <= 14_400, height <= 14_400 else {
            throw .invalidArgument(operation: "PDF page size", reason: "\(width) × \(height) points")
        }
        guard Self.isISODate(metadata.date) else {
            throw .invalidArgument(operation: "PDF metadata date", reason: "not YYYY-MM-DDThh:mm:ss[Z|±hh:mm]: \(metadata.date)")
        }
        let sink = ByteSink()
        guard let surface = cairo_pdf_surface_create_for_stream(writeToByteSink, Unmanaged.passUnretained(sink).toOpaque(), width, height) else {
            throw .cairo(operation: "cairo_pdf_surface_create_for_stream", status: "no memory")
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .cairo(operation: "cairo_pdf_surface_create_for_stream", status: DrawingContext.message(status))
        }
        let entries: [(cairo_pdf_metadata_t, String?)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
            (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords.isEmpty ? nil : metadata.keywords.joined(separator: ", ")),
            (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
            (CAIRO_PDF_METADATA_CREATE_DATE, metadata.date),
            (CAIRO_PDF_METADATA_MOD_DATE, metadata.date),
        ]
        for (key, value) in entries {
            guard let value, !value.isEmpty else { continue }
            cairo_pdf_surface_set_metadata(surface, key, TextLayout.cSafe(value))
        }
        let context: DrawingContext
        do {
            context = try DrawingContext(surface: surface)
        } catch {
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
            throw error
        }
        self.width = width
        self.height = height
        self.metadata = metadata
        self.surface = surface
        self.sink = sink
        self.context = context
    }

    deinit {
        // Finish while the sink is alive: a context kept by someone else must never write into freed memory.
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
    }

    /// Starts a page; drawing state (transforms, clips) is reset when it ends.
    public func beginPage() throws(TypesettingError) {
        guard !finished else { throw .invalidState(operation: "begin page", reason: "the document is finished") }
        guard !pageOpen else { throw .invalidState(operation: "begin page", reason: "a page is already open") }
        pageOpen = true
        context.save()
    }

    /// Ends the page being drawn.
    public func endPage() throws(TypesettingError) {
        guard pageOpen else { throw .invalidState(operation: "end page", reason: "no page is open") }
        context.restore()
        cairo_show_page(context.cr)
        pageOpen = false
        pageCount += 1
        try context.check()
    }

    /// Ends the document and returns its bytes. The canvas cannot be drawn on afterwards.
    public func finish() throws(TypesettingError) -> [UInt8] {
        guard !finished else { throw .invalidState(operation: "finish PDF", reason: "already finished") }
        if pageOpen { try endPage() }
        try context.check()
        finished = true
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: "cairo_surface_finish (PDF)", status: DrawingContext.message(status))
        }
        let bytes = sink.bytes
        sink.bytes = []
        let finisher = PDFFinisher(language: metadata.language, title: metadata.title, marking: metadata.marking, creator: metadata.creator,
                                   date: metadata.date, structure: context.structureLog)
        return try finisher.finish(bytes)
    }

    /// A bookmark in the outline, under `parent` (nil: at the top level), that goes to the named destination (see
    /// `DrawingContext.destination`). Items appear in the order added. Returns the item, to be a parent.
    @discardableResult
    public func addOutlineItem(title: String, destination: String, parent: OutlineItem? = nil) throws(TypesettingError) -> OutlineItem {
        guard !finished else { throw .invalidState(operation: "add outline item", reason: "the document is finished") }
        let id = cairo_pdf_surface_add_outline(surface, parent?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT), TextLayout.cSafe(title),
                                               "dest='\(LinkTarget.quoted(destination))'", cairo_pdf_outline_flags_t(rawValue: 0))
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: "cairo_pdf_surface_add_outline", status: DrawingContext.message(status))
        }
        return OutlineItem(id: id)
    }

    /// An item of the outline.
    public struct OutlineItem: Sendable, Hashable {
        let id: Int32
    }

    /// `YYYY-MM-DDThh:mm:ss` with an optional `Z` or `±hh:mm`.
    static func isISODate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < bytes.count && (0x30...0x39).contains(bytes[$0]) } }
        guard bytes.count >= 19, digits(0..<4), bytes[4] == 0x2D, digits(5..<7), bytes[7] == 0x2D, digits(8..<10), bytes[10] == 0x54,
              digits(11..<13), bytes[13] == 0x3A, digits(14..<16), bytes[16] == 0x3A, digits(17..<19) else { return false }
        let zone = bytes[19...]
        if zone.isEmpty { return true }
        if zone.elementsEqual([0x5A]) { return true }
        return zone.count == 6 && (zone.first == 0x2B || zone.first == 0x2D) && digits(20..<22) && bytes[22] == 0x3A && digits(23..<25)
    }
}
