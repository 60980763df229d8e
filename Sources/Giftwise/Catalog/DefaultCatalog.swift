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
    package static let taxonomyFingerprint: String = String(StableHash.fnv1a(interestsJSON), radix: 16)
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
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for var part in parts {
            // The contiguous bytes (a UTF-8 view walked index by index cost twice as much).
            part.withUTF8 { bytes in
                for byte in bytes {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x100_0000_01b3
                }
            }
            hash ^= 0x1f
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
