/// How much each kind of fit counts. Only fit to the recipient: no popularity, price or stock.
///
/// Every constant the matcher scores with is here, so a tuning experiment changes one value.
public struct ScoringWeights: Sendable, Equatable {
    /// Weight of interest fit.
    public var interest: Double
    /// Weight of purpose fit.
    public var purpose: Double
    /// Weight of age fit (how well the range targets this age).
    public var age: Double

    /// A tag the shop supplied (or mapped from its category/theme column) on their interest.
    public var suppliedTag: Double
    /// A tag Giftwise inferred from the product's own text on their interest.
    public var inferredTag: Double
    /// How central a product's n-th tag is (first, second, third, later): the first is what it is about.
    public var tagCentrality: [Double]

    /// Their words (or the interest's) in the product's name.
    public var textInName: Double
    /// Their words only in the description: maybe a passing mention.
    public var textInDescription: Double
    /// Only FTS5's stemmer heard a word like theirs ("colouring" in "Colour Dot Dominoes").
    public var textStemOnly: Double
    /// A word the stemmer heard as theirs that is another word by meaning: when every such word
    /// in a product's text is less similar than this (cosine of the two words in the meaning
    /// table) to the wish's word it looks like ("titan" to "titanic": 0.29, "boxed" to "boxing":
    /// 0.41, "animation" to "animal": 0.16, where "knit" to "knitting" is 0.83, "game" to
    /// "gaming" 0.64 and "baker" to "baking" 0.50), the product is no match at all. Words the
    /// table splits into pieces are never judged.
    public var unlikeWordSimilarity: Double
    /// Their words only in the description, and only once, make the product their thing only when
    /// it is at least this close in meaning (cosine) to what they said; below, the words are a
    /// passing mention (a dart game's "fun on the beach"), weighed as ``textStemOnly``. Needs the
    /// semantic signal.
    public var mentionSimilarity: Double
    /// A specific thing they named ("dogs", "trucks") only once in the description, under a name
    /// that shares none of its words, makes the product their thing only when it is at least this
    /// close in meaning; below, it is a passing mention, whatever other names for the thing the
    /// description holds (a range of puppet blankets listing a "Pink Poodle, Yellow Dog"). Needs
    /// the semantic signal.
    public var thingMentionSimilarity: Double
    /// A text match through another word for their interest (an alias), not their own words.
    public var textAliasOnly: Double
    /// The kind word of a several-word wish without the rest ("sand" for "art sand"), times the
    /// share of its words held and where they are: a partial match, never their thing.
    public var textSomeWords: Double
    /// A text match on a word the taxonomy does not know counts this much of a known one.
    public var textMatchUnknown: Double
    /// Share of a text hit's weight that comes from its BM25 relevance (normalised per query,
    /// best = 1); the rest comes from where the words are.
    public var bm25Share: Double
    /// BM25 column weight of the name.
    public var bm25NameWeight: Double
    /// BM25 column weight of the description.
    public var bm25DescriptionWeight: Double
    /// When a tag and the text agree, this share of the weaker signal is added to the stronger.
    public var agreementBonus: Double

    /// A tag on an interest broader than what they asked for ("fantasy" for "lord of the rings").
    public var broaderFactor: Double
    /// A related interest counts this much of an exact one (times the relation's weight).
    public var relatedFactor: Double
    /// A themed accessory (a key chain, a backpack, a watch with the theme on it) counts this
    /// much of a toy's fit for the same wish: ranked after it, never less good. Below
    /// ``textAliasOnly``: a "Firefighter Key Chain" (their word) after a "Fire Station" set (the
    /// interest's other name).
    public var accessoryFactor: Double
    /// A toy for babies and toddlers (a minimum age under 3, no maximum) counts this much of its
    /// fit for a recipient of 6 or more: ranked after toys made for their age, never less good.
    public var muchYoungerFactor: Double
    /// Semantic similarity (cosine, 0…1) at or above which a product counts as their thing (good).
    public var semanticGoodSimilarity: Double
    /// Semantic similarity below which the semantic signal is ignored.
    public var semanticFloor: Double
    /// A semantic match counts at most this much, so it never outranks an exact tag or name match.
    public var semanticCap: Double
    /// Every candidate's closeness in meaning to what they said (cosine above `semanticFloor`)
    /// adds up to this much to its score: it orders products that matched alike (a knight
    /// playset above a dartboard of the brand "Knight"), never turns a match good or weak.
    public var meaningRanking: Double
    /// The semantic signal is consulted only when their words and tags found fewer good matches
    /// than this: it finds what words cannot, and never reorders what words found.
    public var semanticWhenFewerThan: Int
    /// "More like #2": a favoured tag counts this much (times centrality).
    public var likeFactor: Double
    /// Each further interest matched adds this share of its fit.
    public var extraInterestShare: Double

