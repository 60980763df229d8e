import Foundation
import GRDB

/// A candidate product with how it matched and its fit score.
struct Candidate {
    struct InterestHit {
        /// Index of the recipient's interest (in `MatchQuery.requests`), or `requests.count` for
        /// a critique's "more like this".
        var request: Int
        /// `exact`, `related`, `text` or `like`.
        var kind: String
        /// The product tag that matched (for tag hits).
        var tag: String?
        var weight: Double
    }
    var pk: Int64
    var product: Product
    var score: Double
    var hits: [InterestHit]
    var isGood: Bool
}

/// One interest as the recipient said it, resolved through the taxonomy.
struct InterestRequest {
    var said: String
    var interest: Interest?
    /// A shop's free tag with this name, when the taxonomy does not know the word.
    var freeTag: String?
    /// FTS5 phrase query for the word, safe to bind (only word characters, quoted); `nil` when
    /// the interest's tag already says it all.
    var textQuery: String?
    /// They named something narrower than the interest ("pirates" for fantasy): text hits on
    /// their word then count fully and the broad tag a little less.
    var specific = false

    /// The tag ids that are an exact match for this request.
    var exactTags: [String] { [interest?.id, freeTag].compactMap { $0 } }
}

/// The SQL side of matching.
///
/// Retrieval never scores the whole catalog: each wished-for tag is one contiguous range of
/// `product_interest` (whose rows carry copies of the hard-limit columns), filtered and cut to
/// its best few hundred by SQLite, then scored exactly in Swift. Good-match counts are one
/// indexed `COUNT`. Hard limits are SQL conditions that no score can outweigh.
struct MatchQuery {
    let profile: RecipientProfile
    let history: HistorySignals
    let critique: Critique
    let taxonomy: Taxonomy
    let weights: ScoringWeights
    let requests: [InterestRequest]
    /// Each request's own words, folded, to confirm full-text hits.
    let saidTokens: [Set<String>]

    /// Rows taken per retrieval source before exact scoring (≥ the longest list, 100, plus room).
    static let perSource = 120
    /// Rows taken per related-interest source (they only fill weak lists).
    static let perRelatedSource = 60

    init(profile: RecipientProfile, history: HistorySignals, critique: Critique, taxonomy: Taxonomy, weights: ScoringWeights) {
        self.profile = profile
        self.history = history
        self.critique = critique
        self.taxonomy = taxonomy
        self.weights = weights
        requests = Self.resolve(profile.interests, taxonomy: taxonomy)
        saidTokens = requests.map { Set(TextNormalizer.tokens($0.said)) }
    }

    static func resolve(_ interests: [String], taxonomy: Taxonomy) -> [InterestRequest] {
        var seen = Set<String>()
        return interests.compactMap { said in
            let trimmed = ValueParsers.trim(said)
            guard !trimmed.isEmpty else { return nil }
            let interest = taxonomy.resolve(trimmed)
            let key = interest?.id ?? TextNormalizer.key(trimmed)
            guard !key.isEmpty, seen.insert(key).inserted else { return nil }
            // "pirates" resolves to fantasy, but the word itself is the sharper signal: search for
            // what they said when it is narrower than the interest's own name.
            let specific = interest.map { isMoreSpecific(said: trimmed, than: $0) } ?? false
            let phrase = interest == nil || specific ? ftsPhrase(trimmed) : nil
            return InterestRequest(said: trimmed, interest: interest, freeTag: interest == nil ? key : nil,
                                   textQuery: phrase, specific: specific)
        }
    }

    static func isMoreSpecific(said: String, than interest: Interest) -> Bool {
        let key = TextNormalizer.key(said)
        return key != TextNormalizer.key(interest.id) && key != TextNormalizer.key(interest.label)
    }

    var unrecognised: [String] { requests.filter { $0.interest == nil }.map(\.said) }

