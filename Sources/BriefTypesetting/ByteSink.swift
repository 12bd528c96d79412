import CPangoCairo

/// Bytes Cairo writes through a stream callback. Passed to C as an unretained pointer: its owner keeps it alive
/// for as long as the surface may write.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// The `cairo_write_func_t` that appends to the `ByteSink` given as closure. It captures nothing.
func writeToByteSink(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32) -> cairo_status_t {
    guard length > 0 else { return CAIRO_STATUS_SUCCESS }
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
