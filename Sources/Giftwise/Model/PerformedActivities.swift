/// What a figure does is not what it is for: a "Dancing Groot", a "Singing Plush Doll" and a
/// "Running Tyrannosaurus" are toys that dance, sing or run, not gifts for a dancer, a singer or
/// a runner (a user trial found them listed as good for "dancing", "singing" and "running").
///
/// An activity word is performed when a word that says the product is a figure follows it within
/// a few words ("Singing Olivia Bedtime Plush"), or a creature follows it at once ("Singing Bird
/// Cage"). Crafts are left out: in "Painting Figures" or "Sewing Doll Clothes" the figure is what
/// the activity is done to.
enum PerformedActivities {
    /// Activities a toy is named for doing.
    static let activities: Set<String> = [
        "dancing", "singing", "swimming", "running", "jogging", "sprinting", "climbing", "skating", "skiing",
        "diving", "boxing", "wrestling", "cycling", "walking", "surfing",
    ]

    /// Words (folded, see ``TextNormalizer``) that say the product is a figure, a doll or a soft toy.
    static let figureWords: Set<String> = [
        "doll", "ragdoll", "plush", "plushie", "plushy", "teddy", "figure", "figurine", "puppet", "bobble",
        "bobblehead", "beanie", "cuddly",
    ]

    /// Interests whose short names are creatures ("tyrannosaurus", "bird", "puppy").
    static let creatureInterests: Set<String> = [
        "animals", "pets", "horses", "birds", "insects", "reptiles", "dinosaurs",
    ]

    /// How many words after the activity a figure word may stand.
    static let figureReach = 4

    /// Whether `tokens[index]`, an activity word, is done by a figure or creature named after it.
    /// - Parameter creatures: folded names of creatures, one or two words (``Taxonomy``'s).
    static func isPerformed(at index: Int, in tokens: [String], creatures: Set<String>) -> Bool {
        let end = min(tokens.count, index + 1 + figureReach)
        guard index + 1 < end else { return false }
        let next = tokens[index + 1]
        if creatures.contains(next) || (index + 2 < tokens.count && creatures.contains(next + " " + tokens[index + 2]))
        {
            return true
        }
        return tokens[(index + 1)..<end].contains(where: figureWords.contains)
    }

    /// Whether a wish with these folded words asks for a figure or creature ("singing dolls",
    /// "dancing dinosaurs"): the one that does the activity is then what they want.
    static func wantsAPerformer(_ words: some Sequence<String>, creatures: Set<String>) -> Bool {
        words.contains { figureWords.contains($0) || creatures.contains($0) }
    }

    /// `tokens` without the activity words a figure performs in them; `nil` when there are none
    /// (nothing is copied then).
    static func removingPerformed(from tokens: [String], creatures: Set<String>) -> [String]? {
        let performed = tokens.indices.filter {
            activities.contains(tokens[$0]) && isPerformed(at: $0, in: tokens, creatures: creatures)
        }
        guard !performed.isEmpty else { return nil }
        return tokens.indices.filter { !performed.contains($0) }.map { tokens[$0] }
    }
}
