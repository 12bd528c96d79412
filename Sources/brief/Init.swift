import ArgumentParser
import BriefKit
import Foundation

struct Init: BriefCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "TODO")
    func execute() throws -> Outcome { .done() }
}
