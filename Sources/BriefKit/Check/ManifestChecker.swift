import Foundation

/// `manifest-path`: a manifest's `list` and `previous` must name files inside the brief's folder. A manifest is
/// as untrusted as a list: `../../etc/passwd` or an absolute path must never be read.
public enum ManifestChecker {
    /// A path of a manifest resolved to a file inside its folder, or the finding that refuses it.
    public static func resolve(_ href: String, anchor: SourceAnchor, manifestPath: String) -> Result<String, Finding> {
        func refuse(_ message: String, _ help: String) -> Result<String, Finding> {
            .failure(Finding(rule: .manifestPath, severity: .error, message: message, anchor: anchor, help: help))
        }
        if href.hasPrefix("/") || href.hasPrefix("\\") || href.contains("\\") || href.contains(":") {
            return refuse("path '\(href)' must be relative to the brief's folder, with '/' separators and no scheme",
                          "write the path relative to brief.xml, e.g. list.xml")
        }
        var depth = 0
        for component in href.split(separator: "/", omittingEmptySubsequences: true) {
            if component == ".." { depth -= 1 } else if component != "." { depth += 1 }
            if depth < 0 {
                return refuse("path '\(href)' leaves the brief's folder", "keep the list inside the brief's folder")
            }
        }
        let folder = (manifestPath as NSString).deletingLastPathComponent
        let joined = folder.isEmpty ? href : folder + "/" + href
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: joined, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return refuse("path '\(href)' names no file in the brief's folder", "check the file name and its case")
        }
        // Through symbolic links, the file must still be inside the folder.
        let realFolder = URL(fileURLWithPath: folder.isEmpty ? "." : folder).resolvingSymlinksInPath().path
        let realFile = URL(fileURLWithPath: joined).resolvingSymlinksInPath().path
        guard realFile.hasPrefix(realFolder.hasSuffix("/") ? realFolder : realFolder + "/") else {
            return refuse("path '\(href)' leads out of the brief's folder through a symbolic link",
                          "copy the list into the brief's folder")
        }
        var status = stat()
        guard stat(joined, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return refuse("path '\(href)' names something that is not a regular file (a pipe or a device, say)",
                          "point the manifest at the list file itself")
        }
        return .success(joined)
    }
}
