import HeraldProtocol
import Testing

/// Everything a parser produced from some input: requests in order, the error that stopped it,
/// the bytes left buffered, and whether it is mid-request at the end.
struct ParseOutcome: Equatable, CustomStringConvertible {
    var requests: [HTTPRequest] = []
    var error: HTTPParseError?
    var leftover: [UInt8] = []
    var isMidRequest = false
    /// `.expectContinue` events, and whether one ever came twice for the same request.
    var continueCount = 0
    var repeatedContinue = false

    /// Compares what must not depend on how the input was split; whether a 100-continue is due
    /// depends on whether the body had arrived, so `continueCount` is left out.
    static func == (lhs: ParseOutcome, rhs: ParseOutcome) -> Bool {
        lhs.requests == rhs.requests && lhs.error == rhs.error && lhs.leftover == rhs.leftover
            && lhs.isMidRequest == rhs.isMidRequest && lhs.repeatedContinue == rhs.repeatedContinue
    }

    var description: String {
        "requests: \(requests.map { "\($0.method) \($0.target) body \($0.body.count)" }), error: \(String(describing: error)), "
            + "leftover: \(leftover.count) bytes, midRequest: \(isMidRequest), continues: \(continueCount)"
    }
}

/// Feeds the pieces one after another, draining events after each.
func parse(pieces: [ArraySlice<UInt8>], limits: HTTPParserLimits = .default) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome()
    var continuesForThisRequest = 0
    pieces: for piece in pieces {
        parser.append(piece)
        while true {
            do {
                guard let event = try parser.next() else { break }
                switch event {
                case .request(let request):
                    outcome.requests.append(request)
                    continuesForThisRequest = 0
                case .expectContinue:
                    outcome.continueCount += 1
                    continuesForThisRequest += 1
                    if continuesForThisRequest > 1 { outcome.repeatedContinue = true }
                }
            } catch {
                outcome.error = error
                break pieces
            }
        }
    }
    outcome.isMidRequest = parser.isMidRequest
    if outcome.error == nil { outcome.leftover = parser.takeBufferedBytes() }
    return outcome
}

/// Feeds the input in one piece.
func parse(_ input: [UInt8], limits: HTTPParserLimits = .default) -> ParseOutcome {
    parse(pieces: [input[...]], limits: limits)
}

/// Feeds text in one piece.
func parse(_ text: String, limits: HTTPParserLimits = .default) -> ParseOutcome {
    parse(Array(text.utf8), limits: limits)
}

/// The one request parsed from `text`, or nil (with a recorded issue) when there is not exactly one.
func parseOne(_ text: String, limits: HTTPParserLimits = .default, sourceLocation: SourceLocation = #_sourceLocation)
    -> HTTPRequest?
{
    let outcome = parse(text, limits: limits)
    #expect(outcome.error == nil, sourceLocation: sourceLocation)
    #expect(outcome.requests.count == 1, sourceLocation: sourceLocation)
    return outcome.requests.count == 1 ? outcome.requests[0] : nil
}

/// The error parsing `text` fails with, or nil.
func parseError(_ text: String, limits: HTTPParserLimits = .default) -> HTTPParseError? {
    parse(text, limits: limits).error
}

/// Checks that the input gives the same outcome fed whole, split in two at every byte boundary,
/// and one byte at a time; returns the whole-input outcome.
@discardableResult
func expectSameOutcomeForEverySplit(
    _ input: [UInt8], limits: HTTPParserLimits = .default, sourceLocation: SourceLocation = #_sourceLocation
) -> ParseOutcome {
    let whole = parse(input, limits: limits)
    #expect(!whole.repeatedContinue, sourceLocation: sourceLocation)
    for boundary in 0...input.count {
        let split = parse(pieces: [input[..<boundary], input[boundary...]], limits: limits)
        #expect(split == whole, "split at \(boundary)", sourceLocation: sourceLocation)
        if split != whole { break }
    }
    let bytewise = parse(pieces: input.indices.map { input[$0...$0] }, limits: limits)
    #expect(bytewise == whole, "one byte at a time", sourceLocation: sourceLocation)
    return whole
}

extension HTTPParserLimits {
    /// Small limits so limit cases stay short enough to split at every byte.
    static let small = HTTPParserLimits(
        maxHeaderBytes: 64, maxHeaderCount: 3, maxBodyBytes: 16, maxChunkSizeLineBytes: 12)
}

/// Bytes of an ASCII string, for expected outputs.
func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}
