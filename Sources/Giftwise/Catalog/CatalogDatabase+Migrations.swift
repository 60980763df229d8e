import GRDB

extension CatalogDatabase {
    /// The schema's history. Frozen: once shipped, a migration is never edited, only added to.
    /// Written against SQL strings, not app types, so later code changes cannot alter old steps.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;

                    CREATE TABLE product (
                        pk INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        description TEXT NOT NULL DEFAULT '',
                        price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
                        currency TEXT NOT NULL DEFAULT 'USD',
                        age_min_months INTEGER,
                        age_max_months INTEGER,
                        url TEXT,
                        in_stock INTEGER NOT NULL DEFAULT 1,
                        inferred INTEGER NOT NULL DEFAULT 0, -- 1: interests from text, 2: purposes from text
                        tags TEXT NOT NULL DEFAULT '',
                        content_hash INTEGER NOT NULL,
                        purposes INTEGER NOT NULL DEFAULT 0 -- bits: educational 1, crafty 2, sporty 4, fun 8
                    );
                    CREATE INDEX product_by_price ON product(price_minor);

                    CREATE TABLE interest (
                        id TEXT PRIMARY KEY NOT NULL,
                        label TEXT NOT NULL,
                        phrase TEXT NOT NULL,
                        is_free INTEGER NOT NULL DEFAULT 0,
                        position INTEGER NOT NULL DEFAULT 0,
                        ambiguous TEXT NOT NULL DEFAULT '[]' -- JSON array of words that never tag product text alone
                    ) WITHOUT ROWID;
                    CREATE TABLE interest_alias (
                        interest_id TEXT NOT NULL REFERENCES interest(id) ON DELETE CASCADE,
                        alias TEXT NOT NULL,
                        PRIMARY KEY (interest_id, alias)
                    ) WITHOUT ROWID;
                    CREATE TABLE interest_related (
                        interest_id TEXT NOT NULL REFERENCES interest(id) ON DELETE CASCADE,
                        related_id TEXT NOT NULL,
                        weight REAL NOT NULL CHECK (weight > 0 AND weight <= 1),
                        PRIMARY KEY (interest_id, related_id)
                    ) WITHOUT ROWID;

                    -- Relations, one row per tag, so "all dinosaur products" is one contiguous range. The
                    -- hard-limit columns are copied from the product (kept in step by the importer) so
                    -- matching filters and ranks a tag's products from this range alone, without a join.
                    -- Key columns come first, in key order: SQLite 3.40's integrity_check misreports
                    -- NOT NULL columns of WITHOUT ROWID tables whose key columns are declared later.
                    CREATE TABLE product_interest (
                        interest_id TEXT NOT NULL,
                        rank INTEGER NOT NULL,
                        span_fit REAL NOT NULL, -- how tightly the age range targets a child (1 = a few years)
                        product_pk INTEGER NOT NULL,
                        weight REAL NOT NULL,
                        price_minor INTEGER NOT NULL,
                        age_min_months INTEGER,
                        age_max_months INTEGER,
                        purposes INTEGER NOT NULL,
                        in_stock INTEGER NOT NULL,
                        -- Clustered best-first within a tag (most central, then most age-targeted), so
                        -- retrieval reads rows in rank order and stops after the first few hundred
                        -- that pass the hard limits; the copied columns make every read local.
                        PRIMARY KEY (interest_id, rank, span_fit DESC, product_pk)
                    ) WITHOUT ROWID;
                    CREATE INDEX product_interest_by_product ON product_interest(product_pk);
                    CREATE TABLE product_purpose (
                        purpose TEXT NOT NULL CHECK (purpose IN ('educational', 'crafty', 'sporty', 'fun')),
                        product_pk INTEGER NOT NULL,
                        PRIMARY KEY (purpose, product_pk)
                    ) WITHOUT ROWID;

