extension SubscriptionTrie {
    /// The connections subscribed to patterns that match `topic`, each once.
    ///
    /// Returns `shared: true` when the result is one entry's cached grouping (no new
    /// array was made). Cost: a walk over the matching branches, plus a merge when
    /// several entries match.
    func match(_ topic: Topic) -> (recipients: Recipients, shared: Bool) {
        var entries: [SubscriberSet] = []
        collect(topic.tokens[...], from: root, into: &entries)
        switch entries.count {
        case 0:
            return (.none, false)
        case 1:
            return (entries[0].recipients(), true)
        default:
            var union = Set<SubscriberRef>()
            for entry in entries {
                union.formUnion(entry.members)
            }
            return (Recipients(grouping: union), false)
        }
    }

    private func collect(_ tokens: ArraySlice<Substring>, from node: Node, into entries: inout [SubscriberSet]) {
        guard let token = tokens.first else {
            if let entry = node.endingHere { entries.append(entry) }
            return
        }
        if let entry = node.fullWildcard { entries.append(entry) }
        let rest = tokens.dropFirst()
        if let literal = node.literalChildren[String(token)] {
            collect(rest, from: literal, into: &entries)
        }
        if let wildcard = node.singleWildcardChild {
            collect(rest, from: wildcard, into: &entries)
        }
    }

    /// Patterns without wildcards that have subscribers: topics someone waits for.
    func literalPatterns() -> [String] {
        var found: [String] = []
        var stack: [(node: Node, prefix: String)] = [(root, "")]
        while let (node, prefix) = stack.popLast() {
            if node.endingHere != nil && !prefix.isEmpty { found.append(prefix) }
            for (token, child) in node.literalChildren {
                stack.append((child, prefix.isEmpty ? token : prefix + "." + token))
            }
        }
        return found
    }
}