    /// A literal FTS5 phrase: words only, so user text can never be read as query syntax.
    static func ftsPhrase(_ text: String) -> String? {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        words = Array(words.prefix(8))
        guard !words.isEmpty else { return nil }
        return "\"" + words.joined(separator: " ") + "\""
    }

    static func jsonArray(_ values: [String]) -> String {
        "[" + values.map(GiftCatalog.jsonString).joined(separator: ",") + "]"
    }

    // MARK: Hard limits

    /// Conditions never relaxed by scoring, on a table alias that has the hard-limit columns
    /// (`product p` or `product_interest pi`).
    func hardLimits(_ profile: RecipientProfile, alias a: String, pk: String) -> (sql: String, arguments: StatementArguments) {
        let age = profile.ageMonths
        var sql = """
            \(a).in_stock = 1
            AND \(age >= AgeRange.unknownMinimumSafeFromMonths ? "(\(a).age_min_months IS NULL OR \(a).age_min_months <= ?)" : "\(a).age_min_months <= ?")
            AND (\(a).age_max_months IS NULL OR ? < \(a).age_max_months + CASE WHEN \(a).age_max_months % 12 = 0 THEN 12 ELSE 1 END)
            """
        var arguments: StatementArguments = [age, age]
        if let budget = profile.budgetMax {
            sql += " AND \(a).price_minor <= ?"
            _ = arguments.append(contentsOf: [budget.minorUnits])
        }
        if let minimum = profile.budgetMin {
            sql += " AND \(a).price_minor >= ?"
            _ = arguments.append(contentsOf: [minimum.minorUnits])
        }
        if let excluded = excludedSubquery(profile) {
            sql += " AND \(a).\(pk) NOT IN (\(excluded.sql))"
            arguments += excluded.arguments
        }
        return (sql, arguments)
    }

    /// Products never to show: words to avoid (as text and as tags), ids they own or were given,
    /// and kinds the conversation turned down. SQLite evaluates it once per statement.
    func excludedSubquery(_ profile: RecipientProfile) -> (sql: String, arguments: StatementArguments)? {
        var parts: [String] = []
        var arguments: StatementArguments = []
        let ids = profile.excludedProductIDs.union(history.givenProductIDs).union(critique.rejectedProductIDs).sorted()
        if !ids.isEmpty {
            parts.append("SELECT pk FROM product WHERE id IN (SELECT value FROM json_each(?))")
            _ = arguments.append(contentsOf: [Self.jsonArray(ids)])
        }
        var tagIDs: [String] = []
        for word in profile.excludedWords {
            let trimmed = ValueParsers.trim(word)
            guard !trimmed.isEmpty else { continue }
            let key = TextNormalizer.key(trimmed)
            if !key.isEmpty { tagIDs.append(key) }
            // The word names an interest ("dinosaurs", "dinos"): avoid products tagged with it too.
            if let interest = taxonomy.resolve(trimmed),
               key == TextNormalizer.key(interest.id) || key == TextNormalizer.key(interest.label)
                || interest.aliases.contains(where: { TextNormalizer.key($0) == key }) {
                tagIDs.append(interest.id)
            }
            if let phrase = Self.ftsPhrase(trimmed) {
                parts.append("SELECT rowid FROM product_fts WHERE product_fts MATCH ?")
                _ = arguments.append(contentsOf: [phrase])
            }
        }
        if !tagIDs.isEmpty {
            parts.append("SELECT product_pk FROM product_interest WHERE interest_id IN (SELECT value FROM json_each(?))")
            _ = arguments.append(contentsOf: [Self.jsonArray(tagIDs)])
        }
        let avoided = critique.avoidedInterests.sorted()
        if !avoided.isEmpty {
            parts.append("SELECT product_pk FROM product_interest WHERE interest_id IN (SELECT value FROM json_each(?)) AND rank = 0")
            _ = arguments.append(contentsOf: [Self.jsonArray(avoided)])
        }
        guard !parts.isEmpty else { return nil }
        return (parts.joined(separator: " UNION ALL "), arguments)
    }

