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
    /// their thing (see ``ThemedAccessories/otherThing(wishNames:saidWords:nameTokens:oneThing:)``).
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

/// One interest as the recipient said it, resolved through the taxonomy.
struct InterestRequest {
    var said: String {
        didSet {
            meaningText = Self.meaningText(of: said)
            wantsPartySupplies = PartySupplies.isWished(bySaying: said)
            wantsMiniatures = DollsHouseMiniatures.isWished(bySaying: said)
        }
    }
    var interest: Interest?
    /// `.same`: the interest is what they said; `.narrower`: they asked for something inside it.
    var specificity: Taxonomy.Specificity = .same
    /// A shop's free tag with the name they said.
    var freeTag: String?
    /// The shop's own labels that are their wish and a kind of thing it holds ("Marvel Super
    /// Heroes" for "marvel", "Disney Cars" for "disney"), with the labels as written: what
    /// the shop files under them is their wish too (see ``MatchQuery/shopLabels(extending:taxonomy:_:)``).
    var shopLabels: [(id: String, label: String)] = []
    /// A wish that starts with one of the shop's own labels and goes on with what it is
    /// ("ninjago dragon", "friends heartlake", "duplo animals"): a product the shop files under
    /// the label with the other words in its name is their wish, word for word (see
    /// ``MatchQuery/filedName(of:_:)``).
    var filedUnder: FiledName?
    struct FiledName: Equatable {
        /// The shop's label as they said it (folded) and as the shop writes it; with the shop's
        /// longer labels that start with it ("marvel": "Marvel Super Heroes").
        var tag: String
        var label: String
        /// Every label it may be filed under, by tag: the one they named and the longer ones.
        var labels: [String: String]
        var tags: [String] { labels.keys.sorted() }
        /// The label as the shop writes it that a product with these tags is filed under.
        func label(of productTags: [String]) -> String {
            for id in tags where productTags.contains(where: { MatchRequests.tag($0, holds: id) }) {
                return labels[id] ?? label
            }
            return label
        }
        /// The folded words the product's name (or another of its labels: "Avengers") must hold.
        var nameWords: [String]
        /// Whether the label is one of the taxonomy's interests ("jurassic world indominus"), which
        /// Giftwise may have read from the product's text, not the shop's own filing.
        var isAnInterest = false
        /// Whether a product with these tags and name words is filed under the label and named so.
        func holds(tags productTags: [String], nameSet: Set<String>) -> Bool {
            productTags.contains { tag in tags.contains { MatchRequests.tag(tag, holds: $0) } }
                && nameWords.allSatisfy { word in
                    nameSet.contains(word) || productTags.contains { MatchRequests.tag($0, holds: word) }
                }
        }
    }
    /// Folded phrases that mean their wish in product text (their own words first).
    var phrases: [String] {
        didSet {
            otherPhraseWords = Self.words(ofOtherPhrases: phrases)
            saidTokens = Self.saidTokens(phrases: phrases, ownWords: ownWords)
        }
    }
    /// The other names shops give their specific wish (``Taxonomy/otherNames(of:)``), as written
    /// and folded: among `phrases`, and how a reason names the one a product holds.
    var otherNames: [(written: String, words: [String])] = []
    /// For a wish that is a whole interest, the interest's names as the taxonomy writes them
    /// (lower-cased) and folded: its id and label, synonyms, then aliases ("multiplication" for
    /// maths): how a reason names the one a product holds when their word is not there. Read
    /// once (a list explains dozens of candidates).
    var interestNames: [(written: String, words: [String])] = []
    /// Whether what they said stacks two names of one thing ("trivia quizzes"), matched as the
    /// first: a reason then names the one a product holds, even when it is that first name.
    var statesOneOfItsNames = false
    /// Their own words, folded.
    var ownWords: [String] { didSet { ownSet = Set(ownWords) } }
    /// Every word they said, folded, in order (the words every product shares too): split once,
    /// not for every product weighed.
    private(set) var saidTokens: [String]
    /// FTS5 query over name and description; `nil` when nothing searchable is left.
    var textQuery: String?
    /// FTS5 query for the last meaningful word of a several-word wish the taxonomy does not know
    /// as a phrase, the kind of thing it names ("sand" in "art sand", "pens" in "felt tip pens"):
    /// what fills a list with no good match with partial ones. `nil` for a one-word wish and for a
    /// known phrase ("star wars" is not a kind of war, "board games" is known whole).
    var someWordsQuery: String?
    /// The words of `said` that carry the wish, as said, each with its folded forms ("Sand" →
    /// ["sand"]), the kind word last: how a partial match names the words it holds.
    var saidWords: [(said: String, folded: [String])] = []
    /// The interest their kind word names on its own after a brand inside their interest
    /// ("trains" of "duplo trains"), if any.
    var kindInterest: String?
    /// Whether no product holds the kind word beside another of their words (see
    /// ``MatchQuery/kindWordUnpaired(_:_:)``).
    var kindWordUnpaired = false
    /// The words before the kind word of a several-word wish, when they name something the
    /// taxonomy knows ("nerf" of "nerf guns", "lego technic" of "lego technic car"): a product
    /// whose name holds them is the nearest thing to their wish when nothing holds it whole (the
    /// shop's "Nerf N-Strike Alpha Trooper" says no "gun"). Empty otherwise.
    var headWords: [String] = []
    /// What they said without the words every product in a toy shop shares ("toy cars" → "cars"):
    /// what a product must be close to in meaning for a mention in its description to count.
    private(set) var meaningText: String

    /// The kind word a reading left out ("doll" of "barbie dolls", folded): a good match whose
    /// name holds it ranks first (a Barbie doll before a Barbie purse). Empty for most wishes.
    var kindWordsLeftOut: [String] = []

    private static func meaningText(of said: String) -> String {
        let kept = said.split(whereSeparator: \.isWhitespace).filter { word in
            !TextNormalizer.tokens(String(word)).allSatisfy(sharedByEveryProduct.contains)
        }
        return kept.isEmpty ? said : kept.joined(separator: " ")
    }
    /// Words of a wish that say what kind of product, not what about ("toy", "kit", "gift").
    static let sharedByEveryProduct = Taxonomy.genericWords.subtracting(["game", "play", "playing"])
    /// Names that hold the interest's words but are not about it ("angry birds" for birds), as
    /// folded words: their words never place the wish in a product's text.
    var falseFriends: [[String]] = []
    /// The names its interest says are not about it ("chinese checkers" for chess), as folded
    /// words: a product whose own name is one mentions the wish in its description only in passing.
    var namesNotAbout: [[String]] = []
    /// The names of other things with their word in them ("spider man" for "spiders") that the
    /// catalog's own tags hold, as tags are written: `falseFriends` holding one of their words,
    /// read against the catalog once (see ``MatchQuery/resolve(_:taxonomy:memo:db:)``); empty for
    /// most catalogs, so products are never checked for them.
    var otherThingTags: [String] = []
    /// `falseFriends` holding one of their words, as tags are written.
    var otherThingNames: [String] { falseFriends.filter(holdsTheirWord).map { $0.joined(separator: " ") } }
    /// Whether a name that is not about their wish holds one of their words (see
    /// ``Taxonomy/holds(_:in:)``: "spider" in "spider man" and in "spiderman").
    func holdsTheirWord(_ name: [String]) -> Bool { Taxonomy.holds(ownSet, in: name) }
    /// Whether the shop files a product (by its tags) under another thing with their word in its
    /// name: LEGO's "Spider Mech vs. Venom" is filed under "Spider-Man", "Spider-Helicopter
    /// Rescue" under "Ultimate Spider-Man", and their "spider" is his.
    func isFiledUnderAnotherThing(_ tags: [String]) -> Bool {
        guard !otherThingTags.isEmpty, !tags.isEmpty else { return false }
        return tags.contains { tag in otherThingTags.contains { MatchRequests.tag(tag, holds: $0) } }
    }
    /// Whether their own words are only words their interest marks ambiguous ("magic" for magic
    /// tricks, "space" for outer space): such a word in a description means other things as
    /// often ("the magic of stories", "takes little space"), so there only the interest's other
    /// phrases place the wish.
    var saysOnlyAmbiguousWords = false
    /// Whether their words, several, are a phrase the taxonomy knows ("board games", "fire
    /// trucks"): such words count in a description only standing together.
    var isKnownPhrase = false
    /// How a wish of several words the taxonomy does not know as a phrase must stand in a text
    /// to be there (see ``TextPlace/apart``): a name it does not know at all ("green lantern",
    /// "paw patrol") in their order; a thing inside an interest ("lion king" inside animals,
    /// "science experiments" inside science) near each other. `nil`: one word, or a known phrase.
    var togetherness: Togetherness? {
        guard ownWords.count > 1, !isKnownPhrase else { return nil }
        // "anna and elsa": two names together, in either order ("Frozen Elsa & Anna Pens").
        if joinsTwoNames { return .near }
        if interest == nil { return .inOrder }
        return specificity == .narrower ? .near : nil
    }
    /// Whether the wish joins two names with "and" ("anna and elsa", "gru and the minions"): its
    /// `ownWords` then leave out the "and" (and a "the" after it).
    var joinsTwoNames = false
    /// `ownWords` as a set, and the words of each phrase after the first: split once, not for
    /// every product weighed (see `MatchQuery.place`).
    private(set) var ownSet: Set<String> { didSet { aboutWords = ownSet.subtracting(Self.sharedByEveryProduct) } }
    /// Their own words that say what the wish is about ("cars" of "toy cars"): what a name must
    /// hold only after "for" to be a thing made for it (``ThemedAccessories/isMadeFor(wishWords:nameTokens:)``).
    private(set) var aboutWords: Set<String> = []
    /// The words of each name of the wish that say what it is about, their own words first
    /// ("remote", "control", "car"; "rc", "car"): what a name must hold after "for" to be a thing
    /// made for it. Set once the wish is read (``madeForWordsRead()``): scoring asks for them for
    /// every product.
    private(set) var madeForWords: [Set<String>] = []
    /// Every name of the wish, as word sets: a product holding one only after "with" comes with
    /// their thing (``ThemedAccessories/comesWith(wishNames:nameTokens:)``). Read with
    /// ``madeForWords``.
    private(set) var comesWithNames: [Set<String>] = []
    /// For a thing inside an interest, the interest's other kinds as word runs ("train set" for
    /// "model railway"), not its own names: a name holding one is of the thing's kind (see
    /// ``MatchQuery/nameSharesAWord(of:_:)``). Read with ``madeForWords``.
    private(set) var otherKindRuns: [[String]] = []
    mutating func madeForWordsRead() {
        madeForWords =
            [aboutWords]
            + otherNames.map { Set($0.words).subtracting(Self.sharedByEveryProduct) }.filter { !$0.isEmpty }
        comesWithNames = madeForWords + interestNames.map { Set($0.words) }
        wantsParts = !ownSet.isDisjoint(with: ThemedAccessories.wantsPartsWords)
        namesAThingWithParts = madeForWords.contains { !$0.isDisjoint(with: ThemedAccessories.thingsWithParts) }
        // Their last word, whatever kind of word ("a big technic set", "batman sets").
        let saidWordsFolded = TextNormalizer.tokens(said)
        let kindWord = saidWordsFolded.last ?? ownWords.last ?? ""
        // Their own last word: the other names of a wish ("grocery store playset" for "play
        // shop") say how shops name it, not whether they asked for one object.
        namesAnObject = namesAThingWithParts || ThemedAccessories.objectWords.contains(kindWord)
        // "a police car", "batman sets", "a chess set": one object, not a kind they love
        // ("trains", "cars"), whose themed things are gifts for them.
        let lastSaid = said.split(whereSeparator: \.isWhitespace).last.map { $0.lowercased() } ?? ""
        namesOneThing =
            namesAnObject && !ThemedAccessories.brandWords.contains(kindWord)
            && (TextNormalizer.fold(lastSaid) == lastSaid
                // Several words for a kind of thing ("police cars", "hobbit sets"), not a whole
                // interest of the taxonomy ("knights and castles", whose minifigures are theirs).
                || (saidWordsFolded.count > 1 && !(interest != nil && specificity == .same)))
        saidSet = Set(saidTokens)
        if let interest, specificity == .narrower {
            let ownNames = Set(([interest.id, interest.label] + interest.synonyms).map(TextNormalizer.key))
            otherKindRuns = interest.aliases.map(TextNormalizer.tokens).filter {
                !$0.isEmpty && !ownNames.contains($0.joined(separator: " "))
            }
        }
    }
    /// Whether the wish asks for parts or add-ons itself ("rc car parts", "lego storage"): spare
    /// parts and things made for their thing are then their thing.
    private(set) var wantsParts = false
    /// Whether the wish (by any of its names) is a thing with parts and add-ons of its own
    /// (``ThemedAccessories/thingsWithParts``): a product made for it is not one.
    private(set) var namesAThingWithParts = false
    /// Whether the wish names an object (``ThemedAccessories/objectWords``): a product whose name
    /// goes on past it to a part ("Train Motor") is not their thing.
    private(set) var namesAnObject = false
    /// Whether the wish names one object ("a police car", "batman sets"), not a kind of thing they
    /// love ("trains"): another thing carrying it ("Police Car Bag Charm") is not their thing.
    private(set) var namesOneThing = false
    /// `saidTokens` as a set (read with ``madeForWords``).
    private(set) var saidSet: Set<String> = []
    /// Whether the wish is about party things itself ("balloons"): party supplies may then be its
    /// good matches.
    private(set) var wantsPartySupplies: Bool
    /// Whether the wish is about dolls, dolls houses or miniatures: dolls-house miniatures may
    /// then be its good matches.
    private(set) var wantsMiniatures: Bool
    private(set) var otherPhraseWords: [[String]]
    /// The activity words of the wish a figure may perform in a product's name ("singing" for
    /// "music"), and the creatures that may perform them (see ``PerformedActivities``); empty
    /// for most wishes.
    var performable: Set<String> = []
    var creatureWords: Set<String> = []

