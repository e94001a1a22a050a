import Testing
@testable import PipelineKit
@Test func builds() { #expect(true) }
