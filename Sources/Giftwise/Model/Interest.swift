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
    /// Related interests with a weight in 0…1 (dinosaurs ~ science 0.6).
    public var related: [String: Double]
    /// Words (its id, label or aliases) too loose to tag a product from its text on their own:
    /// "magic" in "Magic Drawing Board", "space" in "saves space". They still resolve what a
    /// person says.
    public var ambiguous: [String]

    /// Creates an interest.
    public init(id: String, label: String, phrase: String, aliases: [String] = [], related: [String: Double] = [:],
                ambiguous: [String] = []) {
        self.id = id
        self.label = label
        self.phrase = phrase
        self.aliases = aliases
        self.related = related
        self.ambiguous = ambiguous
    }

    private enum CodingKeys: String, CodingKey { case id, label, phrase, aliases, related, ambiguous }

    /// Decodes an interest; `ambiguous` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        label = try container.decode(String.self, forKey: .label)
        phrase = try container.decode(String.self, forKey: .phrase)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        related = try container.decodeIfPresent([String: Double].self, forKey: .related) ?? [:]
        ambiguous = try container.decodeIfPresent([String].self, forKey: .ambiguous) ?? []
    }
}
