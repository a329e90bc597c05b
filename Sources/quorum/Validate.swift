import ArgumentParser

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a configuration file and list every problem.")

    @Argument(help: "The YAML configuration file.")
    var config: String

    func run() async throws {
        print("TODO")
    }
}
