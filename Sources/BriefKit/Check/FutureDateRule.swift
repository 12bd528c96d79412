/// `future-date`: a list's facts are current to its `asOf`; a later date is a typing mistake or a claim about
/// the future. A condition's `until` is the one date that may lie ahead.
struct FutureDateRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.futureDate)

    func findings(in list: PrisonerList) -> [Finding] {
        let asOf = list.asOf
        var found: [Finding] = []
        func check(_ date: Day?, _ what: String, _ anchor: SourceAnchor, record: String? = nil) {
            guard let date, date > asOf else { return }
            found.append(finding("\(what) is dated \(date), after the list's asOf \(asOf)", at: anchor,
                                 help: "correct the date, or the list's 'asOf' if the facts are newer", record: record))
        }
        if let agreement = list.agreement {
            check(agreement.announced, "the agreement", agreement.anchor.at("announced"))
        }
        for source in list.sources {
            check(source.published, "source '\(source.id)'", source.anchor.at("published"))
        }
        for count in list.counts {
            check(count.date, "the count of \(count.subject.rawValue) by '\(count.sourceID)'", count.anchor.at("date"))
        }
        for prisoner in list.prisoners {
            let who = "prisoner '\(prisoner.id)'"
            if let born = prisoner.born, born > asOf.year {
                found.append(finding("\(who) is born in \(born), after the list's asOf \(asOf)",
                                     at: prisoner.bornAnchor ?? prisoner.anchor, help: "correct <born>", record: prisoner.id))
            }
            if let detention = prisoner.detention {
                check(detention.arrested, "the arrest of \(who)", detention.anchor.at("arrested"), record: prisoner.id)
            }
            for status in prisoner.statuses {
                check(status.date, "the \(status.value.rawValue) status of \(who)", status.anchor.at("date"), record: prisoner.id)
            }
            for condition in prisoner.conditions {
                check(condition.since, "the \(condition.kind.rawValue) condition of \(who)", condition.anchor.at("since"), record: prisoner.id)
            }
            for warning in prisoner.warnings {
                check(warning.date, "the \(warning.kind.rawValue) warning to \(who)", warning.anchor.at("date"), record: prisoner.id)
            }
        }
        return found
    }
}
