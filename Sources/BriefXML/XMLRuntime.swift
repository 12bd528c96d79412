import CLibXML2

/// One-time, process-wide libxml2 set-up.
///
/// libxml2 keeps some state per process (the external entity loader, the depth limit) and initialises the XSD
/// type tables lazily in a way that is not thread-safe; doing it all once, before any worker thread parses
/// anything, makes the rest of the module safe to use from many threads.
enum XMLRuntime {
    /// libxml2's own element depth limit; `XMLLimits.maxDepth` is enforced below it by the parser session.
    static let hardDepthLimit = 1024

    private static let initialized: Bool = {
        xmlInitParser()
        xmlSchemaInitTypes()
        brief_set_max_depth(UInt32(hardDepthLimit))
        // No document, entity, DTD, XInclude or schema import is ever fetched from anywhere.
        brief_install_deny_loader()
        return true
    }()

    /// Runs the set-up if it has not run yet; cheap afterwards.
    static func ensureInitialized() {
        _ = initialized
    }
}
