/// `brief merge`: one list made from several submitters' lists of the same agreement (docs/merge.md).
///
/// Sources are kept apart (an id two lists use is prefixed by its list's id in each); people are matched by id,
/// then by folded name (the `duplicate-person` folding) with birth year, then by a name that is the other's alias;
/// every claim, condition and warning is kept with its source. What was matched, on what evidence, and the near
/// misses left apart are in the report. The lists are taken in the order of their ids, so the merged list is the
/// same whatever order they are given in.
public enum ListMerge {
    /// A list to merge and the name it was given by.
    public struct Input: Sendable {
        public var list: PrisonerList
        public var file: String

        public init(list: PrisonerList, file: String) {
            self.list = list
            self.file = file
        }
    }

    /// A pairing asked for on the command line: `ID=ID`, either side optionally `LIST:ID`.
    public struct Pairing: Sendable, Hashable, CustomStringConvertible {
        public var first: PersonReference
        public var second: PersonReference

        public init?(_ text: String) {
            let sides = text.split(separator: "=", omittingEmptySubsequences: false)
            guard sides.count == 2, let first = PersonReference(String(sides[0])), let second = PersonReference(String(sides[1])) else { return nil }
            self.first = first
            self.second = second
        }

        public var description: String { "\(first)=\(second)" }
    }

    public struct PersonReference: Sendable, Hashable, CustomStringConvertible {
        public var list: String?
        public var id: String

        public init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            switch parts.count {
            case 1 where !parts[0].isEmpty: list = nil; id = parts[0]
            case 2 where !parts[0].isEmpty && !parts[1].isEmpty: list = parts[0]; id = parts[1]
            default: return nil
            }
        }

