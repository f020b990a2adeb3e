import Testing
@Test func placeholderBroker() { #expect(1 + 1 == 2) }
