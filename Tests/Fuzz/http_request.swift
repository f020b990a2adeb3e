// HTTPRequestParser: the same bytes fed whole, split at an input-derived point, and (short inputs)
// byte by byte must give the same requests, the same error, the same mid-request state and the
// same left-over bytes. `expectContinue` may come earlier when split, but at most once per request.
import HeraldProtocol

struct HTTPRun: Equatable {
    var requests: [HTTPRequest] = []
    var error: HTTPParseError?
    var isMidRequest = false
    var leftover: [UInt8] = []
}

func parseHTTP(_ bytes: UnsafeBufferPointer<UInt8>, limits: HTTPParserLimits, cuts: [Int]) -> HTTPRun {
    var parser = HTTPRequestParser(limits: limits)
    var run = HTTPRun()
    var continues = 0
    var start = 0
    feeding: for cut in cuts {
        parser.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<cut])))
        start = cut
        while true {
            do {
                guard let event = try parser.next() else { break }
                switch event {
                case .request(let request):
                    run.requests.append(request)
                    continues = 0
                case .expectContinue:
                    continues += 1
                    if continues > 1 { disagreement("expectContinue twice for one request") }
                }
            } catch {
                run.error = error
                // A dead parser keeps throwing the same error.
                do {
                    _ = try parser.next()
                    disagreement("parser recovered after \(error)")
                } catch let again {
                    if again != error { disagreement("second error \(again) after \(error)") }
                }
                break feeding
            }
        }
    }
    run.isMidRequest = parser.isMidRequest
    if run.error == nil { run.leftover = parser.takeBufferedBytes() }
    return run
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let hash = inputHash(bytes)
    // Half the inputs run with tiny limits so the 413/431/400 paths are reached.
    let limits =
        hash >> 40 & 1 == 1
        ? HTTPParserLimits(maxHeaderBytes: 200, maxHeaderCount: 4, maxBodyBytes: 64, maxChunkSizeLineBytes: 8)
        : .default
    let plans = feedingPlans(count: size, hash: hash)
    let whole = parseHTTP(bytes, limits: limits, cuts: plans[0])
    for plan in plans.dropFirst() {
        let other = parseHTTP(bytes, limits: limits, cuts: plan)
        if other != whole {
            disagreement("fed in \(plan.count) pieces (first cut \(plan[0])): \(other) vs whole: \(whole)")
        }
    }
    return 0
}
