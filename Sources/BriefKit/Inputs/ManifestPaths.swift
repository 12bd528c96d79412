import BriefXML
import Foundation

/// `manifest-path`: what a manifest's `list` and `previous` may name. A manifest is as untrusted as a list:
/// `../../etc/passwd` or an absolute path must never be read, and what it names must be what the format says —
/// `list` a prisoner list, `previous` an earlier revision of the same list.
public enum ManifestPaths {
    static let rule = RuleID.manifestPath

    /// Why a path of a manifest is not followed.
    enum Refusal: Error, Equatable {
        case notRelative(String), leavesFolder(String), noFile(String), throughLink(String), notRegular(String)

        var finding: (message: String, help: String) {
            switch self {
            case .notRelative(let href):
                ("path '\(href)' must be relative to the brief's folder, with '/' separators and no scheme",
                 "write the path relative to brief.xml, e.g. list.xml")
            case .leavesFolder(let href):
                ("path '\(href)' leaves the brief's folder", "keep the list inside the brief's folder")
            case .noFile(let href):
                ("path '\(href)' names no file in the brief's folder", "check the file name and its case")
            case .throughLink(let href):
                ("path '\(href)' goes through a symbolic link, which brief does not follow from a manifest",
                 "copy the list into the brief's folder")
            case .notRegular(let href):
                ("path '\(href)' names something that is not a regular file (a pipe or a device, say)",
                 "point the manifest at the list file itself")
            }
        }
    }

    /// The problem with how `href` is written, if any: the same in every store.
    static func syntaxProblem(_ href: String) -> Refusal? {
        if href.hasPrefix("/") || href.hasPrefix("\\") || href.contains("\\") || href.contains(":") {
            return .notRelative(href)
        }
        var depth = 0
        for component in href.split(separator: "/", omittingEmptySubsequences: true) {
            if component == ".." { depth -= 1 } else if component != "." { depth += 1 }
            if depth < 0 { return .leavesFolder(href) }
        }
        return nil
    }