                    -- External-content FTS over the product table: the text is stored once.
                    CREATE VIRTUAL TABLE product_fts USING fts5(
                        name, description, tags,
                        content='product', content_rowid='pk',
                        tokenize='porter unicode61 remove_diacritics 2'
                    );
                    """)
        }
        migrator.registerMigration("v1-recipients") { db in
            try db.execute(
                sql: """
                    CREATE TABLE recipient (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        name_key TEXT NOT NULL UNIQUE, -- the name case-folded: names are unique ignoring case
                        birth_date TEXT,
                        age_months INTEGER,
                        age_given_on TEXT,
                        interests TEXT NOT NULL DEFAULT '[]',
                        purposes TEXT NOT NULL DEFAULT '[]',
                        budget_max_minor INTEGER,
                        budget_min_minor INTEGER,
                        excluded_words TEXT NOT NULL DEFAULT '[]',
                        created_on TEXT NOT NULL
                    );
                    CREATE TABLE gift (
                        id INTEGER PRIMARY KEY,
                        recipient_id INTEGER NOT NULL REFERENCES recipient(id) ON DELETE CASCADE,
                        product_id TEXT NOT NULL,
                        product_name TEXT NOT NULL,
                        interests TEXT NOT NULL DEFAULT '[]',
                        given_on TEXT NOT NULL,
                        occasion TEXT,
                        outcome TEXT CHECK (outcome IN ('loved', 'liked', 'returned'))
                    );
                    CREATE INDEX gift_by_recipient_date ON gift(recipient_id, given_on);
                    """)
        }
        migrator.registerMigration("v2-currency-rates") { db in
            // Rates a shop supplies, each against the base currency named in meta 'rate_base':
            // one unit of `currency` is worth `rate` units of the base.
            try db.execute(
                sql: """
                    CREATE TABLE currency_rate (
                        currency TEXT PRIMARY KEY NOT NULL,
                        rate REAL NOT NULL CHECK (rate > 0)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2-interest-synonyms") { db in
            // Which aliases mean the interest itself (a synonym) rather than a narrower kind of it:
            // only a synonym, or the interest's own name, makes an interest tag a "good" match.
            try db.execute(sql: "ALTER TABLE interest ADD COLUMN synonyms TEXT NOT NULL DEFAULT '[]'")
            // Taxonomies installed before this column existed are reinstalled on next open.
            try db.execute(sql: "DELETE FROM meta WHERE key = 'taxonomy'")
        }
        migrator.registerMigration("v3-tag-source") { db in
            // product_interest: drops `weight` (written, never read: centrality follows from
            // `rank`) and adds `supplied` (1: the shop's own tag, 0: inferred from the product's
            // text), so matching can trust a shop's category above a guess from words.
            // product_purpose was kept only for stats, which read the purpose bits instead.
            try db.execute(
                sql: """
                    CREATE TABLE product_interest_v3 (
                        interest_id TEXT NOT NULL,
                        rank INTEGER NOT NULL,
                        span_fit REAL NOT NULL,
                        product_pk INTEGER NOT NULL,
                        price_minor INTEGER NOT NULL,
                        age_min_months INTEGER,
                        age_max_months INTEGER,
                        purposes INTEGER NOT NULL,
                        in_stock INTEGER NOT NULL,
                        supplied INTEGER NOT NULL,
                        PRIMARY KEY (interest_id, rank, span_fit DESC, product_pk)
                    ) WITHOUT ROWID;
                    INSERT INTO product_interest_v3
                        SELECT pi.interest_id, pi.rank, pi.span_fit, pi.product_pk, pi.price_minor, pi.age_min_months,
                               pi.age_max_months, pi.purposes, pi.in_stock, (p.inferred & 1) = 0
                        FROM product_interest pi JOIN product p ON p.pk = pi.product_pk;
                    DROP TABLE product_interest;
                    ALTER TABLE product_interest_v3 RENAME TO product_interest;
                    CREATE INDEX product_interest_by_product ON product_interest(product_pk);
                    DROP TABLE product_purpose;
                    """)
        }
        ProductVectors.registerMigrations(&migrator)
        migrator.registerMigration("v3-gift-once-a-day") { db in
            // Recording the same gift twice on one day made two history entries: keep the latest
            // (with the outcome and occasion any of them had) and let an index refuse repeats.
            try db.execute(
                sql: """
                    UPDATE gift SET
                        outcome = COALESCE(outcome, (SELECT g.outcome FROM gift g WHERE g.recipient_id = gift.recipient_id
                            AND g.product_id = gift.product_id AND g.given_on = gift.given_on AND g.outcome IS NOT NULL
                            ORDER BY g.id DESC LIMIT 1)),
                        occasion = COALESCE(occasion, (SELECT g.occasion FROM gift g WHERE g.recipient_id = gift.recipient_id
                            AND g.product_id = gift.product_id AND g.given_on = gift.given_on AND g.occasion IS NOT NULL
                            ORDER BY g.id DESC LIMIT 1));
                    DELETE FROM gift WHERE EXISTS (SELECT 1 FROM gift g WHERE g.recipient_id = gift.recipient_id
                        AND g.product_id = gift.product_id AND g.given_on = gift.given_on AND g.id > gift.id);
                    CREATE UNIQUE INDEX gift_once_a_day ON gift(recipient_id, product_id, given_on);
                    """)
        }
        migrator.registerMigration("v4-interest-not-about") { db in
            // Names that hold an interest's word but mean something else ("bugs bunny" is not
            // about insects): stored with the interest, read when tagging and matching.
            try db.execute(sql: "ALTER TABLE interest ADD COLUMN not_about TEXT NOT NULL DEFAULT '[]'")
            try db.execute(sql: "DELETE FROM meta WHERE key = 'taxonomy'")
        }
        migrator.registerMigration("v5-interest-cover") { db in
            // The other names shops give a specific wish ("fancy dress" for "costumes"), one row
            // a name, with the wish as written and folded (opening a catalog folds none again).
            try db.execute(
                sql: """
                    CREATE TABLE interest_cover (
                        interest_id TEXT NOT NULL REFERENCES interest(id) ON DELETE CASCADE,
                        wish TEXT NOT NULL,
                        wish_key TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        PRIMARY KEY (interest_id, wish, position)
                    ) WITHOUT ROWID;
                    DELETE FROM meta WHERE key = 'taxonomy';
                    """)
        }
        migrator.registerMigration("v6-interest-includes") { db in
            // The narrower interests of one (horses, pets and birds are animals): a JSON array of ids.
            try db.execute(sql: "ALTER TABLE interest ADD COLUMN includes TEXT NOT NULL DEFAULT '[]'")
            try db.execute(sql: "DELETE FROM meta WHERE key = 'taxonomy'")
        }
        migrator.registerMigration("v7-interest-narrower") { db in
            // Aliases that look like a spelling of the interest's name but name one thing in it
            // ("superman" for superheroes): a JSON array.
            try db.execute(sql: "ALTER TABLE interest ADD COLUMN narrower TEXT NOT NULL DEFAULT '[]'")
            try db.execute(sql: "DELETE FROM meta WHERE key = 'taxonomy'")
        }
        migrator.registerMigration("v8-product-vocab") { db in
            // The full-text index's words (Porter stems), read for a slip of a word the catalog
            // holds ("hello kity"): a view of the index, storing nothing.
            try db.execute(sql: "CREATE VIRTUAL TABLE product_vocab USING fts5vocab(product_fts, 'row')")
        }
        migrator.registerMigration("v9-product-serving") { db in
            // The few products whose name says they are a part of a thing or made for one
            // (`ProductFlags.servesAThing`): the good count looks them up among a tag's matches
            // without reading every match's row.
            try db.execute(sql: "CREATE INDEX product_serving ON product(pk) WHERE (inferred & 16) != 0")
        }
        migrator.registerMigration("v10-product-other-thing") { db in
            // Names that may hold a thing only as a part of it or on another thing ("Train Motor",
            // "Police Car Bag Charm", a game for one device): marked, with their own partial index,
            // so the good count of a wish for an object finds them among a tag's matches.
            // The one step that reads the importer's rule rather than SQL alone: it only adds the
            // mark an import of the same rows sets today, and changes no product's data.
            try db.execute(sql: "CREATE INDEX product_other_thing ON product(pk) WHERE (inferred & 32) != 0")
            try Self.markOtherThings(db)
        }
        migrator.registerMigration("v11-product-gift-key") { db in
            // The gift each name stands for (variants of one gift share it), so a good-match
            // count reads a number per product instead of folding each name again (about a tenth
            // of a recommendation's time at 100k products). Filled here for the rows already
            // imported, by the rule an import applies, in one statement (no row is held in
            // memory); NULL is read from the name.
            try db.execute(sql: "ALTER TABLE product ADD COLUMN gift_key INTEGER")
            let keyOf = Self.giftKeyFunction()
            db.add(function: keyOf)
            defer { db.remove(function: keyOf) }
            try db.execute(sql: "UPDATE product SET gift_key = giftwise_gift_key(name)")
        }
        migrator.registerMigration("v12-refold-ie-plurals") { db in
            // "Zombies" folds to "zombie" now, no longer "zomby" (``TextNormalizer/ieNouns``,
            // "pies" to "pie"): the gift key of a name holding such a plural changes with it.
            // Only names holding "ies" are read again (SQLite's LIKE ignores ASCII case).
            let keyOf = Self.giftKeyFunction()
            db.add(function: keyOf)
            defer { db.remove(function: keyOf) }
            try db.execute(sql: "UPDATE product SET gift_key = giftwise_gift_key(name) WHERE name LIKE '%ies%'")
        }
        migrator.registerMigration("v13-product-other-thing-parts") { db in
            // "window", "pane" and "door" after a thing name a part of it ("Blue Train Windows
            // with Panes", a LEGO parts pack, had been a train lover's second gift): the mark of
            // v10 read again by today's rule, which only adds marks.
            try Self.markOtherThings(db)
        }
        return migrator
    }

    /// Marks every product whose name may hold a thing only as a part of it or on another thing
    /// (``ProductFlags/mayHoldAnotherThing``), by the rule an import applies today; a mark already
    /// set stays.
    private static func markOtherThings(_ db: Database) throws {
        let mark = ProductFlags.mayHoldAnotherThing
        let rows = try Row.fetchAll(db, sql: "SELECT pk, name FROM product WHERE (inferred & \(mark)) = 0")
        let update = try db.makeStatement(sql: "UPDATE product SET inferred = inferred | \(mark) WHERE pk = ?")
        for row in rows {
            let name: String = row["name"]
            let tokens = TextNormalizer.tokens(name)
            guard NameKind(tokens: tokens).isDeviceBound || ThemedAccessories.mayHoldAnotherThing(tokens)
            else { continue }
            try update.execute(arguments: [row["pk"] as Int64])
        }
    }

    /// `giftwise_gift_key(name)`: a name's gift key (``Diversifier/giftKey(_:)``), for the
    /// migrations that fill it in SQL.
    private static func giftKeyFunction() -> DatabaseFunction {
        DatabaseFunction("giftwise_gift_key", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(Diversifier.giftKey)
        }
    }
}
