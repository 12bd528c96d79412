// Diagnostics: findings resolved to file, line and column, the rule catalogue, and the five renderings of a
// validation report (human, JSON, GitHub, SARIF, JUnit). Nothing here reads inputs or knows the briefing.

/// The version of `brief`, shown by `--version` and written into every output's provenance.
public enum BriefVersion {
    public static let current = "0.1.0"
    public static let informationURI = "https://github.com/oversight/brief"
}
