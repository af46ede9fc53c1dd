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
        /// False for a team only the managers name (no teams export, or one that lacks it).
        public var inExport: Bool
    }

    /// What the export said that the tree could not take as it was (shown with the rollup, SPEC §2.3).
    public enum Note: Sendable, Equatable {
        /// `parent` names no team of the export (by id or by a name only one team has): the team sits at the top.
        case unknownParent(team: String, parent: String)
        /// The parents of these teams went round in a circle: the first of them sits at the top.
        case cycle([String])
        /// Managers name this team; the export has none of that id or name.
        case notInExport(String)
    }

    /// Every team, parents before their children, siblings by id.
    public private(set) var nodes: [Node] = []
    public private(set) var notes: [Note] = []
    private var index: [String: Int] = [:]
    private var children: [String: [String]] = [:]
    /// Names only one team of the export has, to its id.
    private var byName: [String: String] = [:]

    /// The teams of the export, and the teams managers name that it lacks (as teams with no
    /// parent). A parent (or a manager's team) is the id of a team of the export, else a name
    /// only one of its teams has. A parent not found, or one that would close a cycle, is
    /// dropped and said in `notes`: the team then has no parent, and the tree stays a tree.
    public init(teams: [TeamRecord], managerTeams: [String]) {
        var records: [String: TeamRecord] = [:]
        for t in teams where records[t.id] == nil { records[t.id] = t }
        let names = Dictionary(grouping: records.values.compactMap { t in t.name.map { ($0, t.id) } }, by: \.0)
        byName = names.compactMapValues { $0.count == 1 ? $0[0].1 : nil }
        let exported = Set(records.keys)
        for team in Set(managerTeams).sorted() where resolve(team, in: records) == nil {
            records[team] = TeamRecord(id: team)
            if !exported.isEmpty { notes.append(.notInExport(team)) }
        }
        var parentOf: [String: String] = [:]
        for (id, t) in records.sorted(by: { $0.key < $1.key }) {
            guard let p = t.parent, !p.isEmpty else { continue }
            if let resolved = resolve(p, in: records), resolved != id { parentOf[id] = resolved } else { notes.append(.unknownParent(team: id, parent: p)) }
        }
        cutCycles(&parentOf, ids: records.keys.sorted())
        build(records, parentOf: parentOf, exported: exported)
    }

    private func resolve(_ reference: String, in records: [String: TeamRecord]) -> String? {
        records[reference] != nil ? reference : byName[reference]
    }

    /// The team id a manager's `team` names (its id, or a name only one team has).
    public func team(named reference: String) -> String {
        index[reference] != nil ? reference : byName[reference] ?? reference
    }

    /// Cuts each cycle once, at its smallest id: that team becomes a root.
    private mutating func cutCycles(_ parentOf: inout [String: String], ids: [String]) {
        for id in ids {
            var seen: [String] = [id]
            var at = id
            while let p = parentOf[at] {
                if let i = seen.firstIndex(of: p) {
                    parentOf[seen[i...].min()!] = nil
                    notes.append(.cycle(Array(seen[i...]).sorted()))
                    break
                }
                seen.append(p)
                at = p
            }
        }
    }

    private mutating func build(_ records: [String: TeamRecord], parentOf: [String: String], exported: Set<String>) {
        for (id, p) in parentOf { children[p, default: []].append(id) }
        let roots = records.keys.filter { parentOf[$0] == nil }.sorted()
        var stack = roots.reversed().map { ($0, 0) }
        while let (id, depth) = stack.popLast() {
            let r = records[id]!
            index[id] = nodes.count
            nodes.append(Node(id: id, name: r.name, parent: parentOf[id], supervisor: r.supervisor, email: r.email, depth: depth,
                              inExport: exported.contains(id)))
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

    /// The teams one level below `id`, by id.
    public func children(of id: String) -> [String] { (children[id] ?? []).sorted() }

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

    /// The tree below `root` and `root` itself, at the top (depth 0, no parent), without the
    /// notes (they may name other teams): a team's own organisation (SPEC §4.4).
    package func restricted(to root: String) -> TeamTree {
        let keep = subtree(of: root)
        let base = node(root)?.depth ?? 0
        var cut = TeamTree(teams: [], managerTeams: [])
        for var n in nodes where keep.contains(n.id) {
            n.depth -= base
            if n.id == root { n.parent = nil } else if let p = n.parent { cut.children[p, default: []].append(n.id) }
            cut.index[n.id] = cut.nodes.count
            cut.nodes.append(n)
        }
        cut.byName = byName.filter { keep.contains($0.value) }
        return cut
    }

    /// A team's name for a title: its name, else its id.
    public func title(of id: String) -> String { node(id)?.name ?? id }
}
