import Foundation
import Testing
@testable import PipelineKit

/// "Since last standup" starts at the previous day's standup, however often today's is opened.
@Suite struct StandupMemoryTests {
    let utc = TimeZone(identifier: "UTC")!
    func at(_ text: String) -> Int64 { TimestampParser(format: .iso, timeZone: utc).parse(text)! }

    /// Every start was recorded, so opening the standup a second time (a restarted wall screen)
    /// showed nothing changed since a minute ago.
    @Test func aSecondStartTheSameDayKeepsYesterdaysStandup() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-standup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(StandupMemory.last(in: folder, before: at("2026-11-25T09:00"), timeZone: utc) == nil)
        StandupMemory.remember(at("2026-11-25T09:00"), in: folder, timeZone: utc)
        StandupMemory.remember(at("2026-11-26T09:30"), in: folder, timeZone: utc)
        StandupMemory.remember(at("2026-11-26T09:41"), in: folder, timeZone: utc)
        #expect(StandupMemory.last(in: folder, before: at("2026-11-26T09:41"), timeZone: utc) == at("2026-11-25T09:00"))
        #expect(StandupMemory.last(in: folder, before: at("2026-11-27T09:00"), timeZone: utc) == at("2026-11-26T09:30"))
        #expect(StandupMemory.moments(in: folder, timeZone: utc) == [at("2026-11-25T09:00"), at("2026-11-26T09:30")])
    }

    /// Moments are kept in UTC: read under another time zone they are the same moments, and the
    /// day of each is still told in the settings' zone.
    @Test func momentsStayPutWhenTheZoneChanges() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-standup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let berlin = TimeZone(identifier: "Europe/Berlin")!, york = TimeZone(identifier: "America/New_York")!
        let monday = at("2026-11-23T08:30")
        StandupMemory.remember(monday, in: folder, timeZone: berlin)
        #expect(StandupMemory.moments(in: folder, timeZone: york) == [monday])
        #expect(StandupMemory.last(in: folder, before: at("2026-11-24T08:30"), timeZone: york) == monday)
    }

    /// A file of one line, as the standup wrote before it kept a list, still reads.
    @Test func aFileOfOneMomentReads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-standup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "2026-11-20T09:15:00\n".write(to: folder.appendingPathComponent(StandupMemory.fileName), atomically: true, encoding: .utf8)
        #expect(StandupMemory.last(in: folder, before: at("2026-11-26T09:00"), timeZone: utc) == at("2026-11-20T09:15"))
    }
}
