/// The briefing as JSON: encodes `BriefExport` with sorted keys (docs/briefing-json.md).
public struct JSONWriter: Sendable {
    public init() {}

    public func render(_ export: BriefExport) -> String {
        JSONOutput.encode(export)
    }
}
