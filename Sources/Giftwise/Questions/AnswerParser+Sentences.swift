import Foundation

/// What they enjoy, said the way people describe a person rather than a product: "grandad plays
/// chess", "a teen who likes architecture", "she's a massive harry potter nerd", "a gift for a
/// star wars fan dad", "she's always drawing on everything", "wants to be a firefighter when he
/// grows up". A user trial found every gift of such wishes labelled partial ("drawing-themed, not
/// specifically always drawing on everything"), and an empty list for "grandad likes ships".
extension AnswerParser {
    /// How many words at the start of `words` (lower-cased) name a person, and "who" or "that"
    /// after them: "grandad", "my little brother", "a teen who", "our eldest", "grandad's" (then
    /// with the "'s" read as "is"). `nil` when they do not start with a person.
    static func personPhraseLength(_ words: [String]) -> Int? {
        var index = 0
        if index < words.count, ["a", "an", "the", "my", "our", "his", "her", "their", "your"].contains(words[index]) {
            index += 1
        }
        while index < words.count - 1, Self.personDescribers.contains(words[index]) { index += 1 }
        guard index < words.count else { return nil }
        // "sixteen year old likes harry potter", "a 14 year old boy into airfix": the age is who.
        if let ageWords = ageWordCount(words[index...]) {
            index += ageWords
            guard index < words.count else { return index }
            while index < words.count - 1, Self.personDescribers.contains(words[index]) { index += 1 }
            let noun = words[index].trimmingCharacters(in: CharacterSet(charactersIn: ","))
            if Self.personNouns.contains(noun) { index += 1 }
            if index < words.count, ["who", "that"].contains(words[index]) { index += 1 }
            return index
        }
        let noun = words[index].hasSuffix("'s") ? String(words[index].dropLast(2)) : words[index]
        guard Self.personNouns.contains(noun.trimmingCharacters(in: CharacterSet(charactersIn: ","))) else {
            return nil
        }
        index += 1
        if index < words.count, ["who", "that"].contains(words[index]) { index += 1 }
        return index
    }

    /// How many of `words` (lower-cased) say an age at their start: "16 year old", "sixteen year
    /// old", "14 yr old", "16-year-old"; `nil` when they do not.
    static func ageWordCount(_ words: ArraySlice<String>) -> Int? {
        guard let first = words.first else { return nil }
        let parts = first.split(separator: "-").map(String.init)
        func isNumber(_ word: String) -> Bool { Int(word) != nil || AgePhraseReader.numberWords[word] != nil }
        if parts.count == 3, isNumber(parts[0]), ["year", "yr"].contains(parts[1]), parts[2] == "old" { return 1 }
        guard isNumber(first), words.count >= 3 else { return nil }
        let unit = words[words.startIndex + 1]
        let old = words[words.startIndex + 2]
        guard ["year", "years", "yr", "yrs"].contains(unit), old == "old" else { return nil }
        return 3
    }

    /// `text` after a person it starts with, when what follows is a liking ("grandad plays chess"
    /// is "plays chess"), or a fan's frame ("my dad is a huge star wars fan"); `nil` otherwise
    /// ("dad jokes" names a thing).
    static func afterPerson(_ text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let lowered = words.map { $0.lowercased() }
        guard let count = personPhraseLength(lowered), count < words.count else { return nil }
        var after = words[count...].joined(separator: " ")
        // "grandad's into trains": the "'s" is "is".
        if lowered[count - 1].hasSuffix("'s"), !after.lowercased().hasPrefix("into ") { after = "is " + after }
        let afterLowered = after.lowercased()
        if Self.startsWithLikingVerb(afterLowered) { return after }
        if afterLowered.hasPrefix("is ") || afterLowered.hasPrefix("are ") {
            let framed = withoutFanFrame(after, subjectSaid: true)
            if framed != after { return framed }
        }
        return nil
    }

