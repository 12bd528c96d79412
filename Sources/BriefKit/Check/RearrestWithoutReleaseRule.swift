/// `rearrest-without-release`: "re-arrested" means released and arrested again; without a release before it, the
/// claim is probably `detained`, or a release is missing from the list.
struct RearrestWithoutReleaseRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.rearrestWithoutRelease)

    func findings(in list: PrisonerList) -> [Finding] {
        var found: [Finding] = []
        for prisoner in list.prisoners {
            for status in prisoner.statuses where status.value == .rearrested {
                let released = prisoner.statuses.contains { $0.value.isReleaseType && $0.date < status.date }
                if !released {
                    found.append(finding(
                        "prisoner '\(prisoner.id)' is rearrested on \(status.date) per '\(status.sourceID)' but no earlier release is recorded",
                        at: status.anchor.at("value"),
                        help: "add the release (released, unconfirmed or exiled) it follows, or use 'detained'", record: prisoner.id))
                }
            }
        }
        return found
    }
}
