import Foundation
import GRDB

/// Where a product's text carries the words of a wish.
enum TextPlace: Equatable {
    case name
    case description
    /// Only the stemmer heard a word like theirs.
    case stem
    /// Only the description holds their words, and the product is not about them by meaning (a
    /// jigsaw "great for the beach", a domino maker's "science & discovery" range): a passing
    /// mention, never their thing (see ``ScoringWeights/mentionSimilarity``).
    case passing
    /// Their words are there, but the product is party supplies (a "Football Happy Birthday
    /// Banner" for a football fan): themed, not their thing (see ``PartySupplies``).
    case partySupply
    /// Their words are there, but the product is a spare part for the thing ("Replacement
    /// Blades … for Syma S107 RC Helicopter"): not their thing (see ``ThemedAccessories/namesAPart(_:isAccessory:)``).
    case part
    /// Their words are there only as what the product is made for, and their wish is a thing
    /// with parts and add-ons ("Roof Luggage Rack for RC Cars" for "rc car"): not one itself
    /// (see ``ThemedAccessories/thingsWithParts``).
    case madeFor
    /// Their words are there, but the name goes on to another thing carrying or picturing their
    /// object ("Police Car Bag Charm", "Painting by Numbers Fantasy Boat" for "a boat"): not
    /// their thing (see ``ThemedAccessories/otherThing(wishWords:saidWords:nameTokens:oneThing:)``).
    case carrier
    /// Their words are there, but the product furnishes a dolls house (a "Dolls House Miniature
    /// Cup of Coffee" for a coffee lover): themed, not their thing (see ``DollsHouseMiniatures``).
    case miniature
    /// Every word of a name they gave (a title or a character the taxonomy does not know) is
    /// there, but not together as they said it: "Lion Games … Chessmen with King's Height" is not
    /// "lion king", "Tealight Lantern - Green House" not "green lantern". Not their thing.
    case apart
}

/// How the words of a wish must stand in a text to say it (see ``InterestRequest/togetherness``).
enum Togetherness {
    case inOrder
    case near
}

/// How one product matched one thing they said.
enum InterestHit: Equatable {
    /// Tagged with their interest itself (or a shop tag of that name); `supplied`: the shop said so.
    case tag(String, supplied: Bool)
    /// Their words, or words for their interest or a narrower kind of it, in the product's text
    /// (`.stem`: only a word like theirs, "fish" for "fishing": not their thing, so weak).
    case text(TextPlace)
    /// Close in meaning to what they said, by the semantic signal, and close enough to be their thing.
    case meaning(Double)
    /// Tagged with an interest broader than their wish ("fantasy" when they said "dragons").
    case broader(String)
    /// Tagged with an interest related to theirs ("ocean" for "scuba diving").
    case related(String)
    /// Somewhat close in meaning, not enough to be their thing; `holdsAKind`: the product's text
    /// holds what a several-word wish is a kind of (``MatchQuery/holdsAKindOf(_:words:)``: "Cowboy
    /// with Colts Figurine" for "cowboys and indians"). Without it, loose closeness alone never
    /// lists a product (``isLooseLikeness``).
    case nearMeaning(Double, holdsAKind: Bool)
    /// Tagged like the product they picked in a "more like this".
    case like(String)
    /// The kind word of a several-word wish, without the rest ("sand" for "art sand"), and which
    /// of their words it holds: what they said is not this, so never their thing; it only fills a
    /// list with no good match.
    case someWords([String], inName: Bool)

    /// A likeness in meaning too loose to list a product by itself.
    var isLooseLikeness: Bool {
        if case .nearMeaning(_, holdsAKind: false) = self { true } else { false }
    }

    /// Whether the hit makes the product match what they said (a good match, with a purpose).
    var isStrong: Bool {
        switch self {
        case .tag, .meaning: true
        case .text(let place): place == .name || place == .description
        case .broader, .related, .nearMeaning, .like, .someWords: false
        }
    }
}

/// A candidate product with how it matched and its fit score.
struct Candidate {
    struct Match {
        /// Index of the recipient's interest (in `MatchQuery.requests`), or `requests.count` for
        /// a critique's "more like this".
        var request: Int
        var hit: InterestHit
        var weight: Double
    }
    var pk: Int64
    var product: Product
    var score: Double
    var hits: [Match]
    var isGood: Bool
    /// What their history says about it (loved: +1, returned: −1 per lesson).
    var lessons: [HistorySignals.Lesson] = []
    /// A game or software for one device they did not ask about (see ``DeviceBound``).
    var needsTheirDevice = false
    /// Made for children much younger than they are: a toddler's range from 6 on (see
    /// ``AgeRange/isForMuchYoungerChildren(thanMonths:)``), a "4+" for a teenager
    /// (``AgeRange/startsAmongYoungChildren(forTeenOrAdultMonths:)``).
    var madeForMuchYounger = false
    /// Named or filed as a toddler's toy ("DUPLO", "Toddler …") under a range open from under 3.
    var filedAsToddlers = false
    /// A young child's toy, for a teenager or an adult (see ``MatchQuery/isForYoungChildren(_:nameTokens:ageMonths:)``).
    var madeForChildren = false
    /// Whether it comes after every candidate of the same kind of match that is neither, whatever
    /// its score: a game for a console they may not own, a toddler's toy for a 9-year-old.
    /// Their words are in its text, but the shop files what they asked for under a label of that
    /// name and not this product ("Frozen Spikes", a Legends of Chima set, beside the shop's
    /// "Frozen" sets): set per list, since it depends on what else the shop labels so.
    var outsideTheShopsLabel = false
    /// A part or supply for their thing (``ThemedAccessories/partWords``: "Tamiya Dual Block
    /// Tyres … RC Car Spares", an ESC speed controller): after the things themselves, however
    /// plainly its name holds their words (a lower score alone let a diverse list pick tyres and
    /// a speed controller before a second RC car). Themed accessories and things made for their
    /// wish only score lower: a cooking sand timer is still a cook's gift.
    var isAPart = false
    /// For a child under five, the seller states no minimum age: small parts are not ruled out
    /// (a trial found a 9V connection wire and an adult's train model between the DUPLO sets
    /// for a 3-year-old). Under 3 such a product is never offered at all.
    var ageUnstatedForAYoungChild = false
    /// Listed only for a kind word no product holds beside the wish's other words ("Ariel's
    /// Magical Kiss" for "disney princess ariel"): the last resort of a list, offered only when
    /// nothing else comes close (a pool table is no "division tables").
    var restsOnAnUnpairedKindWord = false
    /// A themed accessory or a thing made for their wish ("Deck Box for Pokemon, YuGiOh"):
    /// fitting several of their interests never puts it before the things themselves.
    var isForTheThing = false
    var comesLater: Bool {
        needsTheirDevice || madeForMuchYounger || madeForChildren || outsideTheShopsLabel || isAPart
            || ageUnstatedForAYoungChild
    }
}