        public var description: String { (list.map { "\($0):" } ?? "") + id }
    }

    public struct Options: Sendable {
        public var id: String?
        public var title: String?
        public var revision: Int = 1
        public var match: [Pairing] = []
        public var noMatch: [Pairing] = []

        public init(id: String? = nil, title: String? = nil, revision: Int = 1, match: [Pairing] = [], noMatch: [Pairing] = []) {
            self.id = id
            self.title = title
            self.revision = revision
            self.match = match
            self.noMatch = noMatch
        }
    }

    /// Why the lists could not be merged (a `--match` naming no one, two lists with one id).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public static func merge(_ inputs: [Input], options: Options = Options()) throws(Failure) -> (list: PrisonerList, report: MergeReport) {
        guard !inputs.isEmpty else { throw Failure(reason: "no list to merge") }
        // The lists in a fixed order, whatever the order of the arguments.
        let lists = inputs.sorted { a, b in
            (a.list.id, a.list.revision, a.list.asOf, a.list.title, a.file) < (b.list.id, b.list.revision, b.list.asOf, b.list.title, b.file)
        }
        for pair in zip(lists, lists.dropFirst()) where pair.0.list.id == pair.1.list.id {
            throw Failure(reason: "\(pair.0.file) and \(pair.1.file) are both the list '\(pair.0.list.id)'; merge lists of different submitters (brief diff compares revisions)")
        }
        var report = MergeReport()
        report.lists = lists.map { .init(id: $0.list.id, file: $0.file, people: $0.list.prisoners.count, sources: $0.list.sources.count) }

        // Sources: an id used by two lists is prefixed by its list's id in each.
        var sourceUse: [String: Int] = [:]
        for input in lists { for source in Set(input.list.sources.map(\.id)) { sourceUse[source, default: 0] += 1 } }
        var renamed: [[String: String]] = []
        for input in lists {
            var map: [String: String] = [:]
            for source in input.list.sources {
                if sourceUse[source.id, default: 0] > 1 {
                    let new = String("\(input.list.id).\(source.id)".prefix(64))
                    map[source.id] = new
                    report.renamedSources.append(.init(list: input.list.id, from: source.id, to: new))
                }
            }
            renamed.append(map)
        }

        // People: one node a record; groups by union-find, never two records of one list in a group.
        struct Node { var list: Int; var index: Int }
        var nodes: [Node] = []
        var nodeOf: [[Int]] = []
        for (listIndex, input) in lists.enumerated() {
            nodeOf.append(input.list.prisoners.indices.map { index in nodes.append(Node(list: listIndex, index: index)); return nodes.count - 1 })
        }
        func person(_ node: Int) -> Prisoner { lists[nodes[node].list].list.prisoners[nodes[node].index] }
        func reference(_ node: Int) -> MergeReport.Record {
            let prisoner = person(node)
            return .init(list: lists[nodes[node].list].list.id, id: prisoner.id, name: prisoner.name.text, born: prisoner.born)
        }
        var parent = Array(nodes.indices)
        var members: [[Int]] = nodes.indices.map { [$0] }
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node { parent[node] = parent[parent[node]]; node = parent[node] }
            return node
        }
        func resolve(_ reference: PersonReference) throws(Failure) -> Int {
            let found = nodes.indices.filter { node in
                person(node).id == reference.id && (reference.list == nil || lists[nodes[node].list].list.id == reference.list)
            }
            guard let first = found.first else { throw Failure(reason: "no list has the person '\(reference)'") }
            guard found.count == 1 else {
                throw Failure(reason: "'\(reference.id)' is a person of several lists (\(found.map { lists[nodes[$0].list].list.id }.joined(separator: ", "))); name one as LIST:ID")
            }
            return first
        }
        var forbidden: Set<[Int]> = []
        for pairing in options.noMatch {
            let a = try resolve(pairing.first), b = try resolve(pairing.second)
            forbidden.insert([min(a, b), max(a, b)])
        }
        /// Joins the groups of two records; nil if joined, else why not.
        func join(_ a: Int, _ b: Int) -> String? {
            let ra = root(a), rb = root(b)
            if ra == rb { return nil }
            let listsA = Set(members[ra].map { nodes[$0].list }), listsB = Set(members[rb].map { nodes[$0].list })
            if !listsA.isDisjoint(with: listsB) { return "it would join two records of one list" }
            for x in members[ra] { for y in members[rb] where forbidden.contains([min(x, y), max(x, y)]) { return "--no-match keeps them apart" } }
            let (keep, drop) = ra < rb ? (ra, rb) : (rb, ra)
            parent[drop] = keep
            members[keep] += members[drop]
            members[keep].sort()
            members[drop] = []
            return nil
        }
        var evidence: [Int: [String]] = [:]
        func record(_ a: Int, _ b: Int, _ why: String) {
            evidence[root(a), default: []].append("\(reference(a).label) and \(reference(b).label): \(why)")
        }
        for pairing in options.match {
            let a = try resolve(pairing.first), b = try resolve(pairing.second)
            if let refused = join(a, b) { throw Failure(reason: "--match \(pairing): \(refused)") }
            record(a, b, "--match")
        }
        // By id: the same id in two lists.
        var byID: [String: [Int]] = [:]
        for node in nodes.indices { byID[person(node).id, default: []].append(node) }
        for id in byID.keys.sorted() {
            guard let group = byID[id], group.count > 1, let first = group.first else { continue }
            for other in group.dropFirst() {
                let sameName = DuplicatePersonRule.normalized(person(first).name.text) == DuplicatePersonRule.normalized(person(other).name.text)
                if let refused = join(first, other) {
                    if refused != "it would join two records of one list" || root(first) != root(other) {
                        report.nearMisses.append(.init(records: [reference(first), reference(other)], reason: "the same id, not merged: \(refused)"))
                    }
                } else {
                    record(first, other, sameName ? "the same id" : "the same id (the names differ: check it is one person)")
                }
            }
        }
        // By name (or alias) and birth year.
        func names(_ node: Int) -> [String] {
            let prisoner = person(node)
            return [prisoner.name.text] + prisoner.aliases.map(\.text)
        }
        var byName: [String: [Int]] = [:]
        for node in nodes.indices {
            for name in Set(names(node).map(DuplicatePersonRule.normalized)) where !name.isEmpty { byName[name, default: []].append(node) }
        }
        var nearMissPairs: Set<[Int]> = []
        for name in byName.keys.sorted() {
            guard let group = byName[name], group.count > 1 else { continue }
            for (position, a) in group.enumerated() {
                for b in group[(position + 1)...] where nodes[a].list != nodes[b].list && root(a) != root(b) {
                    let pa = person(a), pb = person(b)
                    // The names themselves when they are equal, whichever shared name (an alias, say) found the pair.
                    let sameName = DuplicatePersonRule.normalized(pa.name.text) == DuplicatePersonRule.normalized(pb.name.text)
                    let how = sameName ? "the same name" : "the name of one is an alias of the other"
                    switch (pa.born, pb.born) {
                    case let (x?, y?) where x == y:
                        if let refused = join(a, b) {
                            report.nearMisses.append(.init(records: [reference(a), reference(b)], reason: "\(how) and birth year, not merged: \(refused)"))
                        } else {
                            record(a, b, sameName ? "the same name and birth year (\(x))" : "\(how), and the same birth year (\(x))")
                        }
                    case (nil, nil):
                        if let refused = join(a, b) {
                            report.nearMisses.append(.init(records: [reference(a), reference(b)], reason: "\(how), not merged: \(refused)"))
                        } else {
                            record(a, b, "\(how); neither gives a birth year")
                        }
                    case let (x, y):
                        guard nearMissPairs.insert([min(a, b), max(a, b)]).inserted else { continue }
                        let years = [x, y].map { $0.map(String.init) ?? "none" }.joined(separator: " and ")
                        report.nearMisses.append(.init(records: [reference(a), reference(b)],
                                                       reason: x == nil || y == nil ? "\(how), but only one gives a birth year (\(years))" : "\(how), but different birth years (\(years))"))
                    }
                }
            }
        }

        // The merged records, in the order of their first record.
        let groups = nodes.indices.filter { root($0) == $0 }.map { members[$0] }
        var usedIDs: Set<String> = []
        var prisoners: [Prisoner] = []
        let defaultMarking = lists.map(\.list.defaultMarking).highest
        func topLevel(_ declared: Marking?, _ listIndex: Int) -> Marking? {
            declared ?? (lists[listIndex].list.defaultMarking == defaultMarking ? nil : lists[listIndex].list.defaultMarking)
        }
        // A group whose first record's id an earlier group has (two people kept apart) is prefixed by its list's id.
        for group in groups {
            guard let first = group.first else { continue }
            var merged = person(first)
            let firstList = nodes[first].list
            var id = merged.id
            if usedIDs.contains(id) {
                id = String("\(lists[firstList].list.id).\(merged.id)".prefix(64))
                report.renamedPeople.append(.init(list: lists[firstList].list.id, from: merged.id, to: id))
            }
            usedIDs.insert(id)
            merged.id = id
            merged.declaredMarking = topLevel(merged.declaredMarking, firstList)
            func renamedClaims(_ prisoner: inout Prisoner, _ listIndex: Int) {
                let map = renamed[listIndex]
                guard !map.isEmpty else { return }
                for index in prisoner.statuses.indices { prisoner.statuses[index].sourceID = map[prisoner.statuses[index].sourceID] ?? prisoner.statuses[index].sourceID }
                for index in prisoner.conditions.indices { prisoner.conditions[index].sourceID = map[prisoner.conditions[index].sourceID] ?? prisoner.conditions[index].sourceID }
                for index in prisoner.warnings.indices { prisoner.warnings[index].sourceID = map[prisoner.warnings[index].sourceID] ?? prisoner.warnings[index].sourceID }
            }
            renamedClaims(&merged, firstList)
            var differences: [String] = []
            for other in group.dropFirst() {
                var record = person(other)
                let listIndex = nodes[other].list
                renamedClaims(&record, listIndex)
                let recordMarking = topLevel(record.declaredMarking, listIndex) ?? defaultMarking
                if recordMarking > (merged.declaredMarking ?? defaultMarking) { merged.declaredMarking = recordMarking }
                if record.name.text != merged.name.text, !merged.aliases.contains(where: { $0.text == record.name.text }) {
                    merged.aliases.append(record.name)
                }
                for alias in record.aliases where alias.text != merged.name.text && !merged.aliases.contains(where: { $0.text == alias.text }) {
                    merged.aliases.append(alias)
                }
                func keep<T: Equatable>(_ field: String, _ mine: inout T?, _ theirs: T?, _ shown: (T) -> String) {
                    guard let theirs else { return }
                    guard let current = mine else { mine = theirs; return }
                    if current != theirs { differences.append("\(field): \(shown(current)) (kept) and \(shown(theirs)) in \(lists[listIndex].list.id)") }
                }
                keep("gender", &merged.gender, record.gender, \.rawValue)
                keep("born", &merged.born, record.born, String.init)
                keep("province", &merged.province, record.province) { $0 }
                if record.list != merged.list {
                    let rank: [ListKind: Int] = [.agreed: 0, .requested: 1, .other: 2]
                    differences.append("list: \(merged.list.rawValue) and \(record.list.rawValue) in \(lists[listIndex].list.id); \(rank[record.list, default: 2] < rank[merged.list, default: 2] ? record.list.rawValue : merged.list.rawValue) kept")
                    if rank[record.list, default: 2] < rank[merged.list, default: 2] { merged.list = record.list }
                }
                for affiliation in record.affiliations where !merged.affiliations.contains(affiliation) { merged.affiliations.append(affiliation) }
                if let theirs = record.detention {
                    if var mine = merged.detention {
                        keep("arrested", &mine.arrested, theirs.arrested, \.iso)
                        keep("facility", &mine.facility, theirs.facility) { $0 }
                        keep("sentence", &mine.sentence, theirs.sentence) { $0 }
                        for charge in theirs.charges where !mine.charges.contains(charge) { mine.charges.append(charge) }
                        merged.detention = mine
                    } else {
                        merged.detention = theirs
                    }
                }
                merged.statuses += record.statuses
                merged.conditions += record.conditions
                merged.warnings += record.warnings
                for note in record.notes where !merged.notes.contains(where: { $0.text == note.text }) { merged.notes.append(note) }
            }
            if group.count > 1 {
                report.matched.append(.init(mergedID: id, records: group.map(reference), evidence: evidence[group[0]] ?? [], differences: differences))
            } else {
                report.unmatched.append(reference(first))
            }
            prisoners.append(merged)
        }

        // Sources and counts, each list's in turn, with their new ids.
        var sources: [Source] = []
        var counts: [CountClaim] = []
        for (listIndex, input) in lists.enumerated() {
            for var source in input.list.sources {
                source.id = renamed[listIndex][source.id] ?? source.id
                source.declaredMarking = topLevel(source.declaredMarking, listIndex)
                sources.append(source)
            }
            for var count in input.list.counts {
                count.sourceID = renamed[listIndex][count.sourceID] ?? count.sourceID
                count.declaredMarking = topLevel(count.declaredMarking, listIndex)
                counts.append(count)
            }
        }
        // The agreement of the first list that has one; its parties are every list's.
        var agreement: Agreement?
        for (listIndex, input) in lists.enumerated() {
            guard var theirs = input.list.agreement else { continue }
            theirs.declaredMarking = topLevel(theirs.declaredMarking, listIndex)
            guard var current = agreement else { agreement = theirs; continue }
            for party in theirs.parties where !current.parties.contains(party) { current.parties.append(party) }
            if theirs.coverage == .complete { current.coverage = .complete }
            if theirs.committed != current.committed, let committed = theirs.committed {
                report.differences.append("the agreement's committed number: \(current.committed.map(String.init) ?? "none") (kept) and \(committed) in \(input.list.id)")
                if current.committed == nil { current.committed = committed }
            }
            if theirs.announced != current.announced {
                report.differences.append("the agreement's announcement: \(current.announced) (kept) and \(theirs.announced) in \(input.list.id)")
            }
            agreement = current
        }
        let ids = lists.map(\.list.id)
        let list = PrisonerList(id: options.id ?? String(ids.joined(separator: "+").replacingOccurrences(of: "+", with: "-").prefix(64)),
                                revision: options.revision,
                                asOf: lists.map(\.list.asOf).max() ?? lists[0].list.asOf,
                                defaultMarking: defaultMarking,
                                title: options.title ?? "Merged list: " + lists.map(\.list.title).joined(separator: "; "),
                                submitter: lists.map(\.list.submitter).joined(separator: "; "),
                                submitterContact: nil, agreement: agreement, sources: sources, counts: counts, prisoners: prisoners)
        report.mergedID = list.id
        report.people = prisoners.count
        return (list, report)
    }
}

