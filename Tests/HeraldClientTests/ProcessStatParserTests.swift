import HeraldClient
import Testing

@Suite struct ProcessStatParserTests {
    @Test func sumsUserAndSystemTicksAfterTheCommandName() {
        // A command name with spaces and parentheses must not shift the fields.
        let stat = "4242 (herald (loop) 1) S 1 4242 4242 0 -1 4194560 812 0 0 0 1234 567 0 0 20 0 3 0 99 1 2 3"
        let ticks = ProcessStatParser.cpuTicks(stat: Array(stat.utf8))
        #expect(ticks?.user == 1234)
        #expect(ticks?.system == 567)
    }

    @Test func truncatedStatGivesNil() {
        #expect(ProcessStatParser.cpuTicks(stat: Array("1 (x) S 1 2 3".utf8)) == nil)
        #expect(ProcessStatParser.cpuTicks(stat: []) == nil)
    }

    @Test func readsVmRSS() {
        let status = "Name:\therald\nVmPeak:\t  999 kB\nVmRSS:\t   33692 kB\nRssAnon:\t 1 kB\n"
        #expect(ProcessStatParser.residentKibibytes(status: Array(status.utf8)) == 33692)
        #expect(ProcessStatParser.residentKibibytes(status: Array("Name:\tx\n".utf8)) == nil)
    }
}
