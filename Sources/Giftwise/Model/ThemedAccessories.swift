/// Everyday things printed with a theme — key chains, backpacks, watches, mugs, storage boxes —
/// are gifts, but a fan's better gift is the toy, set, game or book of their thing: at the same
/// fit, they rank after it ("City Firefighter Key Chain" after "Fire Station" for someone who
/// loves firefighters). Read from the product's name at import (see ``ProductFlags``); they stay
/// good matches when their theme is the wish.
enum ThemedAccessories {
    /// Folded words that name such a thing wherever they stand.
    static let words: Set<String> = [
        "keychain", "keyring", "backpack", "rucksack", "lunchbox", "bookmark", "mug", "tshirt", "pyjama",
        "sock", "wallet", "umbrella", "lanyard", "zipbin", "notebook", "apron", "tray", "handbag", "hoodie",
        "watch", "slipper", "coaster",
    ]
    /// Folded word pairs that name one ("key chain", "lunch box", "pencil case").
    static let pairs: [(String, String)] = [
        ("key", "chain"), ("key", "ring"), ("lunch", "box"), ("water", "bottle"), ("t", "shirt"), ("alarm", "clock"),
        ("wall", "clock"), ("storage", "box"), ("storage", "bin"), ("storage", "case"), ("phone", "case"),
        ("pencil", "case"), ("fridge", "magnet"), ("bag", "charm"), ("pin", "badge"), ("cookie", "cutter"),
        ("tote", "bag"),
        ("drawstring", "bag"), ("school", "bag"), ("gym", "bag"), ("shoulder", "bag"), ("baseball", "cap"),
    ]

    /// Folded words that name a toy: a name with one is the toy ("Puzzle - Watch and 2
    /// Characters", "Bookmark Collection Card Game").
    static let toyWords: Set<String> = [
        "puzzle", "jigsaw", "game", "playset", "doll", "plush", "kit",
    ]

    /// Whether a product name names a themed accessory.
    static func named(by name: String) -> Bool { NameKind(name: name).isAccessory }
}

/// The bits of `product.inferred`: what the importer read from a product's own text.
enum ProductFlags {
    /// Its interests were inferred from its text (the file gave none).
    static let interestsInferred = 1
    /// Its purposes were inferred from its text.
    static let purposesInferred = 2
    /// Its name says it is a themed accessory (``ThemedAccessories``): ranked after toys.
    static let accessory = 4
}
