import Testing
@testable import PipetopTerminal
@Test func builds() { #expect(true) }
