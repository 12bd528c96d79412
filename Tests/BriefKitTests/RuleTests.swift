import BriefKit
import Testing

/// One test per rule of the format (docs/format.md): a list that triggers it (at the right place) and one that does not.
@Suite struct RuleTests {
    @Test func theBaseListIsClean() {
        let result = check(listXML())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.list != nil)
    }

    @Test func releaseBeforeArrestIsDateOrder() throws {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <detention arrested="2012-03-01"/>
            <status value="released" date="2011-03-01" source="usg"/>
          </prisoner>
        """))
        let diagnostic = try #require(result.diagnostics.first { $0.rule == .dateOrder })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("P1"))
        #expect(diagnostic.line == 11)
        #expect(diagnostic.column == 30) // the `date` attribute
    }

    @Test func conditionBeforeArrestAndUntilBeforeSinceAreDateOrder() {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <detention arrested="2012-03-01"/>
            <status value="released" date="2015-01-10" source="usg"/>
            <condition kind="parole" since="2011-01-01" source="usg">Parole</condition>
            <condition kind="reporting" since="2015-01-10" until="2015-01-01" source="usg">Report weekly</condition>
          </prisoner>
        """))
        #expect(result.rules().filter { $0 == .dateOrder }.count == 2)
    }

    @Test func detainedBeforeArrestIsNotDateOrder() {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <detention arrested="2012-03-01"/>
            <status value="detained" date="2011-03-01" source="usg"/>
            <status value="released" date="2015-01-10" source="usg"/>
          </prisoner>
        """))
        #expect(!result.rules().contains(.dateOrder))
    }

    @Test func dateAfterAsOfIsFutureDate() throws {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="released" date="2015-02-01" source="usg"/>
            <condition kind="parole" since="2015-01-10" until="2016-01-01" source="usg">Until next year</condition>
          </prisoner>
        """))
        let found = result.diagnostics.filter { $0.rule == .futureDate }
        #expect(found.count == 1, "a condition's until may be in the future")
        #expect(found.first?.severity == .error)
        #expect(found.first?.message.contains("2015-02-01") == true)
    }

    @Test func aBirthYearAfterAsOfPointsAtBorn() throws {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <born>2016</born>
            <status value="released" date="2015-01-10" source="usg"/>
          </prisoner>
        """))
        let found = try #require(result.diagnostics.first { $0.rule == .futureDate })
        #expect(found.message == "prisoner 'P1' is born in 2016, after the list's asOf 2015-01-13")
        let line = try #require(found.sourceLine)
        let tag = try #require(line.firstIndex(of: "<"))
        #expect(line[tag...] == "<born>2016</born>")
        #expect(found.column == line.distance(from: line.startIndex, to: tag) + 1)
    }

    @Test func rearrestWithoutReleaseIsWarned() throws {
        let triggered = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="rearrested" date="2015-01-10" source="usg"/>
          </prisoner>
        """))
        let diagnostic = try #require(triggered.diagnostics.first { $0.rule == .rearrestWithoutRelease })
        #expect(diagnostic.severity == .warning)
        let clean = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="released" date="2015-01-02" source="usg"/>
            <status value="rearrested" date="2015-01-10" source="usg"/>
          </prisoner>
        """))
        #expect(!clean.rules().contains(.rearrestWithoutRelease))
    }

    @Test func committedCountMismatchIsWarned() throws {
        let triggered = check(listXML(agreement: #"<agreement announced="2014-12-17" committed="53"><party>US</party><party>Cuba</party></agreement>"#))
        let diagnostic = try #require(triggered.diagnostics.first { $0.rule == .committedCount })
        #expect(diagnostic.message.contains("53"))
        #expect(diagnostic.severity == .warning)
        #expect(!check(listXML()).rules().contains(.committedCount))
    }

    @Test func sameNameIgnoringCaseAccentsAndSpacingIsDuplicatePerson() throws {
        let triggered = check(listXML(agreement: "", prisoners: """
          <prisoner id="P1" list="agreed"><name>Ana Pérez</name><born>1970</born><status value="released" date="2015-01-10" source="usg"/></prisoner>
          <prisoner id="P2" list="other"><name>  ANA   perez </name><born>1970</born><status value="released" date="2015-01-10" source="ngo"/></prisoner>
        """))
        let diagnostic = try #require(triggered.diagnostics.first { $0.rule == .duplicatePerson })
        #expect(diagnostic.message.contains("P2") && diagnostic.message.contains("P1"))
        let differentYear = check(listXML(agreement: "", prisoners: """
          <prisoner id="P1" list="agreed"><name>Ana Pérez</name><born>1970</born><status value="released" date="2015-01-10" source="usg"/></prisoner>
          <prisoner id="P2" list="other"><name>Ana Perez</name><born>1971</born><status value="released" date="2015-01-10" source="ngo"/></prisoner>
        """))
        #expect(!differentYear.rules().contains(.duplicatePerson))
        let bothWithoutYear = check(listXML(agreement: "", prisoners: """
          <prisoner id="P1" list="agreed"><name>Ana Pérez</name><status value="released" date="2015-01-10" source="usg"/></prisoner>
          <prisoner id="P2" list="other"><name>Ana Perez</name><status value="released" date="2015-01-10" source="ngo"/></prisoner>
        """))
        #expect(bothWithoutYear.rules().contains(.duplicatePerson))
    }

    @Test func lowerMarkingInsideARecordIsMarkingDowngrade() throws {
        let triggered = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed" marking="restricted">
            <name marking="public">Ana Pérez</name>
            <status value="released" date="2015-01-10" source="usg"/>
          </prisoner>
        """))
        let diagnostic = try #require(triggered.diagnostics.first { $0.rule == .markingDowngrade })
        #expect(diagnostic.line == 9)
        #expect(diagnostic.column == 11) // the `marking` attribute of <name>
        let topLevelBelowRoot = check(listXML(rootMarking: "restricted", sources: #"<source id="usg" kind="government" marking="public">US</source><source id="ngo" kind="ngo">NGO</source>"#))
        #expect(!topLevelBelowRoot.rules().contains(.markingDowngrade), "the root gives a default, not a floor")
    }

    @Test func uncitedSourceIsUnused() throws {
        let triggered = check(listXML(sources: #"<source id="usg" kind="government">US</source><source id="ngo" kind="ngo">NGO</source><source id="idle" kind="press">Unused</source>"#))
        let diagnostic = try #require(triggered.diagnostics.first { $0.rule == .unusedSource })
        #expect(diagnostic.message.contains("idle"))
        #expect(!check(listXML()).rules().contains(.unusedSource))
    }

    @Test func conditionOnSomeoneDetainedIsWarned() throws {
        let triggered = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="released" date="2015-01-02" source="usg"/>
            <status value="detained" date="2015-01-10" source="usg"/>
            <warning kind="rearrest" source="ngo">Warned</warning>
          </prisoner>
        """))
        #expect(triggered.rules().contains(.conditionWhileDetained))
        let released = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="released" date="2015-01-10" source="usg"/>
            <warning kind="rearrest" source="ngo">Warned</warning>
          </prisoner>
        """))
        #expect(!released.rules().contains(.conditionWhileDetained))
    }

    @Test func disagreeingSourcesWithinAWeekAreANote() throws {
        let triggered = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="released" date="2015-01-10" source="usg"/>
            <status value="detained" date="2015-01-12" source="ngo"/>
          </prisoner>
        """))
        let diagnostic = try #require(triggered.diagnostics.first { $0.rule == .sourceConflict })
        #expect(diagnostic.severity == .note)
        let farApart = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="detained" date="2014-12-01" source="ngo"/>
            <status value="released" date="2015-01-10" source="usg"/>
          </prisoner>
        """))
        #expect(!farApart.rules().contains(.sourceConflict))
        let unknownIgnored = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="released" date="2015-01-10" source="usg"/>
            <status value="unknown" date="2015-01-11" source="ngo"/>
          </prisoner>
        """))
        #expect(!unknownIgnored.rules().contains(.sourceConflict))
    }

    @Test func ruleSeveritiesCanBeChanged() throws {
        var settings = RuleSettings()
        try settings.apply("source-conflict=off")
        try settings.apply("unused-source=error")
        let result = check(listXML(sources: #"<source id="usg" kind="government">US</source><source id="ngo" kind="ngo">NGO</source><source id="idle" kind="press">Unused</source>"#,
                                   prisoners: """
          <prisoner id="P1" list="agreed"><name>A</name>
            <status value="released" date="2015-01-10" source="usg"/><status value="detained" date="2015-01-12" source="ngo"/></prisoner>
        """), rules: settings)
        #expect(!result.rules().contains(.sourceConflict))
        #expect(result.rules(.error) == [.unusedSource])
        #expect(throws: RuleSettings.SettingError.notConfigurable(.schema)) { try settings.apply("schema=off") }
        #expect(throws: RuleSettings.SettingError.unknownRule("nope")) { try settings.apply("nope=off") }
    }

    @Test func ruleIDsPrintAsDocumentedAndEachHasOneDescriptor() {
        // The ids are output (brackets, JSON, SARIF, --rule): they must not change with the type that holds them.
        #expect(RuleCatalog.all.map(\.id.rawValue) == [
            "xml", "doctype", "schema", "date-order", "future-date", "rearrest-without-release", "committed-count", "duplicate-person",
            "marking-downgrade", "unused-source", "condition-while-detained", "source-conflict", "manifest-path",
            "authored-reference", "symlink", "unreadable", "suppression", "spreadsheet",
        ])
        #expect(RuleCatalog.all.map(\.id) == RuleID.allCases)
        #expect(ListChecker.rules.map(\.descriptor) == RuleCatalog.semantic.filter { $0.id != .manifestPath && $0.id != .authoredReference })
        #expect("\(RuleID.dateOrder)" == "date-order")
        let unknown = RuleSettings.SettingError.unknownRule("nope").description
        #expect(unknown == "unknown rule 'nope' (known: " + RuleCatalog.all.map(\.id.rawValue).joined(separator: ", ") + ")")
    }
}
