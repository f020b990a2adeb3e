// SSEEventParser: the same bytes fed whole, split at an input-derived point, and (short inputs)
// byte by byte must give the same messages, the same last event ID and the same error. Also: data
// encoded by SSEEncoder reads back as one event with line breaks normalized to LF.
import HeraldProtocol

struct SSERun: Equatable {
    var messages: [SSEMessage] = []
    var error: SSEParseError?
    var lastEventID: String?
}

func readSSE(_ bytes: UnsafeBufferPointer<UInt8>, maxEventBytes: Int, cuts: [Int]) -> SSERun {
    var parser = SSEEventParser(maxEventBytes: maxEventBytes)
    var run = SSERun()
    var start = 0
    for cut in cuts {
        do {
            run.messages += try parser.feed(bytes[start..<cut])
        } catch {
            // Messages completed earlier in the failing piece are lost, so after an error only the
            // error is compared.
            return SSERun(error: error)
        }
        start = cut
    }
    run.lastEventID = parser.lastEventID
    return run
}

/// `bytes` with CRLF and lone CR turned into LF.
func normalizedLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index] == 0x0D {
            out.append(0x0A)
            if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
        } else {
            out.append(bytes[index])
        }
        index += 1
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let hash = inputHash(bytes)
    let maxEventBytes = hash >> 40 & 1 == 1 ? 64 : SSEEventParser.defaultMaxEventBytes
    let plans = feedingPlans(count: size, hash: hash)
    let whole = readSSE(bytes, maxEventBytes: maxEventBytes, cuts: plans[0])
    for plan in plans.dropFirst() {
        let other = readSSE(bytes, maxEventBytes: maxEventBytes, cuts: plan)
        if other != whole {
            disagreement("fed in \(plan.count) pieces (first cut \(plan[0])): \(other) vs whole: \(whole)")
        }
    }

    // Round trip of the input as an event's data.
    var parser = SSEEventParser()
    let encoded = SSEEncoder.event(id: nil, event: nil, data: bytes)
    let expected = SSEEvent(id: nil, event: nil, data: String(decoding: normalizedLineBreaks(bytes), as: UTF8.self))
    do {
        let messages = try parser.feed(encoded)
        if messages != [.event(expected)] { disagreement("round trip gave \(messages), expected \(expected)") }
    } catch {
        disagreement("round trip threw \(error)")
    }
    return 0
}