    /// Without interests: weight of purpose.
    public var noInterestPurpose: Double
    /// Without interests: weight of age fit.
    public var noInterestAge: Double
    /// Without interests: weight of a "more like" tag.
    public var noInterestLike: Double

    /// Their history: added for sharing a main tag with a gift they loved.
    public var historyLoved: Double
    /// Their history: taken off for sharing a main tag with a gift they returned.
    public var historyReturned: Double

    /// MMR trade-off between relevance (1) and novelty (0) in the diversified top of the list.
    /// Variety settles near ties; it never outweighs a clear difference in fit (at 0.7 the
    /// likeness of a product's other labels put a pirate guitar and pirate stickers above pirate
    /// ships and figures).
    public var diversityLambda: Double
    /// Diversity similarity: weight of shared interest tags.
    public var diversityTags: Double
    /// Diversity similarity: weight of shared purposes.
    public var diversityPurposes: Double
    /// Diversity similarity: weight of shared name words.
    public var diversityWords: Double

    /// Creates weights; every value defaults to ``default``'s.
    public init(
        interest: Double = 0.6, purpose: Double = 0.25, age: Double = 0.15,
        suppliedTag: Double = 1.0, inferredTag: Double = 0.6, tagCentrality: [Double] = [1.0, 0.8, 0.65, 0.5],
        textInName: Double = 1.0, textInDescription: Double = 0.6, textStemOnly: Double = 0.25,
        unlikeWordSimilarity: Double = 0.45,
        mentionSimilarity: Double = 0.3, thingMentionSimilarity: Double = 0.5,
        textAliasOnly: Double = 0.75, textSomeWords: Double = 1.0, textMatchUnknown: Double = 0.8,
        bm25Share: Double = 0.5,
        bm25NameWeight: Double = 10, bm25DescriptionWeight: Double = 1,
        agreementBonus: Double = 0.15, broaderFactor: Double = 0.5, relatedFactor: Double = 0.6,
        accessoryFactor: Double = 0.65, muchYoungerFactor: Double = 0.8,
        semanticGoodSimilarity: Double = 0.75, semanticFloor: Double = 0.35, semanticCap: Double = 0.7,
        meaningRanking: Double = 0.6, semanticWhenFewerThan: Int = 5,
        likeFactor: Double = 0.5, extraInterestShare: Double = 0.25,
        noInterestPurpose: Double = 0.6, noInterestAge: Double = 0.4, noInterestLike: Double = 0.1,
        historyLoved: Double = 0.08, historyReturned: Double = 0.12,
        diversityLambda: Double = 0.85, diversityTags: Double = 0.5, diversityPurposes: Double = 0.2,
        diversityWords: Double = 0.3
    ) {
        self.interest = interest
        self.purpose = purpose
        self.age = age
        self.suppliedTag = suppliedTag
        self.inferredTag = inferredTag
        self.tagCentrality = tagCentrality
        self.textInName = textInName
        self.textInDescription = textInDescription
        self.textStemOnly = textStemOnly
        self.unlikeWordSimilarity = unlikeWordSimilarity
        self.mentionSimilarity = mentionSimilarity
        self.thingMentionSimilarity = thingMentionSimilarity
        self.textAliasOnly = textAliasOnly
        self.textSomeWords = textSomeWords
        self.textMatchUnknown = textMatchUnknown
        self.bm25Share = bm25Share
        self.bm25NameWeight = bm25NameWeight
        self.bm25DescriptionWeight = bm25DescriptionWeight
        self.agreementBonus = agreementBonus
        self.broaderFactor = broaderFactor
        self.relatedFactor = relatedFactor
        self.accessoryFactor = accessoryFactor
        self.muchYoungerFactor = muchYoungerFactor
        self.semanticGoodSimilarity = semanticGoodSimilarity
        self.semanticFloor = semanticFloor
        self.semanticCap = semanticCap
        self.meaningRanking = meaningRanking
        self.semanticWhenFewerThan = semanticWhenFewerThan
        self.likeFactor = likeFactor
        self.extraInterestShare = extraInterestShare
        self.noInterestPurpose = noInterestPurpose
        self.noInterestAge = noInterestAge
        self.noInterestLike = noInterestLike
        self.historyLoved = historyLoved
        self.historyReturned = historyReturned
        self.diversityLambda = diversityLambda
        self.diversityTags = diversityTags
        self.diversityPurposes = diversityPurposes
        self.diversityWords = diversityWords
    }

    /// The defaults.
    public static let `default` = ScoringWeights()

    /// How central the n-th listed tag is.
    func centrality(rank: Int) -> Double {
        tagCentrality.isEmpty ? 1 : tagCentrality[min(rank, tagCentrality.count - 1)]
    }
}
