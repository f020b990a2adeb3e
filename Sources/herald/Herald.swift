import ArgumentParser

@main
struct Herald: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Herald, a real-time WebSocket push gateway.")
    func run() throws { print("herald") }
}
