import Foundation
import HeraldGateway
import Synchronization
import Testing

/// A drain during a publish flood loses no accepted publish: every event answered
/// 200 reaches every live subscriber before its 1001 close.
@Suite struct DrainTests {
    final class Record: Sendable {
        let ids = Mutex<[String]>([])
        let closeCode = Mutex<UInt16?>(nil)
        let failure = Mutex<String?>(nil)
    }

    @Test func everyAcceptedPublishReachesEverySubscriberBeforeItsGoingAwayClose() async throws {
        let server = try TestGateway()
        var subscribers: [Record] = []
        var threads: [Thread] = []
        for _ in 0..<20 {
            let socket = try TestWebSocket(port: server.port, path: "/ws?topic=flood")
            _ = try socket.receiveJSON()
            let record = Record()
            subscribers.append(record)
            threads.append(Thread {
                do {
                    while true {
                        switch try socket.receive() {
                        case .text(let bytes):
                            if let id = TestJSON.object(bytes)?["id"] as? String { record.ids.withLock { $0.append(id) } }
                        case .close(let code, _):
                            record.closeCode.withLock { $0 = code }
                            socket.client.finish()
                            return
                        default:
                            continue
                        }
                    }
                } catch {
                    record.failure.withLock { $0 = "\(error)" }
                }
            })
        }
        let accepted = Record()
        let refusedWith503 = Mutex(false)
        for _ in 0..<2 {
            let client = try server.client()
            threads.append(Thread {
                defer { client.finish() }
                do {
                    for sequence in 0..<100_000 {
                        let response = try client.post("/publish/flood", body: "\(sequence)")
                        if response.status == 503 {
                            refusedWith503.withLock { $0 = true }
                            return
                        }
                        guard response.status == 200, let id = TestJSON.object(response.body)?["id"] as? String else { return }
                        accepted.ids.withLock { $0.append(id) }
                    }
                } catch {
                    return  // the server closed the connection during the drain
                }
            })
        }
        threads.forEach { $0.start() }
        #expect(await server.eventually { accepted.ids.withLock { $0.count } >= 300 })
        let gateway = server.gateway
        let stopper = Thread { gateway.stop(graceSeconds: 10) }
        stopper.start()
        #expect(await server.eventually(seconds: 60) { threads.allSatisfy(\.isFinished) && stopper.isFinished })
        let acceptedIDs = Set(accepted.ids.withLock { $0 })
        #expect(acceptedIDs.count >= 300)
        for record in subscribers {
            #expect(record.failure.withLock { $0 } == nil)
            #expect(record.closeCode.withLock { $0 } == 1001)
            let received = Set(record.ids.withLock { $0 })
            #expect(acceptedIDs.isSubset(of: received), "missing \(acceptedIDs.subtracting(received).count) accepted events")
        }
    }
}
