import GRDB

/// The hard limits of one profile, as the catalog store applies them: conditions that no score
/// can outweigh. Every matching statement is built here with GRDB's `SQL` interpolation, so
/// values are always bound arguments and table aliases are the store's own constants.
struct HardLimits {
    /// The recipient's age in months.
    var ageMonths: Int
    /// Per currency, the inclusive price range (minor units of that currency) that stays within
    /// the budget; `nil` when no budget is set. Currencies missing here are out of budget.
    var priceRanges: [String: ClosedRange<Int64>]?
    /// Whether every product in the catalog is priced in the one budgeted currency (the common
    /// case): the price is then compared directly, without reading the product's currency.
    var singleCurrency: Bool
    /// Product pks never to show (exclusions, gifts already given, rejected in a critique).
    var excluded: SQL?
    /// Leave the age out: only to tell a person that age removed every match, never to list gifts.
    var ignoresAge = false

    /// A table holding the hard-limit columns: the product itself, or a tag row carrying copies.
    enum Source {
        case product
        case tagRow

        var alias: SQL { self == .product ? "p" : "pi" }
        var pk: SQL { self == .product ? "p.pk" : "pi.product_pk" }
    }

    /// The conditions on `source`.
    ///
    /// SQLite tests them in the order written, row by row (a tag's range can be tens of thousands
    /// of rows): the cheap, selective price range first, the age's arithmetic after it.
    func condition(on source: Source) -> SQL {
        let a = source.alias
        var sql: SQL = ""
        let oneRange = singleCurrency && priceRanges?.count == 1 ? priceRanges?.first?.value : nil
        if let range = oneRange {
            sql += "\(a).price_minor BETWEEN \(range.lowerBound) AND \(range.upperBound) AND "
        }
        sql +=
            ignoresAge
            ? "\(a).in_stock = 1" : "\(a).in_stock = 1 AND \(AgeRange.admitsSQL(ageMonths: ageMonths, alias: a))"
        if let ranges = priceRanges, oneRange == nil {
            // Each currency the budget can be read in (its own, or one the shop gave a rate
            // for), with the budget converted into it; anything else is out of budget.
            let alternatives = ranges.sorted { $0.key < $1.key }.map { currency, range -> SQL in
                "(q.currency = \(currency) AND q.price_minor BETWEEN \(range.lowerBound) AND \(range.upperBound))"
            }
            let any: SQL = alternatives.isEmpty ? "0" : alternatives.joined(separator: " OR ")
            sql += " AND \(source.pk) IN (SELECT q.pk FROM product q WHERE \(any))"
        }
        if let excluded {
            sql += " AND \(source.pk) NOT IN (\(excluded))"
        }
        return sql
    }
}

extension AgeRange {
    /// ``admits(ageMonths:)`` as an SQL condition on a table with `age_min_months` and
    /// `age_max_months`: the same rule, from the same constants (tests check they agree).
    static func admitsSQL(ageMonths: Int, alias a: SQL) -> SQL {
        let minimum: SQL =
            ageMonths >= unknownMinimumSafeFromMonths
            ? "(\(a).age_min_months IS NULL OR \(a).age_min_months <= \(ageMonths))"
            : "\(a).age_min_months <= \(ageMonths)"
        // exclusiveUpperBound: a whole-year maximum admits the whole labelled year.
        return """
            \(minimum) AND (\(a).age_max_months IS NULL OR \(ageMonths) < \(a).age_max_months \
            + CASE WHEN \(a).age_max_months % 12 = 0 THEN 12 ELSE 1 END)
            """
    }

    /// ``fit(forRecipientMonths:)`` as an SQL expression (for ordering inside the store).
    static func fitSQL(recipientMonths age: Int, alias a: SQL) -> SQL {
        if age >= seniorFromMonths {
            return
                "(CASE WHEN COALESCE(\(a).age_min_months, 0) >= \(seniorRangeFromMonths) THEN 1.0 WHEN COALESCE(\(a).age_min_months, 0) >= \(adultRangeFromMonths) THEN 0.85 ELSE 0.6 END)"
        }
        if age >= adultFromMonths {
            return "(CASE WHEN COALESCE(\(a).age_min_months, 0) >= \(adultRangeFromMonths) THEN 1.0 ELSE 0.7 END)"
        }
        return
            "(1.0 / (1.0 + \(spanPenaltyPerYear) * MAX(0.0, ((MIN(COALESCE(\(a).age_max_months, \(openRangeEndMonths)), \(openRangeEndMonths)) - COALESCE(\(a).age_min_months, \(unknownMinimumSafeFromMonths))) / 12.0) - \(comfortableSpanYears))))"
    }
}

