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
