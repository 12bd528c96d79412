import ArgumentParser
import BriefKit
import Foundation

struct Merge: BriefCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "TODO")
    func execute() throws -> Outcome { .done() }
}
