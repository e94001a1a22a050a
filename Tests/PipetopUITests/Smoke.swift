import Testing
@testable import PipetopUI
@Test func builds() { #expect(true) }
