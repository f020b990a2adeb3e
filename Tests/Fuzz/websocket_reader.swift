// WebSocketReader (server side, masked frames expected): the same bytes fed whole, split at an
// input-derived point, and (short inputs) byte by byte must give the same messages and the same
// error; after `nextMessage()` returns nil, `bufferedBytes` stays within maxMessageBytes + 125.
import HeraldProtocol

struct WebSocketRun: Equatable {
    var messages: [WebSocketMessage] = []
    var error: WebSocketProtocolError?
}

func readWebSocket(_ bytes: UnsafeBufferPointer<UInt8>, maxMessageBytes: Int, cuts: [Int]) -> WebSocketRun {
    var reader = WebSocketReader(maxMessageBytes: maxMessageBytes, expectMasked: true)
    var run = WebSocketRun()
    var start = 0
    feeding: for cut in cuts {
        reader.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<cut])))
        start = cut
        while true {
            do {
                guard let message = try reader.nextMessage() else { break }
                run.messages.append(message)
            } catch {
                run.error = error
                do {
                    _ = try reader.nextMessage()
                    disagreement("reader recovered after \(error)")
                } catch let again {
                    if again != error { disagreement("second error \(again) after \(error)") }
                }
                break feeding
            }
        }
        if reader.bufferedBytes > maxMessageBytes + 125 {
            disagreement("bufferedBytes \(reader.bufferedBytes) above \(maxMessageBytes) + 125")
        }
    }
    return run
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let hash = inputHash(bytes)
    let limits = [0, 1, 125, 1_000, 16 * 1024 * 1024]
    let maxMessageBytes = limits[Int(hash >> 40 % UInt64(limits.count))]
    let plans = feedingPlans(count: size, hash: hash)
    let whole = readWebSocket(bytes, maxMessageBytes: maxMessageBytes, cuts: plans[0])
    for plan in plans.dropFirst() {
        let other = readWebSocket(bytes, maxMessageBytes: maxMessageBytes, cuts: plan)
        if other != whole {
            disagreement("fed in \(plan.count) pieces (first cut \(plan[0])): \(other) vs whole: \(whole)")
        }
    }
    return 0
}
