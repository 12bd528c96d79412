/// A canonical, sorted text rendering of a list, for `git diff` through `diff.brief.textconv`: one line per
/// fact, records sorted by id and claims by date, so that re-ordering and re-indenting never show as changes. Every
/// line is escaped for the terminal and CI logs (`Escaping.terminal`, `Escaping.commandSafeLines`).
public enum ListTextConverter {
    public static func render(_ list: PrisonerList) -> String {
        var lines: [String] = []
        func line(_ text: String) { lines.append(Escaping.terminal(text)) }
        func marked(_ marking: Marking, declared: Marking?) -> String {
            declared == nil ? "" : " [\(marking.name)]"
        }
        line("list \(list.id) revision \(list.revision) asOf \(list.asOf) marking \(list.defaultMarking.name)")
        line("title: \(list.title)")
        line("submitter: \(list.submitter)" + (list.submitterContact.map { " <\($0)>" } ?? ""))
        if let agreement = list.agreement {
            line("agreement announced \(agreement.announced)" + (agreement.committed.map { " committed \($0)" } ?? "") + marked(agreement.marking, declared: agreement.declaredMarking))
            line("  parties: " + agreement.parties.joined(separator: "; "))
            if let summary = agreement.summary { line("  summary: \(summary)") }
        }
        for source in list.sources.sorted(by: { $0.id < $1.id }) {
            var text = "source \(source.id) \(source.kind.rawValue)"
            if let published = source.published { text += " published \(published)" }
            if let href = source.href { text += " href \(href)" }
            line(text + marked(source.marking, declared: source.declaredMarking) + ": \(source.description)")
        }
        for count in list.counts.sorted(by: { ($0.date, $0.sourceID, $0.subject.rawValue) < ($1.date, $1.sourceID, $1.subject.rawValue) }) {
            line("count \(count.subject.rawValue) \(count.value) per \(count.sourceID) on \(count.date)" + marked(count.marking, declared: count.declaredMarking))
        }
        for prisoner in list.prisoners.sorted(by: { $0.id < $1.id }) {
            let id = prisoner.id
            line("")
            line("prisoner \(id) \(prisoner.list.rawValue)" + marked(prisoner.marking, declared: prisoner.declaredMarking))
            line("\(id) name: \(prisoner.name.text)" + marked(prisoner.name.marking, declared: prisoner.name.declaredMarking))
            for alias in prisoner.aliases.sorted(by: { $0.text < $1.text }) {
                line("\(id) alias: \(alias.text)" + marked(alias.marking, declared: alias.declaredMarking))
            }
            if let gender = prisoner.gender { line("\(id) gender: \(gender.rawValue)") }
            if let born = prisoner.born { line("\(id) born: \(born)") }
            if let province = prisoner.province { line("\(id) province: \(province)") }
            for affiliation in prisoner.affiliations.sorted() { line("\(id) affiliation: \(affiliation)") }
            if let detention = prisoner.detention {
                var text = "\(id) detention:"
                if let arrested = detention.arrested { text += " arrested \(arrested)" }
                if let facility = detention.facility { text += " at \(facility)" }
                if let sentence = detention.sentence { text += " sentence \(sentence)" }
                line(text)
                for charge in detention.charges.sorted() { line("\(id) charge: \(charge)") }
            }
            for status in prisoner.statuses.sorted(by: { ($0.date, $0.sourceID, $0.value.rawValue) < ($1.date, $1.sourceID, $1.value.rawValue) }) {
                line("\(id) status \(status.date) \(status.value.rawValue) per \(status.sourceID)" + marked(status.marking, declared: status.declaredMarking)
                     + (status.note.map { ": \($0)" } ?? ""))
            }
            for condition in prisoner.conditions.sorted(by: { ($0.kind.rawValue, $0.since?.iso ?? "", $0.sourceID) < ($1.kind.rawValue, $1.since?.iso ?? "", $1.sourceID) }) {
                line("\(id) condition \(condition.kind.rawValue)" + (condition.since.map { " since \($0)" } ?? "") + (condition.until.map { " until \($0)" } ?? "")
                     + " per \(condition.sourceID)" + marked(condition.marking, declared: condition.declaredMarking) + ": \(condition.text)")
            }
            for warning in prisoner.warnings.sorted(by: { ($0.date?.iso ?? "", $0.kind.rawValue, $0.sourceID) < ($1.date?.iso ?? "", $1.kind.rawValue, $1.sourceID) }) {
                line("\(id) warning \(warning.kind.rawValue)" + (warning.date.map { " on \($0)" } ?? "") + (warning.issuer.map { " by \($0)" } ?? "")
                     + " per \(warning.sourceID)" + marked(warning.marking, declared: warning.declaredMarking) + ": \(warning.text)")
            }
            for note in prisoner.notes.sorted(by: { $0.text < $1.text }) {
                line("\(id) note" + marked(note.marking, declared: note.declaredMarking) + ": \(note.text)")
            }
        }
        return Escaping.commandSafeLines(lines.joined(separator: "\n") + "\n")
    }
}