/// The matcher's reads and exact scoring.
///
/// Retrieval never scores the whole catalog: each wished-for tag is one contiguous range of
/// `product_interest` (whose rows carry copies of the hard-limit columns), cut to its best few
/// hundred by SQLite; the text of the wish is one FTS5 query ranked by BM25. Candidates are then
/// scored exactly in Swift. Hard limits are SQL conditions that no score can outweigh.
struct MatchQuery {
    let profile: RecipientProfile
    /// The wish a budget was read from, when none was given ("a gift under 15 dollars"), and
    /// whether it named a small gift by its occasion ("stocking fillers").
    let budgetSaid: (said: String, isOccasion: Bool)?
    /// The wish that said what the gift is for, when no purpose was given ("something educational").
    let purposeSaid: String?
    /// What their interests said they dislike, now among the words to avoid.
    let disliked: [String]
    let history: HistorySignals
    let critique: Critique
    let taxonomy: Taxonomy
    let weights: ScoringWeights
    let requests: [InterestRequest]
    /// Each request's `exactTags`, worked out once (scoring asks for them for every product).
    let requestTags: [[String]]
    /// Whether a wish names a toddler's range itself ("duplo trains"): its toys are then not
    /// "made for much younger children" (worked out once, not for every product).
    let wishesToddlerToys: Bool
    /// ``wishesChildrensThings(_:)`` of the requests: children's toys are then theirs, whatever
    /// their age.
    let wishesChildrensThings: Bool
    /// Whether a wish names an object (not asking for its parts): only then are the names marked
    /// as maybe holding another thing read (``ProductFlags/mayHoldAnotherThing``).
    let wishesAnObject: Bool
    static func wishAnObject(_ requests: [InterestRequest]) -> Bool {
        requests.contains { $0.namesAnObject && !$0.wantsParts }
    }
    /// What they typed that means nothing (only punctuation): ignored, and reported.
    let notUnderstood: [String]
    /// The semantic signal, when the catalog has one.
    let semantic: (any SemanticSignal)?
    /// Results reused within one recommendation (relaxations re-count many changed profiles), or
    /// within one read shared by several queries (see ``Memo``).
    let memo: Memo

    /// Products close in meaning to `said` that pass `limits` (and a wished purpose), reusing one
    /// search per thing said: the search runs under the age and stock limits only, then each
    /// profile's limits filter its results in SQL.
    func nearest(_ db: Database, to said: String, limits: HardLimits, purposeMask: Int) throws -> [(
        pk: Int64, similarity: Double
    )] {
        guard let semantic else { return [] }
        let found: [(pk: Int64, similarity: Double)]
        let key = NearestKey(said: said, ageMonths: limits.ageMonths)
        if let known = memo.nearest[key] {
            found = known
        } else {
            let broad = HardLimits(ageMonths: limits.ageMonths, priceRanges: nil, singleCurrency: true, excluded: nil)
            found = try semantic.nearest(db, to: said, limits: broad, purposeMask: 0, count: Self.perSource)
                .filter { $0.similarity >= weights.semanticFloor }
            memo.nearest[key] = found
        }
        guard !found.isEmpty else { return [] }
        let passing = try MatchRequests.passing(db, pks: found.map(\.pk), limits: limits, purposeMask: purposeMask)
        return found.filter { passing.contains($0.pk) }
    }

    /// Rows taken per retrieval source before exact scoring (≥ the longest list, 100, plus room).
    static let perSource = 120
    /// Rows taken per related-interest source (they only fill weak lists).
    static let perRelatedSource = 60
    /// Phrases of an interest searched in product text (its name, aliases): enough for every
    /// interest in the bundled taxonomy.
    static let maxTextPhrases = 80

