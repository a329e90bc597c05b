/// What a stream decoder has gathered so far: the ids, usage and finish reason in `fields`, and
/// the text pieces handed out (joined once, at the end, not per chunk).
struct PartialAnswer: Sendable {
    var fields = WireResult()
    private var pieces: [String] = []

    /// Records `piece` and returns it, or returns `nil` when there is no text to hand out.
    mutating func append(_ piece: String?) -> String? {
        guard let piece, !piece.isEmpty else { return nil }
        pieces.append(piece)
        return piece
    }

    /// Everything gathered, with the text assembled.
    var result: WireResult {
        var whole = fields
        whole.text = pieces.joined()
        return whole
    }
}
