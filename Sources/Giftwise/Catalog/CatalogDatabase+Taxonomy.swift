import Foundation
import GRDB

extension CatalogDatabase {
    /// Installs the bundled taxonomy when the catalog's copy is missing or older. Cheap when current.
    package func installTaxonomyIfNeeded(fingerprint: String = DefaultCatalog.taxonomyFingerprint) throws {
        let installed = try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'taxonomy'")
        }
        guard installed != fingerprint else { return }
        // Parsed only when the installed copy is out of date: opening a current catalog stays cheap.
        let taxonomy = DefaultCatalog.taxonomy
        try write { db in
            try db.execute(sql: "DELETE FROM interest WHERE is_free = 0")
            let insertInterest = try db.makeStatement(
                sql: """
                    INSERT INTO interest (
                        id, label, phrase, is_free, position, ambiguous, synonyms, not_about, includes, narrower)
                    VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET label = excluded.label, phrase = excluded.phrase,
                        is_free = 0, position = excluded.position, ambiguous = excluded.ambiguous,
                        synonyms = excluded.synonyms, not_about = excluded.not_about,
                        includes = excluded.includes, narrower = excluded.narrower
                    """)
            try db.execute(sql: "DELETE FROM interest_cover")
            let insertCover = try db.makeStatement(
                sql: "INSERT INTO interest_cover (interest_id, wish, wish_key, position, name) VALUES (?, ?, ?, ?, ?)")
            let insertAlias = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO interest_alias (alias, interest_id) VALUES (?, ?)")
            let insertRelated = try db.makeStatement(
                sql: "INSERT OR REPLACE INTO interest_related (interest_id, related_id, weight) VALUES (?, ?, ?)")
            for (position, interest) in taxonomy.interests.enumerated() {
                try insertInterest.execute(arguments: [
                    interest.id, interest.label, interest.phrase, position,
                    Self.jsonArray(interest.ambiguous), Self.jsonArray(interest.synonyms),
                    Self.jsonArray(interest.notAbout), Self.jsonArray(interest.includes),
                    Self.jsonArray(interest.narrower),
                ])
                for (wish, names) in interest.covers {
                    let key = TextNormalizer.key(wish)
                    for (position, name) in names.enumerated() {
                        try insertCover.execute(arguments: [interest.id, wish, key, position, name])
                    }
                }
                for alias in interest.aliases { try insertAlias.execute(arguments: [alias, interest.id]) }
                for (related, weight) in interest.related.sorted(by: { $0.key < $1.key }) {
                    try insertRelated.execute(arguments: [interest.id, related, weight])
                }
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('taxonomy', ?)", arguments: [fingerprint])
        }
    }

    private static func jsonArray(_ values: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(values), as: UTF8.self)) ?? "[]"
    }

    /// A stored JSON array of strings (most are empty: read without a decoder).
    private static func stringArray(json: String) -> [String] {
        if json == "[]" { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    /// The taxonomy as stored in this catalog.
    package func loadTaxonomy() throws -> Taxonomy {
        try read { db in
            var aliases: [String: [String]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT interest_id, alias FROM interest_alias ORDER BY interest_id, alias")
            {
                aliases[row[0], default: []].append(row[1])
            }
            // Other names of a wish, one row a name (read as rows: no JSON to decode).
            var covers: [String: [String: [String]]] = [:]
            var foldedWishes: [String: String] = [:]
            let coverRows = try Row.fetchCursor(
                db,
                sql: "SELECT interest_id, wish, wish_key, name FROM interest_cover ORDER BY interest_id, wish, position"
            )
            while let row = try coverRows.next() {
                let wish: String = row[1]
                covers[row[0], default: [:]][wish, default: []].append(row[3])
                foldedWishes[wish] = row[2]
            }
            var related: [String: [String: Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT interest_id, related_id, weight FROM interest_related") {
                related[row[0], default: [:]][row[1]] = row[2]
            }
            let interests = try Row.fetchAll(
                db,
                sql:
                    """
                    SELECT id, label, phrase, ambiguous, synonyms, not_about, includes, narrower FROM interest
                    WHERE is_free = 0 ORDER BY position, id
                    """
            ).map { row in
                let id: String = row[0]
                let ambiguous = Self.stringArray(json: row[3])
                let synonyms = Self.stringArray(json: row[4])
                return Interest(
                    id: id, label: row[1], phrase: row[2], aliases: aliases[id] ?? [], synonyms: synonyms,
                    related: related[id] ?? [:],
                    ambiguous: ambiguous, notAbout: Self.stringArray(json: row[5]),
                    covers: covers[id] ?? [:], includes: Self.stringArray(json: row[6]),
                    narrower: Self.stringArray(json: row[7]))
            }
            return Taxonomy(interests: interests, foldedWishes: foldedWishes)
        }
    }

    /// The shop's own tags as the shop first wrote them ("Speed Champions" for the tag
    /// "speed champion"), by tag.
    static func freeTagLabels(_ db: Database) throws -> [String: String] {
        var labels: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, label FROM interest WHERE is_free = 1") {
            labels[row[0]] = row[1]
        }
        return labels
    }

    /// Which of `names` (folded words joined by spaces) some tag of the catalog is or holds as
    /// whole words ("spider man" in "ultimate spider man").
    /// Only the shop's own tags can: the taxonomy's ids name its interests.
    /// The label of the shop's own tag `id` (folded words joined by spaces), as the shop writes
    /// it; `nil` when the shop has no such tag.
    static func freeTagLabel(_ db: Database, id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT label FROM interest WHERE id = ? AND is_free = 1", arguments: [id])
    }

    /// The labels of the shop's own tags among `ids`, by tag, in one statement.
    static func freeTagLabels(_ db: Database, ids: [String]) throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db, SQLRequest<Row>(literal: "SELECT id, label FROM interest WHERE is_free = 1 AND id IN \(ids)"))
        return Dictionary(rows.map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
    }

    static func tagNamesHeld(_ names: [String], _ db: Database) throws -> [String] {
        guard !names.isEmpty,
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM interest WHERE is_free = 1)") == true
        else { return [] }
        return try names.filter { name in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM interest WHERE is_free = 1 AND ' ' || id || ' ' LIKE '% ' || ? || ' %')
                    """,
                arguments: [name]) ?? false
        }
    }

    /// The shop's own tags whose names end with the words of `tag` after others ("legend of
    /// chima" for "chima"), with their labels as written, in tag order; at most 20. Tags are
    /// folded words (letters and digits) joined by spaces: no `LIKE` wildcard is in one.
    static func freeTags(_ db: Database, endingWith tag: String) throws -> [(id: String, label: String)] {
        guard !tag.isEmpty, tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " }) else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT id, label FROM interest WHERE is_free = 1 AND id LIKE '% ' || ? ORDER BY id LIMIT 20",
            arguments: [tag]
        ).map { ($0[0], $0[1]) }
    }

    /// The shop's own tags whose names begin with the words of `tag` and go on ("marvel super
    /// heroe" for "marvel"), with their labels as written, in tag order.
    static func freeTags(_ db: Database, extending tag: String) throws -> [(id: String, label: String)] {
        // Tags are folded words joined by spaces: those after "marvel " and before "marvel!".
        try Row.fetchAll(
            db, sql: "SELECT id, label FROM interest WHERE id > ? AND id < ? AND is_free = 1 ORDER BY id",
            arguments: [tag + " ", tag + "!"]
        ).map { ($0[0], $0[1]) }
    }
}
