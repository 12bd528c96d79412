/// `marking-downgrade`: inside a record a marking can only restrict further; a lower one has no effect, and
/// whoever wrote it probably expected a part of a restricted record to be released.
struct MarkingDowngradeRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.markingDowngrade)

    func findings(in list: PrisonerList) -> [Finding] {
        var found: [Finding] = []
        for prisoner in list.prisoners {
            let parent = prisoner.marking
            func check(_ declared: Marking?, _ what: String, _ anchor: SourceAnchor) {
                guard let declared, declared < parent else { return }
                found.append(finding(
                    "\(what) of prisoner '\(prisoner.id)' is marked \(declared.name) inside a \(parent.name) record; the marking has no effect",
                    at: anchor.at("marking"),
                    help: "remove the marking, or lower the record's marking if the part may really be shown", record: prisoner.id))
            }
            check(prisoner.name.declaredMarking, "<name>", prisoner.name.anchor)
            for alias in prisoner.aliases { check(alias.declaredMarking, "<alias>", alias.anchor) }
            for status in prisoner.statuses { check(status.declaredMarking, "<status>", status.anchor) }
            for condition in prisoner.conditions { check(condition.declaredMarking, "<condition>", condition.anchor) }
            for warning in prisoner.warnings { check(warning.declaredMarking, "<warning>", warning.anchor) }
            for note in prisoner.notes { check(note.declaredMarking, "<note>", note.anchor) }
        }
        return found
    }
}
