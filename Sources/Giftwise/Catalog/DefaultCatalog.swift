import Foundation

/// The default catalog and taxonomy compiled into the library from `catalog/`.
package enum DefaultCatalog {
    /// `catalog/products.csv`.
    package static var productsCSV: Data { Data(base64Encoded: EmbeddedCatalog.productsBase64) ?? Data() }

    /// `catalog/interests.json`.
    package static var interestsJSON: Data { Data(base64Encoded: EmbeddedCatalog.interestsBase64) ?? Data() }

    /// `catalog/ideas.json`.
    package static var ideasJSON: Data { Data(base64Encoded: EmbeddedCatalog.ideasBase64) ?? Data() }

    /// The bundled gift ideas, parsed once (the tests check the file is valid and names only known ids).
    package static let giftIdeas: GiftIdeas = (try? GiftIdeas(jsonData: ideasJSON)) ?? .none

    /// The bundled taxonomy, parsed once.
    package static let taxonomy: Taxonomy = {
        let decoded = (try? JSONDecoder().decode([Interest].self, from: interestsJSON)) ?? []
        return Taxonomy(interests: decoded)
    }()

    /// A fingerprint of the bundled taxonomy, to notice when an installed copy is out of date.
    /// The installed copy stores wishes folded (`interest_cover.wish_key`), so the fingerprint
    /// names the folding rules too: when they change (``TextNormalizer/foldRules``), catalogs
    /// install the taxonomy again.
    package static let taxonomyFingerprint: String =
        String(StableHash.fnv1a(interestsJSON), radix: 16) + "-" + TextNormalizer.foldRules
}

/// FNV-1a: a stable 64-bit hash (Swift's `Hasher` is seeded per process, so it cannot be stored).
package enum StableHash {
    package static func fnv1a(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over the raw bytes: `Data`'s own iterator costs a call a byte (every process hashes the
        // bundled taxonomy once).
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        return hash
    }

    package static func fnv1a(_ parts: [String]) -> Int64 {
        var hasher = Parts()
        for part in parts {
            hasher.add(part)
            hasher.endPart()
        }
        return hasher.value
    }

    /// ``fnv1a(_:)-([String])`` fed piece by piece: the same value for the same parts, without
    /// building the list or joining a part's pieces into a string first (the importer hashes
    /// every row: the list and the joined strings were a third of that, issue 15).
    package struct Parts {
        private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

        package init() {}

        /// Adds text to the current part.
        package mutating func add(_ text: String) {
            var text = text
            // The contiguous bytes (a UTF-8 view walked index by index cost twice as much).
            text.withUTF8 { bytes in
                for byte in bytes { add(byte) }
            }
        }

        /// Adds an integer's decimal digits (as `String(value)` writes them) to the current part.
        package mutating func add(decimal value: Int) {
            if value < 0 { add(UInt8(ascii: "-")) }
            let magnitude = value.magnitude
            var divisor: UInt = 1
            while magnitude / divisor >= 10 { divisor *= 10 }
            repeat {
                add(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
                divisor /= 10
            } while divisor > 0
        }

        @inline(__always)
        package mutating func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }

        /// Ends the current part (parts are separated as ``fnv1a(_:)-([String])`` separates them).
        package mutating func endPart() { add(0x1f) }

        package var value: Int64 { Int64(bitPattern: hash) }
    }
}
