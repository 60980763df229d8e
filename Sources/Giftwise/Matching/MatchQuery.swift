import Foundation
import GRDB

/// A candidate product from the retrieval query, with how it matched.
struct Candidate {
    struct InterestHit {
        /// Index of the recipient's interest (in `MatchQuery.requests`).
        var request: Int
        /// `exact`, `related` or `text`.
        var kind: String
        /// The product tag that matched (for related hits).
        var tag: String?
        var weight: Double
    }
    var pk: Int64
    var score: Double
    var interestFit: Double
    var purposeHit: Bool
    var ageFit: Double
    var hits: [InterestHit]
    var isGood: Bool
}

/// One interest as the recipient said it, resolved through the taxonomy.
struct InterestRequest {
    var said: String
    var interest: Interest?
    /// A shop's free tag with this name, when the taxonomy does not know the word.
    var freeTag: String?
    /// FTS5 phrase query for the word, safe to bind (only word characters, quoted).
    var textQuery: String?
    /// They named something narrower than the interest ("pirates" for fantasy): text hits on
    /// their word then count fully and the broad tag a little less.
    var specific = false
}

/// The SQL side of matching: hard limits as conditions, fit as an expression.
struct MatchQuery {
    let profile: RecipientProfile
    let history: HistorySignals
    let critique: Critique
    let taxonomy: Taxonomy
    let weights: ScoringWeights
    let requests: [InterestRequest]

