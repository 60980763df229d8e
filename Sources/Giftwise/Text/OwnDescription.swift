import Foundation

/// What a product's description says about the product itself. A sentence that points to other
/// versions ("The puppet is also available in monkey, crocodile, giraffe and penguin designs",
/// "Also available are the range of 3D Pop Up Kites") describes other products, and so does one
/// about the seller's range ("We sell Consumer Electronics & Gadgets at wholesale prices",
/// "please see our other listings as we have loads more puppets", "Product Line: Accessories for
/// PC & Laptop…"): its words neither tag the product nor make it a match (a dinosaur puppet is
/// not a gift for someone who loves birds, nor a bag of peacock feathers one for someone into
/// technology). The full-text index keeps every word; only the reading of them changes.
enum OwnDescription {
    /// `description` without its sentences about other products, from the words that start
    /// such a sentence ("also available", "we sell", "our other"…) to the end of that sentence.
    static func of(_ description: String) -> String {
        var description = description
        // Most descriptions have no such sentence: one pass over the bytes answers for them.
        guard let first = description.withUTF8({ firstMarker(in: $0, from: 0) }) else { return description }
        return description.withUTF8 { bytes -> String in
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var start = 0
            var marker: Int? = first
            while let at = marker {
                kept.append(contentsOf: bytes[start..<at])
                guard
                    let end = bytes[at...].firstIndex(where: {
                        $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?")
                            || $0 == UInt8(ascii: "\n")
                    })
                else { return String(decoding: kept, as: UTF8.self) }
                kept.append(UInt8(ascii: " "))
                start = end + 1
                marker = firstMarker(in: bytes, from: start)
            }
            kept.append(contentsOf: bytes[start...])
            return String(decoding: kept, as: UTF8.self)
        }
    }

    /// Words that start a sentence about other products than this one, lower-case: other
    /// versions, and the seller's shop or range.
    static let markers: [[UInt8]] = [
        "also available", "we sell", "we also sell", "we stock", "we also stock", "we have lots",
        "we have loads", "we have many", "we have plenty", "we have a wide", "we have a large range",
        "we have a huge", "our other", "our store", "our shop", "our listings", "our range",
        "our products", "our ebay", "other listings", "product line:",
    ].map { Array($0.utf8) }

    /// ``markers`` by their first byte: the importer reads every description, so a word start
    /// is compared only with the markers that begin with its letter (a, o, p or w).
    private static let markersByFirstByte: [[[UInt8]]] = {
        var table = Array(repeating: [[UInt8]](), count: 256)
        for marker in markers { table[Int(marker[0])].append(marker) }
        return table
    }()

    /// Where the first marker starts as words of their own, at or after `from`, in any case.
    private static func firstMarker(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var index = from
        while index < bytes.count {
            let byte = bytes[index] | 0x20  // ASCII lower case (other bytes never match below)
            // Every marker starts with one of these letters: most bytes are ruled out here.
            if byte == UInt8(ascii: "a") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "o")
                || byte == UInt8(ascii: "p"), index == 0 || !isLetter(bytes[index - 1])
            {
                for marker in markersByFirstByte[Int(byte)] where bytes.count - index >= marker.count {
                    var matched = true
                    for offset in 1..<marker.count where bytes[index + offset] | 0x20 != marker[offset] {
                        matched = false
                        break
                    }
                    if matched,
                        index + marker.count == bytes.count || !isLetter(bytes[index + marker.count])
                            || marker.last == UInt8(ascii: ":")
                    {
                        return index
                    }
                }
            }
            index += 1
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }
}
