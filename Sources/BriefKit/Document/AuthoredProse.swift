// Document: the staff's own sections, with their live values read from the edition.

extension BriefComposer {
    /// An authored section as this edition shows it: nil when its title is above the audience, or when nothing of
    /// it is left. A paragraph is as restricted as the higher of its declared marking and every value it shows; a
    /// paragraph above the audience, or showing a value the edition does not hold, is left out whole.
    func authored(_ section: AuthoredSection, number: Int) -> Section? {
        let audience = edition.audience
        guard section.title.marking <= audience else { return nil }
        var blocks: [Block] = []
        for block in section.blocks {
            switch block {
            case .heading(let heading):
                if heading.marking <= audience { blocks.append(.heading(Heading(text: heading.text, marking: heading.marking))) }
            case .paragraph(let paragraph):
                if let shown = resolve(paragraph) { blocks.append(.paragraph(shown)) }
            case .list(let ordered, let items):
                let shown = items.compactMap(resolve)
                if !shown.isEmpty { blocks.append(.bullets(BulletList(items: shown, ordered: ordered))) }
            }
        }
        // A heading with nothing after it says nothing: it goes too.
        while case .heading? = blocks.last { blocks.removeLast() }
        guard blocks.contains(where: { if case .heading = $0 { false } else { true } }) else { return nil }
        return Section(kind: .authored, heading: section.title.text, headingMarking: section.title.marking,
                       anchor: "staff-\(number)", blocks: blocks)
    }

    /// A paragraph with its live values filled in from the edition, or nil when the edition cannot show it.
    func resolve(_ paragraph: AuthoredParagraph) -> Paragraph? {
        var marking = paragraph.marking
        var content: [Inline] = []
        for inline in paragraph.content {
            guard let (shown, valueMarking) = resolve(inline) else { return nil }
            marking = max(marking, valueMarking)
            content += shown
        }
        guard marking <= edition.audience else { return nil }
        return Paragraph(marking: marking, content: content)
    }

    /// An inline as the edition shows it and the marking of what it shows; nil when the edition does not hold it.
    func resolve(_ inline: AuthoredInline) -> ([Inline], Marking)? {
        switch inline {
        case .text(let text): return ([.text(text)], .public)
        case .emphasis(let text): return ([.emphasis(text)], .public)
        case .strong(let text): return ([.strong(text)], .public)
        case .link(let text, let href): return ([.link(text: text, href: href)], .public)
        case .citation(let source, _):
            // Note n is the edition's n-th source.
            guard let number = noteNumber(source), list.sources.indices.contains(number - 1) else { return nil }
            return ([.citation(number)], list.sources[number - 1].marking)
        case .figure(let name, _):
            if name == "disputed" {
                // Derived from every person's status claims, as the summary's line about disputes is.
                return ([.text("\(reconciliation.people.count(where: \.inConflict))")], statusesMarking)
            }
            guard let kind = Reconciliation.FigureKind(rawValue: name), let figure = reconciliation.figure(kind) else { return nil }
            return ([.text("\(figure.value)")], figure.marking)
        case .count(let source, let subject, _):
            guard let latest = latestCounts[source + "|" + subject.rawValue] else { return nil }
            return ([.text("\(latest.value)")], latest.marking)
        case .person(let id, _):
            guard let person = person(id) else { return nil }
            return ([.text(name(person))], marking(person, includeName: true))
        case .date(let date, _):
            switch date {
            case .asOf: return ([.date(list.asOf)], .public)
            case .memo: return ([.date(context.memo?.date ?? context.date)], .public)
            case .previous:
                guard let previous = context.previousAsOf else { return nil }
                return ([.date(previous)], .public)
            case .announced:
                guard let agreement = list.agreement else { return nil }
                return ([.date(agreement.announced)], agreement.marking)
            case .fixed(let day): return ([.date(day)], .public)
            }
        }
    }
}
