import Testing
@testable import PipelineKit

/// The quick key test must never turn away a record the full comparison would accept.
@Suite struct KeyFilterTests {
    @Test func quotedAndAwkwardIdsAreStillFound() throws {
        let file = Array("id,owner\r\n\"L,1\",a\r\n\"L\"\"2\",b\r\nL3,c\r\n\"L4\",d\r\n,e\r\n".utf8)
        for (id, old) in [("L,1", "a"), ("L\"2", "b"), ("L3", "c"), ("L4", "d"), ("", "e")] {
            let out = try CSVCellEditor.apply([CellEdit(id: id, field: "owner", newValue: "z", expected: old)], to: file, key: "id")
            #expect(out != file, "\(id) was not found")
            #expect(CSVCellEditor.lookup([id], keyColumn: 0, in: file)[id]?[1] == old)
        }
        #expect(throws: CellEditError.self) {
            _ = try CSVCellEditor.apply([CellEdit(id: "L5", field: "owner", newValue: "z")], to: file, key: "id")
        }
    }
}

/// Starting an edit at the offset `lookup` found gives the same bytes as reading from the top.
@Suite struct EditFromOffsetTests {
    @Test func sameResultFromTheFoundRecord() throws {
        var text = "lead_id,name,owner\n"
        for k in 0..<300 { text += "L\(k),\"Name, \(k)\",\(k % 3 == 0 ? "" : "Rep \(k % 5)")\n" }
        text += "L300,\"Multi\nline\",x\n"
        let file = Array(text.utf8)
        for ids in [["L7"], ["L250", "L12"], ["L300"], ["L0", "L299"]] {
            let (records, offset) = CSVCellEditor.lookupWithOffset(Set(ids), keyColumn: 0, in: file)
            #expect(records.count == ids.count)
            let edits = ids.map { CellEdit(id: $0, field: "owner", newValue: "Ana", expected: records[$0]![2]) }
            let plain = try CSVCellEditor.apply(edits, to: file, key: "lead_id")
            let hinted = try CSVCellEditor.apply(edits, to: file, key: "lead_id", from: offset)
            #expect(plain == hinted)
        }
    }
}