/// Named reads of the matcher. Each returns product pks (or counts) within the hard limits.
enum MatchRequests {
    /// A literal FTS5 phrase: words only, so user text can never be read as query syntax.
    static func ftsPhrase(_ folded: String) -> String? {
        let words = folded.split(separator: " ").prefix(8)
        guard !words.isEmpty else { return nil }
        return "\"" + words.joined(separator: " ") + "\""
    }

    /// An FTS5 query over name and description for any of `phrases` (each a folded phrase), or
    /// all the words of `near` close together.
    static func ftsQuery(anyOf phrases: [String], near: [String]? = nil) -> String? {
        var parts = phrases.compactMap(ftsPhrase)
        if let near, near.count > 1 {
            parts.append("NEAR(" + near.prefix(8).map { "\"\($0)\"" }.joined(separator: " ") + ", 8)")
        }
        guard !parts.isEmpty else { return nil }
        return "{name description} : (" + parts.joined(separator: " OR ") + ")"
    }

    /// `query` (or nothing), or a product filed under the shop's label with the name words in its
    /// name (``InterestRequest/FiledName``).
    static func ftsQuery(_ query: String?, orFiledUnder filed: InterestRequest.FiledName) -> String? {
        // The label they named, and every label it may be filed under ("Jurassic World" is read
        // as the interest Jurassic Park).
        var phrases: [String] = []
        for tag in [filed.tag] + filed.tags {
            if let phrase = ftsPhrase(tag), !phrases.contains(phrase) { phrases.append(phrase) }
        }
        guard !phrases.isEmpty else { return query }
        let label = phrases.prefix(8).joined(separator: " OR ")
        let name = filed.nameWords.prefix(8).map { "\"\($0)\"" }.joined(separator: " AND ")
        let clause = "({name tags} : (\(name)) AND tags : (\(label)))"
        return query.map { "(" + $0 + ") OR " + clause } ?? clause
    }

    /// Products tagged `tag`, best first (most central, then most age-targeted): SQLite stops as
    /// soon as it has `count` that pass the limits, however large the tag.
    static func taggedRequest(_ tag: String, limits: HardLimits, purposeMask: Int, count: Int) -> SQL {
        return """
            SELECT pi.product_pk FROM product_interest pi WHERE pi.interest_id = \(tag)\(tagRowPurpose(purposeMask)) \
            AND \(limits.condition(on: .tagRow)) ORDER BY pi.rank, pi.span_fit DESC, pi.product_pk LIMIT \(count)
            """
    }

    /// Full-text matches with their BM25 relevance (name weighted above description; FTS5's
    /// `bm25` is negative, lower is better), best first.
    static func textRequest(_ query: String, limits: HardLimits, weights: ScoringWeights, count: Int) -> SQL {
        """
        SELECT p.pk, bm25(product_fts, \(weights.bm25NameWeight), \(weights.bm25DescriptionWeight), 0.0) AS relevance \
        FROM product_fts JOIN product p ON p.pk = product_fts.rowid \
        WHERE product_fts MATCH \(query) AND \(limits.condition(on: .product)) \
        ORDER BY relevance, p.pk LIMIT \(count)
        """
    }

    /// Every full-text match within the limits (any purpose), with its purposes and its BM25
    /// relevance (as ``textRequest(_:limits:weights:count:)`` computes it), in no set order.
    /// - Parameter among: when given, only these pks (known to pass: their products are never
    ///   looked up otherwise); the `+` keeps the list a filter on the search's rows rather than
    ///   one search per pk.
    static func textHitsRequest(_ query: String, limits: HardLimits, weights: ScoringWeights, among: [Int64]? = nil)
        -> SQL
    {
        let only: SQL = among.map { " AND +product_fts.rowid IN (SELECT value FROM json_each(\(jsonList($0))))" } ?? ""
        return """
            SELECT p.pk, p.purposes, bm25(product_fts, \(weights.bm25NameWeight), \(weights.bm25DescriptionWeight), 0.0) \
            FROM product_fts JOIN product p ON p.pk = product_fts.rowid \
            WHERE product_fts MATCH \(query)\(only) AND \(limits.condition(on: .product))
            """
    }

