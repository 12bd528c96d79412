import CPangoCairo

/// An opaque RGB raster image, drawn in pixels and exported as PNG bytes.
///
/// Owns its Cairo image surface. The same drawing always gives the same bytes. Use on one thread.
public final class ImageCanvas {
    public let width: Int
    public let height: Int
    /// Draw here; one user unit is one pixel until you scale.
    public let context: DrawingContext
    private let surface: OpaquePointer

    /// The largest side Cairo's image surfaces accept.
    public static let maximumSide = 32_767

    /// A `width` × `height` pixel image filled with `background`.
    public init(width: Int, height: Int, background: RGB = .white) throws(TypesettingError) {
        guard (1...Self.maximumSide).contains(width), (1...Self.maximumSide).contains(height), width.multipliedReportingOverflow(by: height).partialValue <= 100_000_000 else {
            throw .invalidArgument(operation: "image size", reason: "\(width) × \(height) pixels")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw .cairo(operation: "cairo_image_surface_create", status: "no memory")
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .cairo(operation: "cairo_image_surface_create", status: DrawingContext.message(status))
        }
        let context: DrawingContext
        do {
            context = try DrawingContext(surface: surface)
        } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        self.width = width
        self.height = height
        self.surface = surface
        self.context = context
        context.paint(background)
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    /// The image as PNG.
    public func pngBytes() throws(TypesettingError) -> [UInt8] {
        try context.check()
        cairo_surface_flush(surface)
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, writeToByteSink, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: "cairo_surface_write_to_png_stream", status: DrawingContext.message(status))
        }
        return sink.bytes
    }
}
