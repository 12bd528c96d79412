/// A growable stack of plain values with O(1) truncation, for a reader's per-event state (open elements, their
/// attribute bytes, the current text). Unlike an array it has no copy-on-write or uniqueness check, and truncating
/// to a saved count is a store.
///
/// It owns its storage and frees it when it goes away; it cannot be copied, so nothing can keep using storage that
/// a growth or the end of its owner freed. Its contents are lent as a `Span`, valid while the stack is not changed.
public struct ScratchStack<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline var storedCount = 0

    /// An empty stack with room for `capacity` elements before it grows.
    @inlinable
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The number of elements.
    @inlinable
    public var count: Int { storedCount }

    /// Whether the stack has no elements.
    @inlinable
    public var isEmpty: Bool { storedCount == 0 }

    /// The elements, bottom first.
    @inlinable
    public var span: Span<Element> {
        @_lifetime(borrow self)
        get {
            let elements = Span(_unsafeStart: base, count: count)
            return _overrideLifetime(elements, borrowing: self)
        }
    }

    /// Lends the elements to `body`. (Where the stack is a class's stored property, a `span` cannot outlive the
    /// property access that made it: this keeps the access open while `body` runs.)
    @inlinable
    public func withSpan<Result: ~Copyable, Failure: Error>(_ body: (Span<Element>) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(span)
    }

    /// The element at `index` (0 is the bottom).
    @inlinable
    public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "ScratchStack index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "ScratchStack index out of range")
            base[index] = newValue
        }
    }

    /// The top element, if any.
    @inlinable
    public var last: Element? { count > 0 ? base[count - 1] : nil }

    /// Pushes an element.
    @inlinable @inline(__always)
    public mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        storedCount += 1
    }

    /// Pushes a run of elements, copied.
    @inlinable @inline(__always)
    public mutating func append(contentsOf elements: Span<Element>) {
        let added = elements.count
        guard added > 0 else { return }
        if count + added > capacity { grow(to: count + added) }
        let target = base + count
        elements.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { target.initialize(from: start, count: added) }
        }
        storedCount += added
    }

    /// Drops the elements from `newCount` on.
    @inlinable @inline(__always)
    public mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "ScratchStack truncated past its count")
        storedCount = newCount
    }

    /// Drops every element, keeping the storage.
    @inlinable
    public mutating func removeAll() {
        storedCount = 0
    }

    @usableFromInline
    mutating func grow(to minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
