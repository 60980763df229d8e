/// Everyday things printed with a theme — key chains, backpacks, watches, mugs, storage boxes —
/// are gifts, but a fan's better gift is the toy, set, game or book of their thing: at the same
/// fit, they rank after it ("City Firefighter Key Chain" after "Fire Station" for someone who
/// loves firefighters). So do parts, refills and loose dice for a thing they may already have
/// ("Rocking Horse Replacement Mane", "Polyhedral Dice"). Read from the product's name at import
/// (see ``ProductFlags``); they stay good matches when their theme is the wish.
enum ThemedAccessories {
    /// Folded words that name such a thing wherever they stand.
    static let words: Set<String> = Set([
        "keychain", "keyring", "backpack", "rucksack", "lunchbox", "bookmark", "mug", "tshirt", "pyjama",
        "sock", "wallet", "umbrella", "lanyard", "zipbin", "notebook", "apron", "tray", "handbag", "hoodie",
        "watch", "slipper", "coaster", "badge",
        // Dice on their own are pieces for games, not a game ("Polyhedral Dice", "Poker Dice and Cup").
        "dice",
    ]).union(partWords)
    /// Folded words that name a part or supply for a thing they already have, not the thing:
    /// "Rocking Horse Replacement Mane", "Stomp Rocket Super Refill Pack", "Spares Kit", a "LiPo
    /// Battery", a "Servo Extension Lead", an "ESC". Such a product comes after every thing
    /// itself (a themed key chain or loose dice only rank lower: they are gifts of a kind).
    static let partWords: Set<String> = [
        "replacement", "refill", "spare", "tyre", "tire", "spanner", "lipo", "servo", "esc",
    ]
    /// Folded word pairs that name one ("key chain", "lunch box", "pencil case").
    static let pairs: [(String, String)] = [
        ("key", "chain"), ("key", "ring"), ("lunch", "box"), ("water", "bottle"), ("t", "shirt"), ("alarm", "clock"),
        ("wall", "clock"), ("storage", "box"), ("storage", "bin"), ("storage", "case"), ("phone", "case"),
        ("pencil", "case"), ("fridge", "magnet"), ("bag", "charm"), ("pin", "badge"), ("cookie", "cutter"),
        ("tote", "bag"), ("battery", "charger"), ("usb", "charger"),
        // Trading-card kit: "Deck Box Case", "Ultra Pro Platinum Storage Pages", "Card Sleeves".
        ("deck", "box"), ("storage", "page"), ("card", "sleeve"), ("deck", "protector"), ("card", "binder"),
        ("drawstring", "bag"), ("school", "bag"), ("gym", "bag"), ("shoulder", "bag"), ("baseball", "cap"),
    ]

    /// Folded words that name a toy: a name with one is the toy ("Puzzle - Watch and 2
    /// Characters", "Bookmark Collection Card Game").
    static let toyWords: Set<String> = [
        "puzzle", "jigsaw", "game", "playset", "doll", "plush", "kit",
    ]

    /// Whether a product name names a themed accessory.
    static func named(by name: String) -> Bool { NameKind(name: name).isAccessory }

    /// Whether a product's name says it is made *for* their thing rather than being it: the
    /// wish's words come only after "for" ("Roof Luggage Rack for 1/10 RC Crawler Cars", "Sand
    /// Timer for Cooking", "Lipo Battery and Charger for Syma Drones") or "compatible with"
    /// ("Building Bricks Compatible with LEGO"). Not when the name first
    /// says it is a toy or a gift ("Puzzle for Dinosaur Fans") or whom it is for ("Costume for
    /// Kids - Dinosaur").
    /// - Parameters:
    ///   - wishWords: the wish's own folded words that say what it is about (not "toy", "kit").
    ///   - nameTokens: the product name's folded words, in order.
    static func isMadeFor(wishWords: Set<String>, nameTokens: [String]) -> Bool {
        guard !wishWords.isEmpty, let forIndex = nameTokens.firstIndex(where: madeForWords.contains), forIndex > 0
        else { return false }
        let before = nameTokens[..<forIndex]
        if before.contains(where: { wishWords.contains($0) || thingWords.contains($0) }) { return false }
        let after = nameTokens[(forIndex + 1)...].prefix(wordsAfterFor)
        guard let first = after.firstIndex(where: wishWords.contains),
            !after[..<first].contains(where: audienceWords.contains)
        else { return false }
        return wishWords.isSubset(of: after)
    }

