import ArgumentParser
import Foundation
import Giftwise

/// `giftwise catalog publish PATH`: a consistent snapshot of this catalog, swapped in at PATH.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a consistent snapshot of this catalog at PATH for servers to pick up.",
        discussion: """
            Writes a snapshot (VACUUM INTO) into PATH.snapshots/ and atomically points PATH at it \
            (PATH becomes a symbolic link). A running `giftwise serve --db PATH` switches to it \
            within a fraction of a second; requests in flight finish on the previous snapshot. \
            Each snapshot keeps its own -wal/-shm files, so a new file never meets an old \
            write-ahead log. The two newest snapshots are kept.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Where servers read the catalog (their --db).", valueName: "path"))
    var target: String

    func run() throws {
        let catalog = try database.open()
        let published = try catalog.publishSnapshot(at: target)
        Output.write("Published \(published.products) products at \(target) (snapshot \(published.snapshotPath)).\n")
    }
}