/// What `brief merge` did: who was matched and on what evidence, the near misses it left apart, what it renamed.
public struct MergeReport: Sendable, Codable {
    public struct ListSummary: Sendable, Codable { public var id: String; public var file: String; public var people: Int; public var sources: Int }
    public struct Record: Sendable, Codable, Hashable {
        public var list: String
        public var id: String
        public var name: String
        public var born: Int?
        var label: String { "\(list):\(id)" }
    }
    public struct Match: Sendable, Codable {
        public var mergedID: String
        public var records: [Record]
        public var evidence: [String]
        /// Fields the records disagree on, and which value was kept.
        public var differences: [String]
    }
    public struct NearMiss: Sendable, Codable {
        public var records: [Record]
        public var reason: String
    }
    public struct Rename: Sendable, Codable { public var list: String; public var from: String; public var to: String }

    public var format = "brief-merge"
    public var version = 1
    public var mergedID = ""
    public var people = 0
    public var lists: [ListSummary] = []
    public var matched: [Match] = []
    public var nearMisses: [NearMiss] = []
    public var unmatched: [Record] = []
    public var renamedSources: [Rename] = []
    public var renamedPeople: [Rename] = []
    public var differences: [String] = []

    /// The report for people: one line a match, a near miss, a rename.
    public var human: String {
        var out = "merged \(lists.count) lists (\(lists.map { "\($0.id): \($0.people) people" }.joined(separator: ", "))) into '\(mergedID)': \(people) people\n"
        func person(_ record: Record) -> String { "\(record.label) '\(record.name)'" + (record.born.map { " born \($0)" } ?? "") }
        if !matched.isEmpty {
            out += "\nmatched (\(matched.count)):\n"
            for match in matched {
                out += "  \(match.mergedID): " + match.records.map(person).joined(separator: " = ") + "\n"
                for evidence in match.evidence { out += "      on: \(evidence)\n" }
                for difference in match.differences { out += "      differs: \(difference)\n" }
            }
        }
        if !nearMisses.isEmpty {
            out += "\nnear misses, not merged (\(nearMisses.count)); to merge one, pass --match LIST:ID=LIST:ID:\n"
            for miss in nearMisses { out += "  " + miss.records.map(person).joined(separator: " ~ ") + ": \(miss.reason)\n" }
        }
        if !unmatched.isEmpty {
            out += "\nin one list only, kept as they are (\(unmatched.count)):\n"
            for record in unmatched { out += "  \(person(record))\n" }
        }
        for rename in renamedSources { out += "source \(rename.list):\(rename.from) is '\(rename.to)' (another list has a source '\(rename.from)')\n" }
        for rename in renamedPeople { out += "person \(rename.list):\(rename.from) is '\(rename.to)' (the id is another person's)\n" }
        for difference in differences { out += "differs: \(difference)\n" }
        return out
    }
}