    /// Whether a name holds their wish only after "with", as a thing that comes with the product
    /// ("The Sooty Show - Pop-Up Puppet Show With Water Pistol" for "water pistols"): the product
    /// is what comes before it.
    /// Any name of the wish before "with" makes the product their thing ("Dinos Volcano with
    /// T-Rex Dinosaur").
    static func comesWith(wishNames: [Set<String>], nameTokens: [String]) -> Bool {
        guard let withIndex = nameTokens.firstIndex(of: "with"), withIndex > 0 else { return false }
        // "Fun with Bricks", "Playing with Water": a title, not a thing with something.
        let head = nameTokens[..<withIndex].filter {
            !Taxonomy.genericWords.contains($0) && !["fun", "learn", "learning"].contains($0)
        }
        guard head.count >= 2 else { return false }
        let before = Set(nameTokens[..<withIndex])
        if wishNames.contains(where: { !$0.isDisjoint(with: before) }) { return false }
        let after = Set(nameTokens[(withIndex + 1)...])
        return wishNames.contains { !$0.isEmpty && $0.isSubset(of: after) }
    }

    /// Folded words after which a name says what the product is for: "for", "compatible (with)"
    /// ("Building Bricks Compatible with LEGO").
    private static let madeForWords: Set<String> = ["for", "compatible"]
    /// How far after "for" the wish's words may start ("for 1/10 1/8 RC Crawler Cars").
    private static let wordsAfterFor = 8
    /// Folded words before "for" that say the product is the thing itself.
    private static let thingWords = toyWords.union(["toy", "gift", "present", "figure", "book"])
    /// Folded words after "for" that say whom the product is for, not what.
    private static let audienceWords: Set<String> = [
        "kid", "child", "children", "boy", "girl", "toddler", "baby", "babie", "adult", "men", "women", "him", "her",
        "teen", "teenager", "age", "year", "month", "old", "everyone", "family", "all", "u", "you", "your", "me", "us",
    ]
}

/// Games and software for one console or learning device ("LEGO Star Wars III - Xbox 360",
/// "VTech InnoTab Software: Thomas & Friends") give joy only to someone who owns that device:
/// for a fan of their theme they rank after the toys of the same fit, unless the wish is about
/// video games or the device itself. Read from the product's name at import (``ProductFlags``).
enum DeviceBound {
    /// Folded words that name a device wherever they stand.
    static let words: Set<String> = [
        "xbox", "playstation", "ps2", "ps3", "ps4", "ps5", "psp", "wii", "innotab", "leappad", "leapster",
        "vsmile", "gameboy", "gamecube", "dreamcast", "3ds", "psv", "videogame", "videogioco", "videojuego",
        "videospiel",
    ]
    /// Folded word pairs that name one ("Video Game", "Nintendo DS", "V.Smile").
    static let pairs: [(String, String)] = [
        ("nintendo", "ds"), ("nintendo", "3ds"), ("nintendo", "switch"),
        ("v", "smile"), ("pc", "game"), ("cd", "rom"), ("ps", "vita"), ("game", "boy"), ("storio", "software"),
    ]

    /// Whether a product name names a game or software for one device.
    static func named(by name: String) -> Bool { NameKind(name: name).isDeviceBound }

    /// Whether the wish is about video games or a device: such products are then their thing.
    static func isWished(by request: InterestRequest) -> Bool {
        request.interest?.id == "video-games" || !request.aboutWords.isDisjoint(with: wishWords)
    }

    private static let wishWords = words.union(["video", "console", "nintendo", "gaming", "gamer", "sega", "switch"])
}

/// The bits of `product.inferred`: what the importer read from a product's own text.
enum ProductFlags {
    /// Its interests were inferred from its text (the file gave none).
    static let interestsInferred = 1
    /// Its purposes were inferred from its text.
    static let purposesInferred = 2
    /// Its name says it is a themed accessory (``ThemedAccessories``): ranked after toys.
    static let accessory = 4
    /// Its name says it is a game or software for one device (``DeviceBound``).
    static let deviceBound = 8
}