    /// A fan's frame around what they love: "a massive harry potter nerd", "is a huge star wars
    /// fan", "a star wars fan dad", "football mad" (after who), "a dinosaur lover". `text` itself
    /// when there is none. "fan", "mad" and "crazy" alone frame a wish only after who, before a
    /// person or after a word saying how much ("a desk fan" is a fan).
    static func withoutFanFrame(_ text: String, subjectSaid: Bool) -> String {
        var words = text.split(separator: " ").map(String.init)
        var lowered = words.map { $0.lowercased() }
        if subjectSaid, let first = lowered.first, ["is", "are", "was", "'s"].contains(first), words.count > 1 {
            words.removeFirst()
            lowered.removeFirst()
        }
        var personAfter = false
        if lowered.count >= 3, let last = lowered.last, Self.personNouns.contains(last),
            Self.fanWords.contains(lowered[lowered.count - 2])
                || Self.strongFanWords.contains(lowered[lowered.count - 2])
        {
            words.removeLast()
            lowered.removeLast()
            personAfter = true
        }
        guard let last = lowered.last, Self.fanWords.contains(last) || Self.strongFanWords.contains(last) else {
            return text
        }
        var start = 0
        var intensified = false
        while start < lowered.count - 1, Self.fanIntensifiers.contains(lowered[start]) {
            if !["a", "an", "the", "bit", "of"].contains(lowered[start]) { intensified = true }
            start += 1
        }
        let core = words[start..<(words.count - 1)]
        guard !core.isEmpty, core.count <= 4 else { return text }
        guard Self.strongFanWords.contains(last) || subjectSaid || personAfter || intensified else { return text }
        return core.joined(separator: " ")
    }

    /// `text` without an opening "a gift for", "something for" when a person follows with what
    /// they love ("a gift for a star wars fan dad" is "star wars"); `nil` otherwise ("a gift for a
    /// 9 year old" leaves the who to ``wordsOfTheThing(_:)``).
    static func withoutGiftOpener(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard let opener = Self.giftOpeners.first(where: { lowered.hasPrefix($0) && lowered.count > $0.count }) else {
            return nil
        }
        let rest = String(text.dropFirst(opener.count))
        if let after = afterPerson(rest) { return after }
        let framed = withoutFanFrame(rest, subjectSaid: false)
        if framed != rest { return framed }
        // "a gift for someone who loves baking".
        let words = rest.lowercased().split(separator: " ").map(String.init)
        if words.count > 2, ["someone", "somebody", "anyone"].contains(words[0]), ["who", "that"].contains(words[1]) {
            let after = rest.split(separator: " ").dropFirst(2).joined(separator: " ")
            if startsWithLikingVerb(after.lowercased()) { return after }
        }
        return nil
    }

    /// What they love said after a thing, in a clause about the person: "a lego set for my wife
    /// who loves flowers" is a lego set and flowers. `nil` when there is no such clause.
    static func relativeLiking(_ text: String) -> (thing: String?, liking: String)? {
        let lowered = text.lowercased()
        for marker in [" who ", " that ", " who's ", " whos ", " who is "] {
            guard let range = lowered.range(of: marker) else { continue }
            let cut = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
            let after = String(text.dropFirst(cut + marker.count))
            guard startsWithLikingVerb(after.lowercased()) else { continue }
            let before = wordsOfTheThing(String(text.prefix(cut)))
            let beforeWords = before.lowercased().split(separator: " ").map(String.init)
            // "my dad who likes fishing", "gifts for my dad who…": only who, or only "gifts".
            let onlyWho = personPhraseLength(beforeWords) == beforeWords.count
            let onlyGift = beforeWords.allSatisfy { Self.giftWords.contains($0) }
            return (onlyWho || onlyGift || beforeWords.isEmpty ? nil : before, after)
        }
        return nil
    }

