import Foundation
import Testing
import PipelineKit
@testable import PipetopUI

@Suite struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    func fileText(_ name: String) throws -> String {
        try String(contentsOf: Self.themesFolder.appendingPathComponent("\(name).toml"), encoding: .utf8)
    }

    @Test(arguments: Theme.builtinNames)
    func embeddedTextEqualsTheFile(name: String) throws {
        let file = try fileText(name)
        #expect(BuiltinThemeText.source(named: name) == file, "run themes/embed.sh after editing themes/\(name).toml")
    }

    @Test func everyFileInTheFolderIsBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Theme.builtinNames))
    }

    @Test(arguments: Theme.builtinNames)
    func everyThemeFileLoads(name: String) throws {
        let loaded = try ThemeLoader.load(name: name, searchPaths: [Self.themesFolder]).get()
        #expect(loaded.name == name)
        #expect(!loaded.description.isEmpty)
        #expect(Theme.builtin(named: name) == loaded)
        // Selection must stand out from ordinary text in every theme.
        #expect(loaded.selection != loaded.text)
        #expect(loaded.tabActive != loaded.tabInactive)
        #expect(loaded.borderFocused != loaded.border)
    }

    @Test func darkPaintsItsOwnBackgroundEverywhere() throws {
        let dark = try #require(Theme.builtin(named: "dark"))
        guard case .rgb = dark.background.bg else {
            Issue.record("dark background is not painted")
            return
        }
        // Roles that do not set a background inherit the painted one.
        #expect(dark.muted.bg == dark.background.bg)
        #expect(dark.good.bg == dark.background.bg)
        #expect(dark.text.fg == dark.background.fg)
        #expect(Theme.standard == dark)
    }

    @Test func monoHasNoColoursOnlyAttributes() throws {
        let mono = try #require(Theme.builtin(named: "mono"))
        for role in Theme.Role.allCases {
            #expect(mono[role].fg == .default, "\(role)")
            #expect(mono[role].bg == .default, "\(role)")
        }
        #expect(mono.selection.attributes.contains(.reverse))
        #expect(mono.bad != mono.good)
    }

    @Test func colorblindUsesBlueForGoodAndVermillionForBad() throws {
        let theme = try #require(Theme.builtin(named: "colorblind"))
        #expect(theme.good.fg == .rgb(0x56, 0xB4, 0xE9))
        #expect(theme.bad.fg == .rgb(0xD5, 0x5E, 0x00))
        // No green anywhere: every colour's green channel never dominates both others.
        for role in Theme.Role.allCases {
            for color in [theme[role].fg, theme[role].bg] {
                if case let .rgb(r, g, b) = color {
                    #expect(!(Int(g) > Int(r) + 40 && Int(g) > Int(b) + 40), "\(role) is green")
                }
            }
        }
    }

    @Test func noColorPicksMono() {
        #expect(ThemeLoader.defaultName(environment: ["NO_COLOR": "1"]) == "mono")
        #expect(ThemeLoader.defaultName(environment: ["NO_COLOR": ""]) == "dark")
        #expect(ThemeLoader.defaultName(environment: [:]) == "dark")
    }

    @Test func builtinIsUsedWhenNoFileIsFound() throws {
        let theme = try ThemeLoader.load(name: "light", searchPaths: [URL(fileURLWithPath: "/nonexistent")]).get()
        #expect(theme == Theme.builtin(named: "light"))
    }

    @Test func unknownNameListsWhatExists() {
        let result = ThemeLoader.load(name: "solarized", searchPaths: [Self.themesFolder])
        guard case .failure(let error) = result, case let .unknownTheme(name, searched, available) = error else {
            Issue.record("expected unknownTheme, got \(result)")
            return
        }
        #expect(name == "solarized")
        #expect(searched == [Self.themesFolder.path])
        #expect(available.contains("colorblind"))
        #expect(error.description.contains("no theme named \"solarized\""))
    }

    func parse(_ text: String) -> Result<Theme, ThemeError> {
        ThemeLoader.parse(text, name: "test", file: "test.toml")
    }

    /// The problems a text has, or none when it loads.
    func problems(_ text: String) -> [ThemeProblem] {
        guard case .failure(.invalid(let problems)) = parse(text) else { return [] }
        return problems
    }

    @Test func badColourIsReportedWithItsKeyAndPlace() {
        let found = problems("""
            extends = "dark"
            [roles]
            good = { fg = "#12345" }
            """)
        #expect(found == [ThemeProblem(file: "test.toml", line: 3, column: 10, kind: .badColor(key: "roles.good.fg", value: "#12345"))])
        #expect(found.first?.description.hasPrefix("test.toml:3:10: roles.good.fg: \"#12345\" is not a colour; use") == true)
    }

    @Test func unknownColourNameAndAttribute() {
        #expect(problems("extends = \"dark\"\n[roles]\nbad = { fg = \"crimson\" }")
            == [ThemeProblem(file: "test.toml", line: 3, column: 9, kind: .badColor(key: "roles.bad.fg", value: "crimson"))])
        #expect(problems("extends = \"dark\"\n[roles]\nbad = { attributes = [\"blink\"] }")
            == [ThemeProblem(file: "test.toml", line: 3, column: 9, kind: .badAttribute(key: "roles.bad.attributes", value: "blink"))])
    }

    @Test func unknownRoleAndKeyAreErrors() {
        #expect(problems("extends = \"dark\"\n[roles]\nsucess = { fg = \"green\" }")
            == [ThemeProblem(file: "test.toml", line: 3, column: 1, kind: .unknownKey("roles.sucess"))])
        #expect(problems("extends = \"dark\"\n[roles]\ngood = { shade = \"green\" }")
            == [ThemeProblem(file: "test.toml", line: 3, column: 10, kind: .unknownKey("roles.good.shade"))])
        #expect(problems("extends = \"dark\"\nfoo = 1") == [ThemeProblem(file: "test.toml", line: 2, column: 1, kind: .unknownKey("foo"))])
    }

    @Test func missingRolesWithoutExtendsAreOneProblem() {
        let found = problems("[roles]\nbackground = {}\ntext = {}")
        #expect(found.count == 1)
        guard case .missingRoles(let roles) = found.first?.kind else {
            Issue.record("expected missing roles, got \(found)")
            return
        }
        #expect(roles.first == "muted" && roles.count == Theme.Role.allCases.count - 2)
        #expect(found.first?.location == "test.toml:1:1")
    }

    @Test func syntaxErrorHasALine() {
        let found = problems("name = \"x\"\n[roles\n")
        guard case .syntax(let message) = found.first?.kind else {
            Issue.record("expected a syntax error, got \(found)")
            return
        }
        #expect(found.first?.file == "test.toml")
        #expect(found.first?.line == 2)
        #expect(message.hasPrefix("TOML syntax:"))
    }

    /// TOMLKit's parser stops the whole program on some text instead of reporting an error: a
    /// theme file must never reach it with such text.
    @Test func textThatStopsTOMLKitIsASyntaxError() {
        let found = problems("extends = \"dark\"\n[:roles]\n")
        guard case .syntax = found.first?.kind else {
            Issue.record("expected a syntax error, got \(found)")
            return
        }
        #expect(found.first?.location == "test.toml:2:2")
    }

    /// Every mistake of a file at once, in line order, each at its place, with the nearest word
    /// where there is one.
    @Test func everyProblemIsReportedWithItsPlaceAndSuggestion() {
        let found = problems("""
            extends = "dark"
            role = 1
            [roles]
            good = { fg = "gren" }
            backgroud = {}
            bad = { colour = "red", attributes = ["bolt"] }
            warning = { fg = "sandd" }
            """)
        #expect(found.map(\.description) == [
            "test.toml:2:1: unknown key role (did you mean roles?)",
            "test.toml:4:10: roles.good.fg: \"gren\" is not a colour (did you mean \"green\"?)",
            "test.toml:5:1: unknown key roles.backgroud (did you mean background?)",
            "test.toml:6:9: unknown key roles.bad.colour (did you mean fg?)",
            "test.toml:6:25: roles.bad.attributes: unknown attribute \"bolt\"; use \"bold\", \"dim\", \"underline\", \"reverse\" (did you mean \"bold\"?)",
            "test.toml:7:13: roles.warning.fg: \"sandd\" is not a colour (did you mean \"sand\"?)",
        ])
        let error = ThemeError.invalid(found)
        #expect(error.description.hasPrefix("6 problems:\ntest.toml:2:1: "))
        #expect(error.summary.hasSuffix("(and 5 more)"))
    }

    @Test func aRoleWrittenOutsideRolesSaysWhereItGoes() {
        #expect(problems("extends = \"dark\"\ngood = { fg = \"green\" }").map(\.description)
            == ["test.toml:2:1: unknown key good (roles go under [roles])"])
    }

    @Test func extendsKeepsOtherRolesAndPaletteNamesResolve() throws {
        let theme = try parse("""
            extends = "mono"
            description = "mono with a red alarm"
            [palette]
            alarm = "#ff0000"
            [roles]
            bad = { fg = "alarm" }
            good = { fg = "Bright-Green" }
            """).get()
        let mono = try #require(Theme.builtin(named: "mono"))
        #expect(theme.name == "test")
        #expect(theme.bad == Style(fg: .rgb(255, 0, 0), attributes: mono.bad.attributes))
        #expect(theme.good.fg == .rgb(0, 255, 0))
        #expect(theme.selection == mono.selection)
    }

    @Test func userFileOverridesABuiltinOfTheSameName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "extends = \"dark\"\n[roles]\naccent = { fg = \"#abcdef\" }\n"
            .write(to: folder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "extends = \"loop\"\n".write(to: folder.appendingPathComponent("loop.toml"), atomically: true, encoding: .utf8)
        let mine = try ThemeLoader.load(name: "mine", searchPaths: [folder]).get()
        #expect(mine.accent.fg == .rgb(0xAB, 0xCD, 0xEF))
        #expect(ThemeLoader.availableNames(searchPaths: [folder]).suffix(2) == ["loop", "mine"])
        guard case .failure = ThemeLoader.load(name: "loop", searchPaths: [folder]) else {
            Issue.record("a theme extending itself should fail")
            return
        }
    }

    /// A scratch folder for theme files, removed by `defer`.
    func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `extends = "base.toml"` is the file beside the one that says it, wherever the program runs.
    @Test func extendsAPathFromTheExtendingFilesFolder() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let themes = folder.appendingPathComponent("t")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "extends = \"dark\"\n[roles]\ngood = { fg = \"#00ff00\" }\n"
            .write(to: themes.appendingPathComponent("base.toml"), atomically: true, encoding: .utf8)
        try "extends = \"base.toml\"\n".write(to: themes.appendingPathComponent("child.toml"), atomically: true, encoding: .utf8)
        let byPath = try ThemeLoader.load(name: themes.appendingPathComponent("child.toml").path, searchPaths: []).get()
        #expect(byPath.good.fg == .rgb(0, 255, 0))
        #expect(byPath.name == "child")
        let fromFolder = try ThemeLoader.load(name: "t/child.toml", searchPaths: [], relativeTo: folder).get()
        #expect(fromFolder == byPath)
    }

    @Test func themesThatExtendEachOtherAreALoop() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "extends = \"./b.toml\"\n".write(to: folder.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try "\nextends = \"a.toml\"\n".write(to: folder.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
        let a = folder.appendingPathComponent("a.toml").path, b = folder.appendingPathComponent("b.toml").path
        let result = ThemeLoader.load(name: a, searchPaths: [])
        #expect(result == .failure(.invalid([ThemeProblem(file: b, line: 2, column: 1, kind: .extendsLoop([a, b, a]))])))
    }

    @Test func aChainOfExtendsHasAnEnd() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for k in 0...ThemeLoader.maximumDepth {
            try "extends = \"t\(k + 1).toml\"\n".write(to: folder.appendingPathComponent("t\(k).toml"), atomically: true, encoding: .utf8)
        }
        try "extends = \"dark\"\n".write(to: folder.appendingPathComponent("t\(ThemeLoader.maximumDepth + 1).toml"), atomically: true, encoding: .utf8)
        guard case .failure(.invalid(let found)) = ThemeLoader.load(name: folder.appendingPathComponent("t0.toml").path, searchPaths: []),
              case .extendsTooDeep(let names) = found.first?.kind else {
            Issue.record("expected a chain too long")
            return
        }
        #expect(names.count == ThemeLoader.maximumDepth + 2)
        // From t2 to dark is as deep as it may go.
        #expect((try? ThemeLoader.load(name: folder.appendingPathComponent("t1.toml").path, searchPaths: []).get()) == nil)
        #expect((try? ThemeLoader.load(name: folder.appendingPathComponent("t2.toml").path, searchPaths: []).get()) != nil)
    }

    /// A file that replaces a built-in theme in a theme folder may build on the built-in one.
    @Test func aFileNamedAfterABuiltinExtendsTheBuiltin() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "extends = \"dark\"\n[roles]\naccent = { fg = \"#abcdef\" }\n"
            .write(to: folder.appendingPathComponent("dark.toml"), atomically: true, encoding: .utf8)
        let theme = try ThemeLoader.load(name: "dark", searchPaths: [folder]).get()
        let dark = try #require(Theme.builtin(named: "dark"))
        #expect(theme.accent.fg == .rgb(0xAB, 0xCD, 0xEF))
        #expect(theme.muted == dark.muted)
    }

    /// A new background reaches every role that sets none of its own; roles with their own keep it.
    @Test func aNewBackgroundReachesRolesWithoutOne() throws {
        let theme = try parse("""
            extends = "dark"
            [roles]
            background = { fg = "#ffffff", bg = "#000080" }
            """).get()
        let dark = try #require(Theme.builtin(named: "dark"))
        let navy = Color.rgb(0, 0, 0x80)
        for role in [Theme.Role.text, .muted, .border, .borderFocused, .title, .good, .warning, .bad, .bar, .barBehind, .marker] {
            #expect(theme[role].bg == navy, "\(role)")
        }
        #expect(theme.text.fg == .rgb(255, 255, 255))
        #expect(theme.muted.fg == dark.muted.fg)
        #expect(theme.bad.attributes == dark.bad.attributes)
        // Roles dark gives a background of their own keep it.
        for role in [Theme.Role.header, .selection, .highlight, .tabActive, .tabInactive, .statusOk, .statusError] {
            #expect(theme[role].bg == dark[role].bg, "\(role)")
        }
    }

    /// The palette of the theme extended is there to use, and a name given again recolours every
    /// role that uses it.
    @Test func theExtendedPaletteIsInherited() throws {
        let light = try #require(Theme.builtin(named: "light"))
        let inked = try parse("extends = \"light\"\n[roles]\ngood = { fg = \"ink\" }\n").get()
        #expect(inked.good.fg == light.text.fg)
        let darker = try parse("extends = \"dark\"\n[palette]\nnight = \"#000000\"\n").get()
        #expect(darker.background.bg == .rgb(0, 0, 0))
        #expect(darker.muted.bg == .rgb(0, 0, 0))
        #expect(darker.selection.fg == .rgb(0, 0, 0))
    }

    @Test(arguments: ["Dark", "DARK", "High Contrast", "high_contrast", "ColorBlind"])
    func builtinNamesIgnoreCase(name: String) throws {
        let theme = try ThemeLoader.load(name: name, searchPaths: [Self.themesFolder]).get()
        #expect(Theme.builtinNames.contains(theme.name))
        #expect(normalizedKey(theme.name) == normalizedKey(name))
    }

    @Test func aMistypedNameGetsTheNearest() {
        let result = ThemeLoader.load(name: "drak", searchPaths: [])
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.suggestion == "dark")
        #expect(error.description == "no theme named \"drak\"; did you mean \"dark\"? available: dark, light, high-contrast, colorblind, mono")
        #expect(problems("extends = \"lihgt\"\n").map(\.description)
            == ["test.toml:1:1: extends: no theme named \"lihgt\"; available: dark, light, high-contrast, colorblind, mono (did you mean \"light\"?)"])
    }

    func readProblem(_ path: String) -> String? {
        guard case .failure(.invalid(let problems)) = ThemeLoader.load(name: path, searchPaths: []) else { return nil }
        return problems.map(\.description).joined(separator: "\n")
    }

    /// What is not a theme file is said as what it is, not in Foundation's words, and its bytes
    /// are not read.
    @Test func filesThatCannotBeThemesSayWhy() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dir = folder.appendingPathComponent("dir.toml")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(readProblem(dir.path) == "\(dir.path): is a folder, not a file")
        let fifo = folder.appendingPathComponent("fifo.toml")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(readProblem(fifo.path) == "\(fifo.path): is not a regular file (a pipe, a device or a socket), so it is not read")
        #expect(readProblem("/dev/zero") == "/dev/zero: is not a regular file (a pipe, a device or a socket), so it is not read")
        let latin = folder.appendingPathComponent("latin.toml")
        try Data(Array("extends = \"dark\"\nname = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)).write(to: latin)
        #expect(readProblem(latin.path) == "\(latin.path):2:12: is not UTF-8 text (byte 0xE9 here); save it as UTF-8")
        let missing = folder.appendingPathComponent("missing.toml")
        #expect(readProblem(missing.path) == "\(missing.path): no such file")
        let big = folder.appendingPathComponent("big.toml")
        try Data(repeating: 0x23, count: 2 << 20).write(to: big)
        #expect(readProblem(big.path) == "\(big.path): is 2 MB; a theme file is at most 1 MB")
    }

    /// A colour theme named for a screen without colour kept only its attributes: dark's selection
    /// was bold among bold cells. The mono theme is drawn instead, and the notice says so when a
    /// theme was named.
    @Test func aScreenWithoutColourDrawsMono() throws {
        let dark = try #require(Theme.builtin(named: "dark"))
        let mono = try #require(Theme.builtin(named: "mono"))
        let named = ThemeChoice.commandLine(dark, settings: ThemeChoice(theme: dark, source: .standard))
            .withoutColour(because: "NO_COLOR is set")
        #expect(named.theme == mono)
        #expect(named.theme.selection.attributes.contains(.reverse))
        #expect(named.notice == "NO_COLOR is set: the dark theme is drawn as mono (the selection in reverse video)")
        // Nothing was asked for: mono without a word, as before.
        let standard = ThemeChoice(theme: dark, source: .standard).withoutColour(because: "NO_COLOR is set")
        #expect(standard.theme == mono && standard.notice == nil)
        // A theme of attributes only is already fit for it, and kept.
        let plain = ThemeChoice(theme: .plain, source: .commandLine).withoutColour(because: "NO_COLOR is set")
        #expect(plain.theme == .plain && plain.notice == nil)
        #expect(ThemeChoice.noColourReason(environment: ["NO_COLOR": "1", "TERM": "xterm"]) == "NO_COLOR is set")
        #expect(ThemeChoice.noColourReason(environment: ["TERM": "vt100"]) == "This terminal (TERM=vt100) shows no colour")
    }

    @Test func theSettingsThemeOrTheDefault() throws {
        let none = ThemeChoice.fromSettings(nil, environment: [:], searchPaths: [])
        #expect(none == ThemeChoice(theme: Theme.standard, source: .standard))
        #expect(ThemeChoice.fromSettings(nil, environment: ["NO_COLOR": "1"], searchPaths: []).theme == Theme.builtin(named: "mono"))
        let light = ThemeChoice.fromSettings(SettingsTheme(name: "Light", folder: nil, settingsFile: "pipetop.toml"),
                                             environment: [:], searchPaths: [])
        #expect(light.theme == Theme.builtin(named: "light") && light.source == .settings && light.problems.isEmpty)
    }

    @Test func namedColours() {
        #expect(NamedColor.parse("default") == .default)
        #expect(NamedColor.parse("#FFF") == .rgb(255, 255, 255))
        #expect(NamedColor.parse("bright_white") == .rgb(255, 255, 255))
        #expect(NamedColor.parse("grey") == .rgb(127, 127, 127))
        #expect(NamedColor.parse("#12345g") == nil)
    }
}
