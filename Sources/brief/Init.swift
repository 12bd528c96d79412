import ArgumentParser
import BriefKit
import BriefXML
import Foundation

struct Init: BriefCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a brief folder: a manifest and a starter list that validate, commented (docs/init.md).",
        discussion: """
        The folder is created if it does not exist. Nothing is overwritten: if any of the files is there already, \
        nothing is written (exit 2). The brief's id is the folder's name. SOURCE_DATE_EPOCH, when set, is the \
        date the files carry; otherwise today is.

        Example:
          brief init briefs/venezuela-2024
          brief init briefs/venezuela-2024 --spreadsheet
        """)

    @Argument(help: ArgumentHelp("The brief folder to create.", valueName: "PATH"))
    var path: String

    @Flag(name: .long, help: "Also write list.xlsx, the starter list as a spreadsheet (brief import reads it back).")
    var spreadsheet = false

    @OptionGroup var reading: ReadingOptions

    func execute() throws -> Outcome {
        let today = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Day.init(sourceDateEpoch:))
            ?? Day(ordinal: Int(Date().timeIntervalSince1970) / 86_400)
        let id = BriefTemplate.identifier(from: URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent)
        var files = BriefTemplate.files(id: id, today: today).map { (name: $0.name, bytes: Array($0.text.utf8)) }
        if spreadsheet {
            let validator = try reading.validator(jobs: 1)
            guard let list = validator.check(bytes: files[1].bytes, path: "list.xml").list else {
                return .failed("brief: error: internal error: the starter list does not validate")
            }
            do throws(XLSXWriter.Failure) { files.append(("list.xlsx", try ListExport.workbook(list))) } catch {
                return .failed("brief: error: the workbook could not be made: \(error.reason)")
            }
        }
        let existing = files.map { (path as NSString).appendingPathComponent($0.name) }.filter { FileManager.default.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            return .failed("brief: error: \(existing.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : ""); brief init never overwrites a file")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            return .failed("brief: error: \(path): cannot create the folder: \(error.localizedDescription)")
        }
        for file in files {
            let target = (path as NSString).appendingPathComponent(file.name)
            do throws(OutputError) { try AtomicFileWriter.write(file.bytes, to: target) } catch { return .failed("brief: error: \(error.description)") }
            emit("wrote \(target)\n")
        }
        emit("next: edit \((path as NSString).appendingPathComponent("list.xml")), then brief validate \(path) and brief build \(path)\n")
        return .done()
    }
}
