/// Counters in one plain buffer for hot loops over a million rows: incrementing an Array element
/// pays a uniqueness check, this does not. Loops add to a spare slot instead of branching around
/// rows that count nowhere, since on unsorted data such branches are mispredicted half the time.
struct Tally<T: AdditiveArithmetic> {
    let slots: UnsafeMutableBufferPointer<T>

    init(count: Int) {
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: .zero)
    }

    /// Slots left unset, for row lists that are read only where written (T must be a plain value).
    init(uninitialized count: Int) {
        slots = .allocate(capacity: max(1, count))
    }

    /// Frees the buffer; call once, when done.
    func free() { slots.deallocate() }

    @inline(__always) func add(_ value: T, at i: Int) { slots[i] += value }

    subscript(i: Int) -> T {
        @inline(__always) get { slots[i] }
        @inline(__always) nonmutating set { slots[i] = newValue }
    }

    func array(_ range: Range<Int>) -> [T] { Array(slots[range]) }
}
