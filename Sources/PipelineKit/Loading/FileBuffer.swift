import CFileMapping
import Foundation

/// A whole file's bytes in memory the loader owns and frees as soon as the cells are converted, so a
/// large file is not held alongside its finished columns.
///
/// A large file is mapped: its bytes are the system's own cached pages, with no copy and no fresh
/// memory to fault in (a copy took a tenth of the load of a million leads). A mapped file that
/// another program cuts short would kill the process with SIGBUS when the lost pages are read; the
/// mapping is guarded so that they read as zeros instead, and `changedWhileRead` then tells the
/// loader to read the file again. Where a file cannot be mapped it is read, in pieces on every core,
/// into memory that may use huge pages.
final class FileBuffer: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer?
    private(set) var count: Int
    /// The open file and its guard slot while the bytes are mapped.
    private var mapping: Mapping?
    /// The mapped file was cut short or written to before its bytes were released: what was read
    /// from them may mix the old and the new file.
    private(set) var changedWhileRead = false

    private struct Mapping {
        var fd: Int32
        var slot: Int32
        var size: Int
        var modified: timespec
    }

    /// Files above this size are read in several pieces at once.
    static let parallelReadThreshold = 8 << 20
    /// Files from this size on are mapped rather than read.
    static let mapThreshold = 8 << 20
    private static let hugePage = 2 << 20

    private init(base: UnsafeMutableRawPointer?, count: Int) {
        self.base = base
        self.count = count
    }

    deinit { release() }

    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: base == nil ? 0 : count)
    }

    /// Bytes before this offset have been given back to the system.
    private var discarded = 0

    /// Gives the whole pages before `offset` back to the system, so a large file's memory shrinks as
    /// its pieces are converted; those bytes must not be read again. Only for the page-aligned memory
    /// of a large file.
    func discard(upTo offset: Int) {
        guard let base, count >= Self.hugePage else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, count) / page * page
        guard end > discarded else { return }
        #if os(Linux)
        _ = madvise(base + discarded, end - discarded, MADV_DONTNEED)
        #else
        _ = madvise(base + discarded, end - discarded, MADV_FREE)
        #endif
        discarded = end
    }

    /// For a mapped file, what gives back the whole pages within a range of its bytes, from any
    /// thread: they are read from the file again if touched. Nil for bytes read into memory.
    var dropper: (@Sendable (Range<Int>) -> Void)? {
        guard mapping != nil, let base else { return nil }
        let address = UInt(bitPattern: base)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        return { range in
            let start = (range.lowerBound + page - 1) / page * page, end = range.upperBound / page * page
            guard end > start, let at = UnsafeMutableRawPointer(bitPattern: address + UInt(start)) else { return }
            _ = madvise(at, end - start, MADV_DONTNEED)
        }
    }

    /// Frees the bytes; `bytes` is empty afterwards.
    func release() {
        if let mapping {
            var st = stat()
            let unchanged = fstat(mapping.fd, &st) == 0 && Int(st.st_size) == mapping.size
                && Self.modified(st).tv_sec == mapping.modified.tv_sec && Self.modified(st).tv_nsec == mapping.modified.tv_nsec
            changedWhileRead = changedWhileRead || pt_mapping_was_cut(mapping.slot) != 0 || !unchanged
            if let base { pt_unmap_file(base, mapping.size, mapping.slot) }
            close(mapping.fd)
            self.mapping = nil
        } else {
            free(base)
        }
        base = nil
        count = 0
    }

    private static func modified(_ st: stat) -> timespec {
        #if os(Linux)
        return st.st_mtim
        #else
        return st.st_mtimespec
        #endif
    }

    enum ReadResult { case success(FileBuffer), failure(String) }

    /// An open descriptor on the file and its size, or what stops it being read as a file.
    enum Opened { case file(Int32, size: Int), failure(String) }

    static func open(_ url: URL) -> Opened {
        // Not blocking: opening a pipe (a FIFO put where a data file belongs) would otherwise wait
        // for a writer forever. A regular file reads the same either way.
        let fd = Foundation.open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            return .failure(errno == ENOENT ? "missing file" : "cannot open: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let message = "cannot read: \(String(cString: strerror(errno)))"
            close(fd)
            return .failure(message)
        }
        if let notAFile = FileKind.notAFile(st.st_mode) {
            close(fd)
            return .failure(notAFile)
        }
        return .file(fd, size: Int(st.st_size))
    }

    /// `mapping`: false to read the bytes even when the file is large (again, after it changed
    /// while mapped).
    static func read(_ url: URL, mapping: Bool = true) -> ReadResult {
        let fd: Int32, size: Int
        switch open(url) {
        case .failure(let message): return .failure(message)
        case .file(let descriptor, let fileSize): (fd, size) = (descriptor, fileSize)
        }
        if mapping && size >= mapThreshold, let mapped = map(fd, size: size) { return .success(mapped) }
        defer { close(fd) }
        guard size > 0 else { return .success(FileBuffer(base: nil, count: 0)) }

        var memory: UnsafeMutableRawPointer?
        if size >= hugePage {
            guard posix_memalign(&memory, hugePage, size) == 0 else { return .failure("not enough memory for \(size) bytes") }
            #if os(Linux)
            _ = madvise(memory, size, MADV_HUGEPAGE)
            #endif
        } else {
            memory = malloc(size)
        }
        guard let memory else { return .failure("not enough memory for \(size) bytes") }
        let buffer = FileBuffer(base: memory, count: size)

        // Each piece reads its own range; a piece that meets the end early means the file shrank meanwhile,
        // and, as with one sequential read, only the bytes before that point are kept.
        let pieces = size > parallelReadThreshold ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        let outcome = TaskResults<PieceOutcome>(count: pieces, initial: .full)
        let step = (size + pieces - 1) / pieces
        let address = UInt(bitPattern: memory)  // each piece writes only its own range
        DispatchQueue.concurrentPerform(iterations: pieces) { k in
            let start = min(size, k * step), end = min(size, start + step)
            var got = 0
            while start + got < end {
                let n = pread(fd, UnsafeMutableRawPointer(bitPattern: address)! + start + got, end - start - got, off_t(start + got))
                if n < 0 {
                    if errno == EINTR { continue }
                    outcome.set(k, .failed(String(cString: strerror(errno))))
                    return
                }
                if n == 0 { break }
                got += n
            }
            outcome.set(k, start + got < end ? .short(start + got) : .full)
        }
        for k in 0..<pieces {
            switch outcome.value(k) {
            case .failed(let message): return .failure("cannot read: \(message)")
            case .short(let end):
                buffer.count = end
                return .success(buffer)
            case .full: continue
            }
        }
        return .success(buffer)
    }
}

