import Foundation
import Testing
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

    @Test func badColourIsReportedWithItsKey() {
        let result = parse("""
            extends = "dark"
            [roles]
            good = { fg = "#12345" }
            """)
        #expect(result == .failure(.badColor(file: "test.toml", key: "roles.good.fg", value: "#12345")))
        if case .failure(let error) = result { #expect(error.description.contains("is not a colour")) }
    }

    @Test func unknownColourNameAndAttribute() {
        #expect(parse("extends = \"dark\"\n[roles]\nbad = { fg = \"crimson\" }")
            == .failure(.badColor(file: "test.toml", key: "roles.bad.fg", value: "crimson")))
        #expect(parse("extends = \"dark\"\n[roles]\nbad = { attributes = [\"blink\"] }")
            == .failure(.badAttribute(file: "test.toml", key: "roles.bad.attributes", value: "blink")))
    }

    @Test func unknownRoleAndKeyAreErrors() {
        #expect(parse("extends = \"dark\"\n[roles]\nsucess = { fg = \"green\" }")
            == .failure(.unknownKey(file: "test.toml", key: "roles.sucess")))
        #expect(parse("extends = \"dark\"\n[roles]\ngood = { colour = \"green\" }")
            == .failure(.unknownKey(file: "test.toml", key: "roles.good.colour")))
        #expect(parse("extends = \"dark\"\nfoo = 1") == .failure(.unknownKey(file: "test.toml", key: "foo")))
    }

    @Test func missingRoleWithoutExtendsIsAnError() {
        #expect(parse("[roles]\nbackground = {}\ntext = {}")
            == .failure(.missingRole(file: "test.toml", role: "muted")))
    }

    @Test func syntaxErrorHasALine() {
        guard case .failure(.syntax(let file, let line, _, _)) = parse("name = \"x\"\n[roles\n") else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(file == "test.toml")
        #expect(line == 2)
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

    @Test func namedColours() {
        #expect(NamedColor.parse("default") == .default)
        #expect(NamedColor.parse("#FFF") == .rgb(255, 255, 255))
        #expect(NamedColor.parse("bright_white") == .rgb(255, 255, 255))
        #expect(NamedColor.parse("grey") == .rgb(127, 127, 127))
        #expect(NamedColor.parse("#12345g") == nil)
    }
}