    init(
        said: String, interest: Interest?, specificity: Taxonomy.Specificity = .same, freeTag: String?,
        phrases: [String], ownWords: [String], textQuery: String?
    ) {
        self.said = said
        self.meaningText = Self.meaningText(of: said)
        self.interest = interest
        self.specificity = specificity
        self.freeTag = freeTag
        self.phrases = phrases
        self.ownWords = ownWords
        self.textQuery = textQuery
        self.ownSet = Set(ownWords)
        self.aboutWords = ownSet.subtracting(Self.sharedByEveryProduct)
        self.wantsPartySupplies = PartySupplies.isWished(bySaying: said)
        self.wantsMiniatures = DollsHouseMiniatures.isWished(bySaying: said)
        self.otherPhraseWords = Self.words(ofOtherPhrases: phrases)
        self.saidTokens = Self.saidTokens(phrases: phrases, ownWords: ownWords)
    }

    private static func saidTokens(phrases: [String], ownWords: [String]) -> [String] {
        phrases.first.map { $0.split(separator: " ").map(String.init) } ?? ownWords
    }

    private static func words(ofOtherPhrases phrases: [String]) -> [[String]] {
        phrases.dropFirst().map { $0.split(separator: " ").map(String.init) }
    }

    /// The interests inside theirs (horses for animals): their tags are their thing too.
    var narrowerTags: [String] = []

    /// The tags that are their wish itself.
    var exactTags: [String] {
        var tags: [String] = []
        if let interest, specificity == .same { tags.append(interest.id) }
        for tag in narrowerTags where !tags.contains(tag) { tags.append(tag) }
        if let freeTag, !tags.contains(freeTag) { tags.append(freeTag) }
        for label in shopLabels where !tags.contains(label.id) { tags.append(label.id) }
        return tags
    }

    /// Whether the wish joins several kinds of thing ("cowboys and indians", "dragons & knights").
    var joinsKinds: Bool { saidTokens.contains("and") || said.contains("&") || said.contains(",") }

    /// The words of a several-word wish that say what kind of thing it is: its last ("rod" of
    /// "fishing rod"), or each of the kinds it joins ("cowboys" and "indians").
    var kindsSaid: [(said: String, folded: [String])] {
        joinsKinds ? saidWords : saidWords.suffix(1).map { $0 }
    }

    /// The interest a narrower wish lies inside.
    var broaderTag: String? { specificity == .narrower ? interest?.id : nil }

    /// The interests related to theirs, by how closely (their partial matches' themes). Only for
    /// a wish that is the interest itself: the interests related to the one a narrower wish lies
    /// inside are two steps from it — "space" is related to aviation, "telescopes" is not, and
    /// partial lists offered a LEGO plane for telescopes, a toy phone for ballet (music, beside
    /// dance) and a Porsche for fire trucks (cars, beside emergency vehicles).
    /// Relations weaker than ``closeEnough`` say too little to offer a gift as close: a Barbie
    /// Dream House was "fashion-themed, close to skateboarding" (0.3).
    var relatedInterests: [String: Double] {
        specificity == .same ? interest?.related.filter { $0.value >= Self.closeEnough } ?? [:] : [:]
    }

