import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    #if canImport(Darwin)
    static let spawnNewSession = Int16(POSIX_SPAWN_SETSID)
    typealias RawActions = posix_spawn_file_actions_t?
    typealias RawAttributes = posix_spawnattr_t?
    #else
    /// glibc's `POSIX_SPAWN_SETSID` (2.26+); Swift does not see it because it is declared under `_GNU_SOURCE`.
    static let spawnNewSession: Int16 = 0x80
    typealias RawActions = posix_spawn_file_actions_t
    typealias RawAttributes = posix_spawnattr_t
    #endif

    /// The child's standard streams and working directory.
    struct FileActions {
        var raw = RawActions()

        init() { posix_spawn_file_actions_init(&raw) }

        mutating func destroy() { posix_spawn_file_actions_destroy(&raw) }

        /// stdin from /dev/null; stdout and stderr to the command's output; the working directory.
        mutating func prepare(for command: ChildCommand) throws {
            posix_spawn_file_actions_addopen(&raw, 0, "/dev/null", O_RDONLY, 0)
            switch command.output {
            case .discard:
                posix_spawn_file_actions_addopen(&raw, 1, "/dev/null", O_WRONLY, 0)
            case .appending(let file):
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                posix_spawn_file_actions_addopen(&raw, 1, file.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            }
            posix_spawn_file_actions_adddup2(&raw, 1, 2)
            if let directory = command.directory {
                guard let addChdir = Self.addChdir else {
                    throw QuorumError(.internal, "this C library cannot set a child's working directory")
                }
                _ = directory.path.withCString { addChdir(&raw, $0) }
            }
        }

        /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+; declared under `_GNU_SOURCE`, so
        /// looked up at run time) or macOS's.
        private typealias AddChdir = @convention(c) (UnsafeMutablePointer<RawActions>, UnsafePointer<CChar>) -> Int32
        nonisolated(unsafe) private static let addChdir: AddChdir? = {
            #if canImport(Darwin)
            let everywhere = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
            #else
            let everywhere: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT
            #endif
            guard let symbol = dlsym(everywhere, "posix_spawn_file_actions_addchdir_np") else { return nil }
            return unsafeBitCast(symbol, to: AddChdir.self)
        }()
    }

    /// The attributes that make a child start clean.
    struct SpawnAttributes {
        var raw = RawAttributes()

        init() { posix_spawnattr_init(&raw) }

        mutating func destroy() { posix_spawnattr_destroy(&raw) }

        /// An empty signal mask, every signal's handler back to its default, and its own process group
        /// or session.
        mutating func startClean(grouping: ChildCommand.Grouping) {
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            posix_spawnattr_setsigmask(&raw, &noSignals)
            var everySignal = sigset_t()
            sigfillset(&everySignal)
            posix_spawnattr_setsigdefault(&raw, &everySignal)
            var flags = Int16(POSIX_SPAWN_SETSIGMASK) | Int16(POSIX_SPAWN_SETSIGDEF)
            switch grouping {
            case .ownGroup:
                posix_spawnattr_setpgroup(&raw, 0)
                flags |= Int16(POSIX_SPAWN_SETPGROUP)
            case .ownSession:
                flags |= ChildProcess.spawnNewSession
            }
            posix_spawnattr_setflags(&raw, flags)
        }
    }
}
