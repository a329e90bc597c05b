#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Ids for chat completions (`chatcmpl-` and 32 lowercase hex digits, 128 random bits), also the
/// trace id. Made from two random words rather than `UUID().uuidString`, which the hot path paid
/// for with a Foundation string round trip (format, replace dashes, lowercase) on every request.
enum CompletionID {
    static func make() -> String {
        let (high, low) = RandomWords.shared.pair()
        let digits: StaticString = "0123456789abcdef"
        let prefix: StaticString = "chatcmpl-"
        return String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + 32) { output in
            var position = 0
            for index in 0..<prefix.utf8CodeUnitCount {
                output[position] = prefix.utf8Start[index]
                position += 1
            }
            for word in [high, low] {
                for shift in stride(from: 60, through: 0, by: -4) {
                    output[position] = digits.utf8Start[Int((word >> UInt64(shift)) & 0xF)]
                    position += 1
                }
            }
            return position
        }
    }
}

/// Random words for ids, taken from the kernel 4 KiB at a time: `SystemRandomNumberGenerator`
/// makes one `getrandom` system call per word, two per request. The words come from the same
/// source and are as unguessable, which matters: a trace id is what `GET /v1/traces/{id}` answers to.
final class RandomWords: Sendable {
    static let shared = RandomWords()

    private struct Pool {
        var words = [UInt64](repeating: 0, count: 512)
        var next = 512
    }

    private let pool = Mutex(Pool())

    func pair() -> (UInt64, UInt64) {
        pool.withLock { pool in
            if pool.next + 2 > pool.words.count {
                Self.fill(&pool.words)
                pool.next = 0
            }
            defer { pool.next += 2 }
            return (pool.words[pool.next], pool.words[pool.next + 1])
        }
    }

    private static func fill(_ words: inout [UInt64]) {
        #if canImport(Glibc)
        // /dev/urandom is the kernel's `getrandom` source; three calls for 256 ids.
        let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            defer { close(descriptor) }
            let filled = words.withUnsafeMutableBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let count = read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if count > 0 {
                        offset += count
                    } else if count < 0, errno == EINTR {
                        continue
                    } else {
                        return false
                    }
                }
                return true
            }
            if filled { return }
        }
        #endif
        var generator = SystemRandomNumberGenerator()
        for index in words.indices { words[index] = generator.next() }
    }
}
