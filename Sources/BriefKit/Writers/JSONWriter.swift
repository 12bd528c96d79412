/// The briefing as JSON (docs/briefing-json.md): `BriefExport` written member by member, keys sorted.
public struct JSONWriter: Sendable {
    public init() {}

    public func render(_ export: BriefExport) -> String {
        String(decoding: bytes(export), as: UTF8.self)
    }

    /// The UTF-8 of `render`, without making a String of a file that may be a hundred megabytes.
    public func bytes(_ export: BriefExport) -> [UInt8] {
        var json = JSONStream(capacity: 4096 + 1024 * export.people.count)
        export.write(to: &json)
        return json.finished()
    }

    /// The same bytes as `bytes`, handed to `sink` a megabyte or so at a time.
    public func write(_ export: BriefExport, to sink: @escaping ([UInt8]) -> Void) {
        var json = JSONStream(sink: sink)
        export.write(to: &json)
        json.finish()
    }
}

// Each `write` gives its keys in sorted order; a nil member is left out.

extension BriefExport {
    func write(to json: inout JSONStream) {
        json.object { json in
            if let agreement { json.field("agreement", agreement.write) }
            json.field("audience", audience)
            json.field("banner", banner)
            json.field("brief", brief)
            json.field("counts") { json in json.array(counts) { count, json in count.write(to: &json) } }
            json.field("date", date)
            json.field("diagnostics") { json in json.array(diagnostics) { diagnostic, json in diagnostic.write(to: &json) } }
            json.field("figures") { json in json.array(figures) { figure, json in figure.write(to: &json) } }
            json.field("format", format)
            json.field("generator", generator)
            json.field("inputs") { json in
                json.array(inputs) { input, json in
                    json.object { json in
                        json.field("marking", input.marking)
                        json.field("name", input.name)
                        json.field("role", input.role)
                        json.field("sha256", input.sha256)
                    }
                }
            }
            json.field("list", list.write)
            json.field("people") { json in json.array(people) { person, json in person.write(to: &json) } }
            json.field("sources") { json in json.array(sources) { source, json in source.write(to: &json) } }
            json.field("version", version)
            json.field("withheld", withheld.write)
        }
    }
}

extension BriefExport.ListInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("asOf", asOf)
            json.field("id", id)
            json.field("revision", revision)
            json.field("submitter", submitter)
            json.field("title", title)
        }
    }
}

extension BriefExport.AgreementInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("announced", announced)
            json.field("committed", committed)
            json.field("marking", marking)
            json.field("parties", parties)
            json.field("summary", summary)
        }
    }
}

extension BriefExport.SourceInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("description", description)
            json.field("href", href)
            json.field("id", id)
            json.field("kind", kind)
            json.field("marking", marking)
            json.field("note", note)
            json.field("published", published)
        }
    }
}

extension BriefExport.CountInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("date", date)
            json.field("marking", marking)
            json.field("of", of)
            json.field("source", source)
            json.field("value", value)
        }
    }
}

extension BriefExport.FigureInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("claims") { json in json.array(claims) { claim, json in claim.write(to: &json) } }
            json.field("kind", kind)
            json.field("label", label)
            json.field("max", max)
            json.field("min", min)
            json.field("records", records)
            json.field("value", value)
        }
    }
}

extension BriefExport.ClaimInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("date", date)
            json.field("marking", marking)
            json.field("note", note)
            json.field("source", source)
            json.field("value", value)
        }
    }
}

extension BriefExport.ConditionInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("active", active)
            json.field("kind", kind)
            json.field("marking", marking)
            json.field("since", since)
            json.field("source", source)
            json.field("text", text)
            json.field("until", until)
        }
    }
}

extension BriefExport.WarningInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("date", date)
            json.field("issuer", issuer)
            json.field("kind", kind)
            json.field("marking", marking)
            json.field("source", source)
            json.field("text", text)
        }
    }
}

extension BriefExport.PersonInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("affiliations", affiliations)
            json.field("aliases", aliases)
            json.field("arrested", arrested)
            json.field("born", born)
            json.field("charges", charges)
            json.field("claims") { json in json.array(claims) { claim, json in claim.write(to: &json) } }
            json.field("conditions") { json in json.array(conditions) { condition, json in condition.write(to: &json) } }
            json.field("detailsWithheld", detailsWithheld)
            json.field("disputed", disputed)
            json.field("facility", facility)
            json.field("gender", gender)
            json.field("id", id)
            json.field("list", list)
            json.field("marking", marking)
            json.field("name", name)
            json.field("nameWithheld", nameWithheld)
            json.field("notes", notes)
            json.field("province", province)
            json.field("released", released)
            json.field("sentence", sentence)
            json.field("status", status)
            json.field("statusDate", statusDate)
            json.field("statusSource", statusSource)
            json.field("warnings") { json in json.array(warnings) { warning, json in warning.write(to: &json) } }
        }
    }
}

extension BriefExport.WithheldInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("agreement", agreement)
            json.field("counts", counts)
            json.field("names", names)
            json.field("records", records)
            json.field("sources", sources)
        }
    }
}

extension BriefExport.DiagnosticInfo {
    func write(to json: inout JSONStream) {
        json.object { json in
            json.field("column", column)
            json.field("line", line)
            json.field("message", message)
            json.field("record", record)
            json.field("rule", rule)
            json.field("severity", severity)
        }
    }
}
