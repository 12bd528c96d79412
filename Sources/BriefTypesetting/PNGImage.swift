import CPangoCairo

/// A PNG decoded into a Cairo image surface, to draw on a canvas (a letterhead's seal).
///
/// Owns its surface. Decoding is bounded before it starts: at most `maximumBytes` of input and `maximumPixels`
/// pixels, read from the PNG header, so a small file cannot claim gigabytes of memory. A file Cairo cannot decode
/// (corrupt, truncated, not a PNG) is a thrown error, never a crash. Use on one thread.
public final class PNGImage {
    /// Size in pixels.
    public let width: Int
    public let height: Int
    let surface: OpaquePointer

    public static let maximumBytes = 8 << 20
    public static let maximumPixels = 4096 * 4096

    public init(png bytes: [UInt8]) throws(TypesettingError) {
        guard bytes.count <= Self.maximumBytes else {
            throw .invalidArgument(operation: "PNG image", reason: "\(bytes.count) bytes, more than \(Self.maximumBytes)")
        }
        guard let (width, height) = Self.headerSize(bytes) else {
            throw .invalidArgument(operation: "PNG image", reason: "no PNG signature and header")
        }
        guard width > 0, height > 0, width <= ImageCanvas.maximumSide, height <= ImageCanvas.maximumSide,
              width * height <= Self.maximumPixels else {
            throw .invalidArgument(operation: "PNG image", reason: "\(width) × \(height) pixels")
        }
        let reader = PNGReader(bytes: bytes)
        let made = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(readFromPNGReader, Unmanaged.passUnretained(reader).toOpaque())
        }
        guard let surface = made else { throw .cairo(operation: "cairo_image_surface_create_from_png_stream", status: "no memory") }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .cairo(operation: "cairo_image_surface_create_from_png_stream", status: DrawingContext.message(status))
        }
        let decodedWidth = Int(cairo_image_surface_get_width(surface)), decodedHeight = Int(cairo_image_surface_get_height(surface))
        guard decodedWidth == width, decodedHeight == height else {
            cairo_surface_destroy(surface)
            throw .invalidArgument(operation: "PNG image", reason: "decoded \(decodedWidth) × \(decodedHeight), header says \(width) × \(height)")
        }
        self.width = width
        self.height = height
        self.surface = surface
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    /// Width and height from the IHDR chunk, which must follow the signature; nil when `bytes` does not start so.
    static func headerSize(_ bytes: [UInt8]) -> (Int, Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func word(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }
}

/// The bytes Cairo reads a PNG from, with how far it has read. Passed to C as an unretained pointer: its owner
/// keeps it alive during the read.
final class PNGReader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// The `cairo_read_func_t` that reads from the `PNGReader` given as closure; a read past the end is an error.
func readFromPNGReader(_ closure: UnsafeMutableRawPointer?, _ data: UnsafeMutablePointer<UInt8>?, _ length: UInt32) -> cairo_status_t {
    guard length > 0 else { return CAIRO_STATUS_SUCCESS }
    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
    let reader = Unmanaged<PNGReader>.fromOpaque(closure).takeUnretainedValue()
    let count = Int(length)
    guard count <= reader.bytes.count - reader.offset else { return CAIRO_STATUS_READ_ERROR }
    reader.bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        data.update(from: base + reader.offset, count: count)
    }
    reader.offset += count
    return CAIRO_STATUS_SUCCESS
}
