import Testing
@Test func placeholderPosix() { #expect(1 + 1 == 2) }