    /// Any products within the limits, wished purpose first, then the best-targeted age range.
    static func anyRequest(limits: HardLimits, purposeMask: Int, ageMonths: Int, count: Int) -> SQL {
        let purpose: SQL = purposeMask == 0 ? "1" : "((p.purposes & \(purposeMask)) != 0)"
        return """
            SELECT p.pk FROM product p WHERE \(limits.condition(on: .product)) \
            ORDER BY \(purpose) DESC, \(AgeRange.fitSQL(recipientMonths: ageMonths, alias: "p")) DESC, p.pk LIMIT \(count)
            """
    }

    /// Pks of good matches from one source: tags or text, with a wished purpose.
    static func goodByTags(_ tags: [String], limits: HardLimits, purposeMask: Int) -> SQL {
        "SELECT pi.product_pk AS pk FROM product_interest pi WHERE pi.interest_id IN \(tags)\(tagRowPurpose(purposeMask)) AND \(limits.condition(on: .tagRow))"
    }

    /// A wished purpose on a tag row, tested before the limits: it is the cheapest test and
    /// usually leaves out most of a tag's rows (SQLite tests conditions in the order written).
    private static func tagRowPurpose(_ purposeMask: Int) -> SQL {
        purposeMask == 0 ? "" : " AND (pi.purposes & \(purposeMask)) != 0"
    }

    static func goodByText(_ query: String, limits: HardLimits, purposeMask: Int) -> SQL {
        let purpose: SQL = purposeMask == 0 ? "" : " AND (p.purposes & \(purposeMask)) != 0"
        return
            "SELECT p.pk AS pk FROM product_fts JOIN product p ON p.pk = product_fts.rowid WHERE product_fts MATCH \(query) AND \(limits.condition(on: .product))\(purpose)"
    }

    /// ``goodByText(_:limits:purposeMask:)`` read the other way round: the products priced within
    /// the budget (through the price index), each checked against the search's hits. Only for
    /// one budget range in the catalog's one currency (see ``fewPriced(_:limits:)``).
    static func goodByTextWithinPrice(_ query: String, limits: HardLimits, purposeMask: Int) -> SQL {
        let purpose: SQL = purposeMask == 0 ? "" : " AND (p.purposes & \(purposeMask)) != 0"
        return """
            SELECT p.pk AS pk FROM product p INDEXED BY product_by_price \
            WHERE \(limits.condition(on: .product))\(purpose) \
            AND p.pk IN (SELECT rowid FROM product_fts WHERE product_fts MATCH \(query))
            """
    }

    /// Products priced within the budget below which reading by price beats reading every hit.
    static let fewPricedBound = 2_000

    /// Counts the products priced within the budget (one range, in the catalog's one currency)
    /// through the price index, stopping at ``fewPricedBound``; `nil` for any other budget.
    static func pricedWithinRequest(_ limits: HardLimits) -> SQL? {
        guard limits.singleCurrency, let ranges = limits.priceRanges, ranges.count == 1, let range = ranges.first?.value
        else { return nil }
        return """
            SELECT 1 FROM product INDEXED BY product_by_price \
            WHERE price_minor BETWEEN \(range.lowerBound) AND \(range.upperBound) LIMIT \(fewPricedBound)
            """
    }

    /// A tag's rows within the limits (any purpose), with their purposes, in the range's order.
    static func tagRowsRequest(_ tag: String, limits: HardLimits) -> SQL {
        """
        SELECT pi.product_pk, pi.purposes FROM product_interest pi WHERE pi.interest_id = \(tag) \
        AND \(limits.condition(on: .tagRow)) ORDER BY pi.rank, pi.span_fit DESC, pi.product_pk
        """
    }

    static func anyWithin(_ limits: HardLimits, purposeMask: Int) -> SQL {
        let purpose: SQL = purposeMask == 0 ? "" : " AND (p.purposes & \(purposeMask)) != 0"
        return "SELECT p.pk AS pk FROM product p WHERE \(limits.condition(on: .product))\(purpose)"
    }