    /// One typed wish split where a person adds an aside or an example: "football (arsenal)",
    /// "harry potter / fantasy books", "science - rockets", "animals especially dogs". A slash
    /// splits only between words ("ac/dc", "1/144", "r/c" stay).
    static func asides(_ item: String) -> [String] {
        let cut = "\u{1}"
        var text = item
        for mark in ["(", ")", "[", "]", " / ", " - ", " – ", " — ", " -- "] {
            text = text.replacingOccurrences(of: mark, with: cut)
        }
        for marker in [
            " especially ", " particularly ", " in particular ", " such as ", " e.g. ", " eg ", " including ",
        ] {
            text = text.replacingOccurrences(of: marker, with: cut, options: .caseInsensitive)
        }
        var letters = Array(text)
        for index in letters.indices where letters[index] == "/" {
            func run(_ range: some Sequence<Int>) -> Int {
                var count = 0
                for at in range {
                    guard letters.indices.contains(at), letters[at].isLetter else { break }
                    count += 1
                }
                return count
            }
            if run(stride(from: index - 1, through: 0, by: -1)) >= 3, run((index + 1)...) >= 3 {
                letters[index] = Character(cut)
            }
        }
        return String(letters).split(separator: Character(cut)).enumerated().map { index, part in
            let part = part.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ",;:")))
            return index > 0 ? withoutJoiner(part) : part
        }.filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
    }

    /// A budget said inside a wish: "a gift under 15 dollars" (a trial's budget became an interest),
    /// "something under a tenner", and small gifts named by the occasion ("stocking fillers",
    /// "pocket money toys", "party bag fillers"), read as gifts up to 10 in the catalog's money.
    /// `rest`: the wish without it (empty for an occasion alone).
    static func budgetInWish(_ text: String) -> (rest: String, max: Money, currency: String?, isOccasion: Bool)? {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        var key = lowered
        for article in ["a ", "an ", "some ", "lots of ", "a few "] where key.hasPrefix(article) {
            key = String(key.dropFirst(article.count))
        }
        if Self.smallGiftOccasions.contains(key) { return ("", Money(10), nil, true) }
        for marker in [
            " under ", " below ", " less than ", " up to ", " no more than ", " for under ", " around ", " about ",
            " roughly ", " max ", " maximum ", " at most ",
        ] {
            guard let range = lowered.range(of: marker, options: .backwards) else { continue }
            let tail = String(lowered[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
            guard saysABudget(tail), let max = AnswerParser.parseBudget(tail)?.max else { continue }
            let cut = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
            return (String(text.prefix(cut)).trimmingCharacters(in: .whitespaces), max, budgetCurrency(tail), false)
        }
        return nil
    }

    /// Words that bound an amount said without its currency ("under 20", "30 tops").
    static let amountBounds: Set<String> = [
        "under", "below", "less", "than", "up", "to", "upto", "no", "more", "max", "maximum", "at", "most",
        "around", "about", "roughly", "approx", "approximately", "ish", "tops", "or", "so", "budget", "between",
        "and", "of", "is",
    ]

    /// Whether a clause said beside a wish is an amount to spend: a budget with its currency, or an
    /// amount bounded in words with none ("lego, under 20", "about 30"); a lone number or range
    /// ("lego, 20", "lego, 20-40") only where `bare` (never where the choices are numbers: "1-3").
    static func saysAnAmount(_ text: String, bare: Bool) -> Bool {
        if saysABudget(text) { return true }
        guard let budget = parseBudget(text), budget.min != nil || budget.max != nil else { return false }
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "." }.map(String.init)
        guard words.contains(where: { Double($0) != nil }) else { return false }
        let bounds = words.filter { Double($0) == nil }
        guard bounds.allSatisfy(amountBounds.contains) else { return false }
        return bare || !bounds.isEmpty
    }

    /// Whether `text` is plainly a budget: an amount with its currency ("about £20", "30 dollars",
    /// "under a tenner").
    static func saysABudget(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard AnswerParser.budgetCurrency(text) != nil || lowered.contains("tenner") || lowered.contains("fiver"),
            let budget = AnswerParser.parseBudget(text)
        else { return false }
        return budget.min != nil || budget.max != nil
    }

    /// Gifts named by the occasion, which says they are small: no thing to look for.
    static let smallGiftOccasions: Set<String> = [
        "stocking filler", "stocking fillers", "stocking stuffer", "stocking stuffers", "pocket money toy",
        "pocket money toys", "pocket money", "pocket money gift", "pocket money gifts", "party bag filler",
        "party bag fillers",
        "party bag toys", "party bag bits", "goody bag bits", "goody bag fillers", "goody bag toys",
        "cheap gift", "cheap present", "little something", "small gift", "small present",
    ]

    /// Whether `text` (lower-cased) starts with a verb of liking ("likes ", "plays ", "is into ").
    static func startsWithLikingVerb(_ text: String) -> Bool {
        Self.likingVerbs.contains { text.hasPrefix($0) && text.count > $0.count }
    }

    /// How often or how long, closing a sentence about them: not what they enjoy.
    static let timeTails = [
        " all day long", " all day", " all the time", " every day", " everyday", " nonstop", " non stop",
        " on everything", " one day", " when he grows up", " when she grows up", " when they grow up",
        " when he's older", " when she's older", " for hours", " every weekend", " in his spare time",
        " in her spare time", " in their spare time", " after school", " every week", " every weekend",
        " at the weekend", " at the weekends", " at weekends", " on weekends", " on saturdays", " on sundays",
        " every saturday", " every sunday", " all year round", " every summer", " every winter",
    ]

    /// Where a thing is used, closing a wish: not what it is ("a kite for the beach").
    static let placeTails = [
        " for the beach", " for the park", " for the garden", " for the bath", " for bath time", " for the car",
        " for car journeys", " for the holidays", " for holidays", " for the summer", " for the pool",
        " at the beach", " on the beach", " in the garden", " in the park", " in the bath", " on holiday",
    ]
    /// Folded words that name no thing of their own: every toy's ("toys", "set") and a gift's
    /// ("something", "stuff").
    static let wordsOfNoThing = Taxonomy.genericWords.union(giftWords.flatMap(TextNormalizer.tokens))

    /// People a gift is for, named before what they enjoy.
    static let personNouns: Set<String> = [
        "grandad", "granddad", "grandpa", "grandfather", "grandma", "grandmother", "gran", "granny", "nan", "nana",
        "nanna", "nanny", "dad", "daddy", "father", "mum", "mummy", "mom", "mommy", "mother", "stepdad", "stepmum",
        "husband", "hubby", "wife", "boyfriend", "girlfriend", "partner", "fiance", "fiancee", "son", "daughter",
        "nephew", "niece", "grandson", "granddaughter", "godson", "goddaughter", "brother", "sister", "uncle",
        "aunt", "auntie", "aunty", "cousin", "friend", "bestie", "teacher", "boss", "colleague", "neighbour",
        "neighbor", "teen", "teenager", "tween", "kid", "child", "toddler", "baby", "boy", "girl", "lad", "lass",
        "man", "woman", "guy", "eldest", "youngest", "twins", "kids", "children", "boys", "girls", "he", "she",
        "they", "someone", "somebody", "adult", "grownup", "grown-up", "mate", "lady", "gent",
    ]

    /// Words between "my" and the person: "my little brother", "my 9 year old son".
    private static let personDescribers: Set<String> = [
        "little", "big", "older", "younger", "eldest", "youngest", "teenage", "best", "old", "new", "baby", "twin",
        "step", "great", "dear", "lovely",
    ]

    /// Words that say a fan of anything: "fan", "mad" and "crazy" mean other things alone.
    private static let fanWords: Set<String> = ["fan", "mad", "crazy", "obsessed", "daft"]
    private static let strongFanWords: Set<String> = [
        "nerd", "geek", "buff", "addict", "fanatic", "enthusiast", "obsessive", "freak", "nut",
    ]
    private static let fanIntensifiers: Set<String> = [
        "a", "an", "the", "such", "total", "massive", "huge", "big", "real", "proper", "complete", "mega", "super",
        "absolute", "true", "diehard", "die-hard", "bit", "of", "major", "serious", "crazy",
    ]

    private static let giftOpeners = [
        "a gift for ", "gift for ", "gifts for ", "a present for ", "present for ", "presents for ",
        "something for ", "ideas for ", "a gift idea for ", "gift ideas for ",
    ]

    /// Gifts named by the occasion, which says nothing of what they enjoy: "a birthday present",
    /// "a leaving gift" (a trial's were matched as birthday candles and party invitations).
    static func isOccasionGift(_ text: String) -> Bool {
        var words = text.lowercased().split(separator: " ").map(String.init)
        while let first = words.first, ["a", "an", "some", "his", "her", "their", "my"].contains(first) {
            words.removeFirst()
        }
        guard words.count == 2, ["present", "presents", "gift", "gifts"].contains(words[1]) else { return false }
        return Self.occasions.contains(words[0])
    }

    private static let occasions: Set<String> = [
        "birthday", "christmas", "xmas", "leaving", "retirement", "anniversary", "graduation", "thank-you",
        "secret", "wedding", "housewarming", "welcome", "farewell",
    ]

    /// Words that name a gift, not what it is.
    static let giftWords: Set<String> = [
        "gift", "gifts", "present", "presents", "something", "anything", "ideas", "idea", "stuff", "things", "a",
        "an", "some",
    ]

    private static let likingVerbs: [String] = [
        "is really into ", "really into ", "is into ", "are into ", "into ", "is obsessed with ", "obsessed with ",
        "is crazy about ", "crazy about ", "is mad about ", "mad about ", "is a big fan of ", "is a fan of ",
        "is a huge fan of ", "is a massive fan of ", "is fond of ", "is keen on ", "keen on ", "is interested in ",
        "interested in ", "really loves ", "really likes ",
        "loves ", "love ", "likes ", "like ", "enjoys ", "enjoy ", "adores ", "adore ", "plays ", "play ",
        "collects ", "collect ", "is learning ", "does ", "do ", "wants ", "is always ", "always ", "dreams of ",
        "is forever ", "forever ", "is mad on ", "mad on ", "supports ", "has ", "goes ", "spends all day ",
        "spends hours ", "can't get enough of ", "cant get enough of ", "needs help with ", "wants to learn ",
        "used to ", "builds ", "started ", "got into ", "watches ",
    ]
}
