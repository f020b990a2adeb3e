/// Known topics by token, so a resume can visit exactly the topics a pattern matches
/// (`orders.*` walks only the children of `orders`) instead of scanning every topic.
///
/// Emptied nodes are pruned on removal. Not thread-safe: inside the broker lock.
struct TopicTree<Value: AnyObject> {
    private final class Node {
        var children: [String: Node] = [:]
        var value: Value?
    }

    private let root = Node()
    /// Nodes below the root (for tests: zero when no topic is known).
    private(set) var nodeCount = 0

    /// Stores `value` under `topic`, replacing any previous value.
    mutating func insert(_ value: Value, at topic: Topic) {
        var node = root
        for token in topic.tokens {
            let key = String(token)
            if let child = node.children[key] {
                node = child
            } else {
                let child = Node()
                node.children[key] = child
                nodeCount += 1
                node = child
            }
        }
        node.value = value
    }

    /// Removes the value under `topic` and prunes emptied nodes.
    mutating func remove(_ topic: Topic) {
        var path: [(parent: Node, key: String)] = []
        var node = root
        for token in topic.tokens {
            let key = String(token)
            guard let child = node.children[key] else { return }
            path.append((node, key))
            node = child
        }
        node.value = nil
        for (parent, key) in path.reversed() {
            guard node.value == nil, node.children.isEmpty else { return }
            parent.children[key] = nil
            nodeCount -= 1
            node = parent
        }
    }

    /// Calls `body` with the value of every topic that `pattern` matches.
    func forEachMatch(of pattern: TopicPattern, _ body: (Value) -> Void) {
        visit(pattern.tokens[...], from: root, body)
    }

    private func visit(_ tokens: ArraySlice<Substring>, from node: Node, _ body: (Value) -> Void) {
        guard let token = tokens.first else {
            if let value = node.value { body(value) }
            return
        }
        switch token {
        case ">":
            for child in node.children.values {
                visitAll(from: child, body)
            }
        case "*":
            for child in node.children.values {
                visit(tokens.dropFirst(), from: child, body)
            }
        default:
            if let child = node.children[String(token)] {
                visit(tokens.dropFirst(), from: child, body)
            }
        }
    }

    private func visitAll(from node: Node, _ body: (Value) -> Void) {
        var stack = [node]
        while let next = stack.popLast() {
            if let value = next.value { body(value) }
            stack.append(contentsOf: next.children.values)
        }
    }
}
