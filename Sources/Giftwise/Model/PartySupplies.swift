/// Party supplies — invitations, banners, balloons, napkins, party bags — carry a theme (a
/// "Football Happy Birthday Banner", "Dinosaur Party Invitations") but are things for a party,
/// not a gift for the child: a football fan's good match is a football, not a banner with one on
/// it. Retail toy catalogs list them beside toys (Amazon's toy department has a whole "Party
/// Supplies" branch), so a product's name is read for them: such a product is never tagged with
/// the theme its text names and never a good match for a wish about that theme, only a partial
/// one that says what it is. A wish about party things itself ("balloons", "party bags") matches
/// them as usual.
enum PartySupplies {
    /// Folded words that name party supplies wherever they stand.
    static let alwaysWords: Set<String> = [
        "invitation", "invite", "notelet", "napkin", "serviette", "tablecover", "tablecloth", "tableware",
        "partyware", "confetti", "bunting",
    ]
    /// Folded word pairs that name party supplies ("party bags", "cake topper", "foil balloon").
    static let pairs: [(String, String)] = [
        ("party", "bag"), ("loot", "bag"), ("goody", "bag"), ("cake", "topper"), ("gift", "wrap"),
        ("wrapping", "paper"), ("greeting", "card"), ("birthday", "card"), ("foil", "balloon"),
        ("latex", "balloon"), ("helium", "balloon"), ("party", "hat"), ("party", "blower"),
        // "Amscan WWE 12-Foil Swirl Decorations", "Easter Cupcake Decorations Kit".
        ("foil", "decoration"), ("swirl", "decoration"), ("hanging", "decoration"), ("cupcake", "decoration"),
        ("cake", "decoration"), ("cupcake", "topper"), ("cupcake", "case"), ("letter", "banner"),
    ]
    /// Folded words that name party supplies in a name that also says party or birthday ("Happy
    /// Birthday Dumper Truck Balloon", "Party Plates"; "Water Balloons" and "Stacking Cups" are toys,
    /// and Bruce Banner is a character).
    static let withOccasionWords: Set<String> = [
        "balloon", "banner", "plate", "cup", "candle", "decoration", "bag", "hat", "garland",
    ]
    static let occasionWords: Set<String> = ["party", "birthday", "celebration"]
    /// Days that make a banner or a plate a party supply too ("Happy Easter Letter Banner"),
    /// though a wish for one ("easter", "halloween") is about the day's things, not party ones.
    static let holidayWords: Set<String> = ["easter", "christmas", "xmas", "halloween", "wedding", "anniversary"]
    /// A wish that uses one of these words is about party things, and party supplies may be its
    /// good matches.
    static let wishWords: Set<String> =
        alwaysWords.union(withOccasionWords).union(occasionWords).union(pairs.flatMap { [$0.0, $0.1] })
        .subtracting(["bag", "hat", "paper", "card", "cup", "plate", "gift"])

    /// Whether a product name (folded tokens, as ``TextNormalizer/tokens(_:)`` gives them) names
    /// party supplies.
    static func named(by tokens: [String]) -> Bool { NameKind(tokens: tokens).isPartySupply }

    /// Whether a product name names party supplies.
    static func named(by name: String) -> Bool { NameKind(name: name).isPartySupply }

    /// Whether a wish, as they said it, is about party things itself.
    static func isWished(bySaying said: String) -> Bool {
        TextNormalizer.tokens(said).contains(where: wishWords.contains)
    }
}

/// Dolls-house miniatures — a "Dolls House Miniature Handmade Cup of Coffee", "Dolls House
/// Miniature Cats x2" — carry a theme the way party supplies do: they furnish a dolls house, and a
/// coffee lover's good match is not a 1:12 cup. Read from the name (see ``NameKind``): never tagged
/// with the theme their text names and never a good match for a wish about that theme, only a
/// partial one that says what it is. A wish about dolls, dolls houses or miniatures matches them
/// as usual.
enum DollsHouseMiniatures {
    /// Folded word pairs that name one ("Dolls House Miniature …", "Dolls House Accessory …").
    static let pairs: [(String, String)] = [
        ("house", "miniature"), ("house", "accessory"), ("dollhouse", "miniature"), ("dollhouse", "accessory"),
    ]
    /// One of these words says the house is a doll's.
    static let houseWords: Set<String> = ["doll", "dollhouse", "dollshouse"]
    /// A wish with one of these words is about dolls houses or miniatures.
    static let wishWords: Set<String> = ["dollhouse", "dollshouse", "miniature", "house"]

    /// Whether a product name (folded tokens) names a dolls-house miniature.
    static func named(by tokens: [String]) -> Bool { NameKind(tokens: tokens).isDollsHouseMiniature }

    /// Whether a wish, as they said it, is about dolls houses or miniatures, or dolls at all
    /// ("dolls": a dolls house is a doll's too). A kind of doll or a doll's thing is not: a 1:12
    /// porcelain baby is no "baby doll", a 1:12 pram no "dolls pram".
    static func isWished(bySaying said: String) -> Bool {
        let tokens = TextNormalizer.tokens(said).filter { !Taxonomy.genericWords.contains($0) }
        return tokens.contains(where: wishWords.contains) || tokens == ["doll"]
    }
}
