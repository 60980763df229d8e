import Foundation
import GRDB

/// Formats a catalog can be written in.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// CSV with the import header.
    case csv
    /// A JSON array of objects.
    case json
    /// One JSON object per line.
    case jsonl
}

extension GiftCatalog {
    /// Writes every product in the import format, ordered by id, in batches (memory stays flat).
    ///
    /// Only the tags the shop supplied are written (those the importer inferred from text are
    /// left out), so importing the export into an empty catalog infers them again and gives back
    /// the same catalog.
    /// - Parameters:
    ///   - format: CSV, JSON or JSON Lines.
    ///   - write: receives the output piece by piece.
    public func export(format: ExportFormat, to write: (Data) throws -> Void) throws {
        let batchSize = 2_000
        var afterID: String?
        var first = true
        if format == .csv {
            try write(Data((CatalogField.formatFields.map(\.rawValue).joined(separator: ",") + "\n").utf8))
        } else if format == .json {
            try write(Data("[\n".utf8))
        }
        // The shop's own tags as the shop wrote them ("Speed Champions", not the folded key
        // "speed champion"), wherever the label reads back to the same tag.
        let labels = try database.read { db in try CatalogDatabase.freeTagLabels(db) }.filter { id, label in
            !label.contains("|") && TextNormalizer.key(label) == id
        }
        while true {
            let batch = try database.read { db in try ProductRecord.fetchPage(db, after: afterID, limit: batchSize) }
            guard let last = batch.last else { break }
            afterID = last.product.id
            var text = ""
            for entry in batch {
                let product = entry.product
                let interests = entry.supplied.map { labels[$0] ?? $0 }
                let purposes =
                    entry.inferred & ProductFlags.purposesInferred != 0 ? [] : product.purposes.map(\.rawValue)
                switch format {
                case .csv:
                    let fields: [String] = [
                        product.id, product.name, product.description, Self.decimal(product.price),
                        product.currency, product.ages.minMonths.map(Self.years) ?? "",
                        product.ages.maxMonths.map(Self.years) ?? "", interests.joined(separator: "|"),
                        purposes.joined(separator: "|"), product.url ?? "", product.inStock ? "true" : "false",
                    ]
                    text += fields.map(Self.csvField).joined(separator: ",") + "\n"
                case .json, .jsonl:
                    if format == .json && !first { text += ",\n" }
                    text += Self.jsonObject(product, interests: interests, purposes: purposes)
                    if format == .jsonl { text += "\n" }
                }
                first = false
            }
            try write(Data(text.utf8))
        }
        if format == .json { try write(Data((first ? "]\n" : "\n]\n").utf8)) }
    }

    static func decimal(_ money: Money) -> String {
        let value = money.minorUnits
        return "\(value / 100).\(String(format: "%02d", Int(value % 100)))"
    }

    static func years(_ months: Int) -> String {
        months % 12 == 0 ? String(months / 12) : String(Double(months) / 12)
    }

    static func csvField(_ value: String) -> String {
        guard
            value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || value.hasPrefix(" ")
                || value.hasSuffix(" ")
        else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `value` as a JSON string literal (quotes, backslashes and control characters escaped).
    package static func jsonString(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func jsonObject(_ product: Product, interests: [String], purposes: [String]) -> String {
        func key(_ field: CatalogField) -> String { "\"" + field.rawValue + "\":" }
        let parts = [
            key(.id) + jsonString(product.id),
            key(.name) + jsonString(product.name),
            key(.description) + jsonString(product.description),
            key(.price) + decimal(product.price),
            key(.currency) + jsonString(product.currency),
            key(.ageMin) + (product.ages.minMonths.map(years) ?? "null"),
            key(.ageMax) + (product.ages.maxMonths.map(years) ?? "null"),
            key(.interests) + "[" + interests.map(jsonString).joined(separator: ",") + "]",
            key(.purposes) + "[" + purposes.map(jsonString).joined(separator: ",") + "]",
            key(.url) + (product.url.map(jsonString) ?? "null"),
            key(.inStock) + (product.inStock ? "true" : "false"),
        ]
        return "{" + parts.joined(separator: ",") + "}"
    }
}
