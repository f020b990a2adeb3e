@testable import HeraldBroker
import Testing

@Suite struct MatchCacheTests {
    private func recipients(_ connections: Range<UInt64>) -> Recipients {
        Recipients(grouping: connections.map { SubscriberRef(loop: 0, connection: $0) })
    }

    private func limits(entries: Int, ids: Int = 1 << 20) -> MatchCacheLimits {
        var limits = MatchCacheLimits()
        limits.maxEntries = entries
        limits.maxRecipientIDs = ids
        return limits
    }

    @Test func anEntryOfAnotherGenerationIsAMiss() {
        var cache = MatchCache(limits: limits(entries: 8))
        cache.store("a", generation: 1, recipients: recipients(0..<3), shared: false)
        #expect(cache.lookup("a", generation: 1)?.count == 3)
        #expect(cache.lookup("a", generation: 2) == nil)
        cache.store("a", generation: 2, recipients: recipients(0..<5), shared: false)
        #expect(cache.lookup("a", generation: 2)?.count == 5)
        #expect(cache.count == 1)
    }

    @Test func theCacheNeverHoldsMoreThanItsEntryLimit() {
        var cache = MatchCache(limits: limits(entries: 16))
        for index in 0..<1_000 {
            cache.store("topic.\(index)", generation: 0, recipients: recipients(0..<1), shared: false)
            #expect(cache.count <= 16)
        }
        #expect(cache.count == 16)
    }

    @Test func recentlyHitEntriesSurviveEviction() {
        var cache = MatchCache(limits: limits(entries: 4))
        for index in 0..<4 {
            cache.store("t\(index)", generation: 0, recipients: .none, shared: false)
        }
        for round in 0..<20 {
            #expect(cache.lookup("t0", generation: 0) != nil)
            cache.store("cold\(round)", generation: 0, recipients: .none, shared: false)
        }
        #expect(cache.lookup("t0", generation: 0) != nil)
    }

    @Test func ownedConnectionIDsStayWithinTheBudget() {
        var cache = MatchCache(limits: limits(entries: 100, ids: 10))
        for index in 0..<50 {
            cache.store("t\(index)", generation: 0, recipients: recipients(0..<4), shared: false)
            #expect(cache.ownedRecipientIDs <= 10)
        }
        cache.store("huge", generation: 0, recipients: recipients(0..<11), shared: false)
        #expect(cache.lookup("huge", generation: 0) == nil)
        cache.store("sharedHuge", generation: 0, recipients: recipients(0..<11), shared: true)
        #expect(cache.lookup("sharedHuge", generation: 0)?.count == 11)
    }
}

@Suite struct RingBufferTests {
    @Test func itBehavesAsAFIFOThroughGrowthAndShrinking() {
        var ring = RingBuffer<Int>()
        var model: [Int] = []
        var next = 0
        for step in 0..<5_000 {
            if step % 7 < 4 || model.isEmpty {
                ring.append(next)
                model.append(next)
                next += 1
            } else {
                #expect(ring.removeFirst() == model.removeFirst())
            }
            #expect(ring.count == model.count)
            #expect(ring.first == model.first)
            #expect(ring.last == model.last)
        }
        #expect((0..<ring.count).map { ring[$0] } == model)
        #expect(ring.partitionPoint { $0 > model[model.count / 2] } == model.count / 2 + 1)
        while ring.removeFirst() != nil {}
        #expect(ring.isEmpty)
    }
}
