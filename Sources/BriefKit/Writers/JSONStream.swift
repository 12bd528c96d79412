/// JSON written straight into bytes, laid out as Foundation's `JSONEncoder` lays it out with
/// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` (two-space indents, `"key" : value`, an empty container
/// on two lines), so that every JSON output of brief has one shape. Keys are written in the order given: callers
/// give them sorted.
///
/// A briefing's JSON holds every person of the edition; encoding 100,000 nested records through `Encodable`
/// took seconds, this takes a fraction of one.
struct JSONStream {
    private(set) var bytes: [UInt8] = []
    /// Where bytes go once `flushBytes` of them are written, between array elements: a file being written, so
    /// that a hundred-megabyte briefing is never held whole. Nil keeps every byte in `bytes`.
    private let sink: (([UInt8]) -> Void)?
    private static let flushBytes = 1 << 20
    private var depth = 0
    /// Whether the open container has no member yet.
    private var empty = true

    init(capacity: Int = 1 << 16) {
        sink = nil
        bytes.reserveCapacity(capacity)
    }

    /// A stream that hands its bytes to `sink` as it goes; `finish()` hands over the rest.
    init(sink: @escaping ([UInt8]) -> Void) {
        self.sink = sink
        bytes.reserveCapacity(Self.flushBytes + (1 << 16))
    }

    /// Hands the rest, with a final newline, to the sink.
    consuming func finish() {
        bytes.append(0x0A)
        sink?(bytes)
    }

    /// The bytes, with a final newline.
    consuming func finished() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    mutating func object(_ members: (inout JSONStream) -> Void) {
        open(UInt8(ascii: "{"))
        members(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<Element>(_ elements: some Sequence<Element>, _ write: (Element, inout JSONStream) -> Void) {
        open(UInt8(ascii: "["))
        for element in elements {
            startMember()
            write(element, &self)
            if let sink, bytes.count >= Self.flushBytes {
                sink(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        close(UInt8(ascii: "]"))
    }

    /// A member of the open object; nil values are left out, as `encodeIfPresent` leaves them out.
    mutating func field(_ key: StaticString, _ value: (some JSONScalar)?) {
        guard let value else { return }
        self.key(key)
        value.write(to: &self)
    }

    mutating func field(_ key: StaticString, _ values: [some JSONScalar]) {
        self.key(key)
        array(values) { value, json in value.write(to: &json) }
    }

    mutating func field(_ key: StaticString, _ value: (inout JSONStream) -> Void) {
        self.key(key)
        value(&self)
    }

    mutating func key(_ key: StaticString) {
        startMember()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), 0x20, UInt8(ascii: ":"), 0x20])
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(0x0A)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        bytes.append(0x0A)
        indent()
        bytes.append(bracket)
        empty = false
    }

    private mutating func startMember() {
        if !empty {
            bytes.append(UInt8(ascii: ","))
            bytes.append(0x0A)
        }
        indent()
        empty = false
    }

    private mutating func indent() {
        for _ in 0..<(2 * depth) { bytes.append(0x20) }
    }

    /// A string, escaped as `Escaping.appendJSONString` escapes it (bidirectional formatting characters as `\u202e`).
    mutating func string(_ value: String) {
        Escaping.appendJSONString(value, to: &bytes)
    }

    mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }
}

/// A value written as one JSON scalar.
protocol JSONScalar {
    func write(to json: inout JSONStream)
}

extension String: JSONScalar {
    func write(to json: inout JSONStream) { json.string(self) }
}

extension Int: JSONScalar {
    func write(to json: inout JSONStream) { json.number(self) }
}

extension Bool: JSONScalar {
    func write(to json: inout JSONStream) { json.bool(self) }
}

extension Day: JSONScalar {
    func write(to json: inout JSONStream) { json.string(iso) }
}

extension Marking: JSONScalar {
    func write(to json: inout JSONStream) { json.string(name) }
}

/// Enumerations written as their raw value, as `Codable` writes them.
extension JSONScalar where Self: RawRepresentable, RawValue == String {
    func write(to json: inout JSONStream) { json.string(rawValue) }
}

extension Status: JSONScalar {}
extension ListKind: JSONScalar {}
extension Gender: JSONScalar {}
extension ConditionKind: JSONScalar {}
extension WarningKind: JSONScalar {}
extension SourceKind: JSONScalar {}
extension CountSubject: JSONScalar {}
extension Severity: JSONScalar {}
extension RuleID: JSONScalar {}