    /// The weakest relation whose products a partial list offers as close to a wish.
    static let closeEnough = 0.4
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
        var (read, disliked, budgetSaid) = Self.readingDislikes(profile, taxonomy: taxonomy)
        self.budgetSaid = budgetSaid
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
        RecipientProfile, [String], budgetSaid: (said: String, isOccasion: Bool)?
    ) {
        var read = profile
        var disliked: [String] = []
        var budgetSaid: (said: String, isOccasion: Bool)?
        // Words to avoid as people type them ("--exclude 'no batteries'"): the thing itself.
        read.excludedWords = profile.excludedWords.map(AnswerParser.avoidPhrase).filter { !$0.isEmpty }
        read.interests = profile.interests.flatMap { said -> [String] in
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
        return (read, disliked, budgetSaid)
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

    // MARK: Hard limits and currency

    /// The budget's currency and how the catalog's other currencies compare with it.
    struct CurrencyContext {
        var budgetCurrency: String
        var catalogCurrencies: [String]
        var rates: ExchangeRates
        /// Currencies a budget can be read in: its own and those the shop gave a rate for.
        var comparable: [String] {
            catalogCurrencies.filter { $0 == budgetCurrency || rates.rate(from: budgetCurrency, to: $0) != nil }
        }
    }

    func currencyContext(_ db: Database) throws -> CurrencyContext { try currencyContext(db, for: profile) }

    /// The currencies of `profile`'s budget (a relaxation may read it in another currency).
    func currencyContext(_ db: Database, for profile: RecipientProfile) throws -> CurrencyContext {
        if let known = memo.currency[profile.currency] { return known }
        let counts = try CatalogDatabase.currencyCounts(db)
        let main = CatalogDatabase.mainCurrency(of: counts)
        let budgetCurrency = profile.currency.map { $0.uppercased() } ?? main
        let currencies = counts.keys.sorted()
        let single = currencies.allSatisfy { $0 == budgetCurrency }
        let rates = single ? ExchangeRates(base: budgetCurrency) : try CatalogDatabase.exchangeRates(db)
        let context = CurrencyContext(budgetCurrency: budgetCurrency, catalogCurrencies: currencies, rates: rates)
        memo.currency[profile.currency] = context
        return context
    }

    func hardLimits(_ profile: RecipientProfile, currency: CurrencyContext) -> HardLimits {
        var ranges: [String: ClosedRange<Int64>]?
        if profile.budgetMax != nil || profile.budgetMin != nil {
            var map: [String: ClosedRange<Int64>] = [:]
            let currencies = currency.catalogCurrencies.isEmpty ? [currency.budgetCurrency] : currency.comparable
            for code in currencies {
                guard let rate = currency.rates.rate(from: currency.budgetCurrency, to: code) else { continue }
                let low = profile.budgetMin.map { Int64((Double($0.minorUnits) * rate).rounded(.up)) } ?? 0
                let high = profile.budgetMax.map { Int64((Double($0.minorUnits) * rate).rounded(.down)) } ?? Int64.max
                if low <= high { map[code] = low...high }
            }
            ranges = map
        }
        let single = currency.catalogCurrencies.allSatisfy { $0 == currency.budgetCurrency }
        return HardLimits(
            ageMonths: profile.ageMonths, priceRanges: ranges, singleCurrency: single,
            excluded: excluded(profile))
    }

    /// Products never to show: words to avoid (as text and as tags), ids they own or were given,
    /// and kinds the conversation turned down.
    func excluded(_ profile: RecipientProfile) -> SQL? {
        let ids = profile.excludedProductIDs.union(history.givenProductIDs).union(critique.rejectedProductIDs).sorted()
        var tagIDs: [String] = []
        var phrases: [String] = []
        for word in profile.excludedWords {
            let trimmed = ValueParsers.trim(word)
            let key = TextNormalizer.key(trimmed)
            guard !key.isEmpty else { continue }
            tagIDs.append(key)
            // The word names an interest itself ("dinosaurs", "dinos"): avoid products tagged with
            // it too. A narrower kind ("slime" in sensory play, "lightsaber" in Star Wars) avoids
            // that thing, as the shop names it, never the whole interest around it.
            if let (interest, specificity) = taxonomy.resolution(trimmed), specificity == .same {
                tagIDs.append(interest.id)
            }
            for name in [key] + taxonomy.otherNames(of: trimmed).map(TextNormalizer.key) {
                // Several words are a thing, whatever stands between them: "fossil kit" avoids
                // the "Fossil Dig Kit" they already have.
                let words = name.split(separator: " ").prefix(8)
                if words.count > 1 {
                    phrases.append("NEAR(" + words.map { "\"\($0)\"" }.joined(separator: " ") + ", 2)")
                } else if let phrase = MatchRequests.ftsPhrase(name) {
                    phrases.append(phrase)
                }
            }
        }
        return MatchRequests.excluded(
            ids: ids, phrases: phrases, tags: tagIDs, avoidedTags: critique.avoidedInterests.sorted())
    }

    // MARK: Counting

    /// Counting stops here: past it the exact number changes no list, label or suggestion, and
    /// stopping early keeps counts cheap on catalogs of millions.
    static let countCap = GiftCount.cap

    func countGood(_ db: Database) throws -> Int { try countGood(db, profile: profile) }

    /// Good matches for a profile: their interest by tag, their words in the text, or (with the
    /// semantic signal) a product that is their thing by meaning; a wished-for purpose (any, if
    /// none); within every hard limit.
    /// Variants of one gift (years, colours, sizes) count once, as the list shows them once.
    func countGood(_ db: Database, profile: RecipientProfile) throws -> Int {
        let pks = try goodPKs(db, profile: profile)
        // Past the cap the exact number changes nothing, and variants need not be told apart.
        guard pks.count < Self.countCap else { return pks.count }
        return Set(try distinctKeys(db, pks: pks)).count
    }

    /// The pks of good matches (at most `countCap`).
    /// - Parameter useMeaning: consult the semantic signal (when words and tags found fewer than
    ///   `semanticWhenFewerThan`).
    func goodPKs(_ db: Database, profile: RecipientProfile, ignoringAge: Bool = false, useMeaning: Bool = true) throws
        -> Set<Int64>
    {
        let currency = try currencyContext(db, for: profile)
        var limits = hardLimits(profile, currency: currency)
        limits.ignoresAge = ignoringAge
        let mask = Purpose.mask(profile.purposes)
        let requests = try requests(db, for: profile)
        if requests.isEmpty {
            // Interests were given but none understood: nothing is a match for them.
            if !profile.interests.isEmpty { return [] }
            return Set(
                try MatchRequests.goodPKs(
                    db, sources: [MatchRequests.anyWithin(limits, purposeMask: mask)], cap: Self.countCap))
        }
        var pks = try wordsGood(db, profile: profile, requests: requests, limits: limits)
        if useMeaning, semantic != nil, pks.count < weights.semanticWhenFewerThan {
            for request in requests {
                let close = try nearest(db, to: request.said, limits: limits, purposeMask: mask)
                    .filter { $0.similarity >= weights.semanticGoodSimilarity }.map(\.pk)
                // A product that shares only part of a wish's words is close in meaning because
                // of that word: "Widow Spider Figure" to "spider-man". Not their thing.
                // Party supplies and dolls-house miniatures are close to the theme they carry, and
                // not their thing either.
                let unsure = close.filter { !pks.contains($0) }
                let notTheirs =
                    unsure.isEmpty
                    ? []
                    : Set(
                        try MatchRequests.filed(db, pks: unsure, under: request.otherThingTags)
                            .union(
                                MatchRequests.texts(db, pks: unsure).filter { text in
                                    let nameTokens = TextNormalizer.tokens(text.name)
                                    return Self.holdsPartOf(request, name: text.name, description: text.description)
                                        || Self.themedPlace(nameTokens, for: request) != nil
                                        || Self.namesAnotherThing(request, nameTokens: nameTokens)
                                        || Self.performsTheirActivity(request, nameTokens: nameTokens)
                                }.map(\.pk)))
                for pk in close where !notTheirs.contains(pk) { pks.insert(pk) }
            }
        }
        // A young child's toy is never good for a teenager or an adult (as the list labels it).
        if profile.ageMonths >= AgeRange.teenFromMonths, !Self.wishesChildrensThings(requests), !pks.isEmpty {
            for product in try MatchRequests.mayBeForYoungChildren(
                db, pks: pks.sorted(), toddlerBelowMonths: AgeRange.toddlerToyBelowMonths,
                adultFromMonths: AgeRange.adultFromMonths, nameMarks: Self.childrensNameMarks,
                marksBelowMonths: AgeRange.adultRangeFromMonths)
            where Self.isForYoungChildren(
                product.ages, nameTokens: TextNormalizer.tokens(product.name), ageMonths: profile.ageMonths)
            {
                pks.remove(product.pk)
            }
        }
        return pks
    }

    /// Good matches by their interests' tags and their words (no meaning), within `limits` and
    /// with a wished purpose; at most `countCap`: the tags' first `countCap` products, then for
    /// each interest whose tag does not suffice, its text matches (by pk) whose words are really
    /// there (not only the stemmer's), until the cap.
    ///
    /// The same sets the plain statements give, read cheaper: their own profile's text matches
    /// come from the memo's hits (the candidates read them too; a relaxation that only changes
    /// the purpose searches nothing again); a changed profile's are streamed, through the price
    /// index when the budget leaves few products; each product's words are weighed once.
    private func wordsGood(
        _ db: Database, profile: RecipientProfile, requests: [InterestRequest], limits: HardLimits
    ) throws -> Set<Int64> {
        let mask = Purpose.mask(profile.purposes)
        let key = WordsKey(profile: profile, limits: try StatementKey(limits.condition(on: .product), db))
        if let known = memo.wordsGood[key] { return known }
        let tags = Array(Set(requests.flatMap(\.exactTags))).sorted()
        var pks = tags.isEmpty ? Set<Int64>() : try tagMatches(db, tags, limits: limits, purposeMask: mask)
        try dropServing(db, from: &pks, requests: requests)
        for request in requests where pks.count < Self.countCap {
            guard let query = request.textQuery, try !tagSuffices(db, request, limits: limits, purposeMask: mask)
            else { continue }
            // FTS5's stemmer hears "fish" in "fishing": a match only when their words (or the
            // interest's) are really there, by the rule the list labels with. Matches are weighed
            // a batch at a time until the cap is reached, so a capped count is never an
            // undercount read as exact.
            try forEachTextMatchBatch(db, query, profile: profile, limits: limits, purposeMask: mask) { batch in
                try addHeard(db, request, query: query, candidates: batch.filter { !pks.contains($0) }, to: &pks)
                return pks.count < Self.countCap
            }
        }
        memo.wordsGood[key] = pks
        return pks
    }

    /// Takes out of a tag's matches the parts and things made for their thing that their tag alone
    /// put there (the list labels them partial, see ``servingPlace(_:for:)``): a product stays
    /// when it holds the tag of a wish it does not merely serve.
    private func dropServing(_ db: Database, from pks: inout Set<Int64>, requests: [InterestRequest]) throws {
        guard !pks.isEmpty, requests.contains(where: { !$0.wantsParts }) else { return }
        let orOtherThing = Self.wishAnObject(requests)
        if memo.hasServing == nil { memo.hasServing = try MatchRequests.hasServing(db) }
        guard memo.hasServing == true else { return }
        // Read once a query: a memo of one kind of read (serving alone, or with other things).
        let unread = pks.filter { (orOtherThing ? memo.otherThingNames[$0] : memo.servingNames[$0]) == nil }
        if !unread.isEmpty {
            var read: [Int64: String] = [:]
            for (pk, name) in try MatchRequests.servingNames(db, pks: unread.sorted(), orOtherThing: orOtherThing) {
                read[pk] = name
            }
            for pk in unread {
                if orOtherThing {
                    memo.otherThingNames[pk] = .some(read[pk])
                } else {
                    memo.servingNames[pk] = .some(read[pk])
                }
            }
        }
        let serving: [(pk: Int64, name: String)] = pks.sorted().compactMap { pk in
            (orOtherThing ? memo.otherThingNames[pk] : memo.servingNames[pk]).flatMap { $0 }.map { (pk, $0) }
        }
        guard !serving.isEmpty else { return }
        let tags = try self.tags(db, pks: Set(serving.map(\.pk)))
        for (pk, name) in serving {
            let held = tags[pk] ?? []
            let nameTokens = TextNormalizer.tokens(name)
            let isTheirs = requests.contains { request in
                request.exactTags.contains(where: held.contains) && Self.servingPlace(nameTokens, for: request) == nil
            }
            if !isTheirs { pks.remove(pk) }
        }
    }

    /// The first `countCap` rows of the tags' statement (as a set): read from the tags' rows
    /// within the limits when the budget leaves few products and they are fewer than the cap.
    private func tagMatches(_ db: Database, _ tags: [String], limits: HardLimits, purposeMask mask: Int) throws
        -> Set<Int64>
    {
        if try fewPriced(db, limits: limits) {
            var rows: [Int64] = []
            for tag in tags {
                for row in try tagRows(db, tag, limits: limits) where mask == 0 || row.purposes & mask != 0 {
                    rows.append(row.pk)
                }
            }
            // Every row fits under the cap: the statement would give them all.
            if rows.count <= Self.countCap { return Set(rows) }
        }
        // The statement over all the tags gives each tag's rows in turn (tags in order, each
        // range in key order), up to the cap: each tag's first `countCap` rows, read once per
        // memo (a follow-up's answers keep some of their interests), give the same set.
        var pks = Set<Int64>()
        for tag in tags.sorted() {
            let range = MatchRequests.goodPKsRequest(
                sources: [MatchRequests.goodByTags([tag], limits: limits, purposeMask: mask)], cap: Self.countCap)
            for pk in try memoPKs(db, range) {
                pks.insert(pk)
                if pks.count == Self.countCap { return pks }
            }
        }
        return pks
    }

    /// The full-text matches of `query` within `limits` with a wished purpose, in pk order (as
    /// the search gives them), handed to `body` `countCap` at a time until it returns false.
    private func forEachTextMatchBatch(
        _ db: Database, _ query: String, profile: RecipientProfile, limits: HardLimits, purposeMask mask: Int,
        _ body: ([Int64]) throws -> Bool
    ) throws {
        var batch: [Int64] = []
        batch.reserveCapacity(Self.countCap)
        /// Hands over a full (or the last) batch; whether to go on.
        func handOver() throws -> Bool {
            defer { batch.removeAll(keepingCapacity: true) }
            return try batch.isEmpty || body(batch)
        }
        if try profile == self.profile || memo.hasTextHits(db, query, limits: limits, weights: weights) {
            // Their own profile: the candidates read these hits too.
            for hit in try textHits(db, query, limits: limits) where mask == 0 || hit.purposes & mask != 0 {
                batch.append(hit.pk)
                if batch.count == Self.countCap, try !handOver() { return }
            }
            _ = try handOver()
            return
        }
        let request =
            try fewPriced(db, limits: limits)
            ? MatchRequests.goodByTextWithinPrice(query, limits: limits, purposeMask: mask)
            : MatchRequests.goodByText(query, limits: limits, purposeMask: mask)
        var goOn = true
        try MatchRequests.forEachPK(db, request) { pk in
            batch.append(pk)
            if batch.count == Self.countCap { goOn = try handOver() }
            return goOn
        }
        if goOn { _ = try handOver() }
    }

    /// Whether their interest's tag alone already gives a full retrieval (`perSource` products
    /// within the limits): its products were tagged from the same words the text search would use,
    /// so on a large, well-tagged catalog the tag range stands in for the full-text search and
    /// the words are then weighed in Swift. Counting and retrieval use this one rule.
    func tagSuffices(_ db: Database, _ request: InterestRequest, limits: HardLimits, purposeMask: Int) throws -> Bool {
        guard request.specificity == .same, let interest = request.interest else { return false }
        if try fewPriced(db, limits: limits) {
            // Few products within the budget: the tag's rows within the limits, read once for
            // every purpose (relaxations try several).
            let rows = try tagRows(db, interest.id, limits: limits)
            return rows.lazy.filter { purposeMask == 0 || $0.purposes & purposeMask != 0 }.count >= Self.perSource
        }
        // The very range the candidates take for the tag: read once, counted here.
        let range = MatchRequests.taggedRequest(
            interest.id, limits: limits, purposeMask: purposeMask, count: Self.perSource)
        return try memoPKs(db, range).count >= Self.perSource
    }

    /// The `offset`-th cheapest good match priced above the budget (0 = the cheapest), ignoring
    /// the budget: what the budget must reach to open that many more. In the budget's currency.
    func goodPrice(_ db: Database, profile: RecipientProfile, offset: Int) throws -> Money? {
        guard let budget = profile.budgetMax else { return nil }
        var unlimited = profile
        unlimited.budgetMax = nil
        let currency = try currencyContext(db)
        let pks = try goodPKs(db, profile: unlimited)
        var prices: [Int64] = []
        for (code, price) in try MatchRequests.prices(db, pks: Array(pks)) {
            // Compared only through the shop's rates; other currencies cannot say what to raise to.
            guard let rate = currency.rates.rate(from: code, to: currency.budgetCurrency) else { continue }
            let converted = Int64((Double(price) * rate).rounded(.up))
            if converted > budget.minorUnits { prices.append(converted) }
        }
        prices.sort()
        // Fewer comparable than hoped for: the dearest one still opens something.
        return prices.isEmpty ? nil : Money(minorUnits: prices[min(offset, prices.count - 1)])
    }

    /// Resolved requests for a profile (relaxed profiles too).
    func requests(_ db: Database, for profile: RecipientProfile) throws -> [InterestRequest] {
        profile.interests == self.profile.interests
            ? requests : try Self.resolve(profile.interests, taxonomy: taxonomy, memo: memo, db: db).requests
    }

    /// When nothing matches their words, says whether the budget, what it is for or their age
    /// removed what did: "nothing within $40 matches scuba diving". With several interests and
    /// good matches for some, says so of each interest left with none: a trial answered
    /// "football and minecraft", "just for fun", and saw five football figures and no word of
    /// the Minecraft gifts, all of them educational or crafty.
    /// - Parameter covered: the interests (by index) a good candidate already matches: never
    ///   counted again.
    func removedByLimitsNotes(_ db: Database, goodCount: Int, covered: Set<Int> = []) throws -> [String] {
        guard !requests.isEmpty else { return [] }
        if goodCount == 0 {
            let said = requests.map(\.said).joined(separator: " or ")
            return try limitNote(db, for: profile, said: said).map { [$0] } ?? []
        }
        guard requests.count > 1 else { return [] }
        var notes: [String] = []
        for (index, request) in requests.enumerated() where !covered.contains(index) {
            var alone = profile
            alone.interests = [request.said]
            guard try goodPKs(db, profile: alone).isEmpty else { continue }
            if let note = try limitNote(db, for: alone, said: request.said) { notes.append(note) }
        }
        return notes
    }

    /// Which limit removed every good match of `profile` (one of this query's, or this query's
    /// with fewer interests), said of `said`.
    private func limitNote(_ db: Database, for profile: RecipientProfile, said: String) throws -> String? {
        var unbudgeted = profile
        unbudgeted.budgetMax = nil
        unbudgeted.budgetMin = nil
        if let budget = profile.budgetMax, try !goodPKs(db, profile: unbudgeted).isEmpty {
            let currency = try currencyContext(db)
            // No price can be compared with the budget at all: the currency note says why, alone.
            if currency.comparable.isEmpty && !currency.catalogCurrencies.isEmpty { return nil }
            return "nothing within \(budget.formatted(currency: currency.budgetCurrency)) matches \(said)"
        }
        // What they want it to be for, before their age: a trial was told the train gifts were
        // "all made for other ages" when eleven suited the 3-year-old and none was educational.
        var anyPurpose = unbudgeted
        anyPurpose.purposes = []
        if !profile.purposes.isEmpty, try !goodPKs(db, profile: anyPurpose).isEmpty {
            let wanted = profile.purposes.sorted().map(\.adjective)
            return "none of the gifts that match \(said) for their age is \(AnswerParser.orList(wanted))"
        }
        let anyAge = try goodPKs(db, profile: unbudgeted, ignoringAge: true)
        if !anyAge.isEmpty {
            // Under 3, a gift whose seller states no age is never offered: say so when that is why.
            if profile.ageMonths < AgeRange.unknownMinimumSafeFromMonths {
                let unstated = try MatchRequests.countWithoutStatedAge(db, pks: Array(anyAge))
                if unstated == anyAge.count {
                    return "the gifts that match \(said) state no age, and a gift without one is never offered to a "
                        + "child under 3"
                }
                if unstated > 0 {
                    return "the gifts that match \(said) are made for other ages or state none (never offered under 3; "
                        + "age is never relaxed)"
                }
            }
            return "the gifts that match \(said) are all made for other ages (age is never relaxed)"
        }
        return nil
    }

    /// A note when products were left out because their currency cannot be compared with the budget.
    func currencyNote(_ db: Database) throws -> String? {
        guard profile.budgetMax != nil || profile.budgetMin != nil else { return nil }
        let currency = try currencyContext(db)
        let comparable = currency.comparable
        let others = currency.catalogCurrencies.filter { !comparable.contains($0) }
        guard !others.isEmpty else { return nil }
        let count = try MatchRequests.countUncomparable(
            db, currencies: comparable.isEmpty ? [currency.budgetCurrency] : comparable)
        guard count > 0 else { return nil }
        let noun = count == 1 ? "product" : "products"
        return
            "\(count) \(noun) priced in \(others.joined(separator: ", ")) left out: the budget is in \(currency.budgetCurrency) and the shop gave no exchange rate"
    }

    // MARK: Retrieval

    /// Whether any product passes the hard limits (age, budget, exclusions, stock): what tells
    /// "nothing here is about what they enjoy" (partial, empty) from "nothing passes" (none).
    func anythingPassesLimits(_ db: Database) throws -> Bool {
        let limits = hardLimits(profile, currency: try currencyContext(db))
        return try !MatchRequests.pks(
            db, MatchRequests.anyRequest(limits: limits, purposeMask: 0, ageMonths: profile.ageMonths, count: 1)
        ).isEmpty
    }

    /// The best candidates, scored exactly, good ones first, then by score, then by id.
    /// - Parameters:
    ///   - includeWeak: also retrieve products that only match a related interest.
    ///   - goodOnly: return only the good candidates (the same ones, in the same order, as
    ///     filtering the full list), for callers that keep nothing else.
    func candidates(_ db: Database, limit: Int, includeWeak: Bool = true, goodOnly: Bool = false) throws
        -> [Candidate]
    {
        // Meaning finds what words cannot: consulted when their words and tags found few good
        // matches, by the same rule as the count, so the list and the count agree.
        let wordsGood = try goodPKs(db, profile: profile, useMeaning: false)
        let consultMeaning = semantic != nil && wordsGood.count < weights.semanticWhenFewerThan
        let mask = Purpose.mask(profile.purposes)
        let perSource = Self.perSource
        let limits = hardLimits(profile, currency: try currencyContext(db))
        var pks = Set<Int64>()
        var relevance: [Int: [Int64: Double]] = [:]
        var meaning: [Int: [Int64: Double]] = [:]
        /// Products known to have no wished purpose (only looked for with `goodOnly`).
        var unwished = Set<Int64>()
        func take(_ request: SQL) throws -> [Int64] {
            let found = try memoPKs(db, request)
            pks.formUnion(found)
            return found
        }
        /// With `goodOnly`: purpose-less tag ranges not read (yet), with the wished rows of their tag.
        var deferred: [(request: SQL, wished: Set<Int64>, count: Int)] = []
        func takeTag(_ tag: String, _ count: Int) throws {
            let wished = try take(MatchRequests.taggedRequest(tag, limits: limits, purposeMask: mask, count: count))
            // Those without a wished purpose only matter when the good ones are few.
            if mask != 0 && wished.count < limit * 2 {
                let request = MatchRequests.taggedRequest(tag, limits: limits, purposeMask: 0, count: count)
                // The same order with the purpose left out: whichever of these has a wished
                // purpose is among the wished ones, so the others have none and are never good.
                // For the good ones alone they matter only through how many were found.
                if goodOnly {
                    deferred.append((request, Set(wished), count))
                } else {
                    _ = try take(request)
                }
            }
        }
        /// Reads the deferred ranges (their products are counted as found, never read).
        func takeDeferred() throws {
            for range in deferred { unwished.formUnion(Set(try take(range.request)).subtracting(range.wished)) }
            deferred = []
        }
        if requests.isEmpty && profile.interests.isEmpty {
            // No interests: purpose and age are the whole fit.
            _ = try take(
                MatchRequests.anyRequest(
                    limits: limits, purposeMask: mask, ageMonths: profile.ageMonths, count: limit * 8))
        }
        for (index, request) in requests.enumerated() {
            // The interests inside theirs share one source's worth of rows between them (each its
            // best few, most central first): "animals" reads horses, pets, birds … without
            // weighing six times as many products.
            let narrowerShare = max(limit * 4, perSource / (request.narrowerTags.count + 1))
            for tag in request.exactTags {
                try takeTag(tag, request.narrowerTags.contains(tag) ? narrowerShare : perSource)
            }
            if let query = request.textQuery, try !tagSuffices(db, request, limits: limits, purposeMask: mask) {
                // The most relevant hits, and the most relevant of those the good count found (their
                // words really there): matches the stemmer merely hears cannot crowd those out.
                var rows = try rankedText(db, query, limits: limits, count: perSource)
                let ranked = Set(rows.map(\.pk))
                rows += try rankedText(db, query, limits: limits, count: perSource, among: wordsGood)
                    .filter { !ranked.contains($0.pk) }
                let scores = Self.normalised(rows)
                pks.formUnion(scores.keys)
                relevance[index] = scores
            }
            if consultMeaning {
                let near = try nearest(db, to: request.said, limits: limits, purposeMask: 0)
                var found: [Int64: Double] = [:]
                for (pk, similarity) in near where similarity >= weights.semanticFloor { found[pk] = similarity }
                pks.formUnion(found.keys)
                meaning[index] = found
            }
        }
        for favoured in critique.favouredInterests.sorted() { try takeTag(favoured, perSource) }
        // Broader and related interests only fill weak lists; retrieve them when the good ones
        // are few, so a weak list can still be offered honestly.
        var lookForWeak = includeWeak && pks.count < limit * 4
        if lookForWeak, !deferred.isEmpty, pks.count + deferred.reduce(0, { $0 + $1.count }) >= limit * 4 {
            // The ranges not read could reach the threshold: read them, and decide as the full list does.
            try takeDeferred()
            lookForWeak = pks.count < limit * 4
        }
        if lookForWeak {
            for request in requests {
                if let broader = request.broaderTag { try takeTag(broader, Self.perRelatedSource) }
                for related in request.relatedInterests.keys.sorted() {
                    try takeTag(related, Self.perRelatedSource)
                }
            }
        }
        // A several-word wish's kind word ("sand" for "art sand"), best by BM25: partial matches,
        // looked for whenever a weak list may be shown (they say more than a theme does).
        var someWords: [Int: [Int64: Double]] = [:]
        if includeWeak && !goodOnly {
            for (index, request) in requests.enumerated() {
                if let query = request.someWordsQuery {
                    let scores = Self.normalised(
                        try rankedText(db, query, limits: limits, count: Self.perRelatedSource))
                    pks.formUnion(scores.keys)
                    someWords[index] = scores
                }
            }
        }
        // Nothing touches their interests: the list stays empty rather than padded with gifts that
        // only fit the age and budget (the relaxations say what would open some up).
        guard !pks.isEmpty else { return [] }
        // Every source above still counts towards how many were found (which decides whether
        // weak matches are looked for); products that cannot be good are then not read.
        var wanted = goodOnly ? pks.subtracting(unwished) : pks
        if goodOnly, !requests.isEmpty {
            // A good match has a strong hit for one of their interests: their tag (known from the
            // product's tags alone), a text hit or a meaning hit (known from the searches). Products
            // with none of these (most of a related tag's range) are never good: their rows are
            // not read, nor are they weighed.
            let tags = try self.tags(db, pks: wanted)
            wanted = wanted.filter { pk in
                Self.mayBeGood(
                    pk, tags: tags[pk] ?? [], requestTags: requestTags, relevance: relevance, meaning: meaning,
                    goodSimilarity: weights.semanticGoodSimilarity)
            }
        }
        let products = try products(db, pks: wanted)
        func weigh(_ pk: Int64, closeness: Double, passing: Set<Int> = []) -> Candidate {
            memo.weighings += 1
            let entry = products[pk]!
            return score(
                pk: pk, product: entry.product, suppliedTags: entry.suppliedTags, isAccessory: entry.isAccessory,
                isDeviceBound: entry.isDeviceBound,
                servesAThing: entry.servesAThing || (entry.mayHoldAnotherThing && wishesAnObject),
                relevance: relevance,
                meaning: meaning, someWords: someWords, closeness: closeness, purposeMask: mask, passing: passing)
        }
        // Products already weighed for this very query in this read (the survey, then the list
        // before, weigh the same products for the same profile): their candidates are reused.
        let scoredKey = self.scoredKey(someWords: !someWords.isEmpty)
        var known = scoredKey.flatMap { memo.scored[$0] } ?? [:]
        var scored: [Candidate] = []
        if goodOnly {
            // Whether a product is good never depends on its closeness in meaning (that only
            // ranks; a mention in the description is checked against the wish on its own): weigh
            // it, and read vectors, for the good ones alone.
            var fresh: [Candidate] = []
            for pk in products.keys {
                switch known[pk] {
                case .weighed(let candidate)?:
                    if candidate.isGood { scored.append(candidate) }
                case .neverGood?:
                    continue
                case nil:
                    let candidate = weigh(pk, closeness: 0)
                    if candidate.isGood { fresh.append(candidate) } else { known[pk] = .neverGood }
                }
            }
            let settled = try settlingMentions(db, fresh) { weigh($0.pk, closeness: 0, passing: $1) }
            fresh = []
            for candidate in settled {
                if candidate.isGood { fresh.append(candidate) } else { known[candidate.pk] = .neverGood }
            }
            let closeness = try self.closeness(db, pks: Set(fresh.map(\.pk)))
            for index in fresh.indices {
                if let value = closeness[fresh[index].pk], value > 0 {
                    if history.lessons.isEmpty {
                        // Closeness adds its share last (no lessons follow it): the same sum as
                        // weighing again, without doing so.
                        if Self.foundOtherwise(fresh[index].hits) {
                            fresh[index].score += weights.meaningRanking * value
                        }
                    } else {
                        fresh[index] = weigh(fresh[index].pk, closeness: value)
                    }
                }
                known[fresh[index].pk] = .weighed(fresh[index])
            }
            scored += fresh
        } else {
            let unweighed = products.keys.filter {
                if case .weighed = known[$0] { false } else { true }
            }
            let closeness = try self.closeness(db, pks: Set(unweighed))
            scored.reserveCapacity(products.count)
            var fresh: [Candidate] = []
            for pk in products.keys {
                if case .weighed(let candidate)? = known[pk] {
                    scored.append(candidate)
                } else {
                    fresh.append(weigh(pk, closeness: closeness[pk] ?? 0))
                }
            }
            let settled = try settlingMentions(db, fresh) { candidate, passing in
                weigh(candidate.pk, closeness: closeness[candidate.pk] ?? 0, passing: passing)
            }
            for candidate in settled {
                known[candidate.pk] = .weighed(candidate)
                scored.append(candidate)
            }
        }
        if let scoredKey { memo.scored[scoredKey] = known }
        // A search's hit whose words turn out not to be theirs at all (FTS5 found "pop" for
        // "k-pop", the kind word alone was never there): nothing touches their interests, and
        // the list is not padded with it. Nor with what only loosely resembles their words in
        // meaning and holds none of them: the distilled vectors put a spinning top near
        // "gymnastics", a mushroom pâté near "cooking" and "Star Wars: Wicket" near "cricket";
        // such closeness still ranks products found otherwise, but never offers one on its own.
        // Nor with a passing mention alone: a Barbie Dream House whose description mentions a
        // kitchen "for cooking" is no cook's gift, and said so, but a trial read such fillers as
        // a list padded rather than "nothing fits".
        if !requests.isEmpty {
            scored.removeAll { Self.foundOnlyByLooseMeaning($0.hits) || Self.foundOnlyInPassing($0.hits) }
        }
        markOutsideTheShopsLabel(&scored)
        lowerAgeUnstatedAmongStated(&scored)
        return scored.sorted { lhs, rhs in
            if lhs.isGood != rhs.isGood { return lhs.isGood }
            // A game for a console they may not own, or a toddler's toy, comes after every gift of
            // the same kind of match, however plainly its name holds their wish ("The Lord of the
            // Rings Video Game", Duplo "Horses, ages 2+" for a 9-year-old).
            if lhs.comesLater != rhs.comesLater { return rhs.comesLater }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return lhs.product.id < rhs.product.id
        }
    }

    /// Marks the good candidates that match a wish only by its words while the shop labels other
    /// products with the wish itself (a free tag of that name: a LEGO subtheme "Frozen"): the
    /// shop's own filing is the surer sign, so those come after the ones it labels, still good.
    func markOutsideTheShopsLabel(_ candidates: inout [Candidate]) {
        for (index, request) in requests.enumerated() {
            // Free tags come only from the shop, so a product holding one was filed under it.
            let labels = (request.freeTag.map { [$0] } ?? []) + request.shopLabels.map(\.id)
            func isFiled(_ candidate: Candidate) -> Bool {
                labels.contains(where: candidate.product.interests.contains)
            }
            guard candidates.contains(where: isFiled) else { continue }
            for position in candidates.indices where candidates[position].isGood {
                let matched = candidates[position].hits.contains { $0.request == index && $0.hit.isStrong }
                if matched && !isFiled(candidates[position]) {
                    candidates[position].outsideTheShopsLabel = true
                }
            }
        }
    }

    /// For a child, lowers the good candidates whose seller states no age when it states one for
    /// most of the good ones: a stated range says the product was made for children of some age,
    /// so among matches as close, those lead (a 10-year-old horse lover was offered an unlabelled
    /// DUPLO stable before an "8+" horse set). The cost is small: a name holding their words
    /// keeps its place before a looser match of a stated age (the Amazon sample's "Shopping List
    /// Memo Card Game", no age, stays before "D20 Polyhedral Dice, 7+" for card games), though a
    /// near tie may turn. Where a shop seldom states an age, a stated one says nothing of fit and
    /// changes nothing.
    func lowerAgeUnstatedAmongStated(_ candidates: inout [Candidate]) {
        guard profile.ageMonths < AgeRange.teenFromMonths else { return }
        let good = candidates.indices.filter { candidates[$0].isGood }
        let unstated = good.filter { candidates[$0].product.ages.minMonths == nil }
        guard !unstated.isEmpty, unstated.count * 2 < good.count else { return }
        for position in unstated { candidates[position].score -= Self.unstatedAmongStatedPenalty }
    }

    /// What an unstated age costs a child's good match when the shop states most ages: about
    /// what a product made for much younger children loses.
    static let unstatedAmongStatedPenalty = 0.12

    /// Text hits' BM25 relevance normalised per query so the best is 1 (FTS5's `bm25` is
    /// negative, lower is better).
    static func normalised(_ rows: [(pk: Int64, relevance: Double)]) -> [Int64: Double] {
        let best = rows.map(\.relevance).min() ?? 0
        var scores: [Int64: Double] = [:]
        for (pk, value) in rows { scores[pk] = best < 0 ? max(0, value / best) : 1 }
        return scores
    }

    /// What a candidate's weighing depends on besides the product (everything the searches,
    /// limits and scoring read from the query); `nil` when it is not kept (a history, or a memo
    /// first used with other weights).
    func scoredKey(someWords: Bool) -> MatchMemo.ScoredKey? {
        guard history == HistorySignals.none else { return nil }
        if let used = memo.scoringWeights, used != weights { return nil }
        memo.scoringWeights = weights
        return MatchMemo.ScoredKey(
            profile: profile, rejected: critique.rejectedProductIDs, avoided: critique.avoidedInterests,
            favoured: critique.favouredInterests, favouredLike: critique.favouredLike,
            favouredPurposes: critique.favouredPurposes, hasSemantic: semantic != nil, someWords: someWords)
    }

    /// How close in meaning each candidate is to what they said (the best of their interests),
    /// when the catalog has the semantic signal: one indexed read per candidate for all they said,
    /// once per memo (the question flow weighs mostly the same candidates for every answer).
    func closeness(_ db: Database, pks: Set<Int64>) throws -> [Int64: Double] {
        guard semantic != nil, weights.meaningRanking > 0, !requests.isEmpty else { return [:] }
        let said = saidTexts
        let known = try similarities(db, to: meaningTexts, pks: pks)
        var best: [Int64: Double] = [:]
        for text in said {
            let known = known[text] ?? [:]
            for pk in pks { best[pk] = max(best[pk] ?? 0, known[pk] ?? 0) }
        }
        return best
    }

    /// Candidates whose best evidence for a wish is its words in their description alone, checked:
    /// a description that names the wish once and is not about it by meaning (see
    /// ``isPassingMention(of:name:description:similarity:)``) is weighed again (`weigh`, with the wishes it
    /// mentions in passing), never their thing. Without the semantic signal every mention stands.
    func settlingMentions(
        _ db: Database, _ candidates: [Candidate], weigh: (Candidate, Set<Int>) -> Candidate
    ) throws -> [Candidate] {
        guard semantic != nil else { return candidates }
        var asked: [Int: Set<Int64>] = [:]
        for candidate in candidates {
            for match in candidate.hits where match.hit == .text(.description) && match.request < requests.count {
                asked[match.request, default: []].insert(candidate.pk)
            }
        }
        guard !asked.isEmpty else { return candidates }
        // Each vector is read once for everything they said (as for closeness).
        let known = try similarities(db, to: meaningTexts, pks: asked.values.reduce(into: Set()) { $0.formUnion($1) })
        var similarity: [Int: [Int64: Double]] = [:]
        for index in asked.keys { similarity[index] = known[requests[index].meaningText] }
        return candidates.map { candidate in
            var passing = Set<Int>()
            for (index, pks) in asked where pks.contains(candidate.pk) {
                if isPassingMention(
                    of: requests[index], name: candidate.product.name, description: candidate.product.description,
                    similarity: similarity[index]?[candidate.pk] ?? 0)
                {
                    passing.insert(index)
                }
            }
            return passing.isEmpty ? candidate : weigh(candidate, passing)
        }
    }

    /// Whether a description that holds a wish's words (not the name) mentions it only in passing:
    /// once, in a product not about it by meaning (cosine below
    /// ``ScoringWeights/mentionSimilarity``): "great fun on the beach" in a dart game's text, a
    /// maker's "science & discovery" range under dominoes. A description that comes back to the
    /// wish is about it ("1000-piece jigsaw … this jigsaw") whatever the vector says.
    /// So is any mention in a product whose own name its interest disowns: "Chinese Checkers"
    /// tells the story of "Chinese chess" in its description, and is still no chess set.
    func isPassingMention(of request: InterestRequest, name: String, description: String, similarity: Double) -> Bool {
        // A specific thing ("dogs", "trucks") is what a product is, and such a product names it:
        // a description that says their word once (other names for it aside) under a name sharing
        // none of its words, with no closeness in meaning, is about something else (a monkey
        // puppet blanket whose range has a "Pink Poodle, Yellow Dog"). A kind of toy, as they said
        // it ("garden toys", "bath toys"), is a class, not a thing: a sandpit bucket is one without
        // saying so.
        // A name the taxonomy does not know may be a character, and a figure pack whose
        // description lists "Batman, Superman and Green Lantern" holds him.
        let mayBeAnotherThing =
            request.specificity == .narrower && request.interest != nil && !request.saidTokens.contains("toy")
            && similarity < weights.thingMentionSimilarity
        if !request.namesNotAbout.isEmpty || mayBeAnotherThing {
            let nameTokens = TextNormalizer.tokens(name)
            if request.namesNotAbout.contains(where: { Taxonomy.holds(run: $0, in: nameTokens) }) { return true }
            if mayBeAnotherThing, !Self.nameSharesAWord(of: request, nameTokens),
                Self.mentions(of: request, in: description, ownWordsOnly: true) < 2
            {
                return true
            }
        }
        return similarity < weights.mentionSimilarity && Self.mentions(of: request, in: description) < 2
    }

    /// Whether a product's name holds a word of the wish (or of another name for it) that says what
    /// it is about, or a longer word starting with one ("gardening" for "garden toys").
    /// So does a name holding another kind of the interest it lies in ("Train Set" for "model
    /// railway"), but not the interest's own name ("Snuggle Pets" is no dog).
    static func nameSharesAWord(of request: InterestRequest, _ nameTokens: [String]) -> Bool {
        var words = request.aboutWords
        for phrase in request.otherPhraseWords { words.formUnion(phrase) }
        words.subtract(InterestRequest.sharedByEveryProduct)
        if nameTokens.contains(where: { token in
            words.contains(token) || words.contains { $0.count >= 4 && token.hasPrefix($0) }
        }) {
            return true
        }
        return request.otherKindRuns.contains { Taxonomy.holds(run: $0, in: nameTokens) }
    }

    /// How many times a wish's words (or one of its interest's phrases) stand together in `text`,
    /// names that are not about the interest left out. Names right after one another are one
    /// mention ("a fancy dress costume" names a costume once). `ownWordsOnly`: their own words
    /// alone, not the other names of the thing ("poodle" for "dogs").
    static func mentions(of request: InterestRequest, in text: String, ownWordsOnly: Bool = false) -> Int {
        let tokens = Taxonomy.removing(request.falseFriends, from: TextNormalizer.tokens(OwnDescription.of(text)))
        let phrases = [request.ownWords] + (ownWordsOnly ? [] : request.otherPhraseWords)
        var count = 0
        var start = 0
        var lastEnd = -1
        while start < tokens.count {
            if let phrase = phrases.first(where: {
                !$0.isEmpty && start + $0.count <= tokens.count
                    && tokens[start..<(start + $0.count)].elementsEqual($0)
            }) {
                if start != lastEnd { count += 1 }
                start += phrase.count
                lastEnd = start
            } else {
                start += 1
            }
        }
        return count
    }

    /// Everything they said, once each, in order.
    var saidTexts: [String] {
        var said: [String] = []
        for request in requests where !said.contains(request.said) { said.append(request.said) }
        return said
    }

    /// ``saidTexts`` and each wish's ``InterestRequest/meaningText``: every text a product's
    /// vector is compared with, asked for together so that each vector is read once.
    var meaningTexts: [String] {
        var texts = saidTexts
        for request in requests where !texts.contains(request.meaningText) { texts.append(request.meaningText) }
        return texts
    }

    /// The cosine of each text with each of `pks` (0 for a product without a vector), each
    /// vector read once per memo for all texts.
    func similarities(_ db: Database, to said: [String], pks: Set<Int64>) throws -> [String: [Int64: Double]] {
        guard let semantic else { return [:] }
        // Products not weighed yet for some of what they said: each vector is read once for all.
        var needing: [String] = []
        var missing = Set<Int64>()
        for text in said {
            let known = memo.closeness[text]
            let unknown = pks.filter { known?[$0] == nil }
            if !unknown.isEmpty {
                needing.append(text)
                missing.formUnion(unknown)
            }
        }
        if !needing.isEmpty {
            let found = try semantic.similarities(db, to: needing, productPKs: missing.sorted())
            for (text, values) in zip(needing, found) {
                var known = memo.closeness.removeValue(forKey: text) ?? [:]
                // A product without a vector is as far as can be, and is not asked about again.
                for pk in missing where known[pk] == nil { known[pk] = values[pk] ?? 0 }
                memo.closeness[text] = known
            }
        }
        var result: [String: [Int64: Double]] = [:]
        for text in said { result[text] = memo.closeness[text] ?? [:] }
        return result
    }

    /// Exact fit of one product: interest (their interest by tag or text > meaning > broader or
    /// related tag), purpose, age, and what their history teaches.
    /// - Parameter passing: the wishes (by index) whose words the product's description holds
    ///   only in passing (see ``settlingMentions(_:_:weigh:)``); any other wish's words in the
    ///   description make it their thing.
    func score(
        pk: Int64, product: Product, suppliedTags: Bool, isAccessory: Bool = false, isDeviceBound: Bool = false,
        servesAThing: Bool = false, relevance: [Int: [Int64: Double]],
        meaning: [Int: [Int64: Double]], someWords: [Int: [Int64: Double]] = [:], closeness: Double,
        purposeMask: Int, passing: Set<Int> = []
    ) -> Candidate {
        var hits: [Candidate.Match] = []
        /// The wishes whose kind word counts here only because no product says it their way.
        var unpairedOnly = Set<Int>()
        // Tokenised only when some wish needs its words weighed.
        let needsText =
            requests.indices.contains { relevance[$0]?[pk] != nil }
            || requestTags.contains { tags in tags.contains { product.interests.contains($0) } }
            || requests.indices.contains { requests[$0].ownSet.count > 1 && meaning[$0]?[pk] != nil }
            || requests.indices.contains { someWords[$0]?[pk] != nil }
        let words = needsText ? self.words(pk: pk, product: product) : MatchMemo.Words()
        let (nameTokens, nameSet, allSet) = (words.nameTokens, words.nameSet, words.allSet)
        // A tag's rank among the product's (few) tags: its first place, by a linear scan.
        let tags = product.interests
        func rankOf(_ tag: String) -> Int? { tags.firstIndex(of: tag) }
        var perRequest: [Double] = []
        for (index, request) in requests.enumerated() {
            var found: [Candidate.Match] = []
            // A part, or a thing made for their thing, is tagged with it and still not one: its
            // tag says no more than its words (the good count reads it the same way).
            let serving = servesAThing ? Self.servingPlace(nameTokens, for: request) : nil
            for tag in requestTags[index] {
                if let serving, rankOf(tag) != nil {
                    found.append(.init(request: index, hit: .text(serving), weight: weights.textStemOnly))
                } else if let rank = rankOf(tag) {
                    let source = suppliedTags ? weights.suppliedTag : weights.inferredTag
                    found.append(
                        .init(
                            request: index, hit: .tag(tag, supplied: suppliedTags),
                            weight: source * weights.centrality(rank: rank)))
                }
            }
            // Tagged with their interest but not among the text search's hits (or the search was
            // not needed): their words in the text still count, without a BM25 share.
            var bm25Score = relevance[index]?[pk]
            // Where their words are, worked out once (at most) per product and wish.
            var knownPlace: TextPlace?
            func textPlace() -> TextPlace {
                if let knownPlace { return knownPlace }
                var place = Self.place(
                    of: request, nameTokens: nameTokens, nameSet: nameSet,
                    descriptionTokens: words.descriptionTokens, allSet: allSet, product: product)
                if place == .description, passing.contains(index) { place = .passing }
                knownPlace = place
                return place
            }
            if bm25Score == nil, !found.isEmpty, textPlace() != .stem {
                bm25Score = 0
            }
            if let bm25 = bm25Score {
                // FTS5's Porter stemmer hears "colouring" in "Colour Dot Dominoes". Such a hit still
                // counts (the SQL counts agree with the list) but ranks low unless the words, folded,
                // are really there: fully in the name, less in the description.
                let place = textPlace()
                let placeWeight =
                    switch place {
                    case .name: weights.textInName
                    case .description: weights.textInDescription
                    case .stem, .passing, .partySupply, .miniature, .apart, .part, .madeFor, .carrier:
                        weights.textStemOnly
                    }
                let known = request.interest == nil ? weights.textMatchUnknown : 1.0
                // Their own words say it more surely than one of the interest's other words, where
                // the words were found: "poker" in a name and "cards" in its description are the
                // interest's word in the name, not theirs.
                let own =
                    request.ownSet.isSubset(of: place == .name ? nameSet : allSet) ? 1.0 : weights.textAliasOnly
                // Everything they said, word for word, in the name ("Pictionary Card Game" for "card
                // games"): as relevant as text gets, however many of the interest's other words
                // another product's text piles up for BM25.
                let relevance =
                    place == .name && request.saidTokens.count > 1
                        && Self.contains(nameTokens, nameSet: nameSet, words: request.saidTokens) ? 1 : bm25
                let weight = known * own * placeWeight * (1 - weights.bm25Share + weights.bm25Share * relevance)
                // Only the stemmer's word for a wish of several words ("anim" of "anime figures"
                // in "Snow Leopard Animal Figure", "Spiderman Animated") says nothing of it.
                if place != .stem || request.ownWords.count < 2 {
                    found.append(.init(request: index, hit: .text(place), weight: weight))
                }
            }
            if let similarity = meaning[index]?[pk] {
                // Meaning never outranks their words or their tag (capped), and is their thing only
                // when the similarity says so plainly.
                let weight = weights.semanticCap * similarity
                let shownName = nameTokens.isEmpty ? TextNormalizer.tokens(product.name) : nameTokens
                let holdsPart = Self.holdsPartOf(request, words: allSet)
                let plainlyClose =
                    similarity >= weights.semanticGoodSimilarity && !holdsPart
                    && Self.themedPlace(shownName, for: request) == nil
                    && !Self.namesAnotherThing(request, nameTokens: shownName)
                    && !Self.performsTheirActivity(request, nameTokens: shownName)
                    && !request.isFiledUnderAnotherThing(product.interests)
                let belonging =
                    holdsPart && Self.holdsAKindOf(request, words: allSet)
                    ? Self.kindWordBelonging(
                        request, held: request.ownWords.filter(allSet.contains).count, of: request.ownWords.count,
                        tags: tags) : nil
                let holdsAKind = belonging != nil
                if !plainlyClose, belonging == .asLastResort { unpairedOnly.insert(index) }
                let hit: InterestHit =
                    plainlyClose ? .meaning(similarity) : .nearMeaning(similarity, holdsAKind: holdsAKind)
                found.append(.init(request: index, hit: hit, weight: weight))
            }
            if let broader = request.broaderTag, let rank = rankOf(broader) {
                found.append(
                    .init(
                        request: index, hit: .broader(broader),
                        weight: weights.broaderFactor * weights.centrality(rank: rank)))
            }
            for (related, relation) in request.relatedInterests {
                if let rank = rankOf(related) {
                    found.append(
                        .init(
                            request: index, hit: .related(related),
                            weight: relation * weights.relatedFactor * weights.centrality(rank: rank)))
                }
            }
            if let bm25 = someWords[index]?[pk], !found.contains(where: \.hit.isStrong),
                Self.themedPlace(nameTokens, for: request) == nil
            {
                // A kind word really there (not only the stemmer's), in the name or else the
                // description; which of their words the same text holds, as they said them.
                let kinds = request.kindsSaid
                // What their wish names before its kind word, together in the name: "Nerf N-Strike
                // Blaster" for "nerf guns" is nearer their wish than any gun.
                let headInName =
                    !request.headWords.isEmpty
                    && Self.contains(nameTokens, nameSet: nameSet, words: request.headWords)
                let inName = headInName || kinds.contains { $0.folded.allSatisfy(nameSet.contains) }
                let text = inName ? nameSet : allSet
                let held = request.saidWords.filter { $0.folded.allSatisfy(text.contains) }
                // Whether it belongs, by all of its text: "war" in a tank kit's description.
                let heldAnywhere = request.saidWords.filter { $0.folded.allSatisfy(allSet.contains) }.count
                if inName || kinds.contains(where: { $0.folded.allSatisfy(allSet.contains) }),
                    let belonging = headInName
                        ? .besideTheirWish
                        : Self.kindWordBelonging(request, held: heldAnywhere, of: request.saidWords.count, tags: tags)
                {
                    if belonging == .asLastResort { unpairedOnly.insert(index) }
                    // A product of the very kind they named ("trains" of "duplo trains", a train
                    // set) comes before the things of the interest around their wish alone.
                    let ofTheirKind = request.kindInterest.map(tags.contains) ?? false
                    let share = max(
                        Double(held.count) / Double(request.saidWords.count),
                        ofTheirKind || headInName ? Self.kindShare : 0)
                    found.append(
                        .init(
                            request: index, hit: .someWords(held.map(\.said), inName: inName),
                            weight: weights.textSomeWords * (inName ? weights.textInName : weights.textInDescription)
                                * share * (1 - weights.bm25Share + weights.bm25Share * bm25)))
                }
            }
            // The strongest hit leads; a second, different kind of evidence adds a little. Among
            // weak ones, party supplies say so first: what the product is explains it best; a loose
            // likeness in meaning comes after any weak evidence in its text or tags ("a word like
            // "fishing" is in its text" says more than "somewhat like", and lists it).
            func rank(_ match: Candidate.Match) -> (Int, Int, Int, Double) {
                (
                    match.hit.isStrong ? 1 : 0,
                    [.text(.partySupply), .text(.miniature), .text(.part), .text(.madeFor), .text(.carrier)].contains(
                        match.hit) ? 1 : 0,
                    match.hit.isLooseLikeness ? 0 : 1, match.weight
                )
            }
            found.sort { rank($0) > rank($1) }
            // Their kind word in the name says more than a likeness in meaning that rests on it
            // ('its name has "ariel"' rather than 'somewhat like "disney princess ariel"').
            if case .nearMeaning = found.first?.hit,
                let words = found.firstIndex(where: {
                    if case .someWords = $0.hit { true } else { false }
                })
            {
                found[words].weight = max(found[words].weight, found[0].weight)
                found.swapAt(0, words)
            }
            if let best = found.first {
                hits.append(best)
                var fit = best.weight
                if best.hit.isStrong,
                    let second = found.dropFirst().first(where: {
                        $0.hit.isStrong && Self.kind($0.hit) != Self.kind(best.hit)
                    })
                {
                    fit = min(1, fit + weights.agreementBonus * second.weight)
                }
                perRequest.append(fit)
            } else {
                perRequest.append(0)
            }
        }
        // Each interest shared with the one they picked counts: a unicorn soft toy is more like a
        // unicorn beanie baby than a unicorn sticker sheet is.
        var liked = 0.0
        for favoured in critique.favouredInterests.sorted() {
            if let rank = rankOf(favoured) {
                let weight = weights.likeFactor * weights.centrality(rank: rank)
                liked += weight
                hits.append(.init(request: requests.count, hit: .like(favoured), weight: weight))
            }
        }
        let top = perRequest.max() ?? 0
        let total = perRequest.reduce(0, +)
        // A themed accessory, or a thing made for the wish that fits it best ("Roof Rack for RC
        // Cars"), ranks after the toys of the same fit (never changes good or partial).
        let madeForTheirThing =
            !isAccessory && top > 0 && !nameTokens.isEmpty
            && perRequest.firstIndex(of: top).map { index in
                // By any name of the wish: "Roof Luggage Rack … for 1/10 RC Cars" is made for
                // remote control cars.
                requests[index].madeForWords.contains { words in
                    ThemedAccessories.isMadeFor(wishWords: words, nameTokens: nameTokens)
                }
                    || (nameTokens.contains("with")
                        && ThemedAccessories.comesWith(
                            wishNames: requests[index].comesWithNames, nameTokens: nameTokens))
            } == true
        // So does a game for one console, unless the wish is about video games or the device.
        let needsTheirDevice = isDeviceBound && !requests.contains(where: DeviceBound.isWished)
        // A toy made for much younger children ("Duplo Horses, ages 2+" for a 10-year-old) ranks
        // after the ones made for children their age: a range open upwards from under 3 says
        // little about whether it suits them.
        // So does one that states no age but is named or filed as a toddler's ("Dino Trap" in
        // the shop's DUPLO theme, "Toddler Stacking Cups"; a "Baby Born" doll is for children).
        // A toddler's range stays one whatever age its box starts at: a DUPLO pirate ship "4+"
        // was second for a 12-year-old's "a pirate ship".
        let filedAsToddlers =
            (product.ages.minMonths ?? 0) < Self.toddlerRangeStartsBelowMonths
            && product.ages.maxMonths == nil && profile.ageMonths >= AgeRange.olderChildFromMonths
            && !wishesToddlerToys
            && (tags.contains(where: Self.toddlerWords.contains)
                || nameTokens.contains(where: Self.toddlerWords.contains))
        let madeForMuchYounger =
            product.ages.isForMuchYoungerChildren(thanMonths: profile.ageMonths) || filedAsToddlers
        // A young child's toy for a teenager or an adult: by its range, or by its name ("Kids
        // Gardening Tool Set", "My First …") under a range open to children. Never good for them.
        let madeForChildren =
            !wishesChildrensThings
            && Self.isForYoungChildren(product.ages, nameTokens: nameTokens, ageMonths: profile.ageMonths)
        // A "4+" or "5+" range for them ranks after the ones for older children (still good).
        let madeForYoungerChildren =
            !wishesChildrensThings && product.ages.startsAmongYoungChildren(forTeenOrAdultMonths: profile.ageMonths)
        // "More like #4" counts beside the fit, not inside its cap: a product whose name already
        // holds their wish (fit 1) would otherwise gain nothing from being like the one they picked.
        // Each further interest it fits adds its share, past a full fit of one: a "LEGO Mini
        // Trains" for someone who loves trains and LEGO leads the LEGO sets only close to trains
        // (with the sum capped at 1, every product that fully fit one of several interests tied,
        // and the one fitting both was 4th).
        let interestFit =
            (min(1.0, top) + weights.extraInterestShare * (total - top))
            * (isAccessory || madeForTheirThing || needsTheirDevice ? weights.accessoryFactor : 1)
            * (madeForMuchYounger || madeForChildren || madeForYoungerChildren ? weights.muchYoungerFactor : 1)
            + liked
        let purposeHit = purposeMask == 0 || (Purpose.mask(product.purposes) & purposeMask) != 0
        let ageFit = product.ages.fit(forRecipientMonths: profile.ageMonths)
        let strong = hits.contains { $0.hit.isStrong }
        var score: Double
        let isGood: Bool
        // A purpose favoured by the conversation (no purpose stated) ranks as a wished one would,
        // but never filters and never makes a match good or weak.
        let steeringMask = purposeMask == 0 ? Purpose.mask(critique.favouredPurposes) : 0
        let purposeFit = steeringMask == 0 ? purposeHit : (Purpose.mask(product.purposes) & steeringMask) != 0
        if requests.isEmpty {
            score =
                weights.noInterestPurpose * (purposeFit ? 1 : 0) + weights.noInterestAge * ageFit + weights
                .noInterestLike * liked
            // Interests that meant nothing match nothing: never "anything".
            isGood = purposeHit && profile.interests.isEmpty
        } else {
            let purposeWeight = purposeMask == 0 && steeringMask == 0 ? 0 : weights.purpose
            let interestWeight =
                purposeMask == 0 && steeringMask == 0 ? weights.interest + weights.purpose : weights.interest
            score = interestWeight * interestFit + purposeWeight * (purposeFit ? 1 : 0) + weights.age * ageFit
            // Among products their words or tags found, the one closer in meaning to what they
            // said leads. Products found by meaning alone already score by it (capped), so they
            // get nothing more: meaning never lifts itself above their words.
            if Self.foundOtherwise(hits) { score += weights.meaningRanking * max(0, closeness) }
            // "barbie dolls" read as "barbie": a Barbie doll first.
            if strong,
                requests.contains(where: {
                    !$0.kindWordsLeftOut.isEmpty && $0.kindWordsLeftOut.allSatisfy(nameSet.contains)
                })
            {
                score += Self.kindWordInNameBonus
            }
            isGood = strong && purposeHit && !madeForChildren
        }
        // Their own history: what they loved or sent back steers the ranking.
        var lessons: [HistorySignals.Lesson] = []
        for lesson in history.lessons {
            let shared = Set(lesson.interests.prefix(2)).intersection(product.interests.prefix(2))
            guard !shared.isEmpty else { continue }
            score += lesson.positive ? weights.historyLoved : -weights.historyReturned
            lessons.append(lesson)
        }
        let ordered = hits.sorted { ($0.request, -$0.weight) < ($1.request, -$1.weight) }
        return Candidate(
            pk: pk, product: product, score: score, hits: ordered, isGood: isGood, lessons: lessons,
            needsTheirDevice: needsTheirDevice, madeForMuchYounger: madeForMuchYounger || madeForYoungerChildren,
            filedAsToddlers: filedAsToddlers, madeForChildren: madeForChildren,
            isAPart: isAccessory && nameTokens.contains(where: ThemedAccessories.partWords.contains),
            ageUnstatedForAYoungChild: product.ages.minMonths == nil
                && profile.ageMonths < AgeRange.unstatedAgeComesLaterBelowMonths,
            restsOnAnUnpairedKindWord: !isGood && !ordered.isEmpty
                && ordered.allSatisfy { unpairedOnly.contains($0.request) },
            isForTheThing: isAccessory || madeForTheirThing)
    }

    /// Whether their words or tags (anything but meaning) found the product: only then does its
    /// closeness in meaning add to its score.
    static func foundOtherwise(_ hits: [Candidate.Match]) -> Bool {
        hits.contains { hit in
            switch hit.hit {
            case .meaning, .nearMeaning: false
            default: true
            }
        }
    }

    /// Whether nothing but a loose closeness in meaning (below what counts as their thing, none
    /// of their words in the product) links a candidate to what they said, or nothing at all does.
    static func foundOnlyByLooseMeaning(_ hits: [Candidate.Match]) -> Bool {
        hits.allSatisfy(\.hit.isLooseLikeness)
    }

    /// Whether every hit is a passing mention in the description (or a loose likeness).
    static func foundOnlyInPassing(_ hits: [Candidate.Match]) -> Bool {
        hits.contains { $0.hit == .text(.passing) }
            && hits.allSatisfy { $0.hit == .text(.passing) || $0.hit.isLooseLikeness }
    }

    /// Whether product `pk`, tagged `tags`, can be a good match: one of the strong hits
    /// ``score(pk:product:suppliedTags:relevance:meaning:closeness:purposeMask:)`` looks for is
    /// there (their exact tag, a text hit, a meaning hit close enough). `false` means it is never
    /// good, whatever its row holds; `true` only that it must be weighed.
    static func mayBeGood(
        _ pk: Int64, tags: [String], requestTags: [[String]], relevance: [Int: [Int64: Double]],
        meaning: [Int: [Int64: Double]], goodSimilarity: Double
    ) -> Bool {
        for index in requestTags.indices {
            if relevance[index]?[pk] != nil { return true }
            if let similarity = meaning[index]?[pk], similarity >= goodSimilarity { return true }
            if requestTags[index].contains(where: tags.contains) { return true }
        }
        return false
    }

    private static func kind(_ hit: InterestHit) -> Int {
        switch hit {
        case .tag: 0
        case .text: 1
        case .meaning: 2
        case .broader: 3
        case .related: 4
        case .nearMeaning: 5
        case .like: 6
        case .someWords: 7
        }
    }

    /// Whether the product's text holds some of a several-word wish's own words but not all:
    /// its closeness in meaning then comes from the shared word ("Widow Spider Figure" is close
    /// to "spider-man"), which makes it related, never their thing.
    static func holdsPartOf(_ request: InterestRequest, name: String, description: String) -> Bool {
        guard request.ownSet.count > 1 else { return false }
        return holdsPartOf(request, words: Set(TextNormalizer.tokens(name)).union(TextNormalizer.tokens(description)))
    }

    /// The same rule for a product's words (name and description), folded.
    static func holdsPartOf(_ request: InterestRequest, words: Set<String>) -> Bool {
        request.ownSet.count > 1 && request.ownSet.contains(where: words.contains)
            && !request.ownSet.isSubset(of: words)
    }

    /// Whether a product's words hold what a several-word wish is a kind of: its last word ("rock
    /// climbing" is climbing; "Fraggle Rock" holds only "rock"), or any of the kinds a wish joins
    /// ("cowboys and indians": a cowboy figure holds one).
    static func holdsAKindOf(_ request: InterestRequest, words: Set<String>) -> Bool {
        if request.joinsKinds { return request.ownSet.contains(where: words.contains) }
        guard let kind = request.ownWords.last else { return false }
        return words.contains(kind)
    }

    /// Whether the name holds a name that is not about their wish with their word in it ("Sports
    /// Car" for "sports", "Doctor Who … Fifth Doctor" for "doctor kit"): the name is about that
    /// other thing, whatever else it says — neither their words in it nor its closeness in
    /// meaning make it their thing.
    static func namesAnotherThing(_ request: InterestRequest, nameTokens: [String]) -> Bool {
        guard !request.falseFriends.isEmpty, request.ownSet.contains(where: nameTokens.contains) else { return false }
        let words = Set(nameTokens)
        return request.falseFriends.contains { friend in
            request.holdsTheirWord(friend) && contains(nameTokens, nameSet: words, words: friend)
        }
    }

    /// Whether the name holds one of the wish's activities only as what a figure in it does
    /// ("Dancing Groot" for "dancing"; see ``PerformedActivities``).
    static func performsTheirActivity(_ request: InterestRequest, nameTokens: [String]) -> Bool {
        guard !request.performable.isEmpty else { return false }
        return nameTokens.indices.contains { index in
            request.performable.contains(nameTokens[index])
                && PerformedActivities.isPerformed(at: index, in: nameTokens, creatures: request.creatureWords)
        }
    }

    /// `tokens` without the activities a figure performs in them, for a wish that has such an
    /// activity; `nil` when nothing changes.
    static func withoutPerformed(_ request: InterestRequest, _ tokens: [String]) -> [String]? {
        guard !request.performable.isEmpty else { return nil }
        return PerformedActivities.removingPerformed(from: tokens, creatures: request.creatureWords)
    }

    /// `.part` or `.madeFor` when the product's name says it serves their thing rather than
    /// being it (the product's import marked it as maybe so, ``ProductFlags/servesAThing``).
    static func servingPlace(_ nameTokens: [String], for request: InterestRequest) -> TextPlace? {
        switch themedPlace(nameTokens, for: request) {
        case .part?: .part
        case .madeFor?: .madeFor
        case .carrier?: .carrier
        default: nil
        }
    }

    /// `.partySupply` or `.miniature` when a product with these name words carries the wish's
    /// theme without being their thing, `.part` or `.madeFor` when it serves their thing; `nil`
    /// when it is what it seems or the wish is about it.
    static func themedPlace(_ nameTokens: [String], for request: InterestRequest) -> TextPlace? {
        let kind = NameKind(tokens: nameTokens)
        if kind.isPartySupply && !request.wantsPartySupplies { return .partySupply }
        if kind.isDollsHouseMiniature { return request.wantsMiniatures ? nil : .miniature }
        if !request.wantsParts {
            if ThemedAccessories.namesAPart(nameTokens, isAccessory: kind.isAccessory) { return .part }
            // "hobbit sets": a video game of their thing is no set of it.
            if request.namesOneThing, kind.isDeviceBound, !DeviceBound.isWished(by: request) { return .carrier }
            if request.namesAnObject,
                let other = ThemedAccessories.otherThing(
                    wishNames: request.comesWithNames, saidWords: request.saidSet, nameTokens: nameTokens,
                    oneThing: request.namesOneThing)
            {
                return other == .part ? .part : .carrier
            }
            if request.namesAThingWithParts,
                request.madeForWords.contains(where: {
                    ThemedAccessories.isMadeFor(wishWords: $0, nameTokens: nameTokens)
                })
            {
                return .madeFor
            }
        }
        return nil
    }

    /// Whether a product holding the kind word of a several-word wish ("rod" of "fishing rod")
    /// is a partial match for it. The kind word alone names other things as often as theirs: a
    /// LEGO Hot Rod for "fishing rod", a pool table for "times tables", the Mystery Machine for
    /// "sewing machine". So it counts only beside what the wish is about: for a wish inside an
    /// interest, the product's tags hold that interest (or its own, or one close to it); for a
    /// wish the taxonomy does not know, the product holds most of their words ("remote control
    /// car" for "remote control boat").
    /// - Returns: `nil` when it is no partial match; ``KindWordBelonging/asLastResort`` when it
    ///   belongs only because no product holds the kind word beside their other words
    ///   (``InterestRequest/kindWordUnpaired``).
    static func kindWordBelonging(_ request: InterestRequest, held: Int, of count: Int, tags: [String])
        -> KindWordBelonging?
    {
        // "dragons and knights": a knight is one of the kinds they asked for.
        if request.joinsKinds { return .besideTheirWish }
        // "duplo trains" on LEGO set names: a set tagged with trains, the kind they named, is
        // closer than any building set ("My First Train" before a snowman).
        if let kind = request.kindInterest, tags.contains(kind) { return .besideTheirWish }
        guard request.interest != nil else {
            if held * 2 > count { return .besideTheirWish }
            return request.kindWordUnpaired ? .asLastResort : nil
        }
        let beside = tags.contains { tag in
            request.exactTags.contains(tag) || tag == request.broaderTag || request.relatedInterests[tag] != nil
        }
        return beside ? .besideTheirWish : nil
    }

    /// How a product holding a wish's kind word belongs among its partial matches.
    enum KindWordBelonging {
        /// Beside what the wish is about (its tags, most of its words, one of the kinds it joins).
        case besideTheirWish
        /// Only as the last resort of a list (see ``Candidate/restsOnAnUnpairedKindWord``).
        case asLastResort
    }

    /// ``place(of:nameTokens:nameSet:descriptionTokens:allSet:product:)`` from the raw text.
    static func place(of request: InterestRequest, name: String, description: String) -> TextPlace {
        let friends = request.falseFriends
        let rawName = TextNormalizer.tokens(name)
        // "Doctor Who … Fifth Doctor" is no doctor kit: at most a word like theirs.
        if namesAnotherThing(request, nameTokens: rawName) { return .stem }
        var nameTokens = Taxonomy.removing(friends, from: rawName)
        nameTokens = withoutPerformed(request, nameTokens) ?? nameTokens
        let nameSet = Set(nameTokens)
        var descriptionTokens = Taxonomy.removing(friends, from: TextNormalizer.tokens(OwnDescription.of(description)))
        descriptionTokens = withoutPerformed(request, descriptionTokens) ?? descriptionTokens
        return place(
            of: request, nameTokens: nameTokens, nameSet: nameSet, descriptionTokens: descriptionTokens,
            allSet: nameSet.union(descriptionTokens))
    }

    /// Where the wish's words are in `product`, whose words are given: any of its phrases wholly
    /// in the name, else in name and description together, else only the stemmer matched. Words
    /// inside a name that is not about the wish's interest ("Angry Birds" for birds) do not count.
    static func place(
        of request: InterestRequest, nameTokens: [String], nameSet: Set<String>, descriptionTokens: [String],
        allSet: Set<String>, product: Product
    ) -> TextPlace {
        if let filed = request.filedUnder, filed.holds(tags: product.interests, nameSet: nameSet) { return .name }
        if request.isFiledUnderAnotherThing(product.interests) { return .stem }
        if request.falseFriends.contains(where: { allSet.contains($0[0]) })
            || Self.withoutPerformed(request, nameTokens) != nil
            || Self.withoutPerformed(request, descriptionTokens) != nil
        {
            // Rare: the text may hold such a name, or an activity a figure performs ("Dancing
            // Groot" for "dancing"), so read it again without them.
            return place(of: request, name: product.name, description: product.description)
        }
        return place(
            of: request, nameTokens: nameTokens, nameSet: nameSet, descriptionTokens: descriptionTokens,
            allSet: allSet)
    }

    /// Where the wish's words are among these words (see above).
    private static func place(
        of request: InterestRequest, nameTokens: [String], nameSet: Set<String>, descriptionTokens: [String],
        allSet: Set<String>
    ) -> TextPlace {
        let place = wordsPlace(
            of: request, nameTokens: nameTokens, nameSet: nameSet, descriptionTokens: descriptionTokens,
            allSet: allSet)
        guard place == .name || place == .description, let themed = themedPlace(nameTokens, for: request)
        else { return place }
        return themed
    }

    /// Where the wish's words are, whatever the product is.
    private static func wordsPlace(
        of request: InterestRequest, nameTokens: [String], nameSet: Set<String>, descriptionTokens: [String],
        allSet: Set<String>
    ) -> TextPlace {
        if let togetherness = request.togetherness, request.ownSet.isSubset(of: allSet) {
            // Words of a name they gave, or of a thing inside an interest, count only together.
            if standTogether(request.ownWords, in: nameTokens, togetherness) { return .name }
            // Another name of their wish, whole, says it however their own words stand: in the
            // name before their words in the description.
            for name in request.otherNames where contains(nameTokens, nameSet: nameSet, words: name.words) {
                return .name
            }
            if standTogether(request.ownWords, in: descriptionTokens, togetherness) { return .description }
            for name in request.otherNames where contains(descriptionTokens, nameSet: allSet, words: name.words) {
                return .description
            }
            return .apart
        }
        if request.ownSet.isSubset(of: nameSet) { return .name }
        for words in request.otherPhraseWords where contains(nameTokens, nameSet: nameSet, words: words) {
            return .name
        }
        // A known phrase is in a description only as the phrase: "board" and "games" apart in a
        // dart board's text, or "fire" (extinguisher) and "truck" in a container truck's, are not
        // "board games" or "fire trucks". A wish the taxonomy does not know ("famous buildings")
        // may stand apart.
        if !request.saysOnlyAmbiguousWords, request.ownSet.isSubset(of: allSet),
            !request.isKnownPhrase || contains(descriptionTokens, nameSet: allSet, words: request.ownWords)
                || contains(nameTokens, nameSet: nameSet, words: request.ownWords)
        {
            return .description
        }
        // The interest's other phrases, each as a phrase; one with their ambiguous word in it
        // ("magic set") proves nothing there ("the magic of …" and a "set" of cards).
        for words in request.otherPhraseWords
        where words.allSatisfy(allSet.contains) && contains(descriptionTokens, nameSet: allSet, words: words) {
            if request.saysOnlyAmbiguousWords && words.contains(where: request.ownSet.contains) { continue }
            return .description
        }
        return .stem
    }

    /// Whether `words` stand together in `tokens`: `.inOrder`, each at most two words after the
    /// one before ("felt tip colouring pens" holds "felt tip pens", "the lion king's" holds "lion
    /// king"); `.near`, in any order within three words more than they are ("kitchen science lab:
    /// 20 experiments" holds "science experiments").
    static func standTogether(_ words: [String], in tokens: [String], _ togetherness: Togetherness) -> Bool {
        guard let first = words.first else { return false }
        switch togetherness {
        case .inOrder:
            starts: for start in tokens.indices where tokens[start] == first {
                var at = start
                for word in words.dropFirst() {
                    let window = tokens[(at + 1)..<min(tokens.count, at + 4)]
                    guard let next = window.firstIndex(of: word) else { continue starts }
                    at = next
                }
                return true
            }
            return false
        case .near:
            let wanted = Set(words)
            let span = wanted.count + 3
            for start in tokens.indices where wanted.contains(tokens[start]) {
                let window = tokens[start..<min(tokens.count, start + span)]
                if wanted.allSatisfy(window.contains) { return true }
            }
            return false
        }
    }

    /// Whether `words` stand together, in order, in `tokens` (whose set is `nameSet`).
    static func contains(_ tokens: [String], nameSet: Set<String>, words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= tokens.count, nameSet.contains(words[0]) else { return false }
        if words.count == 1 { return true }
        for start in 0...(tokens.count - words.count) where tokens[start..<(start + words.count)].elementsEqual(words) {
            return true
        }
        return false
    }
}
