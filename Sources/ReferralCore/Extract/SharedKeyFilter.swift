#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One Bloom filter for the threads that check stretches of one file, without a lock.
///
/// A key sets eight bits of one 64-bit word in a single atomic read-modify-write, so of two
/// threads inserting the same key, exactly one finds all eight bits already set: the one whose
/// update comes second. (`KeyFilter`'s eight words per key cannot be updated as one, so two
/// such inserts could both find a bit clear and a repeat go unflagged.) A word holds fewer
/// keys than `KeyFilter`'s block, so false positives are more frequent (about 3 in 10⁶ keys
/// at a million keys in 16 MiB, 0.8% at ten million); the second look sorts them out.
///
/// Keys arrive in no file order, so for a repeated key the one occurrence not flagged (the
/// first inserted) need not be the first in the file. To bound the second look for it, each
/// insert first notes its thread's row, and a flagged insert returns every thread's last
/// inserted row, read after its update: the update that set the bits published the row noted
/// before it (release, then acquire on the same word), so the unflagged occurrence lies at or
/// before the rows returned.
final class SharedKeyFilter: @unchecked Sendable {
    // @unchecked: the two buffers are written only through atomics, and freed in deinit.
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private let byteCount: Int
    private let wordMask: UInt64
    private let progress: UnsafeMutablePointer<Atomic<Int>>
    private let threads: Int

    /// `bitCount` is rounded up to a power of two, at least one word.
    init(bitCount: Int, threads: Int) {
        var count = 1
        while count * 64 < bitCount { count <<= 1 }
        words = Self.zeroed(count)
        byteCount = max(count * 8, 64)
        wordMask = UInt64(count - 1)
        progress = .allocate(capacity: threads)
        for thread in 0..<threads { (progress + thread).initialize(to: Atomic(0)) }
        self.threads = threads
    }

    deinit {
        munmap(words, byteCount)
        progress.deallocate()
    }

    /// Adds the key of row `row` (counted from its stretch's start) read by thread `thread`: nil
    /// when certainly new, else each thread's last inserted row so far.
    func insert(_ key: String, thread: Int, row: Int) -> [Int]? {
        progress[thread].store(row, ordering: .relaxed)
        let h = KeyFilter.hash(key)
        var positions = KeyFilter.bitPositions(h)
        var mask: UInt64 = 0
        for _ in 0..<8 {
            mask |= UInt64(1) << (positions & 63)
            positions >>= 6
        }
        let word = Int(truncatingIfNeeded: h & wordMask)
        let before = words[word].bitwiseOr(mask, ordering: .acquiringAndReleasing).oldValue
        guard before & mask == mask else { return nil }
        return (0..<threads).map { progress[$0].load(ordering: .relaxed) }
    }

    /// `count` zeroed atomic words, from the kernel's zero pages: nothing is written before the
    /// threads start, and each page is faulted in by the thread that first touches it. Huge
    /// pages when large (every insert lands on a random cache line of the whole filter).
    private static func zeroed(_ count: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        let size = max(count * 8, 64)
        guard let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              memory != MAP_FAILED else {
            fatalError("out of memory for the key filter")
        }
        if size >= 2 << 20 { _ = madvise(memory, size, MADV_HUGEPAGE) }
        // An `Atomic<UInt64>` is its value's bytes: zero pages are zero words.
        return memory.bindMemory(to: Atomic<UInt64>.self, capacity: count)
    }
}

/// One thread's view of a `SharedKeyFilter`.
struct SharedKeys: RowKeyFilter {
    let shared: SharedKeyFilter
    let thread: Int
    /// Every thread's last inserted row when this thread's last flagged row was inserted (empty: none flagged).
    private(set) var progressAtLastFlag: [Int] = []

    init(_ shared: SharedKeyFilter, thread: Int) {
        self.shared = shared
        self.thread = thread
    }

    mutating func insert(_ key: String, row: Int) -> Bool {
        guard let progress = shared.insert(key, thread: thread, row: row) else { return false }
        progressAtLastFlag = progress
        return true
    }
}
