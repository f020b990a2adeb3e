extension BrokerState {
    /// Publishes one event: see ``Broker/publish(to:idempotencyKey:now:makeEvent:deliver:)``.
    mutating func publish(
        to topic: Topic, idempotencyKey: IdempotencyKey?, now: UInt64,
        makeEvent: @Sendable (EventID, UInt64) -> StoredEvent, deliver: @Sendable (StoredEvent, Recipients) -> Void
    ) -> PublishOutcome {
        let timestamp = advanceClock(to: now)
        ageOut(now: timestamp)

        let known = records[topic.name]
        if let idempotencyKey, let known, let first = known.keys.outcome(for: idempotencyKey, now: timestamp) {
            duplicatesSuppressed += 1
            return PublishOutcome(id: first.id, recipients: first.recipients, duplicate: true)
        }

        lastSequence += 1
        let id = EventID(epoch: epoch, sequence: lastSequence)
        let event = makeEvent(id, timestamp)
        eventsPublished += 1

        let recipients = recipients(for: topic)
        if recipients.count > 0 {
            deliver(event, recipients)
        }
        let outcome = PublishOutcome(id: id, recipients: recipients.count, duplicate: false)

        let record = known ?? makeRecord(for: topic)
        if let idempotencyKey {
            record.keys.remember(idempotencyKey, outcome: outcome, now: timestamp, limits: configuration.idempotency)
            if !record.keys.isEmpty { keyedTopics.insert(topic.name) }
        }
        let retained = TopicRecord.Retained(
            event: event, sequence: id.sequence, timestampMillis: timestamp, bytes: max(0, event.retainedBytes))
        retain(retained, in: record)
        forgetIfIdle(record)
        return outcome
    }

    private mutating func makeRecord(for topic: Topic) -> TopicRecord {
        let record = TopicRecord(topic: topic)
        records[topic.name] = record
        topicTree.insert(record, at: topic)
        return record
    }
}