    /// - Parameter db: the catalog, read for the shop's own labels that extend a wish (see
    ///   ``InterestRequest/shopLabels``); `nil` reads nothing and finds none.
    init(
        profile: RecipientProfile, history: HistorySignals, critique: Critique, taxonomy: Taxonomy,
        weights: ScoringWeights, semantic: (any SemanticSignal)? = nil, memo: Memo = Memo(), db: Database? = nil
    ) throws {
        self.memo = memo
        // "football but hates star wars": what they dislike is a word to avoid, not a wish.
        var (read, disliked, budgetSaid, purposeSaid) = Self.readingDislikes(profile, taxonomy: taxonomy)
        self.budgetSaid = budgetSaid
        self.purposeSaid = purposeSaid
        if let db {
            // "dinosaurs and volcanoes": an interest and a word the catalog holds are two wishes,
            // as the question flow reads them (once per memo: a flow step makes many queries).
            if let split = memo.splitInterests[read.interests] {
                read.interests = split
            } else {
                let said = read.interests
                read.interests = try said.flatMap { try QuestionFlow.splittingAnd($0, taxonomy: taxonomy, catalog: db) }
                memo.splitInterests[said] = read.interests
            }
        }
        self.profile = read
        self.disliked = disliked
        self.history = history
        self.critique = critique
        self.taxonomy = taxonomy
        self.weights = weights
        self.semantic = semantic
        (requests, notUnderstood) = try Self.resolve(read.interests, taxonomy: taxonomy, memo: memo, db: db)
        requestTags = requests.map(\.exactTags)
        wishesToddlerToys = requests.contains { !$0.ownSet.isDisjoint(with: Self.toddlerWords) }
        wishesChildrensThings = Self.wishesChildrensThings(requests)
        wishesAnObject = Self.wishAnObject(requests)
    }

    /// ``resolve(_:taxonomy:)`` with the shop's labels that extend each wish read from `db`, once
    /// per memo for the same interests (a flow step makes a query for every list and count it
    /// weighs, most with the same interests).
    static func resolve(_ interests: [String], taxonomy: Taxonomy, memo: Memo, db: Database?) throws -> (
        requests: [InterestRequest], notUnderstood: [String]
    ) {
        if let known = memo.resolved[interests] { return known }
        var resolved = resolve(interests, taxonomy: taxonomy)
        if let db {
            for index in resolved.requests.indices {
                resolved.requests[index].shopLabels = try shopLabels(
                    extending: resolved.requests[index], taxonomy: taxonomy, db)
                resolved.requests[index].otherThingTags = try CatalogDatabase.tagNamesHeld(
                    resolved.requests[index].otherThingNames, db)
                resolved.requests[index].kindWordUnpaired = try kindWordUnpaired(resolved.requests[index], db)
                var filedName = try filedName(of: resolved.requests[index], db)
                if let byInterest = try filedUnderInterest(of: resolved.requests[index], taxonomy: taxonomy, db) {
                    // The shop's labels that start so ("Jurassic World Dominion") and the interest
                    // its main label was read as ("Jurassic Park") alike.
                    if filedName?.nameWords == byInterest.nameWords {
                        filedName?.labels[byInterest.tag] = byInterest.label
                    } else if filedName == nil {
                        filedName = byInterest
                    }
                }
                if let filed = filedName {
                    resolved.requests[index].filedUnder = filed
                    resolved.requests[index].textQuery = MatchRequests.ftsQuery(
                        resolved.requests[index].textQuery, orFiledUnder: filed)
                }
            }
        }
        memo.resolved[interests] = resolved
        return resolved
    }

    /// The shop's own labels that are a wish the taxonomy holds no tag for, followed by a kind of
    /// thing: the interest the wish lies in ("Marvel Super Heroes" for "marvel", a kind of
    /// superheroes), any interest the taxonomy has for a wish it does not know ("Disney Cars" for
    /// "disney"), or words every product shares or that make it a range ("Modular Buildings
    /// Collection" for "modular buildings"). A franchise typed short reaches what the shop files
    /// under its longer name: "marvel" found the 8 LEGO products with Marvel in their names, not
    /// the 161 sets filed under "Marvel Super Heroes".
    /// A label that goes on with anything else is another thing: "Star Wars" is not a kind of
    /// star, "Space Police" not a kind of space (space is their interest itself: no free tag).
    static func shopLabels(extending request: InterestRequest, taxonomy: Taxonomy, _ db: Database) throws -> [(
        id: String, label: String
    )] {
        guard let tag = request.freeTag else { return [] }
        let wishWords = tag.split(separator: " ").count
        return try CatalogDatabase.freeTags(db, extending: tag).filter { label in
            let rest = label.id.split(separator: " ").dropFirst(wishWords).map(String.init)
            // "space police 3", "the lego movie 2", "series 1": the same label, numbered.
            if rest.allSatisfy({
                Taxonomy.genericWords.contains($0) || Self.rangeWords.contains($0) || Self.isNumeral($0)
            }) {
                return true
            }
            guard let kind = taxonomy.resolution(rest.joined(separator: " ")), kind.specificity == .same else {
                return false
            }
            return request.interest.map { $0.id == kind.interest.id } ?? true
        }
    }

