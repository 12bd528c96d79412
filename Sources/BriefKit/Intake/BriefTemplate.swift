/// `brief init`: the files of a new brief folder — a manifest and a starter list that validate, commented to show
/// each element of the format once (docs/format.md).
public enum BriefTemplate {
    /// A brief id from a folder's name: the identifier characters kept, others as `-`; `brief` if nothing is left.
    public static func identifier(from name: String) -> String {
        var id = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
                ? Character(scalar) : "-"
        })
        while let first = id.unicodeScalars.first, !(first.properties.isAlphabetic || ("0"..."9").contains(first)) { id.removeFirst() }
        return id.isEmpty ? "brief" : String(id.prefix(64))
    }

    /// The manifest and the list, named as a brief folder names them.
    public static func files(id: String, today: Day) -> [(name: String, text: String)] {
        [("brief.xml", manifest(id: id, today: today)), ("list.xml", list(id: id, today: today))]
    }

    public static func manifest(id: String, today: Day) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- A brief: how a briefing is made from the list beside it (docs/format.md, "The brief manifest").
             Build it with: brief build \(id) -->
        <brief xmlns="urn:oversight:brief:1" id="\(id)">
          <memo>
            <!-- One <to> a recipient. -->
            <to>Members, Committee on Foreign Affairs</to>
            <from>Committee staff</from>
            <date>\(today.iso)</date>
            <subject>Replace with the memo's subject</subject>
          </memo>
          <!-- The edition built by default: public, committee or restricted. -->
          <audience>committee</audience>
          <!-- The list, relative to this folder. Add <previous href="history/list-r1.xml"/> to show what changed. -->
          <list href="list.xml"/>
        </brief>

        """
    }

    public static func list(id: String, today: Day) -> String {
        let announced = Day(ordinal: today.ordinal - 30), released = Day(ordinal: today.ordinal - 10)
        let arrested = Day(ordinal: today.ordinal - 1000), warned = Day(ordinal: today.ordinal - 5)
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- A starter prisoner list (docs/format.md): each element of the format once. Replace the examples, keep
             the order of the elements. Check it with: brief validate list.xml
             marking: the default handling marking of the list's parts (public, committee or restricted). -->
        <prisonerList xmlns="urn:oversight:prisoner-list:1" id="\(id)" revision="1" asOf="\(today.iso)" marking="committee">
          <!-- What the list is, and who submits it (contact is optional). -->
          <title>Replace with the list's title</title>
          <submitter contact="staff@example.org">Replace with the submitting office</submitter>
          <!-- The agreement the list follows up: two or more parties, an optional summary. committed: how many
               releases were promised; coverage="partial" if the list holds only the cases its submitter follows. -->
          <agreement announced="\(announced.iso)" committed="1" marking="public">
            <party>Government of the United States</party>
            <party>Government of the other party</party>
            <summary>Replace with one sentence on what was agreed.</summary>
          </agreement>
          <!-- Every claim cites one source by id. kind: government, ngo, press, family or other. -->
          <sources>
            <source id="officials" kind="government" published="\(released.iso)" href="https://www.example.org/statement" marking="public">Replace with who the source is</source>
          </sources>
          <!-- A source's own totals, beside the records: of released, detained, rearrested or warned. -->
          <counts>
            <count source="officials" date="\(released.iso)" of="released">1</count>
          </counts>
          <!-- One prisoner a person. list: agreed, requested or other. The id stays the same in every revision. -->
          <prisoner id="P-001" list="agreed">
            <name>Example Person</name>
            <alias marking="restricted">Another name the person is known by</alias>
            <gender>unknown</gender>
            <born>1970</born>
            <province>Replace with the province</province>
            <affiliation>Replace with an organisation the person belongs to</affiliation>
            <detention arrested="\(arrested.iso)" facility="Replace with the prison" sentence="P4Y6M">
              <charge>Replace with a charge</charge>
            </detention>
            <!-- value: detained, released, unconfirmed, rearrested, exiled, deceased or unknown. -->
            <status value="released" date="\(released.iso)" source="officials">Optional note on the claim.</status>
            <!-- kind: parole, reporting, travel-ban, activity-ban, house-arrest, exile, surveillance,
                 citizenship-revoked, property-confiscated or other. -->
            <condition kind="reporting" since="\(released.iso)" source="officials">Replace with the condition</condition>
            <!-- kind: rearrest, harassment or other. -->
            <warning kind="harassment" date="\(warned.iso)" issuer="Replace with who warned" source="officials">Replace with the warning</warning>
            <note marking="restricted">A note for staff.</note>
          </prisoner>
        </prisonerList>

        """
    }
}
