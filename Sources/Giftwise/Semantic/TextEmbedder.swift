/// Turns text into a unit-length semantic vector: the smooth-inverse-frequency weighted mean of
/// its word pieces' rows in the distilled table (issue 12's recipe). "firefighters" lands near
/// "Fire Station", "scuba diving" near "Deep Sea Diver", without either in the taxonomy.
///
/// Cheap: no model runs, only table look-ups (a few microseconds for a phrase).
package struct TextEmbedder: Sendable {
    package let tokenizer: WordPieceTokenizer
    package var table: SemanticTable { tokenizer.table }

    /// The embedder over the table linked into the binary.
    package static let bundled = TextEmbedder(table: .bundled)

    package init(table: SemanticTable) {
        self.tokenizer = WordPieceTokenizer(table: table)
    }

    /// Dimensions of every vector (128).
    package var dimensions: Int { table.dimensions }

    /// The vector of `text`, or nil when it has no known word piece (empty, only symbols or
    /// unknown scripts).
    package func embed(_ text: String) -> SemanticVector? {
        embed(ids: tokenizer.ids(for: text))
    }

    /// The vector of what a person said ("scuba diving"), nil when the table does not understand
    /// every word of it.
    ///
    /// The table has one row per vocabulary piece, each distilled on its own. A word the
    /// vocabulary can only spell from scraps ("axolotls" = ax ##olo ##tl ##s, "crochet" =
    /// cr ##oche ##t, "sloths" = slot ##hs) gets the mean of those scraps, which is close to other
    /// spellings with the same scraps (a tractor called "Axion", slot cars) and to nothing the word
    /// means: offering those as "somewhat like" what they said would be false. Only these words
    /// are understood: a whole vocabulary word, or a word of pieces of at least four letters each
    /// (mine ##craft), optionally with an ending (unicorn ##s). A wish with any other word has no
    /// meaning here at all: what is left would mean something else ("k-pop" without its "k" is
    /// pop, "peppa pig" without "peppa" is any pig). Punctuation, numbers, "a" and "i" carry no
    /// topic and are skipped. Products keep their full vectors: this only decides what a wish means.
    package func embedWish(_ text: String) -> SemanticVector? {
        var ids: [Int32] = []
        for word in tokenizer.idsByWord(for: text) {
            guard let first = word.first else { continue }
            let head = table.piece(first)
            // Punctuation, numbers, "a" and "i": no topic of their own.
            let noTopic = head == "a" || head == "i" || !head.unicodeScalars.contains(where: \.properties.isAlphabetic)
            if word.count == 1, noTopic { continue }
            guard understands(word) else { return nil }
            ids.append(contentsOf: word)
        }
        return ids.isEmpty ? nil : embed(ids: ids)
    }

    /// Whether the table knows this word (its pieces) by meaning; see ``embedWish(_:)``.
    package func understands(_ pieces: [Int32]) -> Bool {
        guard let first = pieces.first, first != tokenizer.unknown else { return false }
        let head = table.piece(first)
        guard head.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return false }
        if pieces.count == 1 { return head.count > 1 }
        guard head.count >= 4 else { return false }
        return pieces.dropFirst().allSatisfy { id in
            let rest = table.piece(id).dropFirst(2)
            return rest.count >= 4 || Self.endings.contains(String(rest))
        }
    }

    /// Word endings that keep a word's meaning (unicorn ##s, dinosaur ##ing).
    private static let endings: Set<String> = ["s", "es", "ed", "ing", "er", "ers", "ly", "ness"]

    /// The vector of these word pieces; `[UNK]` is skipped.
    package func embed(ids: [Int32]) -> SemanticVector? {
        var sum = [Float](repeating: 0, count: table.dimensions)
        guard accumulate(ids[...], into: &sum) else { return nil }
        return SemanticVector(normalising: sum)
    }

    /// Adds the weighted rows of `ids` to `sum`; whether any piece was known.
    private func accumulate(_ ids: ArraySlice<Int32>, into sum: inout [Float]) -> Bool {
        var any = false
        sum.withUnsafeMutableBufferPointer { buffer in
            for id in ids where id != tokenizer.unknown {
                table.accumulate(id, factor: table.weight(id), into: buffer.baseAddress!)
                any = true
            }
        }
        return any
    }

    /// A product's vector, from its name and from its name with the start of its description:
    /// the name alone says what it is, the description's opening says what it is about, and its
    /// later sentences (care instructions, battery sizes) mostly add noise. Both halves are
    /// unit vectors before they are added, so the name counts at least half.
    /// (Words never cross whitespace, so the pieces of "name opening" are the name's followed by
    /// the opening's: the text is tokenised once and the name's sum reused.)
    package func embedProduct(name: String, description: String) -> SemanticVector? {
        var components = [Float](repeating: 0, count: table.dimensions)
        var scratch = components
        guard embedProduct(name: name, description: description, into: &components, scratch: &scratch) else {
            return nil
        }
        return SemanticVector(unitComponents: components)
    }

    /// ``embedProduct(name:description:)`` into caller-owned buffers (the import embeds every
    /// product: no allocation per product). `vector` receives the unit vector, or zeros and
    /// false when the text has no known piece.
    package func embedProduct(name: String, description: String, into vector: inout [Float], scratch: inout [Float])
        -> Bool
    {
        let opening = Self.opening(of: description, maxCharacters: Self.descriptionCharacters)
        var ids = tokenizer.ids(for: name)
        let nameCount = ids.count
        tokenizer.appendIDs(for: String(opening), to: &ids)
        for index in vector.indices { vector[index] = 0 }
        let hasName = accumulate(ids[..<nameCount], into: &vector)
        scratch.withUnsafeMutableBufferPointer { nameVector in
            vector.withUnsafeBufferPointer { nameVector.baseAddress!.update(from: $0.baseAddress!, count: $0.count) }
        }
        let hasText = accumulate(ids[nameCount...], into: &vector)
        guard hasName || hasText else { return false }
        if hasName && hasText {
            // Both halves to unit length, then their sum to unit length.
            let nameLength = Self.length(scratch)
            let combinedLength = Self.length(vector)
            for index in vector.indices { vector[index] = scratch[index] / nameLength + vector[index] / combinedLength }
        }
        let length = Self.length(vector)
        if length > 0 { for index in vector.indices { vector[index] /= length } }
        return true
    }

    private static func length(_ values: [Float]) -> Float {
        var squares: Float = 0
        for value in values { squares += value * value }
        return squares.squareRoot()
    }

    /// How much of a description a product vector reads.
    package static let descriptionCharacters = 240

    /// The first `maxCharacters` characters of `text`, cut at a word boundary.
    static func opening(of text: String, maxCharacters: Int) -> Substring {
        guard text.utf8.count > maxCharacters, text.count > maxCharacters else { return Substring(text) }
        let cut = text.prefix(maxCharacters)
        if let space = cut.lastIndex(where: { $0 == " " || $0 == "\n" }) { return cut[..<space] }
        return cut
    }
}

