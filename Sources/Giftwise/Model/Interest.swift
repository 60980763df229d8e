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

    /// Creates an interest.
    public init(id: String, label: String, phrase: String, aliases: [String] = [], related: [String: Double] = [:]) {
        self.id = id
        self.label = label
        self.phrase = phrase
        self.aliases = aliases
        self.related = related
    }
}
