/// `rearrest-without-release`: "re-arrested" means released and arrested again; without a release before it, the
/// claim is probably `detained`, or a release is missing from the list.
struct RearrestWithoutReleaseRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.rearrestWithoutRelease)

    func findings(in list: PrisonerList) -> [Finding] {
        var found: [Finding] = []
        for prisoner in list.prisoners {
            // A rearrest has a release before it exactly when the person's earliest release is before it: one pass
            // for the earliest, one for the rearrests (comparing each rearrest with every release was quadratic).
            var firstRelease: Day?
            for status in prisoner.statuses where status.value.isReleaseType {
                if firstRelease.map({ status.date < $0 }) ?? true { firstRelease = status.date }
            }
            for status in prisoner.statuses where status.value == .rearrested {
                if let firstRelease, firstRelease < status.date { continue }
                found.append(finding(
                    "prisoner '\(prisoner.id)' is rearrested on \(status.date) per '\(status.sourceID)' but no earlier release is recorded",
                    at: status.anchor.at("value"),
                    help: "add the release (released, unconfirmed or exiled) it follows, or use 'detained'", record: prisoner.id))
            }
        }
        return found
    }
}
