import Foundation
import PipelineKit

/// Finds and reads themes: built-in ones, files in the theme folders, and files named by path.
/// The file format is described in docs/themes.md; in short:
///
///     name = "dark"                 # optional, the file name otherwise
///     description = "..."           # optional
///     extends = "dark"              # optional: start from another theme (a name, or a .toml
///                                   # file from this file's folder)
///     [palette]                     # optional names for colours used below
///     ink = "#d0d4dc"
///
///     [roles]
///     background = { fg = "ink", bg = "#15181e" }
///     text = {}
///     selection = { fg = "#15181e", bg = "cyan", attributes = ["bold"] }
public enum ThemeLoader {
    static let attributeNames = ["bold", "dim", "underline", "reverse"]
    /// The most `extends` followed from one theme.
    static let maximumDepth = 8

    /// The theme to use when the user names none: `mono` when NO_COLOR is set (to anything but
    /// the empty string), `dark` otherwise.
    public static func defaultName(environment: [String: String]) -> String {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return "mono" }
        return "dark"
    }

    /// Loads the theme `name`: the first `<name>.toml` in `searchPaths` (so a user file can replace
    /// a built-in theme), else the built-in theme of that name; names match ignoring case, spaces,
    /// `-` and `_`. A name with a `/` or ending in `.toml` is a file path, from `folder` (the
    /// current directory when nil) unless absolute.
    public static func load(name: String, searchPaths: [URL], relativeTo folder: URL? = nil) -> Result<Theme, ThemeError> {
        let lookup = ThemeLookup(searchPaths: searchPaths)
        switch lookup.definition(named: name, from: folder, chain: []) {
        case .success(let definition): return .success(definition.theme)
        case let .failure(.unknown(name, searched, available)):
            return .failure(.unknownTheme(name: name, searched: searched, available: available))
        case .failure(.invalid(let problems)): return .failure(.invalid(problems))
        case .failure(.loop(let names)), .failure(.tooDeep(let names)):
            // Not reached: the first theme is the only one on the way.
            return .failure(.invalid([ThemeProblem(file: name, kind: .extendsLoop(names))]))
        }
    }

    /// Theme names available: built-in ones, then those found in `searchPaths`, without duplicates.
    public static func availableNames(searchPaths: [URL]) -> [String] {
        var names = Theme.builtinNames
        for folder in searchPaths {
            for name in ThemeLookup.themeFiles(in: folder) where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Parses theme text. `file` names it in messages; `extends` may name built-in themes only.
    public static func parse(_ text: String, name: String, file: String) -> Result<Theme, ThemeError> {
        ThemeParser.parse(text, name: name, file: file, base: ThemeDefinition.builtinBase).map(\.theme)
    }

    /// The nearest of `candidates` to a mistyped word, for "did you mean ...?".
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        Vocabulary(words: candidates, aliases: [:]).suggestion(for: word)
    }

    /// Whether a theme name is a file path rather than a name.
    static func isPath(_ name: String) -> Bool {
        name.contains("/") || name.lowercased().hasSuffix(".toml")
    }
}

/// One load's search: where names are looked for, and the themes on the way through `extends`
/// (to stop a loop).
struct ThemeLookup {
    let searchPaths: [URL]

    /// Where a theme comes from: a file, or the program itself.
    enum Source {
        case file(URL, name: String)
        case builtin(String)

        var identity: String {
            switch self {
            case .file(let url, _): url.resolvingSymlinksInPath().path
            case .builtin(let name): "built-in \(name)"
            }
        }

        var label: String {
            switch self {
            case .file(let url, _): url.path
            case .builtin(let name): name
            }
        }
    }

    /// The `.toml` files of a theme folder, by name, sorted.
    static func themeFiles(in folder: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.lowercased().hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The theme a name stands for. Files already on the way are passed over, so a file that
    /// replaces a built-in theme can extend the built-in one of the same name.
    func source(named name: String, from folder: URL?, skipping chain: [Source]) -> Source? {
        if ThemeLoader.isPath(name) {
            let url = name.hasPrefix("/") || folder == nil
                ? URL(fileURLWithPath: name)
                : folder!.appendingPathComponent(name)
            return .file(url.standardizedFileURL, name: url.deletingPathExtension().lastPathComponent)
        }
        let onTheWay = Set(chain.map(\.identity))
        let key = normalizedKey(name)
        var files: [Source] = []
        for folder in searchPaths {
            let exact = folder.appendingPathComponent("\(name).toml")
            if FileManager.default.fileExists(atPath: exact.path) { files.append(.file(exact, name: name)) }
            files += Self.themeFiles(in: folder).filter { $0 != name && normalizedKey($0) == key }
                .map { .file(folder.appendingPathComponent("\($0).toml"), name: $0) }
        }
        if let found = files.first(where: { !onTheWay.contains($0.identity) }) { return found }
        if let builtin = Theme.builtinName(matching: name) { return .builtin(builtin) }
        // Only files on the way are left: the loop is reported, not a missing theme.
        return files.first
    }

    func definition(named name: String, from folder: URL?, chain: [Source]) -> Result<ThemeDefinition, BaseFailure> {
        guard let source = source(named: name, from: folder, skipping: chain) else {
            return .failure(.unknown(name: name, searched: searchPaths.map(\.path),
                                     available: ThemeLoader.availableNames(searchPaths: searchPaths)))
        }
        if chain.contains(where: { $0.identity == source.identity }) { return .failure(.loop((chain + [source]).map(\.label))) }
        if chain.count > ThemeLoader.maximumDepth { return .failure(.tooDeep((chain + [source]).map(\.label))) }
        switch source {
        case .builtin(let builtin):
            return ThemeDefinition.builtin(named: builtin).map { .success($0) } ?? .failure(.unknown(name: name, searched: [], available: Theme.builtinNames))
        case let .file(url, fileName):
            let text: String
            switch ThemeFileText.read(url, label: url.path) {
            case .success(let read): text = read
            case .failure(let problem): return .failure(.invalid([problem]))
            }
            let here = url.deletingLastPathComponent()
            let parsed = ThemeParser.parse(text, name: fileName, file: url.path) { next in
                definition(named: next, from: here, chain: chain + [source])
            }
            switch parsed {
            case .success(let definition): return .success(definition)
            case .failure(.invalid(let problems)): return .failure(.invalid(problems))
            case let .failure(.unknownTheme(name, searched, available)):
                return .failure(.unknown(name: name, searched: searched, available: available))
            }
        }
    }
}
