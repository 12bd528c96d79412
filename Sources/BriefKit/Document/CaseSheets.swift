// Document: case sheets, one page per person — the sheet an advocate hands a Member.

extension BriefComposer {
    /// The case sheets of the edition: a page per person the edition shows, each with the notes it cites, under
    /// the memo's banner, title and house style.
    func caseSheets() -> BriefDocument {
        var sections: [Section] = []
        for (index, person) in reconciliation.people.enumerated() {
            var sheet = caseSheet(person, startsOnNewPage: index > 0)
            // Each sheet is read alone: it prints the sources it cites, and where its facts come from.
            let cited = Set(sheet.blocks.flatMap(\.citations))
            let printed = notes.filter { cited.contains($0.number) }
            sheet.blocks.append(.paragraph(Paragraph(marking: .public, content: [
                .text("From list "), .code(list.id), .text(", revision \(list.revision), facts as of "), .date(list.asOf), .text("."),
            ])))
            if !printed.isEmpty {
                sheet.blocks.append(.heading(Heading(text: "Sources", marking: nil)))
                sheet.blocks.append(.notes(printed))
            }
            sections.append(sheet)
        }
        if sections.isEmpty {
            sections.append(Section(kind: .caseSheet, heading: "Case sheets", blocks: [
                .paragraph(Paragraph(marking: recordsMarking, content: [.text("This edition holds no person.")])),
            ]))
        }
        let subject = context.memo?.subject ?? (edition.headerVisible ? list.title : "Prisoner list \(list.id)")
        let title = "Case sheets: " + subject
        let metadata = BriefDocument.Metadata(
            title: title, subject: "Case sheets of list \(list.id) revision \(list.revision) as of \(list.asOf.prose)",
            keywords: ["oversight", "political prisoners", "case sheets", list.id, edition.audience.name],
            date: context.date, language: "en", generator: "brief \(BriefVersion.current)")
        let banner = (sections.map(\.marking) + [.public]).highest
        return BriefDocument(title: title, audience: edition.audience, banner: banner, showsPortionMarks: edition.audience != .public,
                             metadata: metadata, style: context.style, sections: sections)
    }

    /// One person's sheet.
    func caseSheet(_ person: Reconciliation.Person, startsOnNewPage: Bool) -> Section {
        PersonStory(person: person, edition: edition, noteNumber: noteNumber).section(startsOnNewPage: startsOnNewPage)
    }
}