    /// `profile` read as people type it: its words to avoid without the words around them ("no
    /// batteries" is "batteries"), and what its interests say they dislike ("football and lego
    /// but hates star wars") moved to the words to avoid, with those words; what they like
    /// reads as the question flow reads it: without who and the verb ("my dad loves steam
    /// trains" is steam trains), "football and lego" two interests, "arts and crafts" one.
    /// A budget said inside a wish ("a gift under 15 dollars", "stocking fillers") is the budget
    /// when none was given: `budgetSaid` names that wish, and whether it was an occasion.
    static func readingDislikes(_ profile: RecipientProfile, taxonomy: Taxonomy) -> (
        RecipientProfile, [String], budgetSaid: (said: String, isOccasion: Bool)?, purposeSaid: String?
    ) {
        var read = profile
        var disliked: [String] = []
        var budgetSaid: (said: String, isOccasion: Bool)?
        var purposeSaid: String?
        // Words to avoid as people type them ("--exclude 'no batteries'"): the thing itself.
        read.excludedWords = profile.excludedWords.map(AnswerParser.avoidPhrase).filter { !$0.isEmpty }
        read.interests = profile.interests.flatMap { said -> [String] in
            // "something educational": what the gift is for, when none was given (as the flow reads it).
            if read.purposes.isEmpty, purposeSaid == nil, let purposes = QuestionFlow.purposesSaid(said) {
                read.purposes = purposes
                purposeSaid = said
                return []
            }
            var (liked, avoided) = AnswerParser.dislikes(said)
            // "a gift under 15 dollars", "stocking fillers": a budget, when none was given.
            if let budget = AnswerParser.budgetInWish(liked), read.budgetMax == nil {
                read.budgetMax = budget.max
                if read.currency == nil, let code = budget.currency { read.currency = code }
                budgetSaid = (said, budget.isOccasion)
                liked = budget.rest
                if liked.isEmpty, avoided.isEmpty { return [] }
            }
            for word in avoided
            where !read.excludedWords.contains(where: { $0.caseInsensitiveCompare(word) == .orderedSame }) {
                read.excludedWords.append(word)
                disliked.append(word)
            }
            var read = AnswerParser.likings(liked).flatMap {
                QuestionFlow.splittingAnd(QuestionFlow.withAnd($0), taxonomy: taxonomy)
            }
            // "anything but not pink", "no idea, likes lego": no thing to look for in those words.
            if read.contains(where: AnswerParser.isAnyThing) {
                read.removeAll(where: AnswerParser.isAnyThing)
                if read.isEmpty { return [] }
            }
            // No word in what they said ("!!", blanks): it stays as said, to be not understood.
            let wordless = !read.contains { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            return wordless && avoided.isEmpty ? [said] : read
        }
        return (read, disliked, budgetSaid, purposeSaid)
    }

    /// Whether a wish the taxonomy does not know has a kind word that no product in the catalog
    /// holds beside any of its other words: "toy story woody" on a LEGO export of set names only
    /// ("Woody and Buzz to the Rescue"), "disney princess ariel" ("Ariel's Magical Kiss"). The
    /// catalog never says it their way, so its products with the kind word are the closest it
    /// comes (partial matches that say so). Where it does ("Wild West" costumes), a product with
    /// the kind word alone is another thing ("West Ham"). Only a kind word said in the singular:
    /// one thing by name ("ariel", "millennium", "firehouse"); a plural names a kind of thing,
    /// which other words turn into other things ("division tables" is no pool table).
    static func kindWordUnpaired(_ request: InterestRequest, _ db: Database) throws -> Bool {
        guard request.interest == nil, !request.joinsKinds, request.saidWords.count > 1,
            let kind = request.saidWords.last,
            !(kind.said.lowercased().hasSuffix("s") && kind.folded != [kind.said.lowercased()]),
            let kindPhrase = MatchRequests.ftsPhrase(kind.folded.joined(separator: " "))
        else { return false }
        let others = request.saidWords.dropLast().compactMap {
            MatchRequests.ftsPhrase($0.folded.joined(separator: " "))
        }
        guard !others.isEmpty else { return false }
        let query = "{name description} : (\(kindPhrase) AND (\(others.joined(separator: " OR "))))"
        return try MatchRequests.count(db, "SELECT 1 FROM product_fts WHERE product_fts MATCH \(query) LIMIT 1") == 0
    }

    /// The interest a several-word wish starts with by one of its names, and the rest of its
    /// words: "jurassic world indominus" is an Indominus among the Jurassic Park gifts
    /// ("Indominus rex vs. Ankylosaurus" was only "jurassic park-themed, not specifically …").
    /// Only a name of two words or more ("harry potter", "jurassic world") or the interest's own
    /// ("minecraft"), and a rest the
    /// taxonomy knows as nothing else: "lion king" is no king among the animals, "felt tip pens"
    /// no pens among the drawing things, "lego starwars" no Star Wars among the building sets.
    static func filedUnderInterest(
        of request: InterestRequest, taxonomy: Taxonomy, _ db: Database
    ) throws -> InterestRequest.FiledName? {
        // A kind the taxonomy knows by other names ("felt tip pens": "fibre tip") is that kind,
        // never any of its last word among the interest's things (gel pens).
        guard let interest = request.interest, request.specificity == .narrower, request.otherNames.isEmpty else {
            return nil
        }
        let own = TextNormalizer.tokens(request.said).filter { !Taxonomy.genericWords.contains($0) }
        guard !taxonomy.isPhrase(own.joined(separator: " ")) else { return nil }
        let names = ([interest.id, interest.label] + interest.synonyms + interest.aliases).map {
            TextNormalizer.tokens($0).filter { !Taxonomy.genericWords.contains($0) }
        }
        // One word when it is the interest's own name and the shop files products under it
        // ("minecraft cave": "The Cave" among the shop's Minecraft sets), never one of its things
        // ("lion king" is no king among the animals). Giftwise's own reading of words is no filing:
        // it tagged "Rail Heritage Rocket Engine" space for its "rocket".
        let ownNameWords = Set(names.prefix(2 + interest.synonyms.count))
        guard
            let name = names.filter({
                ($0.count > 1 || ownNameWords.contains($0)) && $0.count < own.count && own.starts(with: $0)
            })
            .max(by: { $0.count < $1.count })
        else { return nil }
        if name.count == 1, try !MatchRequests.shopFiles(db, under: interest.id) { return nil }
        let rest = Array(own.dropFirst(name.count))
        func elsewhere(_ phrase: String) -> Bool {
            taxonomy.resolve(phrase).map { $0.id != interest.id } ?? false
        }
        // A thing by its own name ("indominus", "hogwarts", "x-wing"), not a kind of thing
        // ("solar system model" is no model among the space things: a Stephenson's Rocket kit)
        // nor the interest again ("slot car racing": racing).
        let ownNames = Set(([interest.id, interest.label] + interest.synonyms).map(TextNormalizer.key))
        guard !rest.isEmpty, !elsewhere(rest.joined(separator: " ")), !rest.contains(where: elsewhere),
            !rest.contains(where: { Self.kindWords.contains($0) || Self.thingWords.contains($0) }),
            !ownNames.contains(rest.joined(separator: " "))
        else {
            return nil
        }
        return .init(
            tag: interest.id, label: interest.label, labels: [interest.id: interest.label], nameWords: rest,
            isAnInterest: true)
    }

    /// The shop's label a several-word wish starts with, and the rest of its words, when the
    /// wish is not a label (or an interest) itself: "ninjago dragon" is a dragon the shop files
    /// under Ninjago ("Lightning Dragon Battle"), "friends heartlake" a Friends set named for
    /// Heartlake. Only the shop's own labels: its filing is what it says the product is.
    static func filedName(of request: InterestRequest, _ db: Database) throws -> InterestRequest.FiledName? {
        guard let freeTag = request.freeTag, request.shopLabels.isEmpty, request.ownWords.count > 1,
            try CatalogDatabase.freeTagLabel(db, id: freeTag) == nil
        else { return nil }
        let words = request.ownWords
        // The longest label first: "heartlake city hospital" before "heartlake".
        for split in stride(from: words.count - 1, through: 1, by: -1) {
            let rest = words[split...].filter { !Taxonomy.genericWords.contains($0) }
            guard !rest.isEmpty else { continue }
            let tag = words[..<split].joined(separator: " ")
            let exact = try CatalogDatabase.freeTagLabel(db, id: tag)
            // A longer label that goes on with the rest of their words is their wish itself.
            var longer = try CatalogDatabase.freeTags(db, extending: tag).filter { label in
                !rest.allSatisfy { MatchRequests.tag(label.id, holds: $0) }
            }
            // A label's last words ("chima lions": "Legends of Chima"), when no label starts so.
            if exact == nil, longer.isEmpty, !words[..<split].contains(where: Taxonomy.genericWords.contains) {
                longer = try CatalogDatabase.freeTags(db, endingWith: tag).filter { label in
                    !rest.allSatisfy { MatchRequests.tag(label.id, holds: $0) }
                }
            }
            guard let label = exact ?? longer.first?.label else { continue }
            var labels = Dictionary(longer.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
            if let exact { labels[tag] = exact }
            return .init(tag: tag, label: label, labels: labels, nameWords: rest)
        }
        return nil
    }

    /// Folded words that say what a gift is for, not what it is: "educational games" are any
    /// educational game, whatever the name calls it.
    static let purposeWords: Set<String> = ["educational", "learning", "fun", "funny", "crafty", "sporty", "family"]

    /// What a good match whose name holds the kind word a reading left out gains (see
    /// ``InterestRequest/kindWordsLeftOut``): about a sixth of a whole interest's fit.
    static let kindWordInNameBonus = 0.1

    /// A name the taxonomy knows inside an interest, then that interest's own name: "thomas and
    /// friends trains", "hot wheels cars", "barbie dolls" are the name alone (a trial's Thomas
    /// engines were each only "partial", their names holding no "trains"). The kind word adds
    /// nothing the name does not say.
    static func withoutOwnKind(_ wish: String, taxonomy: Taxonomy) -> String {
        let words = wish.split(separator: " ").map(String.init)
        // A phrase the taxonomy knows whole ("farm animals") is that phrase.
        guard words.count > 1, !taxonomy.isPhrase(TextNormalizer.key(wish)) else { return wish }
        for kindLength in 1...min(2, words.count - 1) {
            let head = words.dropLast(kindLength).joined(separator: " ")
            let kind = words.suffix(kindLength).joined(separator: " ")
            guard taxonomy.isPhrase(TextNormalizer.key(head)),
                let named = taxonomy.resolution(head), named.specificity == .narrower,
                let own = taxonomy.resolution(kind), own.specificity == .same, own.interest.id == named.interest.id
            else { continue }
            return head
        }
        return wish
    }

    static func resolve(_ interests: [String], taxonomy: Taxonomy) -> (
        requests: [InterestRequest], notUnderstood: [String]
    ) {
        // The same words read the same way under one taxonomy: read once for the taxonomy's life
        // (a service hears the same wishes again and again; reading them was 7.5 % of a
        // recommendation's samples for "board games" and "puzzles" at 100k products).
        if let known = taxonomy.readWishes[interests] { return known }
        let read = readWishes(interests, taxonomy: taxonomy)
        taxonomy.readWishes[interests] = read
        return read
    }

    /// ``resolve(_:taxonomy:)``, read afresh.
    private static func readWishes(_ interests: [String], taxonomy: Taxonomy) -> (
        requests: [InterestRequest], notUnderstood: [String]
    ) {
        var seen = Set<String>()
        var notUnderstood: [String] = []
        var requests: [InterestRequest] = []
        for said in interests {
            // "loves being outdoors", "wants to be a doctor": what they enjoy, without the liking.
            let written = AnswerParser.withoutLiking(ValueParsers.trim(said)).rest
            guard !written.isEmpty else { continue }
            // "trivia quizzes": two names of one thing are that thing (read as its first name).
            let stacked = stackedName(written, taxonomy: taxonomy)
            let trimmed = Self.withoutOwnKind(stacked ?? written, taxonomy: taxonomy)
            let ownKindDropped = trimmed != (stacked ?? written)
            let own = TextNormalizer.tokens(trimmed)
            guard !own.isEmpty else {
                // `"`, `*`, `((`: nothing to match. Never read as "anything".
                notUnderstood.append(trimmed)
                continue
            }
            let resolution = taxonomy.resolution(trimmed)
            let key =
                resolution.map { $0.specificity == .same ? $0.interest.id : TextNormalizer.key(trimmed) }
                ?? own.joined(separator: " ")
            guard seen.insert(key).inserted else { continue }
            let interest = resolution?.interest
            let specificity = resolution?.specificity ?? .narrower
            var phrases = [own.joined(separator: " ")]
            if let interest, specificity == .same {
                for phrase in taxonomy.textPhrases(of: interest).prefix(maxTextPhrases) where !phrases.contains(phrase)
                {
                    phrases.append(phrase)
                }
            }
            // A specific wish the shop may name another way ("fancy dress" for "costumes"): those
            // names count as their words.
            var otherNames: [(written: String, words: [String])] = []
            if specificity == .narrower {
                for name in taxonomy.otherNames(of: trimmed) {
                    let words = TextNormalizer.tokens(name)
                    let phrase = words.joined(separator: " ")
                    guard !phrases.contains(phrase) else { continue }
                    phrases.append(phrase)
                    otherNames.append((name, words))
                }
            }
            // One word of a longer wish typed as another spelling of a name ("lego starwars",
            // "lego spiderman"): the wish as shops write that name ("lego star wars") counts as
            // their words too. "starwars" alone is Star Wars already.
            if specificity == .narrower, own.count > 1 {
                for variant in Self.respelt(own, taxonomy: taxonomy) {
                    let phrase = variant.words.joined(separator: " ")
                    guard !phrases.contains(phrase) else { continue }
                    phrases.append(phrase)
                    otherNames.append(variant)
                }
            }
            // Several words that are not one known phrase ("famous buildings") may stand apart in
            // the text; the words that carry the wish must all be there, near each other.
            var meaningful = own.filter { !Taxonomy.genericWords.contains($0) }
            // "anna and elsa", "gru and the minions": two names, in either order ("Elsa & Anna").
            let joinsTwoNames =
                interest == nil && own.count > 2
                && own.dropFirst().dropLast().contains("and") && !taxonomy.isPhrase(own.joined(separator: " "))
            if joinsTwoNames { meaningful.removeAll { ["and", "the"].contains($0) } }
            // A word the taxonomy does not know before "game" says what kind of game: "retro
            // games" is no "Retro Eighties Badge" (a trial was shown three badges, labelled good),
            // while "dinosaur game" is about dinosaurs and "educational games" says what for.
            if meaningful.count == 1, own.contains("game"), interest == nil || !taxonomy.isPhrase(meaningful[0]),
                !Self.purposeWords.contains(meaningful[0])
            {
                meaningful = own.filter { !Taxonomy.genericWords.contains($0) || $0 == "game" }
            }
            let loose =
                (specificity == .narrower || !taxonomy.isPhrase(own.joined(separator: " "))) && meaningful.count > 1
            // A name the taxonomy does not know with a word every toy shares before its last one
            // ("toy story", "play doh") is that name, not its other words: "story" alone put
            // "Story Tales" and "Belle's Story Time" in the list as "toy story (it's in the name)".
            // After it, the shared word only says what kind ("wooden toys", "dinosaur kit").
            let isAName =
                interest == nil && own.count > 1 && !Taxonomy.genericWords.contains(own[own.count - 1])
                && own.dropLast().contains(where: Self.kindWords.contains)
            // "dice games": the word that carries the wish is enough on its own.
            var searched = phrases
            // The index splits a word at its apostrophe ("K'Nex" is "k nex" there, "Helm's Deep"
            // "helm s deep"): their wish, or its interest's name that it is, as the index holds it.
            let typedNames =
                [trimmed]
                + (interest.map { interest in
                    ([interest.id, interest.label] + interest.synonyms + interest.aliases).filter {
                        specificity == .same || TextNormalizer.key($0) == TextNormalizer.key(trimmed)
                    }
                } ?? [])
            for phrase in typedNames.compactMap(Self.indexSpelling) where !searched.contains(phrase) {
                searched.append(phrase)
            }
            if specificity == .narrower, meaningful.count == 1, own.count > 1, !isAName,
                !searched.contains(meaningful[0])
            {
                searched.append(meaningful[0])
            }
            // A known phrase keeps every word: "board games" is not "board" (a dart board), though
            // "games" alone says little.
            let whole =
                meaningful.isEmpty || isAName
                || (specificity == .same && taxonomy.isPhrase(own.joined(separator: " ")))
            var request = InterestRequest(
                said: trimmed, interest: interest, specificity: specificity,
                freeTag: specificity == .same ? nil : Self.freeTag(own, isAName: isAName),
                phrases: phrases, ownWords: whole ? own : meaningful,
                textQuery: MatchRequests.ftsQuery(anyOf: searched, near: loose ? meaningful : nil))
            request.joinsTwoNames = joinsTwoNames && !whole
            if meaningful.count > 1, !whole {
                request.saidWords = trimmed.split(whereSeparator: \.isWhitespace).compactMap { word in
                    let folded = TextNormalizer.tokens(String(word)).filter { !Taxonomy.genericWords.contains($0) }
                    return folded.isEmpty ? nil : (String(word), folded)
                }
                // One written word ("k-pop") has no kind word of its own: "pop" is not a kind of k-pop.
                if request.saidWords.count > 1 {
                    if !request.joinsKinds, let kind = request.saidWords.last?.folded,
                        kind.allSatisfy(Self.headKindWords.contains)
                    {
                        let head = request.saidWords.dropLast().flatMap(\.folded)
                        // The whole name they gave, when it starts with a specific thing the
                        // taxonomy knows inside an interest (a brand, a franchise: "nerf", "lego
                        // technic"). Not the interest itself: "dinosaurs" already lists its things
                        // as partial for "dinosaur jigsaw", and the kind word says which.
                        let known = (1...head.count).contains { length in
                            taxonomy.resolution(head.prefix(length).joined(separator: " "))?.specificity == .narrower
                        }
                        // A word that describes ("collectable", "wooden", "folding") names
                        // nothing: "Collectable Pirate" is no nearer "collectable cards" than
                        // a trading card game is.
                        let describes =
                            head.last.map { word in
                                ["able", "ible", "en", "ed", "ing", "ful"].contains { word.hasSuffix($0) }
                            } ?? true
                        if known && !describes { request.headWords = head }
                    }
                    request.someWordsQuery = MatchRequests.ftsQuery(
                        anyOf: request.kindsSaid.flatMap(\.folded)
                            + (request.headWords.isEmpty ? [] : [request.headWords.joined(separator: " ")]))
                    // Only after a brand that is one thing inside their interest ("duplo", "lego"
                    // for building things): "sea animals" wants no animal of any kind first, "star
                    // wars collectors" no Match Attax collectors' tin, "robot building" no LEGO box.
                    let brand = request.saidWords.dropLast().flatMap(\.folded)
                    let byBrand =
                        interest?.narrower.contains { name in
                            let words = TextNormalizer.tokens(name)
                            return !words.isEmpty && brand.starts(with: words)
                        } ?? false
                    if byBrand, let kind = request.saidWords.last, let named = taxonomy.resolution(kind.said),
                        named.specificity == .same, named.interest.id != interest?.id
                    {
                        request.kindInterest = named.interest.id
                    }
                }
            }
            request.otherNames = otherNames
            if let stacked {
                // What they wrote stays what they said; a product holding one of its names says
                // which ("trivia" is in the name).
                request.said = written
                request.otherNames.insert((stacked, TextNormalizer.tokens(stacked)), at: 0)
                request.statesOneOfItsNames = true
            }
            if let interest, specificity == .same {
                request.narrowerTags = taxonomy.narrowerInterests(of: interest)
                request.interestNames = ([interest.id, interest.label] + interest.synonyms + interest.aliases)
                    .map { ($0.lowercased(), TextNormalizer.tokens($0)) }.filter { !$0.words.isEmpty }
            }
            // Never a name their wish says itself ("angry birds"; "lego spider-man" is no insect wish).
            let words = Set(phrases.flatMap { $0.split(separator: " ").map(String.init) })
            request.falseFriends = taxonomy.falseFriends(of: interest, words: words).filter { name in
                !([own] + otherNames.map(\.words)).contains { Taxonomy.holds(run: name, in: $0) }
            }
            if !PerformedActivities.wantsAPerformer(own, creatures: taxonomy.creatureWords) {
                request.performable = words.intersection(PerformedActivities.activities)
                if !request.performable.isEmpty { request.creatureWords = taxonomy.creatureWords }
            }
            if let interest {
                request.namesNotAbout = interest.notAbout.map(TextNormalizer.tokens).filter { !$0.isEmpty }
                request.isKnownPhrase =
                    request.ownWords.count > 1 && taxonomy.isPhrase(request.ownWords.joined(separator: " "))
                let ambiguous = Set(interest.ambiguous.flatMap(TextNormalizer.tokens))
                request.saysOnlyAmbiguousWords =
                    specificity == .same && !request.ownSet.isEmpty && request.ownSet.isSubset(of: ambiguous)
            }
            request.madeForWordsRead()
            if ownKindDropped {
                request.kindWordsLeftOut = Array(TextNormalizer.tokens(written).dropFirst(own.count))
            }
            requests.append(request)
        }
        return (requests, notUnderstood)
    }

    /// The tag a wish the taxonomy does not hold as an interest stands for: its words less the
    /// words every toy shares after them ("overwatch game" is the shop's Overwatch, "frozen toys"
    /// its Frozen), unless those make it a name ("toy story").
    static func freeTag(_ own: [String], isAName: Bool) -> String {
        var words = own[...]
        while !isAName, words.count > 1, let last = words.last, Taxonomy.genericWords.contains(last) {
            words = words.dropLast()
        }
        return words.joined(separator: " ")
    }

    /// Words every toy shares that say what kind of product ("toy", "kit", "game"), unlike the
    /// words that join ("and", "of", "the"): before a name's last word they make it a name.
    static let kindWords: Set<String> = ["toy", "kit", "set", "gift", "game", "play", "playing", "item", "thing"]
    /// Whether a product is a young child's toy for a recipient this old (a teenager or an
    /// adult): its range says so (``AgeRange/isForYoungChildren(forTeenOrAdultMonths:)``), or its
    /// name says it is for children ("Kids", "Children's", "Junior", "Toddler", "My First") and its
    /// range (if any) starts below 12.
    static func isForYoungChildren(_ ages: AgeRange, nameTokens: [String], ageMonths: Int) -> Bool {
        guard ageMonths >= AgeRange.teenFromMonths else { return false }
        if ages.isForYoungChildren(forTeenOrAdultMonths: ageMonths) { return true }
        // A name for children, under a range open to them ("Reeves Junior Painting by Numbers",
        // "Childs Inflatable Dinghy", ages 3+, for a 70-year-old); not one for all the family.
        guard (ages.minMonths ?? 0) < AgeRange.adultRangeFromMonths,
            !nameTokens.contains(where: Self.namesGrownUps.contains)
        else { return false }
        if nameTokens.contains(where: childrensWords.contains) { return true }
        return zip(nameTokens, nameTokens.dropFirst()).contains { $0 == "my" && $1 == "first" }
    }
    /// Whether a wish names a toddler's range or children's things itself ("duplo trains", "kids
    /// gardening tools").
    static func wishesChildrensThings(_ requests: [InterestRequest]) -> Bool {
        requests.contains {
            !$0.ownSet.isDisjoint(with: toddlerWords) || $0.saidTokens.contains(where: wishedForChildren.contains)
        }
    }
    /// Folded words of a wish that ask for children's things ("kids gardening tools"; not "baby",
    /// which names dolls and animals as often).
    static let wishedForChildren: Set<String> = ["kid", "child", "children", "childrens", "toddler", "preschool"]
    /// What a name holding one of ``childrensWords`` (or "my first") holds as written, for SQLite
    /// to sift by (LIKE ignores ASCII case): the words no other of them is part of ("child" for
    /// "children"), each a prefix of its written forms.
    static let childrensNameMarks =
        childrensWords.filter { word in !childrensWords.contains { $0 != word && word.contains($0) } }.sorted()
        + ["my first"]
    /// Folded words of a name that say it is for grown-ups too ("Kids and Adults", "Family Game").
    static let namesGrownUps: Set<String> = ["adult", "grown", "grownup", "family", "teen", "teenager"]
    /// Folded words of a name that say it is made for children.
    static let childrensWords: Set<String> = [
        // Not "baby": a "Reborn Baby Doll" or "Baby Yoda" is a baby, not for one.
        "kid", "child", "children", "childrens", "childs", "toddler", "infant", "preschool", "junior", "duplo",
        "primo",
    ]

    /// Folded words (in a name or a shop's own tag) that say a toy is for toddlers and babies.
    static let toddlerWords: Set<String> = ["duplo", "toddler", "infant", "primo"]
    /// A product named or filed as a toddler's whose stated minimum age is below this is a
    /// toddler's toy for an older child.
    static let toddlerRangeStartsBelowMonths = 5 * 12
    /// Folded kind words of things after which the rest of a wish names what they want ("nerf"
    /// of "nerf guns"; "rock" of "rock climbing" names no thing, see ``InterestRequest/headWords``).
    static let headKindWords: Set<String> = thingWords.union(kindWords).union(ThemedAccessories.thingsWithParts)
        .union(["gun", "blaster", "playset", "minifigure", "minifig", "teddy", "vehicle"])
    /// The share of a several-word wish a product of the kind it names counts for (above the
    /// broader interest's 0.5 of a match).
    static let kindShare = 0.75
    /// Folded words that name a kind of thing of any theme ("model", "figure"), never a thing by
    /// its own name.
    static let thingWords: Set<String> = [
        "model", "figure", "figurine", "puzzle", "jigsaw", "book", "costume", "poster", "card", "sticker", "plush",
        "doll", "car", "vehicle", "ship", "playset", "collection", "pack", "box",
    ]

    /// A wish's folded words with one word respelt as shops write its name, when that is
    /// several words: an interest's label for its one-word spelling ("starwars" → "star wars") or
    /// one of the word's other names ("spiderman" → "spider man").
    static func respelt(_ own: [String], taxonomy: Taxonomy) -> [(written: String, words: [String])] {
        var variants: [(written: String, words: [String])] = []
        for (index, word) in own.enumerated() {
            var spellings: [String] = []
            if let read = taxonomy.resolution(word), read.specificity == .same {
                let label = read.interest.label.components(separatedBy: " & ").first ?? read.interest.label
                spellings.append((label.components(separatedBy: " (").first ?? label).lowercased())
            }
            spellings += taxonomy.otherNames(of: word)
            for spelling in spellings {
                let folded = TextNormalizer.tokens(spelling)
                guard folded.count > 1, !folded.contains(word) else { continue }
                let words = Array(own[..<index]) + folded + Array(own[(index + 1)...])
                guard !variants.contains(where: { $0.words == words }) else { continue }
                let written = (Array(own[..<index]) + [spelling] + Array(own[(index + 1)...])).joined(separator: " ")
                variants.append((written, words))
            }
        }
        return variants
    }

    /// Words after a name that make it a shop's range of that thing ("Modular Buildings
    /// Collection", "Winter Village Collection").
    static let rangeWords: Set<String> = ["collection", "series", "range", "line", "edition", "sery"]

    /// A name with an apostrophe inside a word as the full-text index holds it ("k'nex" → "k
    /// nex", "helm's deep" → "helm s deep"); `nil` for a name without one.
    static func indexSpelling(_ name: String) -> String? {
        guard name.contains("'") || name.contains("\u{2019}") else { return nil }
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }
        guard words.count > 1 else { return nil }
        return words.joined(separator: " ")
    }

    /// Whether a folded word numbers a label: "3", "ii".
    static func isNumeral(_ word: String) -> Bool {
        (!word.isEmpty && word.allSatisfy(\.isNumber)) || ["i", "ii", "iii", "iv", "v", "vi"].contains(word)
    }

    /// A wish that stacks two names of one specific thing, the second among the first's other
    /// names or the other way round ("trivia quizzes", "fancy dress costumes", "quiz trivia"): the
    /// name the taxonomy knows as the wish, or nil. The two together are no phrase any shop
    /// writes, so as words that must stand together they found nothing ("trivia" alone: 6 good
    /// matches on the Amazon export; "trivia quizzes": none).
    static func stackedName(_ text: String, taxonomy: Taxonomy) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard (2...5).contains(words.count), !taxonomy.isPhrase(TextNormalizer.key(text)) else { return nil }
        for cut in 1..<words.count {
            let first = words[..<cut].joined(separator: " ")
            let second = words[cut...].joined(separator: " ")
            for (wish, other) in [(first, second), (second, first)] {
                let otherKey = TextNormalizer.key(other)
                guard !otherKey.isEmpty, taxonomy.resolution(wish)?.specificity == .narrower else { continue }
                if taxonomy.otherNames(of: wish).contains(where: { TextNormalizer.key($0) == otherKey }) { return wish }
            }
        }
        return nil
    }

    var unrecognised: [String] { requests.filter { $0.interest == nil }.map(\.said) }

}
