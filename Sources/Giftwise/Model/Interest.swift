/// One interest of the taxonomy ("dinosaurs"), with the words people use for it.
public struct Interest: Hashable, Sendable, Codable, Identifiable {
    /// Stable id, e.g. `dinosaurs`.
    public var id: String
    /// Human label, e.g. "Dinosaurs".
    public var label: String
    /// How a reason says it: "loves dinosaurs".
    public var phrase: String
    /// Other words for it: "dino", "t-rex", "paleontology".
    public var aliases: [String]
    /// The aliases that mean the interest itself ("paleontology" for dinosaurs), as opposed to a
    /// narrower kind of it ("t-rex") or a franchise inside it. Spelling variants of the id or label
    /// ("dinos", "robot") count as synonyms without being listed.
    public var synonyms: [String]
    /// Related interests with a weight in 0…1 (dinosaurs ~ science 0.6).
    public var related: [String: Double]
    /// Words (its id, label or aliases) too loose to tag a product from its text on their own:
    /// "magic" in "Magic Drawing Board", "space" in "saves space". They still resolve what a
    /// person says.
    public var ambiguous: [String]
    /// Names that contain one of its words but mean something else — a character, a brand, a
    /// compound: "bugs bunny" and "spider-man" are not about insects, "angry birds" not about
    /// birds. Product text holding one is not tagged with the interest for those words, a
    /// wish for the interest is not "in the name" there, and a person who types one is taken
    /// at their words, not as the interest.
    public var notAbout: [String]
    /// Other names shops give a specific wish inside the interest: a wish said one way (the key,
    /// "costumes") is matched in product text by these too ("fancy dress", "dress up"), which
    /// name the same thing or a narrower kind of it, never a broader or merely related one.
    public var covers: [String: [String]]
    /// Interests that are narrower kinds of this one (ids): horses, pets and birds are animals,
    /// chemistry is science. A product tagged with one is a good match for a wish for this one.
    public var includes: [String]
    /// Aliases that look like a spelling of its id or label but name one thing inside it:
    /// "superman" is a superhero, not every superhero; "batmobile" is Batman's car. A wish for one
    /// is narrower than the interest (see ``Taxonomy/Specificity``).
    public var narrower: [String]

    /// Creates an interest.
    public init(
        id: String, label: String, phrase: String, aliases: [String] = [], synonyms: [String] = [],
        related: [String: Double] = [:], ambiguous: [String] = [], notAbout: [String] = [],
        covers: [String: [String]] = [:], includes: [String] = [], narrower: [String] = []
    ) {
        self.id = id
        self.label = label
        self.phrase = phrase
        self.aliases = aliases
        self.synonyms = synonyms
        self.related = related
        self.ambiguous = ambiguous
        self.notAbout = notAbout
        self.covers = covers
        self.includes = includes
        self.narrower = narrower
    }

    private enum CodingKeys: String, CodingKey {
        case id, label, phrase, aliases, synonyms, related, ambiguous, notAbout, covers, includes, narrower
    }

    /// Decodes an interest; everything but `id`, `label` and `phrase` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        label = try container.decode(String.self, forKey: .label)
        phrase = try container.decode(String.self, forKey: .phrase)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        synonyms = try container.decodeIfPresent([String].self, forKey: .synonyms) ?? []
        related = try container.decodeIfPresent([String: Double].self, forKey: .related) ?? [:]
        ambiguous = try container.decodeIfPresent([String].self, forKey: .ambiguous) ?? []
        notAbout = try container.decodeIfPresent([String].self, forKey: .notAbout) ?? []
        covers = try container.decodeIfPresent([String: [String]].self, forKey: .covers) ?? [:]
        includes = try container.decodeIfPresent([String].self, forKey: .includes) ?? []
        narrower = try container.decodeIfPresent([String].self, forKey: .narrower) ?? []
    }
}