    /// `a/./b//c/../d` as `a/b/d` (the href never climbs above its folder: `syntaxProblem` said so). A leading
    /// `./` stays: in `REV:./PATH`, git reads it as relative to the current folder rather than the repository's.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(component) }
        }
        let prefix = path.hasPrefix("/") ? "/" : (path.hasPrefix("./") || path == "." ? "./" : "")
        return prefix + parts.joined(separator: "/")
    }

    /// A file on disk, found component by component from the brief's folder: no component may be a symbolic link
    /// (so `..` never climbs out of a link's target), and the file must be a regular file. The answer is the same
    /// whatever form the folder was named in.
    static func locateOnDisk(_ href: String, folder: String) -> Result<String, Refusal> {
        var path = folder.isEmpty ? "." : folder
        var depth: [String] = []
        let components = href.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        for (index, component) in components.enumerated() {
            if component == ".." {
                // Only folders entered by name (never through a link) are left again, so this is the folder's parent.
                guard let entered = depth.popLast() else { return .failure(.leavesFolder(href)) }
                path = String(path.dropLast(entered.count + 1))
                continue
            }
            path += "/" + component
            depth.append(String(component))
            let isLast = index == components.count - 1
            switch FileKind(at: path) {
            case .missing: return .failure(.noFile(href))
            case .symbolicLink: return .failure(.throughLink(href))
            case .folder where !isLast: continue
            case .folder: return .failure(.noFile(href))
            case .regular where isLast: return .success(path)
            case .regular: return .failure(.noFile(href))
            case .other: return .failure(isLast ? .notRegular(href) : .noFile(href))
            }
        }
        return .failure(.noFile(href))
    }

    /// The files a valid manifest names, located in `store`: the list's path (nil when refused), the previous
    /// list's path, and the findings refusing any of them.
    static func locate(_ manifest: BriefManifest, at manifestPath: String, in store: InputStore) -> Located {
        var findings: [Finding] = []
        func follow(_ href: String, _ anchor: SourceAnchor) -> String? {
            let located = syntaxProblem(href).map { Result<String, Refusal>.failure($0) }
                ?? store.locate(href, besideManifestAt: manifestPath)
            switch located {
            case .success(let path):
                return path
            case .failure(let refusal):
                let (message, help) = refusal.finding
                findings.append(Finding(rule: rule, severity: .error, message: message, anchor: anchor, help: help))
                return nil
            }
        }
        let list = follow(manifest.listHref, manifest.listAnchor)
        let previous = manifest.previousHref.flatMap { follow($0, manifest.previousAnchor ?? manifest.listAnchor) }
        var image: HouseStyle.Image?
        var imagePath: String?
        if let style = manifest.style, let href = style.imageHref, let anchor = style.imageAnchor, let path = follow(href, anchor) {
            imagePath = path
            // The image is read here, bounded, and must be a PNG: it is printed in every format.
            let bytes = try? store.bytes(at: path, limit: HouseStyle.Image.maxBytes)
            image = bytes.flatMap { HouseStyle.Image(png: $0, description: style.imageDescription ?? "") }
            if image == nil {
                findings.append(Finding(rule: rule, severity: .error,
                                        message: "path '\(href)' names a file that is not a PNG image of at most \(HouseStyle.Image.maxBytes / 1024) KB",
                                        anchor: anchor, help: "point the letterhead at a PNG file in the brief's folder"))
            }
        }
        return Located(list: list, previous: previous, image: image, imagePath: imagePath, findings: findings)
    }

    /// The files a manifest names, found: paths of the lists, the letterhead image read, and why any was refused.
    struct Located: Sendable {
        var list: String?
        var previous: String?
        var image: HouseStyle.Image?
        /// Where the image was found (whether or not it turned out to be a PNG).
        var imagePath: String?
        var findings: [Finding]
    }

    /// What a file a manifest names turned out to be.
    enum Named: Sendable {
        /// Not readable as a document: its own diagnostics say why.
        case unreadable
        case notAList
        case list(id: String, revision: Int)

        init(_ document: ReadDocument?) {
            switch document {
            case .list(let list)?: self = .list(id: list.id, revision: list.revision)
            case .manifest?: self = .notAList
            case nil: self = .unreadable
            }
        }
    }

    /// The findings about what the located files are: `list` must be a prisoner list, and `previous` an earlier
    /// revision of the same list. Nil arguments were not located (a finding said why already).
    static func contentFindings(_ manifest: BriefManifest, list: Named?, previous: Named?) -> [Finding] {
        var findings: [Finding] = []
        func refuse(_ message: String, _ anchor: SourceAnchor, help: String) {
            findings.append(Finding(rule: rule, severity: .error, message: message, anchor: anchor, help: help))
        }
        let notAListHelp = "point the manifest at a prisoner list (root 'prisonerList' in '\(PrisonerList.namespace)')"
        if case .notAList? = list {
            refuse("path '\(manifest.listHref)' names a file that is not a prisoner list", manifest.listAnchor, help: notAListHelp)
        }
        if let href = manifest.previousHref, let anchor = manifest.previousAnchor {
            switch (previous, list) {
            case (.notAList?, _):
                refuse("path '\(href)' names a file that is not a prisoner list", anchor, help: notAListHelp)
            case (.list(let earlierID, let earlierRevision)?, .list(let id, let revision)?):
                if earlierID != id {
                    refuse("the previous list is list '\(earlierID)', not an earlier revision of list '\(id)'", anchor,
                           help: "point 'previous' at an earlier revision of the same list")
                } else if earlierRevision >= revision {
                    refuse("the previous list has revision \(earlierRevision), not earlier than the list's revision \(revision)", anchor,
                           help: "point 'previous' at an earlier revision, or swap 'list' and 'previous'")
                }
            default:
                break
            }
        }
        return findings
    }
}
