/// `condition-while-detained`: conditions of release and warnings to a released person make no sense for someone
/// whose latest known status is detention; either a release is missing or the condition belongs to someone else.
/// Measures that are not conditions of release (`citizenship-revoked`, `property-confiscated`) are imposed in custody
/// too, and are not flagged.
struct ConditionWhileDetainedRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.conditionWhileDetained)

    func findings(in list: PrisonerList) -> [Finding] {
        var found: [Finding] = []
        for prisoner in list.prisoners {
            guard let latest = prisoner.latestStatus, latest.value == .detained else { continue }
            let anchors = prisoner.conditions.filter(\.kind.isConditionOfRelease).map { ($0.anchor, "a \($0.kind.rawValue) condition") }
                + prisoner.warnings.map { ($0.anchor, "a \($0.kind.rawValue) warning") }
            for (anchor, what) in anchors {
                found.append(finding(
                    "prisoner '\(prisoner.id)' has \(what) but the latest status is detained (\(latest.date), per '\(latest.sourceID)')",
                    at: anchor, help: "add the release the condition follows, or move the condition to the right person",
                    record: prisoner.id))
            }
        }
        return found
    }
}