    /// Distinct pks of the union of `sources`, at most `cap`.
    static func goodPKs(_ db: Database, sources: [SQL], cap: Int) throws -> [Int64] {
        guard !sources.isEmpty else { return [] }
        return try Int64.fetchAll(
            db, SQLRequest<Int64>(literal: goodPKsRequest(sources: sources, cap: cap), cached: true))
    }

    /// The statement ``goodPKs(_:sources:cap:)`` runs (`sources` not empty).
    static func goodPKsRequest(sources: [SQL], cap: Int) -> SQL {
        "SELECT DISTINCT pk FROM (\(sources.joined(separator: " UNION "))) LIMIT \(cap)"
    }

    /// `pks` as one JSON array argument (`IN (SELECT value FROM json_each(…))`): the statement is
    /// then the same for any list, prepared once.
    static func jsonList(_ pks: [Int64]) -> String {
        "[" + pks.map(String.init).joined(separator: ",") + "]"
    }

    /// Calls `body` with each pk `request` gives, in its order, until `body` returns false (the
    /// rest is never read). Statement cached.
    static func forEachPK(_ db: Database, _ request: SQL, _ body: (Int64) throws -> Bool) throws {
        let cursor = try Int64.fetchCursor(db, SQLRequest<Int64>(literal: request, cached: true))
        while let pk = try cursor.next() {
            if try !body(pk) { return }
        }
    }

    /// The name and description of each product in `pks`.
    static func texts(_ db: Database, pks: [Int64]) throws -> [(pk: Int64, name: String, description: String)] {
        guard !pks.isEmpty else { return [] }
        return try Row.fetchAll(
            db, SQLRequest<Row>(literal: "SELECT pk, name, description FROM product WHERE pk IN \(pks) ORDER BY pk")
        ).map { ($0[0], $0[1], $0[2]) }
    }

    /// The name and age range of those of `pks` that may be a young child's toy for a teenager or
    /// an adult (``MatchQuery/isForYoungChildren(_:nameTokens:ageMonths:)`` decides): a toddler's
    /// range open into adulthood, or a name holding one of `nameMarks` under a range that starts
    /// below `marksBelowMonths`. SQLite sifts the rest out (reading and splitting every name of a
    /// thousand good matches cost an adult's `recommend` more than a millisecond); in pk order.
    static func mayBeForYoungChildren(
        _ db: Database, pks: [Int64], toddlerBelowMonths: Int, adultFromMonths: Int, nameMarks: [String],
        marksBelowMonths: Int
    ) throws -> [(pk: Int64, name: String, ages: AgeRange)] {
        guard !pks.isEmpty else { return [] }
        let marks = nameMarks.map { "name LIKE '%\($0)%'" }.joined(separator: " OR ")
        return try Row.fetchAll(
            db,
            SQLRequest<Row>(
                literal: """
                    SELECT pk, name, age_min_months, age_max_months FROM product \
                    WHERE pk IN (SELECT value FROM json_each(\(jsonList(pks)))) \
                    AND ((age_min_months < \(toddlerBelowMonths) \
                    AND (age_max_months IS NULL OR age_max_months >= \(adultFromMonths))) \
                    OR (COALESCE(age_min_months, 0) < \(marksBelowMonths) AND (\(sql: marks)))) ORDER BY pk
                    """)
        ).map { ($0[0], $0[1], AgeRange(minMonths: $0[2], maxMonths: $0[3])) }
    }

    /// The names of those of `pks` whose import marked them as maybe a part of a thing or made
    /// for one (``ProductFlags/servesAThing``, 16), in pk order: read through their partial index,
    /// so a catalog with few of them pays for few (reading each of a tag's thousand matches cost
    /// `recommend` 2 ms of its median at 100k).
    /// With `orOtherThing`, also those marked as maybe holding a thing on another thing
    /// (``ProductFlags/mayHoldAnotherThing``, through their own index).
    static func servingNames(_ db: Database, pks: [Int64], orOtherThing: Bool = false) throws -> [(
        pk: Int64, name: String
    )] {
        guard !pks.isEmpty else { return [] }
        var rows = try Row.fetchAll(
            db,
            SQLRequest<Row>(
                literal: """
                    SELECT pk, name FROM product INDEXED BY product_serving \
                    WHERE \(sql: ProductFlags.servesAThingCondition) AND pk IN (SELECT value FROM json_each(\(jsonList(pks)))) \
                    ORDER BY pk
                    """)
        ).map { ($0[0] as Int64, $0[1] as String) }
        if orOtherThing {
            let seen = Set(rows.map(\.0))
            rows += try Row.fetchAll(
                db,
                SQLRequest<Row>(
                    literal: """
                        SELECT pk, name FROM product INDEXED BY product_other_thing \
                        WHERE \(sql: ProductFlags.mayHoldAnotherThingCondition) \
                        AND pk IN (SELECT value FROM json_each(\(jsonList(pks)))) ORDER BY pk
                        """)
            ).map { ($0[0] as Int64, $0[1] as String) }.filter { !seen.contains($0.0) }
            rows.sort { $0.0 < $1.0 }
        }
        return rows.map { (pk: $0.0, name: $0.1) }
    }