/// A unit-length semantic vector (128 floats). The cosine of two is their dot product.
package struct SemanticVector: Sendable, Hashable {
    package private(set) var components: [Float]

    /// Scales `raw` to unit length (a zero vector stays zero).
    package init(normalising raw: [Float]) {
        var squared: Float = 0
        for value in raw { squared += value * value }
        let length = squared.squareRoot()
        components = length > 0 ? raw.map { $0 / length } : raw
    }

    /// Wraps components that are already unit length (or stored ones).
    package init(unitComponents: [Float]) { components = unitComponents }

    /// Cosine similarity in -1 … 1.
    package func cosine(_ other: SemanticVector) -> Float {
        components.withUnsafeBufferPointer { a in
            other.components.withUnsafeBufferPointer { b in SemanticVector.dot(a, b) }
        }
    }

    /// SIMD dot product of two equal-length float buffers (length a multiple of 16).
    @inline(__always)
    static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        let count = min(a.count, b.count)
        var sum = SIMD16<Float>()
        let ra = UnsafeRawPointer(a.baseAddress!)
        let rb = UnsafeRawPointer(b.baseAddress!)
        var offset = 0
        while offset + 16 <= count {
            sum +=
                ra.loadUnaligned(fromByteOffset: offset * 4, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset * 4, as: SIMD16<Float>.self)
            offset += 16
        }
        var total = sum.sum()
        while offset < count {
            total += a[offset] * b[offset]
            offset += 1
        }
        return total
    }
}