    init(profile: RecipientProfile, history: HistorySignals, critique: Critique, taxonomy: Taxonomy, weights: ScoringWeights) {
        self.profile = profile
        self.history = history
        self.critique = critique
        self.taxonomy = taxonomy
        self.weights = weights
        var seen = Set<String>()
        requests = profile.interests.compactMap { said in
            let trimmed = said.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return nil }
            let interest = taxonomy.resolve(trimmed)
            let key = interest?.id ?? TextNormalizer.key(trimmed)
            guard !key.isEmpty, seen.insert(key).inserted else { return nil }
            // "pirates" resolves to fantasy, but the word itself is the sharper signal: search for
            // what they said when it is more specific than the interest's own name.
            let specific = interest.map { Self.isMoreSpecific(said: trimmed, than: $0) } ?? false
            let phrase = interest.map { specific ? Self.ftsPhrase(trimmed) : Self.ftsPhrase($0.label) } ?? Self.ftsPhrase(trimmed)
            return InterestRequest(said: trimmed, interest: interest, freeTag: interest == nil ? key : nil, textQuery: phrase, specific: specific)
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

    // MARK: Hard limits

    /// Conditions on `p` that are never relaxed by scoring.
    func hardLimits(_ profile: RecipientProfile) -> (sql: String, arguments: StatementArguments) {
        var sql = """
            p.in_stock = 1
            AND ((p.age_min_months IS NULL AND ? >= \(AgeRange.unknownMinimumSafeFromMonths)) OR p.age_min_months <= ?)
            AND (p.age_max_months IS NULL OR ? < p.age_max_months + CASE WHEN p.age_max_months % 12 = 0 THEN 12 ELSE 1 END)
            """
        var arguments: StatementArguments = [profile.ageMonths, profile.ageMonths, profile.ageMonths]
        if let budget = profile.budgetMax {
            sql += "\nAND p.price_minor <= ?"
            _ = arguments.append(contentsOf: [budget.minorUnits])
        }
        if let minimum = profile.budgetMin {
            sql += "\nAND p.price_minor >= ?"
            _ = arguments.append(contentsOf: [minimum.minorUnits])
        }
        let excludedIDs = profile.excludedProductIDs.union(history.givenProductIDs).union(critique.rejectedProductIDs).sorted()
        if !excludedIDs.isEmpty {
            sql += "\nAND p.id NOT IN (SELECT value FROM json_each(?))"
            _ = arguments.append(contentsOf: [Self.jsonArray(excludedIDs)])
        }
        for word in profile.excludedWords {
            let trimmed = word.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            var tagIDs = [TextNormalizer.key(trimmed)]
            if let interest = taxonomy.resolve(trimmed), TextNormalizer.key(trimmed) == TextNormalizer.key(interest.id)
                || interest.aliases.contains(where: { TextNormalizer.key($0) == TextNormalizer.key(trimmed) })
                || TextNormalizer.key(interest.label) == TextNormalizer.key(trimmed) {
                tagIDs.append(interest.id)
            }
            sql += "\nAND NOT EXISTS (SELECT 1 FROM product_interest x WHERE x.product_pk = p.pk AND x.interest_id IN (SELECT value FROM json_each(?)))"
            _ = arguments.append(contentsOf: [Self.jsonArray(tagIDs)])
            if let phrase = Self.ftsPhrase(trimmed) {
                sql += "\nAND p.pk NOT IN (SELECT rowid FROM product_fts WHERE product_fts MATCH ?)"
                _ = arguments.append(contentsOf: [phrase])
            }
        }
        for tag in critique.avoidedInterests.sorted() {
            sql += "\nAND NOT EXISTS (SELECT 1 FROM product_interest x WHERE x.product_pk = p.pk AND x.interest_id = ? AND x.rank = 0)"
            _ = arguments.append(contentsOf: [tag])
        }
        return (sql, arguments)
    }

    static func jsonArray(_ values: [String]) -> String {
        "[" + values.map(GiftCatalog.jsonString).joined(separator: ",") + "]"
    }

    // MARK: Fit

    /// The age-fit expression: how well the product's range targets this recipient's age.
    func ageFitSQL(_ profile: RecipientProfile) -> String {
        let age = profile.ageMonths
        if age >= 65 * 12 {
            return "(CASE WHEN COALESCE(p.age_min_months, 0) >= 600 THEN 1.0 WHEN COALESCE(p.age_min_months, 0) >= 144 THEN 0.85 ELSE 0.6 END)"
        }
        if age >= 18 * 12 {
            return "(CASE WHEN COALESCE(p.age_min_months, 0) >= 144 THEN 1.0 ELSE 0.7 END)"
        }
        // Children: a range a few years wide made for them beats "3 to 99". Open ranges count to 18.
        return "(1.0 / (1.0 + 0.12 * MAX(0.0, ((MIN(COALESCE(p.age_max_months, 216), 216) - COALESCE(p.age_min_months, 36)) / 12.0) - 3.0)))"
    }

    /// Interest wishes as JSON rows [request, interest id, weight, kind] for the retrieval join.
    /// Related tags only shape scores, never whether a match is good, so counts leave them out.
    func wants(_ requests: [InterestRequest], includeRelated: Bool = true) -> String {
        var rows: [String] = []
        for (index, request) in requests.enumerated() {
            if let interest = request.interest {
                rows.append("[\(index),\(GiftCatalog.jsonString(interest.id)),\(request.specific ? 0.8 : 1.0),\"exact\"]")
                for (related, weight) in interest.related.sorted(by: { $0.key < $1.key }) where includeRelated {
                    rows.append("[\(index),\(GiftCatalog.jsonString(related)),\(weight * weights.relatedFactor),\"related\"]")
                }
            } else if let free = request.freeTag {
                rows.append("[\(index),\(GiftCatalog.jsonString(free)),1.0,\"exact\"]")
            }
        }
        for favoured in critique.favouredInterests.sorted() {
            rows.append("[\(requests.count),\(GiftCatalog.jsonString(favoured)),0.5,\"like\"]")
        }
        return "[" + rows.joined(separator: ",") + "]"
    }

    /// Resolved requests for a profile (for relaxed profiles too).
    func requests(for profile: RecipientProfile) -> [InterestRequest] {
        profile.interests == self.profile.interests ? requests
            : MatchQuery(profile: profile, history: history, critique: critique, taxonomy: taxonomy, weights: weights).requests
    }

    /// The hits CTE and scoring select for a profile. Returns SQL selecting candidate columns.
    func candidateSQL(_ profile: RecipientProfile, countOnly: Bool) -> (sql: String, arguments: StatementArguments)? {
        let requests = requests(for: profile)
        guard !requests.isEmpty || !critique.favouredInterests.isEmpty else { return nil }
        var arguments: StatementArguments = [wants(requests, includeRelated: !countOnly)]
        var hitParts = ["""
            SELECT pi.product_pk AS pk, w.req AS req, w.kind AS kind, pi.interest_id AS tag, w.weight * pi.weight AS weight
            FROM (SELECT json_extract(value, '$[0]') AS req, json_extract(value, '$[1]') AS interest_id,
                         json_extract(value, '$[2]') AS weight, json_extract(value, '$[3]') AS kind FROM json_each(?)) w
            JOIN product_interest pi ON pi.interest_id = w.interest_id
            """]
        for (index, request) in requests.enumerated() {
            guard let phrase = request.textQuery else { continue }
            let weight = request.interest == nil ? weights.textMatchUnknown : (request.specific ? 1.0 : weights.textMatchKnown)
            hitParts.append("SELECT rowid, \(index), 'text', NULL, \(weight) FROM product_fts WHERE product_fts MATCH ?")
            _ = arguments.append(contentsOf: [phrase])
        }
        let limits = hardLimits(profile)
        let purposeList = profile.purposes.sorted().map(\.rawValue)
        let purposeSQL = purposeList.isEmpty ? "1"
            : "EXISTS (SELECT 1 FROM product_purpose pp WHERE pp.product_pk = p.pk AND pp.purpose IN (SELECT value FROM json_each(?)))"
        let requestCount = requests.count
        // A good match: an exact or text hit on one of their interests, and a wished-for purpose.
        let goodSQL = "(h.strong > 0 AND \(purposeSQL))"
        let sql = """
            WITH hit AS (\(hitParts.joined(separator: "\nUNION ALL\n"))),
            best AS (SELECT pk, req, MAX(weight) AS weight, kind, tag FROM hit GROUP BY pk, req),
            h AS (SELECT pk, MAX(CASE WHEN req < \(requestCount) THEN weight ELSE 0 END) AS top,
                         SUM(CASE WHEN req < \(requestCount) THEN weight ELSE 0 END) AS total,
                         MAX(CASE WHEN req >= \(requestCount) THEN weight ELSE 0 END) AS liked,
                         SUM(kind IN ('exact', 'text') AND req < \(requestCount)) AS strong,
                         group_concat(req || ':' || kind || ':' || COALESCE(tag, '') || ':' || weight, ';') AS detail
                  FROM best GROUP BY pk)
            """
        var tail: String
        if countOnly {
            tail = "SELECT COUNT(*) FROM h JOIN product p ON p.pk = h.pk WHERE \(limits.sql) AND \(goodSQL)"
        } else {
            let interestFit = "MIN(1.0, h.top + \(weights.extraInterestShare) * (h.total - h.top) + h.liked)"
            let purposeWeight = purposeList.isEmpty ? 0 : weights.purpose
            let interestWeight = purposeList.isEmpty ? weights.interest + weights.purpose : weights.interest
            tail = """
                SELECT p.pk, \(interestFit) AS interest_fit, \(purposeSQL) AS purpose_hit, \(ageFitSQL(profile)) AS age_fit,
                       \(goodSQL) AS good, h.detail,
                       \(interestWeight) * \(interestFit) + \(purposeWeight) * (\(purposeSQL)) + \(weights.age) * \(ageFitSQL(profile)) AS score
                FROM h JOIN product p ON p.pk = h.pk
                WHERE \(limits.sql)
                ORDER BY good DESC, score DESC, p.id
                LIMIT ?
                """
        }
        // Arguments in textual order: hits, then tail (purpose subqueries appear before limits in the select list).
        if countOnly {
            arguments += limits.arguments
            if !purposeList.isEmpty { _ = arguments.append(contentsOf: [Self.jsonArray(purposeList)]) }
        } else {
            let purposeArgument: StatementArguments = purposeList.isEmpty ? [] : [Self.jsonArray(purposeList)]
            // purpose_hit, good, score each use the purpose subquery once.
            arguments += purposeArgument
            arguments += purposeArgument
            arguments += purposeArgument
            arguments += limits.arguments
        }
        return (sql + "\n" + tail, arguments)
    }

    func countGood(_ db: Database) throws -> Int {
        try countGood(db, profile: profile)
    }

    func countGood(_ db: Database, profile: RecipientProfile) throws -> Int {
        if requests(for: profile).isEmpty && critique.favouredInterests.isEmpty {
            return try countWithoutInterests(db, profile: profile)
        }
        guard let query = candidateSQL(profile, countOnly: true) else { return 0 }
        return try Int.fetchOne(db.cachedStatement(sql: query.sql), arguments: query.arguments) ?? 0
    }

    /// With no interests given, every product within the limits that has a wished purpose is good.
    private func countWithoutInterests(_ db: Database, profile: RecipientProfile) throws -> Int {
        let limits = hardLimits(profile)
        let purposeList = profile.purposes.sorted().map(\.rawValue)
        var sql = "SELECT COUNT(*) FROM product p WHERE \(limits.sql)"
        var arguments = limits.arguments
        if !purposeList.isEmpty {
            sql += " AND EXISTS (SELECT 1 FROM product_purpose pp WHERE pp.product_pk = p.pk AND pp.purpose IN (SELECT value FROM json_each(?)))"
            _ = arguments.append(contentsOf: [Self.jsonArray(purposeList)])
        }
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    func candidates(_ db: Database, limit: Int) throws -> [Candidate] {
        if requests.isEmpty && critique.favouredInterests.isEmpty {
            return try fallbackCandidates(db, limit: limit, goodWhenPurposeMatches: true)
        }
        guard let query = candidateSQL(profile, countOnly: false) else { return [] }
        var arguments = query.arguments
        _ = arguments.append(contentsOf: [limit])
        return try Row.fetchAll(db.cachedStatement(sql: query.sql), arguments: arguments).map { row in
            Candidate(pk: row[0], score: row[6], interestFit: row[1], purposeHit: row[2], ageFit: row[3],
                      hits: Self.parseHits(row[5]), isGood: row[4])
        }
    }

    /// Products within the hard limits ranked by purpose and age fit alone: the honest "partial"
    /// list when no interest matches, or the whole list when no interests were given.
    func fallbackCandidates(_ db: Database, limit: Int, goodWhenPurposeMatches: Bool = false) throws -> [Candidate] {
        let limits = hardLimits(profile)
        let purposeList = profile.purposes.sorted().map(\.rawValue)
        let purposeSQL = purposeList.isEmpty ? "1"
            : "EXISTS (SELECT 1 FROM product_purpose pp WHERE pp.product_pk = p.pk AND pp.purpose IN (SELECT value FROM json_each(?)))"
        let purposeArgument: StatementArguments = purposeList.isEmpty ? [] : [Self.jsonArray(purposeList)]
        // Without interests, purpose and age are the whole fit; with unmatched interests they are
        // only their own share of it, so a weak match's score says it is weak.
        let fallbackPurposeWeight = goodWhenPurposeMatches ? 0.6 : weights.purpose
        let fallbackAgeWeight = goodWhenPurposeMatches ? 0.4 : weights.age
        let sql = """
            SELECT p.pk, \(purposeSQL) AS purpose_hit, \(ageFitSQL(profile)) AS age_fit,
                   \(fallbackPurposeWeight) * (\(purposeSQL)) + \(fallbackAgeWeight) * \(ageFitSQL(profile)) AS score
            FROM product p WHERE \(limits.sql)
            ORDER BY score DESC, p.id LIMIT ?
            """
        var arguments = purposeArgument
        arguments += purposeArgument
        arguments += limits.arguments
        _ = arguments.append(contentsOf: [limit])
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            let purposeHit: Bool = row[1]
            return Candidate(pk: row[0], score: row[3], interestFit: 0, purposeHit: purposeHit, ageFit: row[2],
                             hits: [], isGood: goodWhenPurposeMatches && purposeHit)
        }
    }

    static func parseHits(_ detail: String?) -> [Candidate.InterestHit] {
        guard let detail else { return [] }
        return detail.split(separator: ";").compactMap { part in
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 4, let request = Int(fields[0]), let weight = Double(fields[3]) else { return nil }
            return Candidate.InterestHit(request: request, kind: String(fields[1]),
                                         tag: fields[2].isEmpty ? nil : String(fields[2]), weight: weight)
        }.sorted { ($0.request, -$0.weight) < ($1.request, -$1.weight) }
    }

    func loadProducts(_ db: Database, candidates: [Candidate]) throws -> [Int64: Product] {
        guard !candidates.isEmpty else { return [:] }
        let list = candidates.map { String($0.pk) }.joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT \(ProductRecord.columns) FROM product p WHERE p.pk IN (\(list))")
        return Dictionary(uniqueKeysWithValues: try ProductRecord.attachTags(db, rows: rows).map { ($0.pk, $0.product) })
    }
}
