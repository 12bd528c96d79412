/// `date-order`: a person cannot be released before being arrested, nor be under a condition before it; a
/// condition cannot end before it starts. Such dates are typing mistakes that would corrupt every timeline.
struct DateOrderRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.dateOrder)

    func findings(in list: PrisonerList) -> [Finding] {
        var found: [Finding] = []
        for prisoner in list.prisoners {
            let arrested = prisoner.detention?.arrested
            if let arrested {
                for status in prisoner.statuses where status.value.isReleaseType && status.date < arrested {
                    found.append(finding(
                        "prisoner '\(prisoner.id)' is \(status.value.rawValue) on \(status.date) per '\(status.sourceID)', before the arrest on \(arrested)",
                        at: status.anchor.at("date"), help: "correct the status date or the detention's 'arrested'",
                        record: prisoner.id))
                }
            }
            for condition in prisoner.conditions {
                if let arrested, let since = condition.since, since < arrested {
                    found.append(finding(
                        "prisoner '\(prisoner.id)' has a \(condition.kind.rawValue) condition since \(since), before the arrest on \(arrested)",
                        at: condition.anchor.at("since"), help: "correct the condition's 'since' or the detention's 'arrested'",
                        record: prisoner.id))
                }
                if let since = condition.since, let until = condition.until, until < since {
                    found.append(finding(
                        "prisoner '\(prisoner.id)' has a \(condition.kind.rawValue) condition that ends on \(until), before it starts on \(since)",
                        at: condition.anchor.at("until"), help: "swap or correct 'since' and 'until'", record: prisoner.id))
                }
            }
        }
        return found
    }
}
