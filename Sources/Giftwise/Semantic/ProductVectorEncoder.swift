/// Makes products' stored vectors bit for bit as ``TextEmbedder/embedProduct(name:description:into:scratch:)``
/// over the name and ``ProductVectors/embeddedOpening(of:)`` followed by
/// ``ProductVectors/encodeBytes(_:)`` make them, with less work a product: an import embeds every
/// product on its parsing threads, and that was 18 % of its CPU (issue 15).
///
/// When the name and the part of the description a vector reads are ASCII (most catalog text),
/// the bytes are read in place — no String for the opening, no id array, no closure a word, one
/// hash look-up for the single-character words (punctuation) — and each word's rows are added as
/// soon as the word is split, in the same order, so every float sum is the same. Scaling,
/// normalising and quantising go four components at a time: each of those steps works on one
/// component alone (a quotient, a sum of two quotients, a rounding), so lanes change nothing;
/// the three vector lengths stay sums in component order. Any other text goes the general way.
///
/// A value per thread: it owns the buffers it reuses.
package struct ProductVectorEncoder {
    package let embedder: TextEmbedder
    /// ``TextEmbedder/embedProduct(name:description:into:scratch:)``'s buffers, for the general way.
    private var sum: [Float]
    private var nameSum: [Float]
    /// The fast way's two sums, one after the other.
    private var fastSums: [Float]
    /// The id of each one-byte ASCII word ("." or "x"), or `unknown` when the vocabulary has none.
    private let singleByteIDs: [Int32]

    /// Whether ASCII text takes the fast way (false: always the general way, to compare).
    private let fastWay: Bool

    package init(embedder: TextEmbedder = .bundled, fastWay: Bool = true) {
        self.embedder = embedder
        self.fastWay = fastWay
        sum = [Float](repeating: 0, count: embedder.dimensions)
        nameSum = sum
        fastSums = [Float](repeating: 0, count: 2 * embedder.dimensions)
        var ids = [Int32](repeating: embedder.tokenizer.unknown, count: 128)
        for byte in UInt8(0)..<128 {
            withUnsafePointer(to: byte) { pointer in
                if let id = embedder.table.id(of: UnsafeBufferPointer(start: pointer, count: 1)) { ids[Int(byte)] = id }
            }
        }
        singleByteIDs = ids
    }

    /// The stored form of the product's vector (``ProductVectors/encodeBytes(_:)``).
    package mutating func encode(name: String, description: String) -> [UInt8] {
        var name = name
        var description = description
        // The two sums' buffer taken out of `self` while it is written: the words are read
        // through `self`, which the closures then need not copy.
        var sums: [Float] = []
        swap(&sums, &fastSums)
        defer { swap(&sums, &fastSums) }
        let fast =
            !fastWay
            ? nil
            : sums.withUnsafeMutableBufferPointer { buffer in
                name.withUTF8 { nameBytes in
                    description.withUTF8 { descriptionBytes in
                        encodeASCII(name: nameBytes, description: descriptionBytes, sums: buffer.baseAddress!)
                    }
                }
            }
        if let fast { return fast }
        _ = embedder.embedProduct(
            name: name, description: ProductVectors.embeddedOpening(of: description), into: &sum, scratch: &nameSum)
        return sum.withUnsafeBufferPointer { ProductVectors.encodeBytes($0) }
    }

    /// The fast way, or nil when the text it reads is not plain ASCII. `sums` holds two vectors.
    private func encodeASCII(
        name: UnsafeBufferPointer<UInt8>, description: UnsafeBufferPointer<UInt8>, sums: UnsafeMutablePointer<Float>
    ) -> [UInt8]? {
        guard Self.isASCII(name) else { return nil }
        // ``ProductVectors/embeddedOpening(of:)``: the first 280 scalars (bytes, when ASCII).
        let embedded = UnsafeBufferPointer(
            rebasing: description[..<min(description.count, ProductVectors.embeddedDescriptionScalars)])
        guard Self.isASCII(embedded) else { return nil }
        // ``TextEmbedder/opening(of:maxCharacters:)`` counts characters: one a byte in ASCII,
        // except "\r\n", one character of two bytes. Such text goes the general way.
        var opening = embedded
        let limit = TextEmbedder.descriptionCharacters
        if embedded.count > limit {
            if embedded.contains(0x0D) { return nil }
            let cut = UnsafeBufferPointer(rebasing: embedded[..<limit])
            if let space = cut.lastIndex(where: { $0 == 0x20 || $0 == 0x0A }) {
                opening = UnsafeBufferPointer(rebasing: cut[..<space])
            } else {
                opening = cut
            }
        }
        let dimensions = embedder.dimensions
        let vector = sums
        let nameVector = sums + dimensions
        vector.update(repeating: 0, count: dimensions)
        let hasName = accumulateWords(of: name, into: vector)
        nameVector.update(from: vector, count: dimensions)
        let hasText = accumulateWords(of: opening, into: vector)
        if hasName && hasText {
            let (nameLength, combinedLength) = Self.lengths(nameVector, vector, count: dimensions)
            Self.combine(nameVector, nameLength, vector, combinedLength, count: dimensions)
        }
        if hasName || hasText {
            let length = Self.length(vector, count: dimensions)
            if length > 0 { Self.divide(vector, by: length, count: dimensions) }
        }
        return Self.quantise(UnsafeBufferPointer(start: vector, count: dimensions))
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        let base = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
        // Eight bytes at a time: any high bit set is non-ASCII.
        while index + 8 <= count {
            if base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    // MARK: - Words

    /// Adds the weighted rows of the word pieces of ASCII `text` to `vector`, in the order
    /// ``WordPieceTokenizer`` gives them; whether any piece was known. Same rules as its byte
    /// path: whitespace splits, other control bytes are dropped, each punctuation byte is a word,
    /// letters are lower-cased, a word over 100 characters or with an unmatched remainder is
    /// `[UNK]` (skipped).
    private func accumulateWords(of text: UnsafeBufferPointer<UInt8>, into vector: UnsafeMutablePointer<Float>)
        -> Bool
    {
        // The word at offset 2, so a later piece is spelled "##…" in place (see `addWord`).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxWordBytes + 2) { buffer in
            let word = buffer.baseAddress!
            var length = 0
            var any = false
            for byte in text {
                switch byte {
                case 0x09, 0x0A, 0x0D, 0x20:
                    if length > 0 {
                        if addWord(word, length: length, into: vector) { any = true }
                        length = 0
                    }
                case 0x00..<0x20, 0x7F:
                    continue
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                    if length > 0 {
                        if addWord(word, length: length, into: vector) { any = true }
                        length = 0
                    }
                    let id = singleByteIDs[Int(byte)]
                    if id != embedder.tokenizer.unknown {
                        add(id, into: vector)
                        any = true
                    }
                default:
                    if length < Self.maxWordBytes { word[2 + length] = (0x41...0x5A).contains(byte) ? byte + 32 : byte }
                    length += 1
                }
            }
            if length > 0, addWord(word, length: length, into: vector) { any = true }
            return any
        }
    }

    /// Words longer than this are one `[UNK]` (``WordPieceTokenizer``'s 100 characters).
    private static let maxWordBytes = 100
    /// Pieces a word can have (one a byte at most).
    private static let maxPieces = maxWordBytes

    /// Adds the rows of one word (`length` bytes at `word + 2`); whether it was known.
    private func addWord(_ word: UnsafeMutablePointer<UInt8>, length: Int, into vector: UnsafeMutablePointer<Float>)
        -> Bool
    {
        guard length <= Self.maxWordBytes else { return false }
        let table = embedder.table
        if let whole = table.id(of: UnsafeBufferPointer(start: word + 2, count: length)) {
            guard whole != embedder.tokenizer.unknown else { return false }
            add(whole, into: vector)
            return true
        }
        // Greedy longest match from the left. A later piece starting at byte `start` is looked
        // up as "##" + its bytes by writing "##" over the two bytes before it, which belong to
        // pieces already matched.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.maxPieces) { pieces in
            var count = 0
            var start = 0
            while start < length {
                var end = length
                var found: Int32?
                if start > 0 {
                    word[start] = UInt8(ascii: "#")
                    word[start + 1] = UInt8(ascii: "#")
                }
                while start < end {
                    found =
                        start == 0
                        ? table.id(of: UnsafeBufferPointer(start: word + 2, count: end))
                        : table.id(of: UnsafeBufferPointer(start: word + start, count: end - start + 2))
                    if found != nil { break }
                    end -= 1
                }
                guard let piece = found else { return false }  // the whole word is [UNK]
                pieces[count] = piece
                count += 1
                start = end
            }
            var any = false
            for index in 0..<count where pieces[index] != embedder.tokenizer.unknown {
                add(pieces[index], into: vector)
                any = true
            }
            return any
        }
    }

    @inline(__always)
    private func add(_ id: Int32, into vector: UnsafeMutablePointer<Float>) {
        let table = embedder.table
        table.accumulate(id, factor: table.weight(id), into: vector)
    }

    // MARK: - Lengths, normalising, quantising

    /// The length of each vector, each a sum of squares in component order (as
    /// ``TextEmbedder``'s), the two sums interleaved.
    private static func lengths(_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, count: Int)
        -> (Float, Float)
    {
        var first: Float = 0
        var second: Float = 0
        for index in 0..<count {
            first += a[index] * a[index]
            second += b[index] * b[index]
        }
        return (first.squareRoot(), second.squareRoot())
    }

    private static func length(_ a: UnsafeMutablePointer<Float>, count: Int) -> Float {
        var squares: Float = 0
        for index in 0..<count { squares += a[index] * a[index] }
        return squares.squareRoot()
    }

    /// `vector = name / nameLength + vector / combinedLength`, component by component.
    private static func combine(
        _ name: UnsafeMutablePointer<Float>, _ nameLength: Float, _ vector: UnsafeMutablePointer<Float>,
        _ combinedLength: Float, count: Int
    ) {
        let n = UnsafeMutableRawPointer(name)
        let v = UnsafeMutableRawPointer(vector)
        let nameDivisor = SIMD4<Float>(repeating: nameLength)
        let combinedDivisor = SIMD4<Float>(repeating: combinedLength)
        for offset in stride(from: 0, to: count * 4, by: 16) {
            let result =
                n.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self) / nameDivisor
                + v.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self) / combinedDivisor
            v.storeBytes(of: result, toByteOffset: offset, as: SIMD4<Float>.self)
        }
    }

    private static func divide(_ vector: UnsafeMutablePointer<Float>, by divisor: Float, count: Int) {
        let v = UnsafeMutableRawPointer(vector)
        let divisors = SIMD4<Float>(repeating: divisor)
        for offset in stride(from: 0, to: count * 4, by: 16) {
            v.storeBytes(
                of: v.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self) / divisors, toByteOffset: offset,
                as: SIMD4<Float>.self)
        }
    }

    /// ``ProductVectors/encodeBytes(_:)``: each component / (max |x| / 127), rounded half away
    /// from zero, as int8, then the float32 scale. The rounding is exact without `roundf`: for
    /// |q| ≤ 127, |q| + 2²³ rounds to the nearest integer (ties to even) and its low bits are that
    /// integer; a tie rounded down (|q| − k = 0.5) is rounded up instead.
    static func quantise(_ components: UnsafeBufferPointer<Float>) -> [UInt8] {
        let count = components.count
        var largest: Float = 0
        for value in components { largest = max(largest, abs(value)) }
        let scale = largest > 0 ? largest / 127 : 1
        return [UInt8](unsafeUninitializedCapacity: count + 4) { raw, initialized in
            let source = UnsafeRawPointer(components.baseAddress!)
            let target = UnsafeMutableRawPointer(raw.baseAddress!)
            let scales = SIMD4<Float>(repeating: scale)
            let shift = SIMD4<Float>(repeating: 8_388_608)  // 2²³
            for block in 0..<(count / 4) {
                let quotient = source.loadUnaligned(fromByteOffset: block * 16, as: SIMD4<Float>.self) / scales
                let negative = quotient .< 0
                let magnitude = quotient.replacing(with: -quotient, where: negative)
                let shifted = magnitude + shift
                var rounded = unsafeBitCast(shifted, to: SIMD4<Int32>.self) &- 0x4B00_0000
                rounded &+= SIMD4<Int32>(repeating: 0).replacing(with: 1, where: magnitude - (shifted - shift) .== 0.5)
                rounded.replace(with: 0 &- rounded, where: negative)
                target.storeBytes(
                    of: SIMD4<Int8>(truncatingIfNeeded: rounded), toByteOffset: block * 4, as: SIMD4<Int8>.self)
            }
            for index in (count / 4 * 4)..<count {
                raw[index] = UInt8(bitPattern: Int8((components[index] / scale).rounded()))
            }
            target.storeBytes(of: scale.bitPattern.littleEndian, toByteOffset: count, as: UInt32.self)
            initialized = count + 4
        }
    }
}
