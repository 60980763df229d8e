import GRDB

/// Builds `product_interest` for an import into an empty catalog from memory, in its key order.
///
/// The relation's key is (interest, rank, age fit, product pk). Products are written in pk order,
/// so within one group — the key before the pk — rows arrive already ordered: each group keeps a
/// list of the rows it holds, and at the end the groups are put in key order and their rows
/// appended to the clustered index, with no staging table and no sort. (Round 8 staged every tag
/// row in a temporary table and sorted them at the end: 0.21 s CPU while rows streamed in and
/// 0.55 s after the last one, at 200k rows.) Memory: 8 bytes a product and 4 a tag row, and 4 a
/// tag row more while it is written (≈ 22 MB at 1M products with 1.8 tags each), in chunks of
/// 64k values so no array grows to twice what it holds. Memory stays bounded on any file: once
/// ``maxRows`` products or tag rows are held, the caller writes them (``isFull``); each part goes
/// in key order, a later part behind each group's earlier rows (not appended at the end of the
/// B-tree, so slower, but the relation is the same).
struct TagRelationBuilder {
    /// The columns a tag row copies from its product, once per product, in 8 bytes: the price,
    /// and both ages (11 bits each, ``noAge`` when not stated), the purpose bits (4), whether
    /// it is in stock (1) and how many tags it has (5) packed in one word.
    private struct ProductColumns {
        let priceMinor: UInt32
        let packed: UInt32

        static let noAge: UInt32 = 0x7FF

        /// Nil when a value does not fit (never after validation: ages are at most 1,440 months,
        /// purposes 4 bits; prices above $42.9 million in cents).
        init?(_ draft: ProductDraft) {
            let product = draft.product
            guard let price = UInt32(exactly: product.price.minorUnits),
                let ageMin = Self.age(product.ages.minMonths), let ageMax = Self.age(product.ages.maxMonths),
                (0..<16).contains(draft.purposeMask), draft.tags.count < 32
            else { return nil }
            priceMinor = price
            packed =
                ageMin | ageMax << 11 | UInt32(draft.purposeMask) << 22 | (product.inStock ? 1 << 26 : 0)
                | UInt32(draft.tags.count) << 27
        }

        private static func age(_ months: Int?) -> UInt32? {
            guard let months else { return noAge }
            guard (0..<Int(noAge)).contains(months) else { return nil }
            return UInt32(months)
        }

        var ageMin: Int? { packed & Self.noAge == Self.noAge ? nil : Int(packed & Self.noAge) }
        var ageMax: Int? { packed >> 11 & Self.noAge == Self.noAge ? nil : Int(packed >> 11 & Self.noAge) }
        var purposes: Int { Int(packed >> 22 & 0xF) }
        var inStock: Bool { packed >> 26 & 1 == 1 }
        var tagCount: Int { Int(packed >> 27) }
    }

    private var products = ChunkedColumn<ProductColumns>()
    /// The pk of the first product in ``products``; the others follow one by one (SQLite's
    /// rowids into an empty table do) unless ``pks`` holds them all.
    private var firstPK: Int64 = 0
    private var pks: [Int64]?
    /// Whether every pk so far was above the one before; if not, each group's rows are sorted by
    /// pk at the end.
    private var inPKOrder = true
    private var lastPK: Int64 = 0
    /// Each group's number, as first seen.
    private var groupNumbers: [TagGroup: Int] = [:]
    private var groups: [TagGroup] = []
    /// Every tag row as it came, its product's rows one after another: the group's number
    /// shifted left once, with the "supplied by the shop" bit below it. Appended in order (a
    /// list per group cost 0.15 s at 200k rows, most of it reaching 1,440 lists' headers at
    /// random); grouped at the end by a counting sort.
    private var tagRows = ChunkedColumn<UInt32>()
    /// Products whose columns do not fit the compact form are written the ordinary way, row by
    /// row, at the end.
    private var outsized: [(pk: Int64, draft: ProductDraft)] = []

    /// Rows to a statement at the end (at most): one statement per row cost as much again in
    /// statement overhead.
    static let rowsPerInsert = 32

    /// Products or tag rows held before ``isFull`` (2M: 32 MB at most, never reached by a 1M-row
    /// catalog with fewer than two tags a product).
    let maxRows: Int

