import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

/// The theme while the screen is open: the settings name another one, or one that cannot be used.
@Suite struct ThemeSessionTests {
    /// The seeds with `[display] theme` set to `theme`, loaded from a scratch copy.
    static func seeds(theme: String) throws -> (Snapshot, URL) {
        let folder = try SeedCompany.scratchCopy()
        let settings = folder.appendingPathComponent("pipetop.toml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        try text.replacingOccurrences(of: "theme = \"dark\"", with: "theme = \"\(theme)\"").write(to: settings, atomically: true, encoding: .utf8)
        return (SnapshotLoader(folder: folder).load(), folder)
    }

    static func choice(for snapshot: Snapshot, folder: URL) -> ThemeChoice {
        let named = snapshot.settings.display.theme.map {
            SettingsTheme(name: $0, folder: folder, settingsFile: "pipetop.toml", line: 40, column: 1, dataFolder: folder)
        }
        return ThemeChoice.fromSettings(named, environment: [:], searchPaths: [])
    }

    /// Changing the theme in the settings did nothing until the next start.
    @Test func anotherThemeInTheSettingsIsDrawnAtOnce() throws {
        var state = SeedCompany.state(width: 120, height: 40)
        let (light, folder) = try Self.seeds(theme: "light")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(update(&state, .loaded(light)) == [.chooseTheme])
        // The same theme again: nothing to choose.
        #expect(update(&state, .loaded(light)) == [])
        #expect(update(&state, .themeChosen(Self.choice(for: light, folder: folder))) == [])
        let lightTheme = try #require(Theme.builtin(named: "light"))
        #expect(state.theme == lightTheme)
        #expect(state.message?.text == "Theme: light")
        #expect(state.message?.isError == false)
    }

    /// An unknown theme set while the screen was open said nothing, and the `!` list left it out
    /// though `pipetop check` reports it.
    @Test func aBadThemeSetWhileOpenIsSaidAndListed() throws {
        var state = SeedCompany.state(width: 120, height: 40)
        let (bad, folder) = try Self.seeds(theme: "darkk")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(update(&state, .loaded(bad)) == [.chooseTheme])
        _ = update(&state, .themeChosen(Self.choice(for: bad, folder: folder)))
        #expect(state.theme == Theme.standard)
        let message = try #require(state.message)
        #expect(message.isError)
        #expect(message.text.hasPrefix("pipetop.toml:40:1: theme \"darkk\": no theme named \"darkk\"; did you mean \"dark\"?"), "\(message.text)")
        #expect(message.text.hasSuffix("; using the dark theme"))
        type(&state, "!")
        let listed = state.problemList.joined(separator: "\n")
        #expect(listed.contains("pipetop.toml:40:1: warning: theme \"darkk\": no theme named \"darkk\""), "\(listed)")
    }

    /// The list, when open as the choice arrives, shows the problem at once.
    @Test func anOpenProblemsListTakesTheThemeProblem() throws {
        var state = SeedCompany.state(width: 120, height: 40)
        type(&state, "!")
        #expect(!state.problemList.joined().contains("theme"))
        let (bad, folder) = try Self.seeds(theme: "darkk")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = update(&state, .loaded(bad))
        _ = update(&state, .themeChosen(Self.choice(for: bad, folder: folder)))
        #expect(state.problemList.joined().contains("theme \"darkk\""))
    }

    /// A theme file with several mistakes: one line at the settings key, then each at its place,
    /// named from the data folder as `pipetop check` names files.
    @Test func aThemeFilesProblemsAreListedAtTheirPlaces() throws {
        let (snapshot, folder) = try Self.seeds(theme: "mine.toml")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "extends = \"dark\"\nfoo = 1\n[roles]\ngood = { fg = \"nope\" }\n"
            .write(to: folder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        let choice = Self.choice(for: snapshot, folder: folder)
        #expect(choice.source == .standard)
        #expect(choice.problems.map(\.description) == [
            "pipetop.toml:40:1: warning: theme \"mine.toml\" has 2 problems, each listed at its place; the dashboard uses its default theme",
            "mine.toml:2:1: warning: unknown key foo",
            "mine.toml:4:10: warning: roles.good.fg: \"nope\" is not a colour; use \"#rrggbb\", \"#rgb\", \"default\", a name ("
                + NamedColor.names.joined(separator: ", ") + ") or a name from [palette]",
        ])
        #expect(choice.notice == "pipetop.toml:40:1: theme \"mine.toml\": mine.toml:2:1: unknown key foo (and 1 more); using the dark theme")
    }
}
