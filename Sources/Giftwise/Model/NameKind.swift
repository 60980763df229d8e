/// What a product's name says the product is — party supplies, a themed accessory or part, a game
/// for one device, a dolls-house miniature — read from
/// its folded words in one pass, one dictionary lookup a word: the importer reads every row's
/// name this way (a first version, splitting the name once per kind and scanning each kind's
/// word pairs, cost 0.5–0.7 s of parsing CPU per 200k rows).
struct NameKind: Equatable {
    var isPartySupply = false
    var isAccessory = false
    var isDeviceBound = false
    var isDollsHouseMiniature = false

    /// `filtersByShape` false looks every word up (tests compare the two ways).
    init(tokens: [String], filtersByShape: Bool = true) {
        var occasion = false
        var withOccasion = false
        var party = false
        var accessory = false
        var toy = false
        var device = false
        var miniature = false
        let firstLetters = Self.markFirstLettersByLength
        for (index, token) in tokens.enumerated() {
            // Most of a name's words mean nothing here: ruled out by length and first letter
            // before hashing them for the dictionary (its lookups were most of this reading).
            if filtersByShape, let first = token.utf8.first, token.utf8.count < firstLetters.count,
                firstLetters[token.utf8.count] & Self.firstByteBit(first) == 0
            {
                continue
            }
            guard let marks = Self.marks[token] else { continue }
            party = party || marks.contains(.partyWord)
            occasion = occasion || marks.contains(.occasion)
            // A "hi hat" is a cymbal, not a party hat ("Drum Kit Hi Hat Percussion … KTV Party").
            let hiHat = token == "hat" && index > 0 && tokens[index - 1] == "hi"
            withOccasion = withOccasion || (marks.contains(.partyWithOccasion) && !hiHat)
            accessory = accessory || marks.contains(.accessoryWord)
            // "Dolls House Miniature Bird Cage": "dolls" names the house, not a toy doll.
            toy = toy || (marks.contains(.toyWord) && tokens.dropFirst(index + 1).first != "house")
            device = device || marks.contains(.deviceWord)
            guard index > 0 else { continue }
            let before = tokens[index - 1]
            if marks.contains(.endsPartyPair), Self.partyPairStarts[token]?.contains(before) == true { party = true }
            if marks.contains(.endsAccessoryPair), Self.accessoryPairStarts[token]?.contains(before) == true {
                accessory = true
            }
            if marks.contains(.endsDevicePair), Self.devicePairStarts[token]?.contains(before) == true { device = true }
            // "Dolls House Falcon Miniature …": a maker's name may stand between the house and
            // what it furnishes it with.
            if marks.contains(.endsMiniaturePair), let starts = Self.miniaturePairStarts[token],
                tokens[max(0, index - 3)..<index].contains(where: starts.contains)
            {
                miniature = true
            }
        }
        // "Music Note Foil Supershape Balloon", "Peppa Pig Balloon": a name that ends by saying
        // it is a balloon ("Water Balloons" and a "Hot Air Balloon" model are toys).
        let balloon =
            tokens.last == "balloon"
            && !["water", "air", "punch", "modelling", "modeling"].contains(tokens.dropLast().last ?? "")
        isPartySupply = party || (occasion && withOccasion) || balloon
        isAccessory = accessory && !toy
        // "The Lord of the Rings Video Game": a name that ends by saying what it is ("Make Your
        // Own Video Games Coding Book" is a book).
        // So does one that ends with its handheld ("Batman 2: DC Super Heroes - DS") or with "PC"
        // ("Marvel PC"), unless a count comes before it ("Jigsaw 1000 PC": pieces).
        let endsWithPC =
            tokens.count > 1 && tokens[tokens.count - 1] == "pc"
            && !tokens[tokens.count - 2].allSatisfy(\.isNumber)
        isDeviceBound =
            device || (tokens.count > 2 && tokens[tokens.count - 1] == "game" && tokens[tokens.count - 2] == "video")
            || (tokens.count > 2 && tokens[tokens.count - 1] == "ds") || endsWithPC
        // "Playmobil Summer House Accessory Set" is a playset's: the house must be a doll's.
        isDollsHouseMiniature = miniature && tokens.contains(where: DollsHouseMiniatures.houseWords.contains)
    }

    init(name: String) { self.init(tokens: TextNormalizer.tokens(name)) }

    private struct Marks: OptionSet {
        let rawValue: UInt16
        static let partyWord = Marks(rawValue: 1)
        static let occasion = Marks(rawValue: 2)
        static let partyWithOccasion = Marks(rawValue: 4)
        static let endsPartyPair = Marks(rawValue: 8)
        static let accessoryWord = Marks(rawValue: 16)
        static let endsAccessoryPair = Marks(rawValue: 32)
        static let toyWord = Marks(rawValue: 64)
        static let deviceWord = Marks(rawValue: 128)
        static let endsDevicePair = Marks(rawValue: 256)
        static let endsMiniaturePair = Marks(rawValue: 512)
    }

    /// Every word that means something to one of the kinds, with what it means.
    private static let marks: [String: Marks] = {
        var marks: [String: Marks] = [:]
        func mark(_ words: some Sequence<String>, _ mark: Marks) {
            for word in words { marks[word, default: []].insert(mark) }
        }
        mark(PartySupplies.alwaysWords, .partyWord)
        mark(PartySupplies.occasionWords.union(PartySupplies.holidayWords), .occasion)
        mark(PartySupplies.withOccasionWords, .partyWithOccasion)
        mark(PartySupplies.pairs.map(\.1), .endsPartyPair)
        mark(ThemedAccessories.words, .accessoryWord)
        mark(ThemedAccessories.pairs.map(\.1), .endsAccessoryPair)
        mark(ThemedAccessories.toyWords, .toyWord)
        mark(DeviceBound.words, .deviceWord)
        mark(DeviceBound.pairs.map(\.1), .endsDevicePair)
        mark(DollsHouseMiniatures.pairs.map(\.1), .endsMiniaturePair)
        return marks
    }()

    /// For each word length below 32, the ``firstByteBit(_:)`` of every word of ``marks`` that
    /// long (a longer word is always looked up).
    private static let markFirstLettersByLength: [UInt32] = {
        var table = Array(repeating: UInt32(0), count: 32)
        for word in marks.keys {
            guard let first = word.utf8.first, word.utf8.count < table.count else { continue }
            table[word.utf8.count] |= firstByteBit(first)
        }
        return table
    }()

    /// Bit n for a word starting with the letter "a" + n, bit 26 for a digit, bit 27 for anything else.
    @inline(__always)
    private static func firstByteBit(_ byte: UInt8) -> UInt32 {
        if byte &- 0x61 < 26 { return 1 << UInt32(byte &- 0x61) }
        return byte &- 0x30 < 10 ? 1 << 26 : 1 << 27
    }

    /// For each pair's second word, the first words it pairs with.
    private static let partyPairStarts = starts(of: PartySupplies.pairs)
    private static let accessoryPairStarts = starts(of: ThemedAccessories.pairs)
    private static let devicePairStarts = starts(of: DeviceBound.pairs)
    private static let miniaturePairStarts = starts(of: DollsHouseMiniatures.pairs)

    private static func starts(of pairs: [(String, String)]) -> [String: Set<String>] {
        var starts: [String: Set<String>] = [:]
        for (first, second) in pairs { starts[second, default: []].insert(first) }
        return starts
    }
}
