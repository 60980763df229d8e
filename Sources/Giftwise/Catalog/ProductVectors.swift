import Foundation
import GRDB

/// Product vectors, stored beside the products (`product_vector`) so a catalog is embedded once,
/// at import, and never at query time.
///
/// A stored vector is 128 int8 components and a float32 scale, little-endian (132 bytes): the
/// same quantisation as the table it comes from, which lost nothing measurable.
package enum ProductVectors {
    /// The schema for stored vectors. Frozen once shipped, like every migration.
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-product-vector") { db in
            try db.execute(
                sql: """
                    CREATE TABLE product_vector (
                        product_pk INTEGER PRIMARY KEY REFERENCES product(pk) ON DELETE CASCADE,
                        content_hash INTEGER NOT NULL, -- the product's content_hash when it was embedded
                        vector BLOB NOT NULL           -- int8 components, then a float32 scale (little-endian)
                    );
                    INSERT OR REPLACE INTO meta (key, value) VALUES ('semantic_table', 'none');
                    """)
        }
    }

    /// `meta` key holding the fingerprint of the table the stored vectors came from.
    static let tableKey = "semantic_table"
    /// `meta` key bumped whenever stored vectors may have changed (in-memory indexes reload).
    static let generationKey = "semantic_generation"

    /// A fingerprint of the linked table: vectors from another table are recomputed.
    package static let tableFingerprint: String = {
        let table = SemanticTable.bundled
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for id in stride(from: Int32(0), to: Int32(table.count), by: 97) {
            for byte in table.piece(id).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ UInt64(table.weight(id).bitPattern)) &* 0x100_0000_01b3
        }
        return "minilm-l6-v2-\(table.dimensions)-" + String(hash, radix: 16)
    }()

    /// Embeds every product that has no vector, or whose content changed since it was embedded,
    /// inside the caller's transaction (an import calls this last, so a failed import keeps
    /// nothing). Cheap when nothing changed: one indexed anti-join.
    /// - Returns: how many products were (re)embedded.
    @discardableResult
    package static func fillMissing(_ db: Database, embedder: TextEmbedder = .bundled) throws -> Int {
        try forgetIfTableChanged(db)
        let select = try db.makeStatement(
            sql: """
                SELECT p.pk, p.content_hash, p.name, substr(p.description, 1, ?) FROM product p
                LEFT JOIN product_vector v ON v.product_pk = p.pk
                WHERE p.pk > ? AND (v.product_pk IS NULL OR v.content_hash <> p.content_hash)
                ORDER BY p.pk LIMIT 2048
                """)
        let upsert = try db.makeStatement(
            sql: "INSERT OR REPLACE INTO product_vector (product_pk, content_hash, vector) VALUES (?, ?, ?)")
        var encoder = ProductVectorEncoder(embedder: embedder)
        var after: Int64 = .min
        var filled = 0
        // Pages in pk order: each page is read whole before its vectors are written.
        while true {
            let page = try Row.fetchAll(select, arguments: [embeddedDescriptionScalars, after])
            guard let last = page.last else { break }
            for row in page {
                let name: String = row[2]
                let description: String = row[3] ?? ""
                // No known piece: a zero vector, similar to nothing.
                try upsert.execute(arguments: [
                    row[0] as Int64, row[1] as Int64, Data(encoder.encode(name: name, description: description)),
                ])
            }
            filled += page.count
            after = last[0]
        }
        try bumpGeneration(db)
        return filled
    }

    /// Drops every stored vector when they come from another table than the linked one, and
    /// records the linked table's fingerprint (the importer calls this before storing vectors).
    static func forgetIfTableChanged(_ db: Database) throws {
        let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [tableKey])
        if stored != tableFingerprint {
            try db.execute(sql: "DELETE FROM product_vector")
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [tableKey, tableFingerprint])
        }
    }

    static func bumpGeneration(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO meta (key, value) VALUES (?, '1')
                ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
                """, arguments: [generationKey])
    }

    /// Whether stored vectors are missing or come from another table (a catalog made before
    /// vectors existed): one key lookup, cheap enough for every open.
    package static func needsFilling(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [tableKey]) != tableFingerprint
    }

    /// Embeds a catalog made before vectors existed (or with another table) on open.
    package static func fillIfNeeded(_ database: CatalogDatabase) throws {
        guard try database.read({ try needsFilling($0) }) else { return }
        try database.write { db in
            if try needsFilling(db) { try fillMissing(db) }
        }
    }

    /// The stored generation (changes whenever vectors may have changed).
    static func generation(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [generationKey]) ?? "0"
    }

    // MARK: - Encoding

    /// 128 int8 components (each |x| / max|x| × 127, rounded) and the float32 scale.
    package static func encode(_ vector: SemanticVector) -> Data {
        Data(vector.components.withUnsafeBufferPointer { encodeBytes($0) })
    }

    /// Encodes unit-vector components as bytes (the importer binds them as a blob).
    static func encodeBytes(_ components: UnsafeBufferPointer<Float>) -> [UInt8] {
        var largest: Float = 0
        for value in components { largest = max(largest, abs(value)) }
        let scale = largest > 0 ? largest / 127 : 1
        return [UInt8](unsafeUninitializedCapacity: components.count + 4) { raw, initialized in
            for (index, value) in components.enumerated() {
                raw[index] = UInt8(bitPattern: Int8((value / scale).rounded()))
            }
            UnsafeMutableRawBufferPointer(raw).storeBytes(
                of: scale.bitPattern.littleEndian, toByteOffset: components.count, as: UInt32.self)
            initialized = components.count + 4
        }
    }

    /// How many characters of a description the stored vector reads (SQLite's `substr` counts
    /// Unicode scalars, so the import's parse side cuts the same way).
    static let embeddedDescriptionScalars = TextEmbedder.descriptionCharacters + 40

    /// The part of a description a stored vector is made from: what ``fillMissing(_:embedder:)``
    /// reads with `substr(description, 1, embeddedDescriptionScalars)`.
    static func embeddedOpening(of description: String) -> String {
        let scalars = description.unicodeScalars
        guard description.utf8.count > embeddedDescriptionScalars,
            let end = scalars.index(
                scalars.startIndex, offsetBy: embeddedDescriptionScalars, limitedBy: scalars.endIndex)
        else { return description }
        return String(String.UnicodeScalarView(scalars[..<end]))
    }

    /// The unit vector stored in `data`, or nil when the blob is not one.
    package static func decode(_ data: Data, dimensions: Int = SemanticTable.bundled.dimensions) -> SemanticVector? {
        guard data.count == dimensions + 4 else { return nil }
        return data.withUnsafeBytes { raw in
            let scale = Float(
                bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: dimensions, as: UInt32.self)))
            return SemanticVector(unitComponents: (0..<dimensions).map { Float(Int8(bitPattern: raw[$0])) * scale })
        }
    }

    /// The cosine of a unit query vector with a stored vector, without decoding it.
    @inline(__always)
    static func cosine(_ query: UnsafeBufferPointer<Float>, stored: UnsafeRawBufferPointer) -> Float {
        let dimensions = query.count
        guard stored.count == dimensions + 4 else { return 0 }
        let scale = Float(
            bitPattern: UInt32(littleEndian: stored.loadUnaligned(fromByteOffset: dimensions, as: UInt32.self)))
        var sum = SIMD16<Float>()
        let q = UnsafeRawPointer(query.baseAddress!)
        let s = stored.baseAddress!
        var offset = 0
        while offset + 16 <= dimensions {
            sum +=
                q.loadUnaligned(fromByteOffset: offset * 4, as: SIMD16<Float>.self)
                * SIMD16<Float>(s.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int8>.self))
            offset += 16
        }
        return sum.sum() * scale
    }
}
