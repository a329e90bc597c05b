import NIOCore
import Synchronization

/// The pieces of one response body between the connection, which appends them on its event
/// loop, and the one task that reads them, on any thread.
///
/// It holds at most about `highWater` bytes before the connection stops reading from the socket
/// (`isFull`), and asks for reading to go on once the reader has taken it below `lowWater`:
/// a slow reader holds the server back instead of growing memory.
final class ResponseBodyBuffer: Sendable {
    static let highWater = 256 << 10
    static let lowWater = 64 << 10

    private struct State {
        var pieces = CircularBuffer<ByteBuffer>()
        var bytes = 0
        /// Set once: `nil` result while open, `.success` at the end, `.failure` when it broke off.
        var end: Result<Void, any Error>?
        var reader: CheckedContinuation<ByteBuffer?, any Error>?
        /// The connection stopped reading because the buffer was full.
        var paused = false
    }

    private let state = Mutex(State())

    /// Adds a piece; a waiting reader gets it at once.
    func append(_ piece: ByteBuffer) {
        let reader = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            guard state.end == nil else { return nil }
            if let reader = state.reader {
                state.reader = nil
                return reader
            }
            state.pieces.append(piece)
            state.bytes += piece.readableBytes
            return nil
        }
        reader?.resume(returning: piece)
    }

    /// Ends the body: successfully, or with the error the reader gets after the pieces already here.
    func finish(_ result: Result<Void, any Error>) {
        let reader = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            guard state.end == nil else { return nil }
            state.end = result
            defer { state.reader = nil }
            return state.reader
        }
        switch result {
        case .success: reader?.resume(returning: nil)
        case .failure(let error): reader?.resume(throwing: error)
        }
    }

    /// Whether the connection should stop reading; remembers that it did.
    func pauseIfFull() -> Bool {
        state.withLock { state in
            guard state.bytes >= Self.highWater, state.end == nil else { return false }
            state.paused = true
            return true
        }
    }

    /// The next piece, `nil` at the end; throws the error the body broke off with.
    /// `resume` runs when a paused connection may read again; `onCancel` when the reading task
    /// is cancelled while it waits.
    func next(resume: () -> Void, onCancel: @escaping @Sendable () -> Void) async throws -> ByteBuffer? {
        enum Step { case piece(ByteBuffer, resume: Bool), end(Result<Void, any Error>), wait }
        let step = state.withLock { state -> Step in
            if let piece = state.pieces.popFirst() {
                state.bytes -= piece.readableBytes
                let resume = state.paused && state.bytes < Self.lowWater
                if resume { state.paused = false }
                return .piece(piece, resume: resume)
            }
            if let end = state.end { return .end(end) }
            return .wait
        }
        switch step {
        case .piece(let piece, let drained):
            if drained { resume() }
            return piece
        case .end(let result):
            try result.get()
            return nil
        case .wait:
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    // A piece or the end may have come between the check above and now.
                    let ready = state.withLock { state -> Result<ByteBuffer?, any Error>? in
                        if let piece = state.pieces.popFirst() {
                            state.bytes -= piece.readableBytes
                            return .success(piece)
                        }
                        if let end = state.end { return end.map { nil } }
                        state.reader = continuation
                        return nil
                    }
                    if let ready { continuation.resume(with: ready) }
                }
            } onCancel: {
                onCancel()
            }
        }
    }
}
