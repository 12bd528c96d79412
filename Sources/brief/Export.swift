import ArgumentParser
import BriefKit
import BriefXML
import Foundation

struct Export: BriefCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a list as a spreadsheet: an .xlsx workbook, or a folder of CSV files (docs/spreadsheets.md).",
        discussion: """
        Every part of the list is written — people, aliases, status claims, conditions, warnings, notes, sources, \
        counts, the agreement — each portion with the marking it declares, in sheets whose columns \
        docs/spreadsheets.md lists. `brief import` reads the sheets back into the same list.

        Example:
          brief export briefs/cuba-53 --to cuba-53.xlsx
          brief export briefs/cuba-53/list.xml --to cuba-53-sheets/
        """)

    @Argument(help: ArgumentHelp("A list, or a brief folder or brief.xml (its list).", valueName: "LIST"))
    var list: String

    @Option(name: .long, help: ArgumentHelp("A workbook (*.xlsx), or a folder for CSV files (any other name).", valueName: "PATH"))
    var to: String

    @OptionGroup var reading: ReadingOptions

    func execute() throws -> Outcome {
        let inputs = try BriefInputs.resolve(list, validator: try reading.validator(jobs: 1))
        guard !inputs.hasErrors, let prisonerList = inputs.prisonerList else {
            emit(HumanDiagnosticRenderer(color: useColor()).render(inputs.report))
            return .foundProblems
        }
        let inputPaths = inputs.files.map { sameFileKey($0.file.read.path) }
        if to.lowercased().hasSuffix(".xlsx") {
            guard !inputPaths.contains(sameFileKey(to)) else { return .failed("brief: error: \(to) is an input; export writes a new file") }
            let bytes: [UInt8]
            do throws(XLSXWriter.Failure) { bytes = try ListExport.workbook(prisonerList) } catch {
                return .failed("brief: error: the workbook could not be made: \(error.reason)")
            }
            do throws(OutputError) { try AtomicFileWriter.write(bytes, to: to) } catch { return .failed("brief: error: \(error.description)") }
            emit("wrote \(to)\n")
        } else {
            do {
                try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
            } catch {
                return .failed("brief: error: \(to): cannot create the folder: \(error.localizedDescription)")
            }
            for file in ListExport.csvFiles(prisonerList) {
                let path = (to as NSString).appendingPathComponent(file.name)
                guard !inputPaths.contains(sameFileKey(path)) else { return .failed("brief: error: \(path) is an input; export writes new files") }
                do throws(OutputError) { try AtomicFileWriter.write(Array(file.text.utf8), to: path) } catch {
                    return .failed("brief: error: \(error.description)")
                }
                emit("wrote \(path)\n")
            }
        }
        // The list is kept to the end (freeing a large one record by record is slow); a manifest is small, and its
        // authored sections' enum payloads read as leaks to LeakSanitizer if it is still alive at exit.
        return .done(keeping: inputs.prisonerList)
    }
}

/// A path's identity for "is this an input?": absolute, standardized, symbolic links resolved.
func sameFileKey(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}

/// Renders a report in one of `validate`'s formats.
func renderReport(_ report: ValidationReport, format: DiagnosticFormat, strict: Bool = false) throws -> String {
    switch format {
    case .human: HumanDiagnosticRenderer(color: useColor()).render(report)
    case .json: try JSONDiagnosticRenderer().render(report)
    case .github: GitHubAnnotationRenderer().render(report)
    case .sarif: try SARIFRenderer().render(report)
    case .junit: JUnitRenderer(strict: strict).render(report)
    }
}
