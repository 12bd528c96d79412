/// `unused-source`: a source nothing cites is either a forgotten citation or noise in the sources section.
struct UnusedSourceRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.unusedSource)

    func findings(in list: PrisonerList) -> [Finding] {
        var cited = Set(list.counts.map(\.sourceID))
        for prisoner in list.prisoners {
            cited.formUnion(prisoner.statuses.map(\.sourceID))
            cited.formUnion(prisoner.conditions.map(\.sourceID))
            cited.formUnion(prisoner.warnings.map(\.sourceID))
        }
        return list.sources.filter { !cited.contains($0.id) }.map { source in
            finding("source '\(source.id)' is not cited by any count, status, condition or warning",
                    at: source.anchor.at("id"), help: "cite it, or remove it from <sources>")
        }
    }
}
