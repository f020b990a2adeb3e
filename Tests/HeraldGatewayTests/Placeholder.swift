import Testing
@Test func placeholderGateway() { #expect(1 + 1 == 2) }
