import Foundation

/// Everything that can go wrong, each with a message a person can act on.
public enum GiftwiseError: LocalizedError, Sendable, Equatable {
    /// The file at `path` is not a Giftwise catalog (not SQLite, or damaged).
    case notACatalog(path: String)
    /// The catalog was written by a newer Giftwise.
    case newerCatalogVersion(path: String)
    /// The catalog or its folder cannot be created or written.
    case cannotWrite(path: String, reason: String)
    /// The disk (or the database's size limit) is full; nothing was changed.
    case diskFull(path: String)
    /// Another Giftwise process holds the catalog for writing (an import in progress).
    case busy(path: String)
    /// A catalog file to import cannot be read.
    case unreadableFile(path: String, reason: String)
    /// An import found invalid rows; nothing was written. See ``ImportReport/errors``.
    case invalidImport(ImportReport)
    /// A gift ideas file (see `catalog/README.md`) has these problems; nothing was loaded.
    case invalidGiftIdeas([String])
    /// A profile or answer value is not usable.
    case invalidProfile(String)
    /// An import option is not usable (a delimiter that cannot separate fields, …).
    case invalidImportOption(String)
    /// No saved recipient has this name.
    case unknownRecipient(String)
    /// A recipient with this name already exists.
    case recipientExists(String)
    /// No product with this id.
    case unknownProduct(String)
    /// A database failure not covered above; the catalog is unchanged.
    case database(String)

    /// The message to show.
    public var errorDescription: String? {
        switch self {
        case .notACatalog(let path):
            "\(path) is not a Giftwise catalog (it is not an SQLite database, or it is damaged). Move it aside or use another catalog file."
        case .newerCatalogVersion(let path):
            "\(path) was written by a newer version of Giftwise. Upgrade Giftwise, or use another catalog file."
        case .cannotWrite(let path, let reason):
            "Cannot write the catalog at \(path): \(reason). Check the folder exists and is writable, or use another catalog file."
        case .diskFull(let path):
            "The disk is full while writing \(path); nothing was changed. Free some space and try again."
        case .busy(let path):
            "Another Giftwise process is writing \(path) (an import in progress). Try again when it has finished."
        case .unreadableFile(let path, let reason):
            "Cannot read \(path): \(reason)."
        case .invalidImport(let report):
            report.errorSummary
        case .invalidGiftIdeas(let problems):
            "The gift ideas file is not usable: " + problems.joined(separator: "; ") + "."
        case .invalidProfile(let message), .invalidImportOption(let message):
            message
        case .unknownRecipient(let name):
            "No saved recipient is called \"\(name)\". `giftwise recipients list` shows who is saved."
        case .recipientExists(let name):
            "A recipient called \"\(name)\" is already saved. Pick another name or edit the saved one."
        case .unknownProduct(let id):
            "No product with id \"\(id)\" is in the catalog."
        case .database(let message):
            "The catalog database failed: \(message). The catalog is unchanged."
        }
    }
}
