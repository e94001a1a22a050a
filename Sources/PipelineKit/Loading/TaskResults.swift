import Foundation

/// What each iteration of a concurrent loop gives back, one slot per iteration, each written by
/// the one thread running that iteration and read once the loop is over.
final class TaskResults<Value>: @unchecked Sendable {
    private var slots: [Value]
    private let lock = NSLock()

    init(count: Int, initial: Value) { slots = Array(repeating: initial, count: count) }

    func set(_ k: Int, _ value: Value) { lock.lock(); slots[k] = value; lock.unlock() }
    func value(_ k: Int) -> Value { lock.lock(); defer { lock.unlock() }; return slots[k] }
}

/// Memory handed to a concurrent loop whose iterations only read it, or write disjoint parts of it;
/// its owner keeps it alive, and unchanged but for those writes, until the loop is over.
struct SharedMemory<Pointer>: @unchecked Sendable {
    let pointer: Pointer
    init(_ pointer: Pointer) { self.pointer = pointer }
}
