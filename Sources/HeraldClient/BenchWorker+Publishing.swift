import HeraldPosix

/// One publisher connection's pacing and topic rotation.
struct PublisherState {
    /// Publishes allowed per second on this connection.
    var bucket: TokenBucket
    /// The topic of the next publish.
    var nextTopic: Int
}

extension BenchWorker: HTTPClientDelegate {
    /// Starts publisher connection `index` of this loop.
    func startPublisher(index: Int, plan publishing: PublishPlan) {
        pendingConnects += 1
        publisherOpened.append(false)
        let rate = publishing.ratePerConnection
        publisherStates.append(
            PublisherState(
                bucket: TokenBucket(ratePerSecond: rate, burst: max(1, (rate ?? 0) / 20)),
                // Publisher k starts at topic k, so P publishers cover P topics at once.
                nextTopic: (publishing.firstPublisherIndex + index) % max(publishing.requestHeads.count, 1)))
        let connection: HTTPClientConnection
        do throws(ClientError) {
            connection = try HTTPClientConnection(url: publishing.serverURL, loop: loop, tls: plan.tls, tag: index)
        } catch {
            return connectionFailed(error)
        }
        connection.delegate = self
        publishers.append(connection)
        connection.start()
    }

    func httpClientDidConnect(_ connection: HTTPClientConnection) {
        pendingConnects -= 1
        publisherOpened[connection.tag] = true
        counters.opened.add(1, ordering: .relaxed)
        if sending { pump(connection) }
    }

    func httpClient(
        _ connection: HTTPClientConnection, didReceive response: HTTPResponseScanner.Response, requestTag: Int
    ) {
        if (200..<300).contains(response.status) {
            counters.published.add(1, ordering: .relaxed)
            if let publishing = plan.publishing, publishing.subscribersPerTopic.indices.contains(requestTag) {
                counters.expected.add(publishing.subscribersPerTopic[requestTag], ordering: .relaxed)
            }
        } else {
            counters.publishFailed.add(1, ordering: .relaxed)
            counters.noteError("publish answered HTTP \(response.status)")
        }
        if sending { pump(connection) }
    }

    func httpClient(_ connection: HTTPClientConnection, didCloseWith reason: ClientError) {
        if publisherOpened.indices.contains(connection.tag), publisherOpened[connection.tag] {
            connectionClosed(reason)
        } else {
            connectionFailed(reason)
        }
    }

    /// Publishes on every connection what its pace and pipeline allow.
    func pumpPublishers() {
        guard sending else { return }
        for connection in publishers where connection.isConnected { pump(connection) }
    }

    private func pump(_ connection: HTTPClientConnection) {
        guard let publishing = plan.publishing, !publishing.requestHeads.isEmpty else { return }
        let room = publishing.pipeline - connection.outstandingRequests
        guard room > 0 else { return }
        let granted = publisherStates[connection.tag].bucket.take(
            upTo: room, nowNanoseconds: MonotonicClock.nowNanoseconds())
        for _ in 0..<granted {
            let topic = publisherStates[connection.tag].nextTopic
            publisherStates[connection.tag].nextTopic =
                (topic + publishing.totalPublishers) % publishing.requestHeads.count
            connection.send(head: publishing.requestHeads[topic], bodyLength: publishing.bodyBytes, requestTag: topic) {
                LatencyPayload.encode(timestamp: MonotonicClock.nowNanoseconds(), into: $0)
            }
            counters.sent.add(1, ordering: .relaxed)
        }
    }
}
