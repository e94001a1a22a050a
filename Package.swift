// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "pipetop",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pipetop", targets: ["pipetop"]),
        .executable(name: "pipetop-bench", targets: ["pipetop-bench"]),
        .library(name: "PipelineKit", targets: ["PipelineKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        .target(
            name: "CNcursesShim",
            dependencies: ["CNcurses", "CFileMapping"],
            path: "Sources/CNcursesShim",
            linkerSettings: [
                .linkedLibrary("ncursesw", .when(platforms: [.linux])),
                .linkedLibrary("ncurses", .when(platforms: [.macOS])),
            ]
        ),
        // Guarded read-only mappings of data files (a file cut short reads as zeros, not SIGBUS).
        .target(name: "CFileMapping", path: "Sources/CFileMapping"),
        // The model: reading, schema, store, metrics, edits, watching. No terminal code.
        .target(
            name: "PipelineKit",
            dependencies: ["CFileMapping", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Frame, widgets, themes, panes, commands and the update function. No ncurses.
        .target(name: "PipetopUI", dependencies: ["PipelineKit", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The thin ncurses backend and the event loop.
        .target(name: "PipetopTerminal", dependencies: ["PipetopUI", "PipelineKit", "CNcurses", "CNcursesShim"]),
        .executableTarget(
            name: "pipetop",
            dependencies: [
                "PipelineKit", "PipetopUI", "PipetopTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "pipetop-bench",
            dependencies: [
                "PipelineKit", "PipetopUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PipelineKitTests", dependencies: ["PipelineKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PipetopUITests", dependencies: ["PipetopUI", "PipelineKit"], resources: [.copy("Goldens")]),
        // Depends on the executable so that `swift test` builds the binary its end-to-end runs start.
        .testTarget(name: "PipetopTerminalTests", dependencies: ["PipetopTerminal", "PipetopUI", "pipetop"]),
    ],
    swiftLanguageModes: [.v6]
)