    init(maxRows: Int = 1 << 21) { self.maxRows = maxRows }

    /// Whether ``write(into:)`` should run now, to keep memory bounded.
    var isFull: Bool { products.count >= maxRows || tagRows.count >= maxRows }

    /// Records the tag rows of a product just written with `pk`.
    mutating func add(_ draft: ProductDraft, pk: Int64) {
        guard !draft.tags.isEmpty else { return }
        let index = products.count
        guard index < 1 << 31, groups.count + draft.tags.count < 1 << 31, let columns = ProductColumns(draft) else {
            outsized.append((pk, draft))
            return
        }
        if index == 0 {
            firstPK = pk
        } else {
            if pk <= lastPK { inPKOrder = false }
            if pks == nil, pk != firstPK + Int64(index) { pks = (0..<index).map { firstPK + Int64($0) } }
        }
        pks?.append(pk)
        lastPK = pk
        products.append(columns)
        let spanFit = draft.product.ages.fit(forRecipientMonths: 0)
        for (rank, tag) in draft.tags.enumerated() {
            let group = TagGroup(interest: tag, rank: rank, spanFit: spanFit)
            let number: Int
            if let known = groupNumbers[group] {
                number = known
            } else {
                number = groups.count
                groupNumbers[group] = number
                groups.append(group)
            }
            tagRows.append(UInt32(number) << 1 | (rank < draft.suppliedTagCount ? 1 : 0))
        }
    }

    private func pk(_ index: Int) -> Int64 { pks?[index] ?? firstPK + Int64(index) }

    /// Appends every recorded row to `product_interest` in its key order (the relation must not
    /// hold rows of these products yet), then lets go of the memory. Rows the compact form cannot
    /// hold go in one by one through `rowByRow`.
    mutating func write(into db: Database, rowByRow: TagRowInserter) throws {
        defer { self = TagRelationBuilder(maxRows: maxRows) }
        // One statement per size (32, 16, … 1 rows), each row of one group: the group's columns
        // are bound once per statement (`?1` … `?3`), each row's own seven after them.
        var statements: [(rows: Int, statement: FastStatement)] = []
        var batchRows = Self.rowsPerInsert
        while batchRows > 0 {
            let row = "(?1, ?2, ?3, " + Array(repeating: "?", count: Self.rowColumns).joined(separator: ", ") + ")"
            let sql = """
                INSERT INTO product_interest (interest_id, rank, span_fit, product_pk, price_minor, age_min_months,
                                              age_max_months, purposes, in_stock, supplied)
                VALUES \(Array(repeating: row, count: batchRows).joined(separator: ", "))
                """
            statements.append((batchRows, FastStatement(db, try db.makeStatement(sql: sql))))
            batchRows /= 2
        }
        // Each group's rows together, groups in key order, rows in the order they came.
        let order = groups.indices.sorted { groups[$0].precedes(groups[$1]) }
        var counts = [Int](repeating: 0, count: groups.count)
        tagRows.forEach { counts[Int($0 >> 1)] += 1 }
        var position = [Int](repeating: 0, count: groups.count)
        var total = 0
        for number in order {
            position[number] = total
            total += counts[number]
        }
        // Each row becomes its product's index shifted left once, the "supplied" bit below it.
        var grouped = [UInt32](repeating: 0, count: tagRows.count)
        var product = 0
        var left = products.count > 0 ? products[0].tagCount : 0
        tagRows.drain { row in
            while left == 0 {
                product += 1
                left = products[product].tagCount
            }
            let number = Int(row >> 1)
            grouped[position[number]] = UInt32(product) << 1 | row & 1
            position[number] += 1
            left -= 1
        }
        var end = 0
        for number in order {
            let group = groups[number]
            let first = end
            end += counts[number]
            var rows = grouped[first..<end]
            if !inPKOrder { rows.sort { pk(Int($0 >> 1)) < pk(Int($1 >> 1)) } }
            var next = rows.startIndex
            for (size, statement) in statements {
                while rows.endIndex - next >= size {
                    try statement.bind(1, group.interest)
                    try statement.bind(2, group.rank)
                    try statement.bind(3, group.spanFit)
                    for slot in 0..<size {
                        try bind(rows[next + slot], to: statement, from: Int32(3 + slot * Self.rowColumns))
                    }
                    try statement.step()
                    next += size
                }
            }
        }
        for (pk, draft) in outsized { try rowByRow.insert(draft, pk: pk) }
    }

