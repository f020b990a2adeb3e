/// A FIFO with O(1) amortized append and removal at the front, and indexed reads.
///
/// Used for per-topic history, the global retention order and idempotency keys. The
/// storage shrinks when it is mostly empty, so a burst does not pin memory forever.
struct RingBuffer<Element> {
    private var storage: [Element?] = []
    private var head = 0
    private(set) var count = 0

    private static var minimumCapacity: Int { 8 }

    var isEmpty: Bool { count == 0 }
    var first: Element? { isEmpty ? nil : storage[head] }
    var last: Element? { isEmpty ? nil : self[count - 1] }

    /// The element `offset` places after the first; `offset` must be in `0..<count`.
    subscript(offset: Int) -> Element {
        get {
            precondition(offset >= 0 && offset < count, "RingBuffer offset out of range")
            // Every slot in 0..<count is occupied, by construction.
            guard let element = storage[physical(offset)] else { preconditionFailure("RingBuffer slot is empty") }
            return element
        }
    }

    mutating func append(_ element: Element) {
        if count == storage.count {
            resize(to: Swift.max(Self.minimumCapacity, storage.count * 2))
        }
        storage[physical(count)] = element
        count += 1
    }

    @discardableResult
    mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        if storage.count > Self.minimumCapacity && count < storage.count / 4 {
            resize(to: Swift.max(Self.minimumCapacity, storage.count / 2))
        }
        return element
    }

    /// The offset of the first element for which `isAfter` is true, given that the
    /// elements are ordered so that `isAfter` is false and then true (binary search).
    func partitionPoint(_ isAfter: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// Removes the elements for which `shouldRemove` is true, keeping the others in order.
    mutating func removeAll(where shouldRemove: (Element) -> Bool) {
        var kept = RingBuffer()
        for offset in 0..<count where !shouldRemove(self[offset]) {
            kept.append(self[offset])
        }
        self = kept
    }

    private func physical(_ offset: Int) -> Int {
        (head + offset) % storage.count
    }

    private mutating func resize(to capacity: Int) {
        var resized = [Element?](repeating: nil, count: capacity)
        for offset in 0..<count {
            resized[offset] = storage[physical(offset)]
        }
        storage = resized
        head = 0
    }
}
