import Foundation

/// What a product's description says about the product itself. A sentence that points to other
/// versions ("The puppet is also available in monkey, crocodile, giraffe and penguin designs",
/// "Also available are the range of 3D Pop Up Kites") describes other products: its words neither
/// tag the product nor make it a match (a dinosaur puppet is not a gift for someone who loves
/// birds). The full-text index keeps every word; only the reading of them changes.
enum OwnDescription {
    /// `description` without its sentences about other versions, from "also available" to the
    /// end of that sentence.
    static func of(_ description: String) -> String {
        // Most descriptions have no such sentence: one byte scan answers for them.
        guard mayMentionOtherVersions(description) else { return description }
        var text = Substring(description)
        var kept = ""
        while let start = text.range(of: "also available", options: .caseInsensitive) {
            kept += text[..<start.lowerBound]
            let rest = text[start.upperBound...]
            guard let end = rest.firstIndex(where: { $0 == "." || $0 == "!" || $0 == "\n" }) else {
                return kept
            }
            kept += " "
            text = rest[rest.index(after: end)...]
        }
        return kept + text
    }

    /// Whether the text holds "vailable" anywhere, by one pass over its bytes (the importer asks
    /// this of every description it tags).
    private static func mayMentionOtherVersions(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            let needle: StaticString = "vailable"
            let count = needle.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: count)
            var index = 0
            while index <= bytes.count - count {
                if bytes[index] == pattern[0], bytes[(index + 1)..<(index + count)].elementsEqual(pattern.dropFirst()) {
                    return true
                }
                index += 1
            }
            return false
        } ?? true
    }
}