extension FileBuffer {
    /// The file's pages mapped and guarded, keeping `fd` open to tell later whether the file changed;
    /// nil when it cannot be mapped (`fd` is then still the caller's).
    private static func map(_ fd: Int32, size: Int) -> FileBuffer? {
        var st = stat()
        guard fstat(fd, &st) == 0, Int(st.st_size) == size else { return nil }
        var slot: Int32 = -1
        guard let address = pt_map_file(fd, size, &slot) else { return nil }
        let buffer = FileBuffer(base: address, count: size)
        buffer.mapping = Mapping(fd: fd, slot: slot, size: size, modified: modified(st))
        #if os(Linux)
        _ = madvise(address, size, MADV_SEQUENTIAL)
        #endif
        return buffer
    }
}

/// How one piece of a parallel read ended.
private enum PieceOutcome { case full, short(Int), failed(String) }

extension FileBuffer {
    /// The bytes and the file's signature once they were read: its size is the bytes' count, so a file
    /// that grew during the read reads as changed.
    enum ArrayResult { case success([UInt8], FileSignature?), failure(String) }

    /// A whole file as an array, read straight into it (a file an edit rewrites: one copy of 17 MB,
    /// where reading through `Data` made two). Bytes appended while it is read are read too.
    static func readArray(_ url: URL) -> ArrayResult {
        let fd: Int32, size: Int
        switch open(url) {
        case .failure(let message): return .failure(message)
        case .file(let descriptor, let fileSize): (fd, size) = (descriptor, fileSize)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var capacity = size + 1
        while true {
            var failure: String?
            let before = bytes.count
            // Zeroed by the standard library's own loop: appending a repeated element goes
            // through a generic sequence, byte by byte in a debug build.
            if bytes.isEmpty { bytes = [UInt8](repeating: 0, count: capacity) } else { bytes += [UInt8](repeating: 0, count: capacity - before) }
            var got = before
            bytes.withUnsafeMutableBytes { raw in
                while got < capacity {
                    let n = Foundation.read(fd, raw.baseAddress! + got, capacity - got)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = "cannot read: \(String(cString: strerror(errno)))"
                        return
                    }
                    if n == 0 { break }
                    got += n
                }
            }
            if let failure { return .failure(failure) }
            if got < capacity {
                bytes.removeSubrange(got...)
                var signature = FileSignature.of(descriptor: fd)
                signature?.size = Int64(bytes.count)
                return .success(bytes, signature)
            }
            capacity += 1 << 16
        }
    }
}
