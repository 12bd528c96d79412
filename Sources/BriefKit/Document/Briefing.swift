/// A briefing composed from validated inputs: the one way `build`, the fuzzer and the tests make one. Pure: it reads
/// no file (the inputs hold everything, their hashes included) and writes nothing; `BriefBuilder` writes.
public struct Briefing: Sendable {
    public var document: BriefDocument
    /// The reconciled edition the document was composed from.
    public var reconciliation: Reconciliation
    public var context: BriefContext
    /// Diagnostics of the edition's own content, never of what it withholds.
    public var diagnostics: [Diagnostic]

    /// What the edition leaves out of what it could show: count claims withheld although the source they cite is
    /// shown (usually a public source's count under the list's default marking). `brief build` tells the operator;
    /// the document does not (the number is derived from withheld claims).
    public var withheldCountsCitingShownSources: [CountClaim] { reconciliation.edition.withheldCountsCitingShownSources }

    /// The reconciled data, as the JSON format writes it.
    public var export: BriefExport {
        BriefExport(reconciliation: reconciliation, context: context, banner: document.banner, diagnostics: diagnostics)
    }

    /// The case sheets: one page per person the edition shows, bannered and portion-marked like the memo.
    public func caseSheets() -> BriefDocument {
        BriefComposer(reconciliation: reconciliation, context: context).caseSheets()
    }

    /// Why no briefing can be made of the inputs.
    public enum Refusal: Error, Sendable {
        /// The inputs have errors (their report says which).
        case invalidInputs
        /// The inputs are valid but hold no prisoner list (a file of another kind).
        case notAList(path: String)
        /// A bare list names no audience: one must be given.
        case audienceRequired
        /// A file could not be read again to hash it.
        case unreadable(InputError)
    }

    /// Cuts the list to `audience` (nil: the manifest's), reconciles it, and composes the document. `date` is the
    /// build date; nil means the memo's date, or the list's `asOf`.
    ///
    /// The steps run at once where they can: each `Pending` starts on another core, and reading it waits.
    public static func make(inputs: BriefInputs, audience: Marking?, date: Day?) throws(Refusal) -> Briefing {
        guard !inputs.hasErrors else { throw .invalidInputs }
        guard let checked = inputs.list, let list = checked.list else {
            throw .notAList(path: inputs.list?.read.path ?? inputs.argument)
        }
        let manifest = inputs.briefManifest
        guard let audience = audience ?? manifest?.audience else { throw .audienceRequired }

        let edition = Pending { Edition(list: list, audience: audience) }
        let previousEdition = Pending { inputs.previousList.map { Edition(list: $0, audience: audience) } }
        let changes = Pending { previousEdition.value.map { ListDiff(old: $0, new: edition.value).briefingParts() } }
        let reconciliation = Pending { Reconciliation(edition: edition.value) }
        let diagnostics = Pending { editionDiagnostics(of: edition.value, checked: checked, validator: inputs.validator) }

        var files: [BriefContext.InputFile] = []
        for (role, file) in inputs.files {
            let sha256: String?
            do { sha256 = try inputs.sha256(of: role) } catch { throw .unreadable(error) }
            // A list's hash is shown only in an edition that withholds nothing of it, and is then as restricted as
            // the file's most restricted portion (all of them are in the edition). The manifest has no markings.
            let cut: Edition? = switch role {
            case .manifest: nil
            case .list: edition.value
            case .previous: previousEdition.value
            }
            let shown = cut.map(\.withholdsNothing) ?? (role == .manifest)
            files.append(BriefContext.InputFile(name: file.read.path.lastPathComponent, sha256: shown ? sha256 : nil, role: role.rawValue,
                                                marking: cut?.highestMarking ?? .public))
        }
        let context = BriefContext(briefID: manifest?.id ?? list.id, memo: manifest?.memo, sections: manifest?.sections, inputs: files,
                                   date: date ?? manifest?.memo.date ?? list.asOf, changes: changes.value?.summary,
                                   changeLog: changes.value?.appendix,
                                   previousAsOf: inputs.previousList?.asOf, style: HouseStyle(manifest?.style, image: inputs.letterheadImage))
        let document = BriefComposer(reconciliation: reconciliation.value, context: context).compose()
        // The authored sections are composed: the briefing keeps the rest of the context (case sheets need it).
        var kept = context
        kept.sections = nil
        return Briefing(document: document, reconciliation: reconciliation.value, context: kept, diagnostics: diagnostics.value)
    }

    /// An edition that withholds nothing has the list's own findings, already made during validation; any other
    /// is checked again, so that no diagnostic speaks of a withheld portion.
    static func editionDiagnostics(of edition: Edition, checked: CheckedFile, validator: Validator) -> [Diagnostic] {
        if edition.withholdsNothing {
            let ids = Set(ListChecker.editionRules.map(\.descriptor.id))
            return checked.diagnostics.filter { ids.contains($0.rule) }
        }
        return validator.resolve(ListChecker.editionFindings(in: edition), in: checked.read, source: checked.sourceText)
    }
}

extension Briefing.Refusal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidInputs: "the inputs have errors"
        case .notAList(let path): "\(path): is not a prisoner list or a brief"
        case .audienceRequired: "building from a bare list needs --audience public|committee|restricted"
        case .unreadable(let error): error.description
        }
    }
}

/// The changes between two revisions of a list, composed: the one way `brief diff` and the fuzzer make one.
public struct DiffBriefing: Sendable {
    public var diff: ListDiff
    public var document: BriefDocument

    /// The changes as the JSON format writes them.
    public var export: DiffExport { DiffExport(diff: diff) }

    public enum Refusal: Error, Sendable {
        /// A side has errors (its report says which).
        case invalidInputs
        /// A side is valid but is no prisoner list.
        case notAList(path: String)
    }

    /// Diffs the lists of two inputs cut to `audience` (nil: the new side's manifest audience, the old side's, or
    /// public). `date` is the document's date; nil means the new list's `asOf`.
    public static func make(old: BriefInputs, new: BriefInputs, audience: Marking?, date: Day?) throws(Refusal) -> DiffBriefing {
        guard !old.hasErrors, !new.hasErrors else { throw .invalidInputs }
        guard let oldList = old.prisonerList else { throw .notAList(path: old.list?.read.path ?? old.argument) }
        guard let newList = new.prisonerList else { throw .notAList(path: new.list?.read.path ?? new.argument) }
        let audience = audience ?? new.briefManifest?.audience ?? old.briefManifest?.audience ?? .public
        let diff = ListDiff(oldList: oldList, newList: newList, audience: audience)
        let document = DiffComposer(diff: diff).document(title: "Changes to \(newList.id): revision \(oldList.revision) to \(newList.revision)",
                                                         date: date ?? newList.asOf)
        return DiffBriefing(diff: diff, document: document)
    }
}

extension DiffBriefing.Refusal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidInputs: "the inputs have errors"
        case .notAList(let path): "\(path): is not a prisoner list (both sides must be prisoner lists)"
        }
    }
}

extension String {
    /// The last component of a path (`REV:briefs/x/list.xml` → `list.xml`).
    var lastPathComponent: String {
        String(split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(self))
    }
}