    /// Whether the catalog holds any product marked as serving a thing (read through the index).
    static func hasServing(_ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM product INDEXED BY product_serving WHERE "
                + ProductFlags.servesAThingCondition
                + ") OR EXISTS (SELECT 1 FROM product INDEXED BY product_other_thing WHERE "
                + ProductFlags.mayHoldAnotherThingCondition + ")") ?? false
    }

    /// Whether any product's name or description holds `phrase` (folded words) as written.
    static func textHolds(_ db: Database, _ phrase: String) throws -> Bool {
        guard let query = ftsQuery(anyOf: [phrase]) else { return false }
        // The index stems ("footbal" and "football" are one stem, so are "patroll" and "patrol"):
        // what it finds must hold the words as written.
        let words = phrase.split(separator: " ").map(String.init)
        var held = false
        try forEachText(db, matching: query, limit: Self.heldProbe) { tokens in
            held = MatchQuery.contains(tokens, nameSet: Set(tokens), words: words)
            return !held
        }
        return held
    }

    /// Reads the names and descriptions (folded words, each on its own) of at most `limit`
    /// products the full-text `query` finds, while `body` returns true.
    static func forEachText(
        _ db: Database, matching query: String, limit: Int, ampersandAsAnd: Bool = false,
        _ body: ([String]) throws -> Bool
    ) throws {
        let rows = try Row.fetchCursor(
            db,
            SQLRequest<Row>(
                literal: """
                    SELECT name, description FROM product
                    WHERE pk IN (SELECT rowid FROM product_fts WHERE product_fts MATCH \(query) LIMIT \(limit))
                    """))
        while let row = try rows.next() {
            for text in [row[0] as String, row[1] as String]
            where try !body(
                TextNormalizer.tokens(ampersandAsAnd ? text.replacingOccurrences(of: "&", with: " and ") : text))
            {
                return
            }
        }
    }

    /// Whether any product's name or description joins two folded words with "and" or "&"
    /// ("Dungeons & Dragons", which the index holds as "dungeons dragons"): a title across the
    /// "and" of a wish, not two things ("space and rockets" is two, whatever "Space Rocket" a
    /// shop sells).
    static func textJoins(_ db: Database, _ left: String, _ right: String) throws -> Bool {
        guard let query = ftsQuery(anyOf: [left + " " + right]) else { return false }
        let words = (left + " and " + right).split(separator: " ").map(String.init)
        var held = false
        try forEachText(db, matching: query, limit: Self.heldProbe, ampersandAsAnd: true) { tokens in
            held = MatchQuery.contains(tokens, nameSet: Set(tokens), words: words)
            return !held
        }
        return held
    }

    /// How many of the products the index finds for a phrase are read for the phrase as written.
    static let heldProbe = 200

    /// Which of `pks` the catalog tags with one of `names` or a tag holding one of them as whole
    /// words ("ultimate spider man" holds "spider man").
    static func filed(_ db: Database, pks: [Int64], under names: [String]) throws -> Set<Int64> {
        guard !pks.isEmpty, !names.isEmpty else { return [] }
        let rows = try Row.fetchAll(
            db,
            SQLRequest<Row>(
                literal: "SELECT product_pk, interest_id FROM product_interest WHERE product_pk IN \(pks)"))
        var filed = Set<Int64>()
        for row in rows where names.contains(where: { tag(row[1], holds: $0) }) { filed.insert(row[0]) }
        return filed
    }

    /// Whether a tag (folded words joined by spaces) is `name` or holds it as whole words.
    static func tag(_ tag: String, holds name: String) -> Bool {
        tag == name || (" " + tag + " ").contains(" " + name + " ")
    }

    /// Which of `pks` pass the hard limits (and a purpose, when asked).
    static func passing(_ db: Database, pks: [Int64], limits: HardLimits, purposeMask: Int) throws -> Set<Int64> {
        let purpose: SQL = purposeMask == 0 ? "" : " AND (p.purposes & \(purposeMask)) != 0"
        return Set(
            try Int64.fetchAll(
                db,
                SQLRequest<Int64>(
                    literal: """
                        SELECT p.pk FROM product p WHERE p.pk IN \(pks) AND \(limits.condition(on: .product))\(purpose)
                        """)))
    }

    /// The product keys a request gives (statement cached: the shapes repeat per recommendation).
    static func pks(_ db: Database, _ request: SQL) throws -> [Int64] {
        try Int64.fetchAll(db, SQLRequest<Int64>(literal: request, cached: true))
    }

    /// The rows a request gives (statement cached).
    static func rows(_ db: Database, _ request: SQL) throws -> [Row] {
        try Row.fetchAll(db, SQLRequest<Row>(literal: request, cached: true))
    }

    /// Whether the shop itself files any product under `interest` (a tag it supplied, not one
    /// Giftwise read from a product's words).
    static func shopFiles(_ db: Database, under interest: String) throws -> Bool {
        try count(db, "SELECT 1 FROM product_interest WHERE interest_id = \(interest) AND supplied = 1 LIMIT 1") > 0
    }

    /// How many rows a request gives.
    static func count(_ db: Database, _ request: SQL) throws -> Int {
        try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT COUNT(*) FROM (\(request))", cached: true)) ?? 0
    }

    /// The gift each of `pks` stands for (``Diversifier/giftKey(name:tokens:)``), read from the
    /// key stored at import, or from the name where none is stored.
    static func giftKeys(_ db: Database, pks: [Int64]) throws -> [(pk: Int64, key: Int64)] {
        guard !pks.isEmpty else { return [] }
        let cursor = try Row.fetchCursor(
            db,
            SQLRequest<Row>(
                literal: """
                    SELECT pk, gift_key, CASE WHEN gift_key IS NULL THEN name END
                    FROM product WHERE pk IN (SELECT value FROM json_each(\(jsonList(pks))))
                    """,
                cached: true))
        var keys: [(pk: Int64, key: Int64)] = []
        keys.reserveCapacity(pks.count)
        while let row = try cursor.next() {
            let stored: Int64? = row[1]
            keys.append((row[0], stored ?? Diversifier.giftKey(row[2] as String)))
        }
        return keys
    }

    /// Whether `request` (a statement that gives pks, such as ``excluded(ids:phrases:tags:avoidedTags:)``)
    /// gives any row.
    static func givesAny(_ db: Database, _ request: SQL) throws -> Bool {
        try Bool.fetchOne(db, SQLRequest<Bool>(literal: "SELECT EXISTS (\(request))")) == true
    }

    /// The prices of products in `pks`, each with its currency.
    static func prices(_ db: Database, pks: [Int64]) throws -> [(currency: String, price: Int64)] {
        guard !pks.isEmpty else { return [] }
        return try Row.fetchAll(
            db, SQLRequest<Row>(literal: "SELECT currency, price_minor FROM product WHERE pk IN \(pks) ORDER BY pk")
        )
        .map { ($0[0], $0[1]) }
    }

    /// Products of the given pks, with their tags and what their import recorded (``WeighedProduct``).
    ///
    /// Read with cursors (no row copies) through two cached statements that take the pks as one
    /// JSON argument, so a list of any length is parsed and planned once per connection.
    static func products(_ db: Database, pks: Set<Int64>) throws -> [Int64: WeighedProduct] {
        try products(db, pks: pks, tags: tags(db, pks: pks))
    }

    /// The interest tags of each product in `pks`, best first (a product without tags is left out).
    static func tags(_ db: Database, pks: Set<Int64>) throws -> [Int64: [String]] {
        guard !pks.isEmpty else { return [:] }
        var interests: [Int64: [String]] = [:]
        let tags = try Row.fetchCursor(
            db,
            SQLRequest<Row>(
                literal: """
                    SELECT product_pk, interest_id FROM product_interest INDEXED BY product_interest_by_product \
                    WHERE product_pk IN (SELECT value FROM json_each(\(jsonList(pks.sorted())))) ORDER BY product_pk, rank
                    """, cached: true))
        while let row = try tags.next() {
            interests[row[0], default: []].append(row[1])
        }
        return interests
    }

    /// Products of the given pks as matching weighs them (``WeighedProduct``), given their tags
    /// (as ``tags(_:pks:)`` reads them; a pk missing there has none).
    static func products(_ db: Database, pks: Set<Int64>, tags interests: [Int64: [String]]) throws -> [Int64:
        WeighedProduct]
    {
        guard !pks.isEmpty else { return [:] }
        var products: [Int64: WeighedProduct] = [:]
        products.reserveCapacity(pks.count)
        let rows = try Row.fetchCursor(
            db,
            SQLRequest<Row>(
                literal: """
                    SELECT \(sql: ProductRecord.columns) FROM product p \
                    WHERE p.pk IN (SELECT value FROM json_each(\(jsonList(pks.sorted()))))
                    """, cached: true))
        while let row = try rows.next() {
            let pk: Int64 = row[0]
            let inferred: Int = row[10]
            let purposes: Int = row[11]
            let product = Product(
                id: row[1], name: row[2], description: row[3], price: Money(minorUnits: row[4]), currency: row[5],
                ages: AgeRange(minMonths: row[6], maxMonths: row[7]), interests: interests[pk] ?? [],
                purposes: Purpose.allCases.filter { purposes & $0.bit != 0 }, url: row[8], inStock: row[9])
            products[pk] = WeighedProduct(
                product: product, suppliedTags: inferred & ProductFlags.interestsInferred == 0,
                isAccessory: inferred & ProductFlags.accessory != 0,
                isDeviceBound: inferred & ProductFlags.deviceBound != 0,
                servesAThing: inferred & ProductFlags.servesAThing != 0,
                mayHoldAnotherThing: inferred & ProductFlags.mayHoldAnotherThing != 0)
        }
        return products
    }

    /// Products in stock priced in a currency the budget cannot be compared with.
    static func countUncomparable(_ db: Database, currencies: [String]) throws -> Int {
        try Int.fetchOne(
            db,
            SQLRequest<Int>(
                literal: "SELECT COUNT(*) FROM product WHERE in_stock = 1 AND currency NOT IN \(currencies)")) ?? 0
    }

    /// Subquery of pks never to show: ids, words to avoid (text and tags), kinds turned down.
    /// How many of `pks` state no minimum age (never offered to a child under 3).
    static func countWithoutStatedAge(_ db: Database, pks: [Int64]) throws -> Int {
        guard !pks.isEmpty else { return 0 }
        let sql: SQL = "SELECT COUNT(*) FROM product WHERE pk IN \(pks) AND age_min_months IS NULL"
        return try Int.fetchOne(db, SQLRequest<Int>(literal: sql)) ?? 0
    }

    static func excluded(ids: [String], phrases: [String], tags: [String], avoidedTags: [String]) -> SQL? {
        var parts: [SQL] = []
        if !ids.isEmpty { parts.append("SELECT pk FROM product WHERE id IN \(ids)") }
        for phrase in phrases { parts.append("SELECT rowid FROM product_fts WHERE product_fts MATCH \(phrase)") }
        if !tags.isEmpty { parts.append("SELECT product_pk FROM product_interest WHERE interest_id IN \(tags)") }
        if !avoidedTags.isEmpty {
            parts.append("SELECT product_pk FROM product_interest WHERE interest_id IN \(avoidedTags) AND rank = 0")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " UNION ALL ")
    }
}

/// A product as matching weighs it: the product and what its import recorded about its tags and
/// its kind.
struct WeighedProduct {
    var product: Product
    /// Its tags are the shop's own (not inferred from its text).
    var suppliedTags: Bool
    /// A themed accessory (see ``ThemedAccessories``).
    var isAccessory: Bool
    /// A game or software for one device (see ``DeviceBound``).
    var isDeviceBound: Bool
    /// Made for a thing or a part of one (see ``ProductFlags/servesAThing``).
    var servesAThing: Bool = false
    /// Its name may hold a thing on another thing (see ``ProductFlags/mayHoldAnotherThing``).
    var mayHoldAnotherThing: Bool = false
}