    // MARK: Fit

    /// SQL and Swift agree on age fit: how well a product's range targets this recipient.
    static func ageFit(recipientMonths age: Int, minMonths: Int?, maxMonths: Int?) -> Double {
        if age >= 65 * 12 {
            let low = minMonths ?? 0
            return low >= 600 ? 1.0 : (low >= 144 ? 0.85 : 0.6)
        }
        if age >= 18 * 12 { return (minMonths ?? 0) >= 144 ? 1.0 : 0.7 }
        // Children: a range a few years wide made for them beats "3 to 99". Open ranges count to 18.
        let span = Double(min(maxMonths ?? 216, 216) - (minMonths ?? 36)) / 12.0
        return 1.0 / (1.0 + 0.12 * max(0, span - 3.0))
    }

    func ageFitSQL(_ profile: RecipientProfile, alias a: String) -> String {
        let age = profile.ageMonths
        if age >= 65 * 12 {
            return "(CASE WHEN COALESCE(\(a).age_min_months, 0) >= 600 THEN 1.0 WHEN COALESCE(\(a).age_min_months, 0) >= 144 THEN 0.85 ELSE 0.6 END)"
        }
        if age >= 18 * 12 { return "(CASE WHEN COALESCE(\(a).age_min_months, 0) >= 144 THEN 1.0 ELSE 0.7 END)" }
        return "(1.0 / (1.0 + 0.12 * MAX(0.0, ((MIN(COALESCE(\(a).age_max_months, 216), 216) - COALESCE(\(a).age_min_months, 36)) / 12.0) - 3.0)))"
    }

    func purposeSQL(_ profile: RecipientProfile, alias a: String) -> String {
        let mask = Purpose.mask(profile.purposes)
        return mask == 0 ? "1" : "((\(a).purposes & \(mask)) != 0)"
    }

    // MARK: Counting

    /// Statements selecting the pks of good matches, one per source (tags, then text).
    private func goodSources(_ profile: RecipientProfile, requests: [InterestRequest]) -> [(sql: String, arguments: StatementArguments)] {
        var sources: [(String, StatementArguments)] = []
        let tags = Array(Set(requests.flatMap(\.exactTags))).sorted()
        if !tags.isEmpty {
            let limits = hardLimits(profile, alias: "pi", pk: "product_pk")
            let tagCondition = tags.count == 1 ? "pi.interest_id = ?" : "pi.interest_id IN (SELECT value FROM json_each(?))"
            var arguments: StatementArguments = [tags.count == 1 ? tags[0] : Self.jsonArray(tags)]
            arguments += limits.arguments
            sources.append(("SELECT pi.product_pk AS pk FROM product_interest pi WHERE \(tagCondition) AND \(limits.sql) AND \(purposeSQL(profile, alias: "pi"))", arguments))
        }
        for request in requests {
            guard let phrase = request.textQuery else { continue }
            let limits = hardLimits(profile, alias: "p", pk: "pk")
            var arguments: StatementArguments = [phrase]
            arguments += limits.arguments
            sources.append(("SELECT p.pk AS pk FROM product_fts f JOIN product p ON p.pk = f.rowid WHERE product_fts MATCH ? AND \(limits.sql) AND \(purposeSQL(profile, alias: "p"))", arguments))
        }
        return sources
    }

    func countGood(_ db: Database) throws -> Int { try countGood(db, profile: profile) }

    /// Counting stops here: past it the exact number changes no list, label or suggestion, and
    /// stopping early keeps counts cheap on catalogs of millions.
    static let countCap = 1_000

