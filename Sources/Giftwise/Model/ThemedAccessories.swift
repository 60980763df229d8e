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
        // A remote-controlled toy's ("2.4G Transmitter and Receiver", "Battery Charger"); not
        // "rotor" or "propeller", which name the toy itself ("Twin-rotor Helicopter").
        "charger", "transmitter", "receiver",
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

    /// Whether a name says it is made for something, whatever the wish: words that name no toy or
    /// gift, then "for" (or "compatible") and words that say what it is for, not whom ("Spur Gear
    /// 47T for 1/10 RC Car", "Roof Luggage Rack for RC Cars", not "Walkie Talkies for Kids").
    /// Read at import (``ProductFlags/servesAThing``), so the good count can find such products
    /// among a tag's without reading every name (see ``isMadeFor(wishWords:nameTokens:)`` for a wish).
    static func saysMadeForSomething(_ nameTokens: [String]) -> Bool {
        guard let forIndex = nameTokens.firstIndex(where: madeForWords.contains), forIndex > 0 else { return false }
        if nameTokens[..<forIndex].contains(where: thingWords.contains) { return false }
        let after = nameTokens[(forIndex + 1)...].prefix(wordsAfterFor)
        guard
            let first = after.first(where: { !$0.allSatisfy { $0.isNumber || $0 == "/" } && $0 != "the" && $0 != "a" })
        else { return false }
        return !notAThing.contains(first)
    }

    /// Whether a name says it is a part or supply for a thing (``partWords``), not the thing: read
    /// with the name's kind (a themed accessory, no toy word).
    static func namesAPart(_ nameTokens: [String], isAccessory: Bool) -> Bool {
        isAccessory && nameTokens.contains(where: sparePartWords.contains)
    }
    /// ``partWords`` less "refill": more loom bands or moon sand are the thing itself.
    static let sparePartWords = partWords.subtracting(["refill"])

    /// Folded words of a wish naming a thing that takes parts and add-ons of its own (a car, a
    /// drone, a doll, a console, LEGO): a product made for one is not one ("Roof Luggage Rack
    /// for RC Cars" for "rc car", "Bricks Compatible with LEGO"). Things made for a pastime
    /// ("Pipe Cleaners for Crafts", "Sand Timer for Cooking") are a gift for it, and stay so.
    static let thingsWithParts: Set<String> = [
        "car", "truck", "buggy", "lorry", "tractor", "helicopter", "heli", "drone", "quadcopter", "plane", "aeroplane",
        "airplane", "boat", "yacht", "train", "locomotive", "bike", "bicycle", "scooter", "skateboard", "kite",
        "doll", "barbie", "sindy", "console", "guitar", "piano", "keyboard", "drum", "camera", "telescope",
        "microscope", "robot", "scalextric", "lego", "duplo", "nerf", "blaster", "trampoline", "tent", "card",
        "technic", "meccano", "knex", "mindstorms",
        "nintendo", "xbox", "playstation", "ipad", "tablet", "phone", "sylvanian", "hubsan", "syma",
    ]

    /// Folded words of a wish that name an object someone can be given ("a chess set", "a police
    /// car", "a lantern"), not a theme they love ("dinosaurs", "spiderman", "an owl"): a product
    /// whose name goes on past their thing to another one ("Police Car Bag Charm", "Drone Feet
    /// Pack") is that other thing. Besides ``thingsWithParts``.
    static let objectWords: Set<String> = thingsWithParts.union([
        "set", "playset", "castle", "fort", "house", "dollhouse", "kitchen", "garage", "farm", "ship",
        "spaceship", "starship", "rocket", "tank", "digger", "excavator", "crane", "bus", "van", "motorbike",
        "motorcycle", "jeep", "engine", "sword", "shield", "wand", "bow", "crossbow", "gun", "pistol", "longboard",
        "skate", "rollerskate", "trike", "tricycle", "sledge", "sled", "slide", "swing", "sandpit",
        "ball", "watch", "clock", "diary", "journal", "lantern", "lamp", "torch", "walkie", "radio",
        "binocular", "globe", "calculator", "computer", "laptop", "violin", "ukulele", "recorder", "xylophone",
        "microphone", "easel", "diabolo", "yoyo", "frisbee", "boomerang", "pram", "pushchair", "cot", "teddy",
        "puppet", "marionette", "wagon", "cart", "caravan", "submarine", "ambulance", "limousine", "racer",
    ])

    /// Folded words that, after a thing in a product's name, say the product is a part of it or
    /// goes with it ("Train Motor", "Flexible Train Tracks", "Quadcopter Propeller Blade Guard",
    /// "Diabolo String", "Technic Gear Wheels"): not the thing.
    static let partsAfterAThing: Set<String> = [
        "motor", "track", "string", "sensor", "foot", "feet", "propeller", "blade", "guard", "battery",
        "charger", "cable", "wire", "connector", "wheel", "tyre", "tire", "gear", "beam", "bush", "hub", "axle",
        "spare", "refill", "replacement", "furniture", "cabinet", "grip", "handle", "bell",
        "basket", "seat", "pump", "sail", "mast", "extension", "upgrade", "shell", "bumper", "spoiler",
        "controller", "transmitter", "receiver", "helmet", "lock", "movement", "shaft", "mechanism",
        // A LEGO parts pack: "Blue Train Windows with Panes", "Castle Doors".
        "window", "pane", "door",
    ]
    /// Folded words that, after one thing in a product's name, say the product is another thing
    /// carrying it ("Police Car Bag Charm", "Millennium Falcon Messenger Bag", "Batman Lunch
    /// Set", "Ball and Cup"): a gift for a fan of a theme, not the object someone asked for.
    static let carriersAfterAThing: Set<String> = [
        "charm", "keyring", "keychain", "key", "bag", "backpack", "rucksack", "purse", "wallet", "lunch", "lunchbox",
        "bottle", "mug", "cup", "plate", "sticker", "decal", "tattoo", "eraser", "pencil", "pen", "notebook", "case",
        "cover", "sleeve", "magnet", "badge", "patch", "poster", "costume", "outfit", "mask", "tshirt", "shirt",
        "sock", "pyjama", "hat", "cap", "slipper", "hoodie", "blanket", "cushion", "pillow", "duvet", "towel",
        "bedding", "rug", "mat", "cutter", "mould", "nightlight", "card", "book", "puzzle", "jigsaw",
        "stand", "display", "holder", "mount", "print",
        // "Castle Knights Accessory Set": a castle lover's minifigures, not a castle.
        "accessory", "dice", "whistle",
    ]
    /// Folded words that, after a part or carrier in a name, say the product is a thing after all
    /// ("Train Track Railway Station Playset").
    static let thingsAfterAPart: Set<String> = objectWords.subtracting(["set", "kit"]).union(
        ["toy", "model", "figure", "doll", "plush", "vehicle", "station"])
    /// Folded words of ``objectWords`` that are brands: said alone ("duplo", "lego"), they name a
    /// range someone loves, whose themed things are gifts for them.
    static let brandWords: Set<String> = [
        "lego", "duplo", "barbie", "sindy", "nerf", "sylvanian", "nintendo", "xbox", "playstation", "hubsan", "syma",
        "scalextric", "ipad", "technic", "meccano", "knex", "mindstorms",
    ]
    /// Folded words that anywhere in a name say the product pictures a thing ("Painting by
    /// Numbers Fantasy Boat", "Puzzle - Watch and 2 Characters", "Deco Stickers Diary Paper").
    static let picturingWords: Set<String> = [
        "puzzle", "jigsaw", "painting", "colouring", "coloring", "sticker", "poster",
    ]
    /// Folded words after which a name says what comes with the product or whom it is for: the
    /// product is what comes before them.
    private static let namesWhatComesWith: Set<String> = comesWithWords.union(["for", "from", "compatible"])
    /// Those of them that say what comes with it ("Acer with Torch").
    private static let comesWithWords: Set<String> = ["with", "featuring", "includes", "including", "plus"]

    /// How a product's name holds a wish for an object (``objectWords``), when it is not the
    /// object: `.part` (a part of it or for it), `.carrier` (another thing carrying it or
    /// picturing it); `nil` when it is their thing as far as the name says.
    /// - Parameters:
    ///   - wishWords: every word of every name of their thing (``InterestRequest/comesWithWords``:
    ///     "police", "car"; "quadcopter"; an interest's names, "train", "track").
    ///   - saidWords: every folded word of the wish ("a chess set": a set is no carrier of one).
    ///   - oneThing: the wish names one object ("a police car", "batman sets"), not a whole kind
    ///     someone loves ("trains"): only then is a themed carrier not their thing.
    static func otherThing(
        wishWords: Set<String>, saidWords: Set<String>, nameTokens: [String], oneThing: Bool
    ) -> OtherThing? {
        let end = nameTokens.firstIndex(where: namesWhatComesWith.contains) ?? nameTokens.count
        let head = nameTokens[..<end]
        // "Acer with Torch" for "a torch": their thing comes with the product, which is another.
        // (Up to what it is for: "Roof Rack with LED Light Bar for RC Cars" is made for them.)
        if oneThing, end < nameTokens.count, comesWithWords.contains(nameTokens[end]) {
            let tail = nameTokens[(end + 1)...]
            let comesWith = tail.prefix { !namesWhatComesWith.contains($0) }
            if !head.contains(where: wishWords.contains), comesWith.contains(where: wishWords.contains) {
                return .carrier
            }
        }
        // A part or carrier in another name of their thing ("train track" for trains) is still
        // not the thing, unless they said it.
        guard
            let last = head.lastIndex(where: { word in
                wishWords.contains(word)
                    && (saidWords.contains(word)
                        || !(partsAfterAThing.contains(word) || carriersAfterAThing.contains(word)))
            })
        else { return nil }
        var other: OtherThing?
        for index in head.indices where index > last && !saidWords.contains(head[index]) {
            let word = head[index]
            // "Train Track Railway Station Playset": a thing named after the part is the product.
            if other != nil, thingsAfterAPart.contains(word) { return nil }
            if other == nil, partsAfterAThing.contains(word) { other = .part }
            if other == nil, oneThing, carriersAfterAThing.contains(word) { other = .carrier }
        }
        if other != nil || !oneThing { return other }
        return head.contains(where: { picturingWords.contains($0) && !saidWords.contains($0) }) ? .carrier : nil
    }

    enum OtherThing: Equatable {
        case part
        case carrier
    }

    /// Whether a name may hold a thing as a part of it or on another thing (see
    /// ``otherThing(wishWords:saidWords:nameTokens:oneThing:)``): read at import, so the good count
    /// finds such products among a tag's without reading every name.
    /// A name that ``NameKind`` reads as a game for one device may hold one too ("The Hobbit - PS
    /// Vita" is no set for "hobbit sets"): the importer marks those by its own reading.
    static func mayHoldAnotherThing(_ nameTokens: [String]) -> Bool {
        nameTokens.indices.contains { index in
            let word = nameTokens[index]
            return picturingWords.contains(word)
                || (index > 0 && (partsAfterAThing.contains(word) || carriersAfterAThing.contains(word)))
        }
    }

    /// Folded words of a wish that ask for parts or things for a thing they have ("rc car parts",
    /// "lego storage", "spare blades"): such products are then their thing.
    static let wantsPartsWords: Set<String> = partWords.union(["part", "accessory", "upgrade", "storage"])

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
    private static let wordsAfterFor = 12
    /// Folded words before "for" that say the product is the thing itself.
    private static let thingWords = toyWords.union(["toy", "gift", "present", "figure", "book"])
    /// Folded words after "for" that say whom the product is for, not what.
    private static let audienceWords: Set<String> = [
        "kid", "child", "children", "boy", "girl", "toddler", "baby", "babie", "adult", "men", "women", "him", "her",
        "teen", "teenager", "age", "year", "month", "old", "everyone", "family", "all", "u", "you", "your", "me", "us",
    ]
    /// Folded words that, first after "for", say whom or where a product is for rather than what
    /// thing it serves ("for Beginners", "for Outdoor Use").
    private static let notAThing = audienceWords.union([
        "beginner", "fan", "lover", "collector", "enthusiast", "player", "home", "outdoor", "indoor", "use", "fun",
    ])
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
    /// Its name says it is made for something or is a part of one ("Spur Gear for RC Car",
    /// "Replacement Blades"): for a wish it serves, its tags do not make it their thing (see
    /// ``ThemedAccessories/saysMadeForSomething(_:)``).
    static let servesAThing = 16
    /// The SQL condition of ``servesAThing``, written as the partial index `product_serving`
    /// (migration v9) is: SQLite uses that index only for this very text, never for a bound value.
    static let servesAThingCondition = "(inferred & 16) != 0"
    /// Its name may hold a thing only as a part of it or on another thing ("Train Motor", "Police
    /// Car Bag Charm", a game for one device): for a wish that names an object, its tags do not
    /// make it their thing (see ``ThemedAccessories/otherThing(wishWords:saidWords:nameTokens:oneThing:)``).
    /// Marked apart from ``servesAThing``: a fifth of a toy shop's names, read only for such wishes.
    static let mayHoldAnotherThing = 32
    /// The SQL condition of ``mayHoldAnotherThing``, as the partial index `product_other_thing`
    /// (migration v10) is written.
    static let mayHoldAnotherThingCondition = "(inferred & 32) != 0"
}
