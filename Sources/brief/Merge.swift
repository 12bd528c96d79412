import ArgumentParser
import BriefKit
import BriefXML
import Foundation

struct Merge: BriefCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Make one list from several submitters' lists of the same agreement, and report who was matched (docs/merge.md).",
        discussion: """
        Sources are kept apart (an id two lists use is prefixed by its list's id). People are matched by id, then \
        by folded name (as duplicate-person folds it) and birth year, or a name that is the other's alias; every \
        claim, condition and warning is kept with its source; people who match nothing are kept as they are. The \
        report says who was matched, on what evidence, and the near misses left apart (same name, another birth \
        year) so that a person decides: --match forces a pairing, --no-match prevents one (ID or LIST:ID). The \
        merged list is validated; with an error nothing is written (exit 1). The result does not depend on the \
        order of the lists.

        Example:
          brief merge government.xml ngo.xml --out merged.xml
          brief merge government.xml ngo.xml --out merged.xml --match gov:NI-014=ngo:A-7 --json
        """)

    @Argument(help: ArgumentHelp("Two or more lists (or brief folders) of the same agreement.", valueName: "LIST"))
    var lists: [String]

    @Option(name: .long, help: ArgumentHelp("The merged list to write (XML).", valueName: "FILE"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Pair two records the report left apart (repeatable).", valueName: "ID=ID"))
    var match: [String] = []

    @Option(name: .customLong("no-match"), help: ArgumentHelp("Keep two records apart that would be matched (repeatable).", valueName: "ID=ID"))
    var noMatch: [String] = []

    @Option(name: .long, help: "The merged list's id (default: the lists' ids joined).")
    var id: String?

    @Option(name: .long, help: "The merged list's title.")
    var title: String?

    @Flag(name: .long, help: "Print the match report as JSON.")
    var json = false

    @OptionGroup var reading: ReadingOptions

    func validate() throws {
        guard lists.count >= 2 else { throw ValidationError("merge needs at least two lists") }
        for pairing in match + noMatch where ListMerge.Pairing(pairing) == nil {
            throw ValidationError("'\(pairing)' is not ID=ID (either side may be LIST:ID)")
        }
    }

    func execute() throws -> Outcome {
        let validator = try reading.validator(jobs: 1)
        var inputs: [ListMerge.Input] = []
        var kept: [BriefInputs] = []
        for path in lists {
            let resolved = try BriefInputs.resolve(path, validator: validator)
            guard !resolved.hasErrors, let list = resolved.prisonerList else {
                emit(HumanDiagnosticRenderer(color: useColor()).render(resolved.report))
                return .foundProblems
            }
            if resolved.files.map({ sameFileKey($0.file.read.path) }).contains(sameFileKey(out)) {
                return .failed("brief: error: \(out) is an input; merge writes a new file")
            }
            inputs.append(ListMerge.Input(list: list, file: path))
            kept.append(resolved)
        }
        let options = ListMerge.Options(id: id, title: title, match: match.compactMap(ListMerge.Pairing.init),
                                        noMatch: noMatch.compactMap(ListMerge.Pairing.init))
        let merged: (list: PrisonerList, report: MergeReport)
        do throws(ListMerge.Failure) { merged = try ListMerge.merge(inputs, options: options) } catch {
            return .failed("brief: error: \(error.reason)")
        }
        let xml = ListXMLWriter.render(merged.list).bytes
        let checked = validator.check(bytes: xml, path: out)
        if json {
            emit(try JSONOutput.encode(merged.report))
        } else {
            emit(merged.report.human.split(separator: "\n", omittingEmptySubsequences: false).map { Escaping.terminal(String($0)) }.joined(separator: "\n"))
        }
        let report = ValidationReport(files: [FileReport(path: out, diagnostics: checked.diagnostics)])
        if report.hasErrors {
            emitError("brief merge: the merged list does not validate; nothing is written\n")
            emitError(HumanDiagnosticRenderer(color: useColor(for: .standardError)).render(report))
            return .foundProblems
        }
        do throws(OutputError) { try AtomicFileWriter.write(xml, to: out) } catch { return .failed("brief: error: \(error.description)") }
        let findings = HumanDiagnosticRenderer(color: useColor(for: .standardError)).compactFindings(report)
        if !findings.isEmpty { emitError(findings) }
        if !json { emit("wrote \(out)\n") }
        return .done(keeping: kept)
    }
}