    /// The columns of a tag row that come from its product (all but the group's three).
    private static let rowColumns = 7

    /// Binds a row's own columns (pk to supplied) to parameters `offset + 1` … `offset + 7`.
    private func bind(_ member: UInt32, to statement: FastStatement, from offset: Int32) throws {
        let index = Int(member >> 1)
        let product = products[index]
        try statement.bind(offset + 1, pk(index))
        try statement.bind(offset + 2, Int(product.priceMinor))
        try statement.bind(offset + 3, product.ageMin)
        try statement.bind(offset + 4, product.ageMax)
        try statement.bind(offset + 5, product.purposes)
        try statement.bind(offset + 6, product.inStock)
        try statement.bind(offset + 7, member & 1 == 1)
    }

}

/// Inserts a product's tag rows one statement each, prepared once: an import into a catalog that
/// already has products, and the rows ``TagRelationBuilder`` cannot hold in its compact form.
struct TagRowInserter {
    private let statement: FastStatement

    init(_ db: Database) throws {
        statement = FastStatement(
            db,
            try db.makeStatement(
                sql: """
                    INSERT OR IGNORE INTO product_interest (interest_id, product_pk, rank, price_minor, age_min_months,
                                                            age_max_months, purposes, in_stock, span_fit, supplied)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
    }

    func insert(_ draft: ProductDraft, pk: Int64) throws {
        let product = draft.product
        let spanFit = product.ages.fit(forRecipientMonths: 0)
        for (rank, tag) in draft.tags.enumerated() {
            try statement.bind(1, tag)
            try statement.bind(2, pk)
            try statement.bind(3, rank)
            try statement.bind(4, product.price.minorUnits)
            try statement.bind(5, product.ages.minMonths)
            try statement.bind(6, product.ages.maxMonths)
            try statement.bind(7, draft.purposeMask)
            try statement.bind(8, product.inStock)
            try statement.bind(9, spanFit)
            try statement.bind(10, rank < draft.suppliedTagCount)
            try statement.step()
        }
    }
}

/// The part of a tag row's `product_interest` key before the product's pk: equal only when byte
/// for byte the same (ids equal as Swift strings but spelled in other bytes, or a fit of -0.0
/// beside 0.0, are groups of their own, each stored as it came).
struct TagGroup: Hashable {
    let interest: String
    let rank: Int
    let spanFit: Double

    static func == (lhs: TagGroup, rhs: TagGroup) -> Bool {
        lhs.rank == rhs.rank && lhs.spanFit.bitPattern == rhs.spanFit.bitPattern
            && lhs.interest.utf8.elementsEqual(rhs.interest.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(rank)
        hasher.combine(spanFit.bitPattern)
        // The bytes in one call (byte by byte was 1 % of an import's CPU).
        var interest = interest
        interest.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether this group's rows come first in `product_interest`'s key order: `interest_id`
    /// as SQLite's BINARY collation orders text (UTF-8 bytes), then `rank`, then `span_fit DESC`.
    func precedes(_ other: TagGroup) -> Bool {
        if !interest.utf8.elementsEqual(other.interest.utf8) {
            return interest.utf8.lexicographicallyPrecedes(other.interest.utf8)
        }
        if rank != other.rank { return rank < other.rank }
        return spanFit > other.spanFit
    }
}

/// Values appended in chunks of 64k, so memory grows with what is held, not by doubling one array.
private struct ChunkedColumn<Element> {
    private static var chunkSize: Int { 1 << 16 }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    mutating func append(_ value: Element) {
        if count % Self.chunkSize == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(value)
        count += 1
    }

    subscript(index: Int) -> Element { chunks[index / Self.chunkSize][index % Self.chunkSize] }

    /// Calls `body` with each value in order.
    func forEach(_ body: (Element) throws -> Void) rethrows {
        for chunk in chunks { for value in chunk { try body(value) } }
    }

    /// Calls `body` with each value in order, letting go of each chunk once read; leaves the column empty.
    mutating func drain(_ body: (Element) throws -> Void) rethrows {
        for index in chunks.indices {
            for value in chunks[index] { try body(value) }
            chunks[index] = []
        }
        chunks = []
        count = 0
    }
}
