import Foundation
import HeraldGateway
import Testing

@Suite struct OperationsTests {
    @Test func metricsAreValidPrometheusTextWithHeraldsFigures() async throws {
        let server = try TestGateway()
        let subscriber = try TestWebSocket(port: server.port, path: "/ws?topic=m")
        _ = try subscriber.receiveJSON()
        let client = try server.client()
        for index in 0..<3 { #expect(try client.post("/publish/m", body: "\(index)").status == 200) }
        // Metrics are refreshed once a second from the loops' counters.
        var text = ""
        let refreshed = await server.eventually {
            text = (try? client.get("/metrics").body) ?? ""
            return text.contains("herald_events_published_total 3")
        }
        #expect(refreshed, "\(text)")
        let sample = try Regex(#"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})? -?[0-9.e+Inf-]+$"#)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.wholeMatch(of: sample) != nil, "not a Prometheus sample line: \(line)")
        }
        #expect(text.contains(#"herald_connections{transport="websocket"} 1"#))
        #expect(text.contains("herald_events_delivered_total 3"))
        #expect(text.contains("herald_subscriptions 1"))
        #expect(text.contains("herald_publish_duration_seconds_count 3"))
        #expect(text.contains(#"herald_connection_closes_total{reason="slow_consumer"} 0"#))
    }

    @Test func readinessTurnsFalseWhileDraining() async throws {
        let server = try TestGateway()
        let client = try server.client()
        #expect(try client.get("/readyz").status == 200)
        #expect(server.gateway.isReady)
        let gateway = server.gateway
        let stopper = Thread { gateway.stop(graceSeconds: 2) }
        stopper.start()
        #expect(await server.eventually { !gateway.isReady })
    }

    @Test func statsReportConnectionsEventsAndCloseReasons() throws {
        let server = try TestGateway()
        let socket = try TestWebSocket(port: server.port, path: "/ws?topic=s")
        _ = try socket.receiveJSON()
        let client = try server.client()
        #expect(try client.post("/publish/s", body: "1").status == 200)
        _ = try socket.receiveJSON()
        let stats = try #require(TestJSON.object(try client.get("/api/stats").body))
        #expect((stats["connections"] as? [String: Any])?["total"] as? Int == 2)
        #expect(stats["subscriptions"] as? Int == 1)
        #expect((stats["events"] as? [String: Any])?["published"] as? Int == 1)
        #expect((stats["events"] as? [String: Any])?["delivered"] as? Int == 1)
        #expect((stats["closes"] as? [String: Any])?["slow_consumer"] as? Int == 0)
    }
}
