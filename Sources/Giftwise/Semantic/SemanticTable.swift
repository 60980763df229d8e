import GiftwiseEmbeddings

/// The static word-piece embedding table distilled from all-MiniLM-L6-v2, read in place.
///
/// The bytes are linked into the binary (`Sources/GiftwiseEmbeddings`, written by
/// `tools/distill_embeddings.py`, which documents the layout): opening the table parses a 64-byte
/// header and nothing else, so a process that never embeds text pays nothing, and one that does
/// touches only the rows and hash slots it reads.
package struct SemanticTable: @unchecked Sendable {  // a pointer into immutable, static data
    /// Number of word pieces in the vocabulary.
    package let count: Int
    /// Dimensions of a row (128).
    package let dimensions: Int
    private let base: UnsafeRawPointer
    private let size: Int
    private let scales: UnsafePointer<Float>
    private let weights: UnsafePointer<Float>
    private let vectors: UnsafePointer<Int8>
    private let stringOffsets: UnsafePointer<UInt32>
    private let strings: UnsafePointer<UInt8>
    private let hashSlots: UnsafePointer<UInt16>
    private let slotMask: Int
    /// Whether ``accumulate(_:factor:into:)`` adds rows with AVX2, eight components at a time (the
    /// same sums bit for bit; tests compare the two ways).
    package let accumulatesWithAVX2: Bool

    /// Whether this machine runs AVX2 code.
    package static let machineHasAVX2 = gw_cpu_has_avx2() != 0

    /// The table linked into this binary.
    package static let bundled: SemanticTable = {
        guard
            let table = SemanticTable(
                bytes: UnsafeRawPointer(gw_semantic_table_bytes()), size: gw_semantic_table_size())
        else { preconditionFailure("the linked semantic table is malformed; rerun tools/distill_embeddings.py") }
        return table
    }()

    /// Reads a table laid out by `tools/distill_embeddings.py`; nil when the header is not one.
    package init?(bytes: UnsafeRawPointer, size: Int, accumulatesWithAVX2: Bool = SemanticTable.machineHasAVX2) {
        guard size >= 64, bytes.load(fromByteOffset: 0, as: UInt64.self) == Self.magic else { return nil }
        func word(_ index: Int) -> Int {
            Int(UInt32(littleEndian: bytes.load(fromByteOffset: 8 + 4 * index, as: UInt32.self)))
        }
        let (count, dimensions, slots) = (word(0), word(1), word(2))
        let total = word(9)
        guard count > 0, dimensions > 0, dimensions % 16 == 0, slots > count, slots & (slots - 1) == 0, total <= size
        else { return nil }
        self.count = count
        self.dimensions = dimensions
        self.base = bytes
        self.size = size
        self.scales = (bytes + word(3)).assumingMemoryBound(to: Float.self)
        self.weights = (bytes + word(4)).assumingMemoryBound(to: Float.self)
        self.vectors = (bytes + word(5)).assumingMemoryBound(to: Int8.self)
        self.stringOffsets = (bytes + word(6)).assumingMemoryBound(to: UInt32.self)
        self.strings = (bytes + word(7)).assumingMemoryBound(to: UInt8.self)
        self.hashSlots = (bytes + word(8)).assumingMemoryBound(to: UInt16.self)
        self.slotMask = slots - 1
        self.accumulatesWithAVX2 = accumulatesWithAVX2 && Self.machineHasAVX2
    }

    /// This table, adding rows with AVX2 or without (tests: the sums must be the same).
    package func accumulating(withAVX2 wide: Bool) -> SemanticTable {
        SemanticTable(bytes: base, size: size, accumulatesWithAVX2: wide)!
    }

    /// "GWSEM002" read as a little-endian UInt64.
    private static let magic: UInt64 = Array("GWSEM002".utf8).reversed().reduce(0) { $0 << 8 | UInt64($1) }

    /// The id of the word piece spelled by these UTF-8 bytes, if the vocabulary has it.
    package func id(of piece: UnsafeBufferPointer<UInt8>) -> Int32? {
        var hash: UInt32 = 0x811C_9DC5
        for byte in piece { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        var slot = Int(hash) & slotMask
        while true {
            let entry = hashSlots[slot]
            if entry == 0 { return nil }
            let id = Int(entry) - 1
            let start = Int(stringOffsets[id])
            let length = Int(stringOffsets[id + 1]) - start
            if length == piece.count, memcmp(strings + start, piece.baseAddress!, length) == 0 {
                return Int32(id)
            }
            slot = (slot + 1) & slotMask
        }
    }

    /// The id of `piece` ("dinosaur", "##s", "[UNK]").
    package func id(of piece: String) -> Int32? {
        var piece = piece
        return piece.withUTF8 { id(of: $0) }
    }

    /// The word piece with this id.
    package func piece(_ id: Int32) -> String {
        let start = Int(stringOffsets[Int(id)])
        let end = Int(stringOffsets[Int(id) + 1])
        return String(decoding: UnsafeBufferPointer(start: strings + start, count: end - start), as: UTF8.self)
    }

    /// Whether the piece is a whole word of at least `minimumLength` ASCII letters a–z (read from
    /// the bytes: no string is made).
    package func isPlainWord(_ id: Int32, minimumLength: Int) -> Bool {
        let start = Int(stringOffsets[Int(id)])
        let end = Int(stringOffsets[Int(id) + 1])
        guard end - start >= minimumLength else { return false }
        for index in start..<end where !(0x61...0x7A).contains(strings[index]) { return false }
        return true
    }

    /// The smooth-inverse-frequency weight of a word piece: near 0 for "the", 1 for rare pieces.
    package func weight(_ id: Int32) -> Float { weights[Int(id)] }

    /// Whether this is the table linked into the binary.
    package var isBundled: Bool { base == UnsafeRawPointer(gw_semantic_table_bytes()) }

    /// The dot product of the dequantised row of `id` with `vector` (length `dimensions`).
    @inline(__always)
    package func dot(_ id: Int32, _ vector: UnsafeBufferPointer<Float>) -> Float {
        let row = UnsafeRawPointer(vectors + Int(id) * dimensions)
        let v = UnsafeRawPointer(vector.baseAddress!)
        var sum = SIMD16<Float>()
        for block in 0..<(dimensions / 16) {
            sum +=
                SIMD16<Float>(row.loadUnaligned(fromByteOffset: block * 16, as: SIMD16<Int8>.self))
                * v.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<Float>.self)
        }
        return sum.sum() * scales[Int(id)]
    }

    /// The cosine of the rows of two ids (their scales cancel: read from the bytes, nothing
    /// allocated); 0 when either row is zero.
    package func cosine(_ first: Int32, _ second: Int32) -> Float {
        let a = vectors + Int(first) * dimensions
        let b = vectors + Int(second) * dimensions
        var (dot, squaresA, squaresB): (Int32, Int32, Int32) = (0, 0, 0)
        for index in 0..<dimensions {
            let (x, y) = (Int32(a[index]), Int32(b[index]))
            dot += x * y
            squaresA += x * x
            squaresB += y * y
        }
        guard squaresA > 0, squaresB > 0 else { return 0 }
        return Float(dot) / (Float(squaresA).squareRoot() * Float(squaresB).squareRoot())
    }

    /// The length of the dequantised row of `id`.
    package func norm(_ id: Int32) -> Float {
        let row = vectors + Int(id) * dimensions
        var squares: Float = 0
        for index in 0..<dimensions { squares += Float(row[index]) * Float(row[index]) }
        return squares.squareRoot() * scales[Int(id)]
    }

    /// Adds `factor` × the dequantised row of `id` to `sum` (length `dimensions`).
    @inline(__always)
    package func accumulate(_ id: Int32, factor: Float, into sum: UnsafeMutablePointer<Float>) {
        if accumulatesWithAVX2 {
            gw_accumulate_row_avx2(vectors + Int(id) * dimensions, factor * scales[Int(id)], sum, dimensions)
            return
        }
        let row = UnsafeRawPointer(vectors + Int(id) * dimensions)
        let scaled = SIMD4<Float>(repeating: factor * scales[Int(id)])
        let sumRaw = UnsafeMutableRawPointer(sum)
        // Four components at a time: SIMD16<Float>(SIMD16<Int8>) was a call per block, not
        // inlined. Each component is the same sum either way.
        for block in 0..<(dimensions / 4) {
            let bytes = SIMD4<Int32>(
                truncatingIfNeeded: row.loadUnaligned(fromByteOffset: block * 4, as: SIMD4<Int8>.self))
            let current = sumRaw.loadUnaligned(fromByteOffset: block * 16, as: SIMD4<Float>.self)
            sumRaw.storeBytes(
                of: current + SIMD4<Float>(bytes) * scaled, toByteOffset: block * 16, as: SIMD4<Float>.self)
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
