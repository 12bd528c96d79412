// swift-tools-version:6.2
import Foundation
import PackageDescription

// `brief preview`'s server library links FoundationNetworking, which a static Swift standard library cannot link
// without libcurl: a static build (`BRIEF_STATIC=1`, as `make static` and action.yml build) leaves the preview out.
let withPreview = ProcessInfo.processInfo.environment["BRIEF_STATIC"] == nil

let package = Package(
    name: "brief",
    // macOS 26: the standard library's `Span` views of arrays and strings (`array.span`, `string.utf8.span`).
    platforms: [.macOS(.v26)],
    products: [
        .executable(name: "brief", targets: ["brief"]),
        .library(name: "BriefKit", targets: ["BriefKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // SHA-256 for provenance hashes (BoringSSL's, vendored: about a minute more on a clean build).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The project configuration file, `.brief.yml`: YAML with each node's line and column (libyaml, vendored C).
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // RFC 4180 CSV for `brief import` of a folder of CSV files (small, no dependencies).
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        // `brief preview`'s HTTP server: pure Swift on non-blocking sockets, no SwiftNIO (about 20 s of a clean debug build).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev), found through pkg-config.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The only module that touches libxml2 and the file system's C calls: secure parsing, XSD validation and
        // bounded file reading behind safe Swift types, which lend bytes as `Span`s (hence `Lifetimes`, for
        // properties and methods that return one).
        .target(name: "BriefXML", dependencies: ["CLibXML2"], swiftSettings: [.enableExperimentalFeature("Lifetimes")]),
        // Cairo and Pango from the system (Debian: libcairo2-dev, libpango1.0-dev), for PDF and chart images.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo cairo-pdf cairo-png",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"]), .brew(["pango", "cairo"])]
        ),
        // The only module that touches Cairo and Pango: pages, text layout and drawing behind safe Swift types.
        .target(name: "BriefTypesetting", dependencies: ["CPangoCairo"]),
        // The compiler: read → check → model → document → writers, plus diff.
        .target(
            name: "BriefKit",
            dependencies: ["BriefXML", "BriefTypesetting", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        // The project configuration file (`.brief.yml`): found, read and checked; the commands apply it.
        .target(name: "BriefConfig", dependencies: ["BriefKit", .product(name: "Yams", package: "Yams")]),
        // `brief preview`: a loopback server of the HTML edition that rebuilds on save. Its own module, so that
        // BriefKit never depends on a server library.
        .target(name: "BriefPreview", dependencies: ["BriefKit", .product(name: "FlyingFox", package: "FlyingFox"),
                                              .product(name: "FlyingSocks", package: "FlyingFox")]),
        // Deterministic synthetic lists for tests and benchmarks.
        .target(name: "ListGenerator"),
        .executableTarget(
            name: "brief",
            dependencies: ["BriefKit", "BriefXML", "BriefConfig", .product(name: "ArgumentParser", package: "swift-argument-parser")]
                + (withPreview ? ["BriefPreview"] : []),
            swiftSettings: withPreview ? [.define("BRIEF_PREVIEW")] : []
        ),
        .executableTarget(
            name: "brief-gen",
            dependencies: ["ListGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // libFuzzer target over the whole pipeline (`make fuzz`); built plainly, it replays files given as arguments.
        // The whole pipeline on one input in memory, with the properties every input keeps: for the fuzzer and the tests.
        .target(name: "BriefFuzzing", dependencies: ["BriefKit", "BriefXML"]),
        .executableTarget(name: "brief-fuzz", dependencies: ["BriefFuzzing", "BriefKit"]),
        .testTarget(
            name: "BriefKitTests",
            // `brief` is a dependency so that the end-to-end tests find the built executable.
            dependencies: ["BriefKit", "BriefXML", "BriefFuzzing", "BriefConfig", "BriefPreview", "ListGenerator", "brief"],
            exclude: ["Fixtures", "Golden", "Fuzz"]
        ),
    ]
)
