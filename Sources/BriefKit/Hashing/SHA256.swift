internal import Crypto

/// SHA-256 (FIPS 180-4), for provenance and stable fingerprints, in lowercase hexadecimal: swift-crypto's
/// (BoringSSL's) implementation.
public enum SHA256 {
    /// The digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: bytes))
    }

    /// The digest as lowercase hexadecimal.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in Crypto.SHA256.hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of a string's UTF-8.
    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }
}
