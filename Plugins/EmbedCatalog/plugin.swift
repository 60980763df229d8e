import Foundation
import PackagePlugin

/// Compiles the human-editable default catalog in `catalog/` into the `Giftwise` library.
///
/// Shipping the catalog as a SwiftPM resource would tie every binary to a resource bundle beside
/// it (`Bundle.module` traps when it is missing, e.g. for a copied release binary). Embedding the
/// files as source keeps `catalog/` at the top level for editing and makes every build
/// self-contained.
@main
struct EmbedCatalog: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let catalog = context.package.directoryURL.appending(path: "catalog")
        let files = ["products.csv", "interests.json", "ideas.json"].map { catalog.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCatalog.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default catalog",
                executable: try context.tool(named: "EmbedCatalogTool").url,
                arguments: [output.path()] + files.map { $0.path() },
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