    /// Good matches for a profile: an exact tag or text match on one of their interests (any, if
    /// none were given), a wished-for purpose (any, if none), within every hard limit.
    func countGood(_ db: Database, profile: RecipientProfile) throws -> Int {
        let requests = requests(for: profile)
        if requests.isEmpty {
            let limits = hardLimits(profile, alias: "p", pk: "pk")
            let sql = "SELECT COUNT(*) FROM (SELECT 1 FROM product p WHERE \(limits.sql) AND \(purposeSQL(profile, alias: "p")) LIMIT \(Self.countCap))"
            return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: limits.arguments) ?? 0
        }
        let sources = goodSources(profile, requests: requests)
        if sources.count == 1, requests.flatMap(\.exactTags).count <= 1 {
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM (\(sources[0].sql) LIMIT \(Self.countCap))"), arguments: sources[0].arguments) ?? 0
        }
        var arguments: StatementArguments = []
        for source in sources { arguments += source.arguments }
        // DISTINCT: a product carrying two of their interests is one gift, not two.
        let sql = "SELECT COUNT(*) FROM (SELECT DISTINCT pk FROM (\(sources.map(\.sql).joined(separator: " UNION ALL "))) LIMIT \(Self.countCap))"
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    /// The `offset`-th cheapest good match priced above `price` (0 = the cheapest), ignoring the
    /// budget: what the budget must reach to open that many more.
    func goodPrice(_ db: Database, profile: RecipientProfile, above price: Money, offset: Int) throws -> Money? {
        var unlimited = profile
        unlimited.budgetMax = nil
        let requests = requests(for: unlimited)
        var sources: [(sql: String, arguments: StatementArguments)]
        if requests.isEmpty {
            let limits = hardLimits(unlimited, alias: "p", pk: "pk")
            sources = [("SELECT p.pk AS pk FROM product p WHERE \(limits.sql) AND \(purposeSQL(unlimited, alias: "p"))", limits.arguments)]
        } else {
            sources = goodSources(unlimited, requests: requests)
        }
        guard !sources.isEmpty else { return nil }
        var arguments: StatementArguments = []
        for source in sources { arguments += source.arguments }
        _ = arguments.append(contentsOf: [price.minorUnits, offset])
        let sql = """
            SELECT price_minor FROM product WHERE pk IN (\(sources.map(\.sql).joined(separator: " UNION ")))
            AND price_minor > ? ORDER BY price_minor LIMIT 1 OFFSET ?
            """
        return try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: arguments).map { Money(minorUnits: $0) }
    }

    /// Resolved requests for a profile (relaxed profiles too).
    func requests(for profile: RecipientProfile) -> [InterestRequest] {
        profile.interests == self.profile.interests ? requests : Self.resolve(profile.interests, taxonomy: taxonomy)
    }

    // MARK: Retrieval

    /// The best candidates, scored exactly, good ones first, then by score, then by id.
    /// - Parameter includeWeak: also retrieve products that only match a related interest.
    func candidates(_ db: Database, limit: Int, includeWeak: Bool = true) throws -> [Candidate] {
        let mask = Purpose.mask(profile.purposes)
        // Enough per source for the longest list `recommend` gives (100), with room to diversify;
        // callers asking for more (the flow's candidate survey) get the same bounded sample.
        let perSource = Self.perSource
        var pks = Set<Int64>()
        var textHits: [Int: Set<Int64>] = [:]
        var nameHits: [Int: Set<Int64>] = [:]
        func take(_ sql: String, _ arguments: StatementArguments) throws -> [Int64] {
            let found = try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
            pks.formUnion(found)
            return found
        }
        // A tag's products in index order (most central first, then most age-targeted): SQLite
        // stops as soon as it has `count` that pass the hard limits, however large the tag.
        let tagLimits = hardLimits(profile, alias: "pi", pk: "product_pk")
        let tagOrder = "ORDER BY pi.rank, pi.span_fit DESC, pi.product_pk"
        let purposeFilter = mask == 0 ? "" : " AND (pi.purposes & \(mask)) != 0"
        func takeTag(_ tag: String, _ count: Int) throws {
            var arguments: StatementArguments = [tag]
            arguments += tagLimits.arguments
            _ = arguments.append(contentsOf: [count])
            let wished = try take("SELECT pi.product_pk FROM product_interest pi WHERE pi.interest_id = ? AND \(tagLimits.sql)\(purposeFilter) \(tagOrder) LIMIT ?", arguments)
            // Those without a wished purpose only matter when the good ones are few.
            if mask != 0 && wished.count < limit * 2 {
                _ = try take("SELECT pi.product_pk FROM product_interest pi WHERE pi.interest_id = ? AND \(tagLimits.sql) \(tagOrder) LIMIT ?", arguments)
            }
        }
        let productLimits = hardLimits(profile, alias: "p", pk: "pk")
        let productOrder = "ORDER BY \(purposeSQL(profile, alias: "p")) DESC, \(ageFitSQL(profile, alias: "p")) DESC, p.pk"

        if requests.isEmpty {
            // No interests: purpose and age are the whole fit.
            var arguments = productLimits.arguments
            _ = arguments.append(contentsOf: [limit * 8])
            _ = try take("SELECT p.pk FROM product p WHERE \(productLimits.sql) \(productOrder) LIMIT ?", arguments)
        }
        for (index, request) in requests.enumerated() {
            for tag in request.exactTags { try takeTag(tag, perSource) }
            if let phrase = request.textQuery {
                var arguments: StatementArguments = [phrase]
                arguments += productLimits.arguments
                _ = arguments.append(contentsOf: [perSource])
                let found = try take("SELECT p.pk FROM product_fts f JOIN product p ON p.pk = f.rowid WHERE product_fts MATCH ? AND \(productLimits.sql) \(productOrder) LIMIT ?", arguments)
                textHits[index] = Set(found)
                // Said in the name, the product is about it; in the description, maybe only in passing.
                var named: StatementArguments = ["name : " + phrase]
                named += productLimits.arguments
                _ = named.append(contentsOf: [perSource])
                nameHits[index] = Set(try take("SELECT p.pk FROM product_fts f JOIN product p ON p.pk = f.rowid WHERE product_fts MATCH ? AND \(productLimits.sql) \(productOrder) LIMIT ?", named))
            }
        }
        for favoured in critique.favouredInterests.sorted() { try takeTag(favoured, perSource) }
        // Related interests only shape scores among good matches; retrieve them when the good
        // ones are few, so a weak list can still be offered honestly.
        if includeWeak && pks.count < limit * 4 {
            for request in requests {
                for related in (request.interest?.related ?? [:]).keys.sorted() { try takeTag(related, Self.perRelatedSource) }
            }
        }
        if pks.isEmpty && !requests.isEmpty && includeWeak {
            // Nothing touches their interests: the closest by purpose and age, labelled weak.
            var arguments = productLimits.arguments
            _ = arguments.append(contentsOf: [limit * 8])
            _ = try take("SELECT p.pk FROM product p WHERE \(productLimits.sql) \(productOrder) LIMIT ?", arguments)
        }
        guard !pks.isEmpty else { return [] }
        let products = try loadProducts(db, pks: pks)
        let scored = products.map { pk, product in score(pk: pk, product: product, textHits: textHits, nameHits: nameHits, purposeMask: mask) }
        return scored.sorted { lhs, rhs in
            if lhs.isGood != rhs.isGood { return lhs.isGood }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return lhs.product.id < rhs.product.id
        }
    }

    /// Exact fit of one product: interest (exact tag > related tag > text), purpose, age.
    func score(pk: Int64, product: Product, textHits: [Int: Set<Int64>], nameHits: [Int: Set<Int64>], purposeMask: Int) -> Candidate {
        var hits: [Candidate.InterestHit] = []
        let hasText = !textHits.isEmpty
        let nameTokens = hasText ? Set(TextNormalizer.tokens(product.name)) : []
        let descriptionTokens = hasText ? Set(TextNormalizer.tokens(product.description)) : []
        let rankOf = Dictionary(product.interests.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var perRequest: [Double] = []
        for (index, request) in requests.enumerated() {
            var best: Candidate.InterestHit?
            func consider(_ hit: Candidate.InterestHit) {
                if best == nil || hit.weight > best!.weight { best = hit }
            }
            for tag in request.exactTags {
                if let rank = rankOf[tag] {
                    consider(.init(request: index, kind: "exact", tag: tag, weight: (request.specific ? 0.8 : 1.0) * Taxonomy.centrality(rank: rank)))
                }
            }
            // FTS5's Porter stemmer hears "colouring" in "Colour Dot Dominoes". Such a hit still
            // counts as a match (the SQL counts agree with the list) but ranks low unless their own
            // words, plural-folded, are really there: fully in the name, less in the description.
            if textHits[index]?.contains(pk) == true || nameHits[index]?.contains(pk) == true {
                let said = saidTokens[index]
                let full = request.interest == nil ? weights.textMatchUnknown : 1.0
                let weight: Double
                let place: String?
                if said.isSubset(of: nameTokens) {
                    (weight, place) = (full, "name")
                } else if said.isSubset(of: nameTokens.union(descriptionTokens)) {
                    (weight, place) = (full * 0.6, nil)
                } else {
                    (weight, place) = (full * 0.25, "stem")
                }
                consider(.init(request: index, kind: "text", tag: place, weight: weight))
            }
            for (related, relation) in request.interest?.related ?? [:] {
                if let rank = rankOf[related] {
                    consider(.init(request: index, kind: "related", tag: related, weight: relation * weights.relatedFactor * Taxonomy.centrality(rank: rank)))
                }
            }
            if let best { hits.append(best) }
            perRequest.append(best?.weight ?? 0)
        }
        var liked = 0.0
        for favoured in critique.favouredInterests.sorted() {
            if let rank = rankOf[favoured] {
                let weight = 0.5 * Taxonomy.centrality(rank: rank)
                liked = max(liked, weight)
                hits.append(.init(request: requests.count, kind: "like", tag: favoured, weight: weight))
            }
        }
        let top = perRequest.max() ?? 0
        let total = perRequest.reduce(0, +)
        let interestFit = min(1.0, top + weights.extraInterestShare * (total - top) + liked)
        let purposeHit = purposeMask == 0 || (Purpose.mask(product.purposes) & purposeMask) != 0
        let ageFit = Self.ageFit(recipientMonths: profile.ageMonths, minMonths: product.ages.minMonths, maxMonths: product.ages.maxMonths)
        let strong = hits.contains { $0.kind == "exact" || $0.kind == "text" }
        let score: Double
        let isGood: Bool
        if requests.isEmpty {
            score = 0.6 * (purposeHit ? 1 : 0) + 0.4 * ageFit + 0.1 * liked
            isGood = purposeHit
        } else {
            let purposeWeight = purposeMask == 0 ? 0 : weights.purpose
            let interestWeight = purposeMask == 0 ? weights.interest + weights.purpose : weights.interest
            score = interestWeight * interestFit + purposeWeight * (purposeHit ? 1 : 0) + weights.age * ageFit
            isGood = strong && purposeHit
        }
        return Candidate(pk: pk, product: product, score: score, hits: hits.sorted { ($0.request, -$0.weight) < ($1.request, -$1.weight) }, isGood: isGood)
    }

    func loadProducts(_ db: Database, pks: Set<Int64>) throws -> [Int64: Product] {
        let list = pks.sorted().map(String.init).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT \(ProductRecord.columns) FROM product p WHERE p.pk IN (\(list))")
        return Dictionary(uniqueKeysWithValues: try ProductRecord.attachTags(db, rows: rows).map { ($0.pk, $0.product) })
    }
}
