import Foundation
import Testing
@testable import PipelineKit
#if canImport(Glibc)
import Glibc
#endif

/// A file replaced whole keeps what it was to the people and programs around it: its owner,
/// group and permissions, the link that points at it, and another program's save made meanwhile.
@Suite struct AtomicFileTests {
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func info(_ url: URL) -> stat {
        var info = stat()
        _ = stat(url.path, &info)
        return info
    }

    /// A team's file, writable by its group, became 0644 and the writer's own after one edit.
    @Test func keepsPermissionsAndGroup() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("leads.csv")
        try Data("a\n1\n".utf8).write(to: url)
        #expect(chmod(url.path, 0o664) == 0)
        // A group other than the writer's own, when the system lets the test choose one.
        let group: gid_t = getuid() == 0 ? 100 : getgid()
        _ = chown(url.path, uid_t.max, group)
        let before = Self.info(url)
        try AtomicFile.write(Array("a\n2\n".utf8), to: url)
        let after = Self.info(url)
        #expect(after.st_mode & 0o7777 == 0o664)
        #expect(after.st_gid == before.st_gid && after.st_uid == before.st_uid)
        #expect(after.st_ino != before.st_ino)
        #expect(try String(contentsOf: url, encoding: .utf8) == "a\n2\n")
    }

    /// A data file that links to a shared one was replaced by a plain copy: the shared file never
    /// got the edit. It is written through, and the link stays.
    @Test func writesThroughALink() throws {
        let folder = try Self.scratch(), shared = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: shared) }
        let target = shared.appendingPathComponent("leads.csv"), link = folder.appendingPathComponent("leads.csv")
        try Data("a\n1\n".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let signature = FileSignature.of(link)
        try AtomicFile.write(Array("a\n2\n".utf8), to: link, unchangedSince: signature)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "a\n2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path) == ["leads.csv"])
    }

    /// A program that writes in place and sets the modification time back looked unchanged: its
    /// save was replaced by a copy made without it.
    @Test func seesAnInPlaceSaveThatKeptItsTime() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("leads.csv")
        try Data("a\n1\n".utf8).write(to: url)
        let read = try #require(FileSignature.of(url))
        let before = Self.info(url)
        let fd = open(url.path, O_WRONLY)
        #expect(pwrite(fd, "9", 1, 2) == 1)
        var times = [before.st_atim, before.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        #expect(throws: ChangedMeanwhile.self) { try AtomicFile.write(Array("a\n2\n".utf8), to: url, unchangedSince: read) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "a\n9\n")
    }

    /// Another program's save that lands after the last look, just before the new file takes the
    /// name, is swapped back into place, not replaced.
    @Test func aSaveAfterTheLastLookIsPutBack() throws {
        guard FileExchange.isAvailable else { return }
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("leads.csv"), ours = folder.appendingPathComponent("ours")
        try Data("a\n1\n".utf8).write(to: url)
        let read = try #require(FileSignature.of(url))
        try Data("a\n1\n3\n".utf8).write(to: url, options: .atomic)
        try Data("a\n2\n".utf8).write(to: ours)
        let own = FileSignature.of(ours)
        #expect(throws: ChangedMeanwhile.self) { try AtomicFile.replaceIfStill(read, url: url, with: ours, ours: own) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "a\n1\n3\n")
        // And the file as read is replaced.
        let now = try #require(FileSignature.of(url))
        try AtomicFile.replaceIfStill(now, url: url, with: ours, ours: own)
        #expect(try String(contentsOf: url, encoding: .utf8) == "a\n2\n")
        #expect(!FileManager.default.fileExists(atPath: ours.path))
    }
}
