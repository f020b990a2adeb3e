/// Subscription patterns by token, as in nats-server's sublist: one level per token, with
/// a literal child per token value, one child for `*`, and at each node the entries of
/// patterns ending there and of patterns ending there with `>`.
///
/// Insert and remove take time proportional to the pattern's token count (plus hashing);
/// emptied nodes are pruned on removal, so the trie holds nothing for patterns nobody has.
/// Not thread-safe: lives inside the broker's lock.
struct SubscriptionTrie {
    final class Node {
        var literalChildren: [String: Node] = [:]
        var singleWildcardChild: Node?
        /// Patterns whose last token leads here.
        var endingHere: SubscriberSet?
        /// Patterns `<path to here>.>`: one or more further tokens.
        var fullWildcard: SubscriberSet?

        var isEmpty: Bool {
            literalChildren.isEmpty && singleWildcardChild == nil && endingHere == nil
                && fullWildcard == nil
        }
    }

    /// An edge from a node to a child, for pruning.
    private enum Edge {
        case literal(String)
        case singleWildcard
    }

    let root = Node()
    /// Nodes below the root (for tests: zero when nobody subscribes).
    private(set) var nodeCount = 0

    /// Adds `subscriber` to `pattern`'s entry; false when it was already there.
    mutating func insert(_ pattern: TopicPattern, for subscriber: SubscriberRef) -> Bool {
        var node = root
        let tokens = pattern.tokens
        for (index, token) in tokens.enumerated() {
            if token == ">" && index == tokens.count - 1 {
                let entry = node.fullWildcard ?? SubscriberSet()
                node.fullWildcard = entry
                return entry.insert(subscriber)
            }
            node = child(of: node, along: edge(for: token))
        }
        let entry = node.endingHere ?? SubscriberSet()
        node.endingHere = entry
        return entry.insert(subscriber)
    }

    /// Removes `subscriber` from `pattern`'s entry and prunes emptied nodes; false when it
    /// was not there.
    mutating func remove(_ pattern: TopicPattern, for subscriber: SubscriberRef) -> Bool {
        var path: [(parent: Node, edge: Edge)] = []
        var node = root
        let tokens = pattern.tokens
        let endsWithFullWildcard = tokens.last == ">"
        for token in tokens.dropLast(endsWithFullWildcard ? 1 : 0) {
            let edge = edge(for: token)
            guard let next = existingChild(of: node, along: edge) else { return false }
            path.append((node, edge))
            node = next
        }
        if endsWithFullWildcard {
            guard let entry = node.fullWildcard, entry.remove(subscriber) else { return false }
            if entry.isEmpty { node.fullWildcard = nil }
        } else {
            guard let entry = node.endingHere, entry.remove(subscriber) else { return false }
            if entry.isEmpty { node.endingHere = nil }
        }
        prune(node, path: path)
        return true
    }

    private func edge(for token: Substring) -> Edge {
        token == "*" ? .singleWildcard : .literal(String(token))
    }

    private func existingChild(of node: Node, along edge: Edge) -> Node? {
        switch edge {
        case .literal(let token): node.literalChildren[token]
        case .singleWildcard: node.singleWildcardChild
        }
    }

    private mutating func child(of node: Node, along edge: Edge) -> Node {
        if let existing = existingChild(of: node, along: edge) { return existing }
        let created = Node()
        nodeCount += 1
        switch edge {
        case .literal(let token): node.literalChildren[token] = created
        case .singleWildcard: node.singleWildcardChild = created
        }
        return created
    }

    private mutating func prune(_ leaf: Node, path: [(parent: Node, edge: Edge)]) {
        var node = leaf
        for (parent, edge) in path.reversed() {
            guard node.isEmpty else { return }
            switch edge {
            case .literal(let token): parent.literalChildren[token] = nil
            case .singleWildcard: parent.singleWildcardChild = nil
            }
            nodeCount -= 1
            node = parent
        }
    }
}

/// The subscribers of one trie entry (one pattern), with their grouping cached.
///
/// When a topic is matched by this entry alone (the common case), its ``Recipients`` are
/// this set's cached grouping, shared by every topic the pattern matches.
final class SubscriberSet {
    private(set) var members: Set<SubscriberRef> = []
    private var grouped: Recipients?

    var isEmpty: Bool { members.isEmpty }

    /// Adds `subscriber`; false when it was already there.
    func insert(_ subscriber: SubscriberRef) -> Bool {
        let inserted = members.insert(subscriber).inserted
        if inserted { grouped = nil }
        return inserted
    }

    /// Removes `subscriber`; false when it was not there.
    func remove(_ subscriber: SubscriberRef) -> Bool {
        let removed = members.remove(subscriber) != nil
        if removed { grouped = nil }
        return removed
    }

    /// The members grouped by loop, computed once per change.
    func recipients() -> Recipients {
        if let grouped { return grouped }
        let made = Recipients(grouping: members)
        grouped = made
        return made
    }
}
