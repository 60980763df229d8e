import Foundation
import GRDB

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
    /// Every word of ``comesWithNames``, in one set: whether a word of a product's name is one of
    /// their thing's, asked for every word of the names weighed.
    private(set) var comesWithWords: Set<String> = []
    /// For a thing inside an interest, the interest's other kinds as word runs ("train set" for
    /// "model railway"), not its own names: a name holding one is of the thing's kind (see
    /// ``MatchQuery/nameSharesAWord(of:_:)``). Read with ``madeForWords``.
    private(set) var otherKindRuns: [[String]] = []
    mutating func madeForWordsRead() {
        madeForWords =
            [aboutWords]
            + otherNames.map { Set($0.words).subtracting(Self.sharedByEveryProduct) }.filter { !$0.isEmpty }
        comesWithNames = madeForWords + interestNames.map { Set($0.words) }
        comesWithWords = comesWithNames.reduce(into: []) { $0.formUnion($1) }
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
