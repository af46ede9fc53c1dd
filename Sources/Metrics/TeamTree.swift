import ScorecardWarehouse

/// The organisation (SPEC §4.4): teams in a tree of any depth (团队 → 支行 → 分行 → 总行) from the
/// teams export, or, without one, the managers' team names on one level.
///
///     let tree = TeamTree(teams: records, managerTeams: ["一组", "二组"])
///     tree.subtree(of: "支行A")   // the team and every team below it
public struct TeamTree: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var parent: String?
        public var supervisor: String?
        public var email: String?
        /// 0 for a team with no parent.
        public var depth: Int
    }

    /// Every team, parents before their children, siblings by id.
    public private(set) var nodes: [Node] = []
    private var index: [String: Int] = [:]
    private var children: [String: [String]] = [:]

    /// The teams of the export, and the teams managers name that it lacks (as teams with no
    /// parent). A parent the export does not hold, or one that would close a cycle, is dropped:
    /// the team then has no parent (the data-quality report names neither; the tree stays a tree).
    public init(teams: [TeamRecord], managerTeams: [String]) {
        var records: [String: TeamRecord] = [:]
        for t in teams where records[t.id] == nil { records[t.id] = t }
        for id in managerTeams where records[id] == nil { records[id] = TeamRecord(id: id) }
        var parentOf: [String: String] = [:]
        for (id, t) in records {
            if let p = t.parent, p != id, records[p] != nil { parentOf[id] = p }
        }
        // Cut each cycle once, at its smallest id: that team becomes a root.
        for id in records.keys.sorted() {
            var seen: [String] = [id]
            var at = id
            while let p = parentOf[at] {
                if let i = seen.firstIndex(of: p) {
                    parentOf[seen[i...].min()!] = nil
                    break
                }
                seen.append(p)
                at = p
            }
        }
        for (id, p) in parentOf { children[p, default: []].append(id) }
        let roots = records.keys.filter { parentOf[$0] == nil }.sorted()
        var stack = roots.reversed().map { ($0, 0) }
        while let (id, depth) = stack.popLast() {
            let r = records[id]!
            index[id] = nodes.count
            nodes.append(Node(id: id, name: r.name, parent: parentOf[id], supervisor: r.supervisor, email: r.email, depth: depth))
            for child in (children[id] ?? []).sorted().reversed() { stack.append((child, depth + 1)) }
        }
    }

    public func node(_ id: String) -> Node? { index[id].map { nodes[$0] } }

    /// The team and every team below it.
    public func subtree(of id: String) -> Set<String> {
        var out: Set<String> = []
        var stack = [id]
        while let t = stack.popLast() {
            if out.insert(t).inserted { stack += children[t] ?? [] }
        }
        return out
    }

    /// The teams above `id`, nearest first.
    public func ancestors(of id: String) -> [String] {
        var out: [String] = []
        var at = node(id)?.parent
        while let p = at {
            out.append(p)
            at = node(p)?.parent
        }
        return out
    }

    /// A team's name for a title: its name, else its id.
    public func title(of id: String) -> String { node(id)?.name ?? id }
}
