import Foundation

/// Reads answers the way people type them: ages ("7", "18 months"), budgets ("$30", "20-40",
/// "no limit"), comma-separated lists, things to avoid ("no slime, nothing with batteries") and
/// choices by number, words or value.
package enum AnswerParser {
    /// Trims, turns control characters into spaces and caps the length of an answer.
    package static func clean(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(2_000) {
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    package static func emptyReason(_ question: Question) -> String {
        question.id == .age ? ageReason : "Please type an answer."
    }

    package static let ageReason =
        "Please give an age in years between 0 and 120, e.g. 7 or 1.5 (or in months: 18 months)."
    /// The age question answered "not sure": a guess is enough, and the age cannot be left out.
    package static let ageGuessReason =
        "A rough guess is fine (e.g. \"about 8\"): the age decides which gifts are safe for them, so it can't be left out."
    package static let budgetReason =
        "Please give a budget as an amount (30, or £30 to name the currency), a range (20-40), or \"no limit\"."

    /// Comma- or semicolon-separated items, trimmed, each at most 80 characters, at most 20. An
    /// item after the first loses the "and" or "or" that closes a list ("chess, crosswords, and
    /// jigsaws").
    package static func list(_ text: String) -> [String] {
        // A comma inside a number ("1,000 piece jigsaws") separates nothing.
        let characters = Array(text)
        var parts: [String] = []
        var part = ""
        for (index, character) in characters.enumerated() {
            let inANumber =
                character == "," && index > 0 && index + 1 < characters.count && characters[index - 1].isNumber
                && characters[index + 1].isNumber
            if (character == "," && !inANumber) || character == ";" || character == "\n" {
                parts.append(part)
                part = ""
            } else {
                part.append(character)
            }
        }
        parts.append(part)
        return parts.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .enumerated().map { index, part in
                let item = part.trimmingCharacters(in: .whitespaces)
                return String((index > 0 ? withoutJoiner(item) : item).prefix(80)).trimmingCharacters(in: .whitespaces)
            }
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            .prefix(20).map { $0 }
    }

    /// How far along someone is, said about them ("she's a beginner").
    static let levels: Set<String> = [
        "beginner", "complete beginner", "total beginner", "absolute beginner", "novice", "expert", "advanced",
        "intermediate", "pro", "just starting", "just starting out", "starting out", "new to it", "learning",
    ]

    /// Said after a list to mean more like it ("the outdoors, camping, that kind of thing").
    static let moreOfTheSame: Set<String> = [
        "that kind of thing", "that sort of thing", "that type of thing", "those kinds of things",
        "those sorts of things", "things like that", "stuff like that", "and the like", "or similar",
        "and similar", "that kind of stuff", "that sort of stuff", "etc", "etc.", "and so on",
    ]

    /// What may close a wish without naming a thing, longest first.
    private static let moreOfTheSameTails: [String] =
        moreOfTheSame.sorted { ($0.count, $0) > ($1.count, $1) }.map { " " + $0 } + [
            " and stuff", " and things", " stuff", " mainly", " mostly", " especially", " in particular",
            " generally",
        ]

    /// What may open the last item of a list (or an aside: "minecraft (and lego)").
    static let listJoiners = ["and ", "or ", "& ", "plus "]

    /// `item` without the "and" or "or" opening it ("and jigsaws" → "jigsaws").
    static func withoutJoiner(_ item: String) -> String {
        guard let joiner = listJoiners.first(where: { item.lowercased().hasPrefix($0) }) else { return item }
        return String(item.dropFirst(joiner.count)).trimmingCharacters(in: .whitespaces)
    }

    /// Words that say an answer comes on top of what they enjoy ("he also likes drawing").
    static func saysAdding(_ text: String) -> Bool {
        let lowered = " " + text.lowercased() + " "
        return [" also ", " as well ", " too ", " as well. ", " too. "].contains(where: lowered.contains)
    }

    /// What they enjoy, said as a sentence: "he loves football and he's really into minecraft" →
    /// "football", "minecraft"; "she's obsessed with horse riding" → "horse riding". Who and the
    /// liking verb go; an item that is only the verb stays as it is. " and " splits only where a
    /// new liking begins ("loves arts and crafts" stays one item for the taxonomy to read).
    package static func likings(_ item: String, subjectSaid: Bool = false) -> [String] {
        // "football (arsenal)", "harry potter / fantasy books", "animals especially dogs": each its own.
        let parts = asides(item)
        // "that sort of stuff" (before its "stuff" goes and leaves "that sort of").
        if parts.count == 1,
            moreOfTheSame.contains(parts[0].lowercased().trimmingCharacters(in: .punctuationCharacters))
        {
            return []
        }
        guard parts.count == 1, let item = parts.first else {
            return parts.flatMap { likings($0, subjectSaid: subjectSaid) }
        }
        let (rest, subject, _) = withoutLiking(item, subjectSaid: subjectSaid)
        // "he's 12 and loves minecraft": their age, said in passing, is no wish.
        // "knitting (she's a beginner)": how far along they are, no wish either.
        func wish(_ said: String) -> [String] {
            let part = withoutAnyThing(said)
            return part.isEmpty || (subject && (part.allSatisfy(\.isNumber) || levels.contains(part.lowercased())))
                || moreOfTheSame.contains(part.lowercased())
                ? [] : [part]
        }
        // "grandad, he likes gardening", "teenage lad, into pranks", "she's just a baby": who it
        // is for, said on its own, is no wish.
        if namesOnlyAPerson(rest) { return [] }
        // "a lego set for my wife who loves flowers": the set and flowers.
        if let (thing, liking) = relativeLiking(rest) {
            return (thing.map { [$0] } ?? []) + likings(liking, subjectSaid: true)
        }
        var searchFrom = rest.startIndex
        while let range = rest.range(of: " and ", options: .caseInsensitive, range: searchFrom..<rest.endIndex) {
            let after = String(rest[range.upperBound...])
            if withoutLiking(after, subjectSaid: subject).liking {
                let before = String(rest[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
                return wish(before) + likings(after, subjectSaid: subject)
            }
            searchFrom = range.upperBound
        }
        return wish(rest)
    }

    /// What "anything sparkly", "something musical", "everything pink" or "anything with
    /// horses" names (it had been looked for with "anything" in it); the text itself when that
    /// is all it says ("anything really", "something nice").
    static func withoutAnyThing(_ text: String) -> String {
        guard !isAnyThing(text) else { return text }
        let lowered = text.lowercased()
        for opener in ["anything with ", "something with ", "anything ", "something ", "everything "]
        where lowered.hasPrefix(opener) {
            let rest = String(text.dropFirst(opener.count)).trimmingCharacters(in: .whitespaces)
            // "anything that goes fast", "something to do with trains": a clause, not a thing.
            let first = rest.split(separator: " ").first.map { $0.lowercased() } ?? ""
            guard !rest.isEmpty,
                !["that", "to", "for", "at", "else", "really", "you", "i", "he", "she", "they"].contains(first)
            else { return text }
            return rest
        }
        return text
    }

    /// `text` without who and a liking verb before what they enjoy, and without a closing "a lot"
    /// or "too"; `text` itself when nothing else would be left. `subject`: whether who was said
    /// (here or earlier in the sentence).
    static func withoutLiking(_ text: String, subjectSaid: Bool = false) -> (rest: String, subject: Bool, liking: Bool)
    {
        var rest = text.replacingOccurrences(of: "\u{2019}", with: "'").trimmingCharacters(in: .whitespaces)
        var stripped = true
        var subject = subjectSaid
        var liking = false
        // Who, said as "my dad", "our grandad", "my best friend": any one or two words after
        // "my" or "our", when a verb of liking follows ("my little pony" stays a wish).
        // "a gift for a star wars fan dad", "something for someone who loves baking".
        if let opened = withoutGiftOpener(rest) {
            rest = opened
            subject = true
            liking = true
        }
        let words = rest.split(separator: " ", maxSplits: 3).map(String.init)
        if words.count > 2, ["my", "our"].contains(words[0].lowercased()) {
            for count in [1, 2] where words.count > count + 1 {
                let after = words[(count + 1)...].joined(separator: " ")
                let next = withoutLiking(after, subjectSaid: true)
                if next.liking, next.rest != after {
                    return (next.rest, true, true)
                }
            }
        }
        while stripped {
            stripped = false
            // "grandad plays chess", "a teen who likes architecture", "my dad is a huge star wars fan".
            if let after = afterPerson(rest) {
                rest = after
                subject = true
                liking = true
                stripped = true
                continue
            }
            let lowered = rest.lowercased()
            for (prefix, isSubject) in likingPrefixes where lowered.hasPrefix(prefix) && rest.count > prefix.count {
                // "plays", "collects": verbs only after who does it ("plays football", not "playing cards").
                if !isSubject, subjectVerbs.contains(prefix), !subject { continue }
                rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                subject = subject || isSubject
                liking = true
                stripped = true
                break
            }
        }
        // "lego i think", "minecraft at the moment": how sure they are, or since when, not what.
        // "chemistry sets etc", "science stuff", "cricket mainly": more of the same, or how
        // much, not what.
        for suffix in Self.moreOfTheSameTails where rest.lowercased().hasSuffix(suffix) && rest.count > suffix.count {
            rest = String(rest.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        for suffix in [
            " a lot", " too", " as well", "!", ".", " i think", " i guess", " i reckon", " probably", " maybe",
            " religiously", " obsessively",
            " perhaps", " at the moment", " these days", " right now", " lately", " now", " nowadays",
        ] + timeTails where rest.lowercased().hasSuffix(suffix) && rest.count > suffix.count {
            rest = String(rest.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        // "he wants a kite for the beach", "a play tent for the garden": where it is used, when a
        // thing is left ("toys for the garden" stays: the garden says which toys).
        for suffix in Self.placeTails where rest.lowercased().hasSuffix(suffix) && rest.count > suffix.count {
            let thing = String(rest.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            let words = TextNormalizer.tokens(thing)
            if !words.isEmpty, !words.allSatisfy(wordsOfNoThing.contains) { rest = thing }
        }
        // "always doing magic tricks for the family": whom they do it with, in a sentence about
        // them ("board games for the family" stays: shops write "family board games").
        if liking {
            for suffix in [" for the family", " for the whole family", " with the family", " with friends"]
            where rest.lowercased().hasSuffix(suffix) && rest.count > suffix.count {
                rest = String(rest.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            }
        }
        // "she's a massive harry potter nerd", "he is football mad".
        rest = withoutFanFrame(rest, subjectSaid: subject)
        return (wordsOfTheThing(rest), subject, liking)
    }

    /// A wish without the words around the thing that no shop writes in its name: an opening
    /// article ("a lego tree house") and who it is for at the end ("drones for beginners",
    /// "technic lego for a 9 year old", "a watch for my son"): the age and who they are are
    /// asked for on their own; and a character "from" a franchise the way shops write it
    /// ("steve from minecraft" is "minecraft steve"). A user trial found nothing good for each,
    /// with the thing in the shop.
    static func wordsOfTheThing(_ wish: String) -> String {
        var words = wish.split(separator: " ").map(String.init)
        // "a …", "his trains" (after "playing with").
        while words.count > 1, ["a", "an", "the", "some", "his", "her", "their"].contains(words[0].lowercased()) {
            words.removeFirst()
        }
        // "a pack of playing cards", "a set of paints": how many, not what (a trial's "pack of
        // playing cards" found thank-you cards "pack of 8").
        if words.count > 2, words[1].lowercased() == "of",
            ["pack", "set", "box", "bag", "pair", "bunch", "lots", "couple", "tub", "kit"].contains(
                words[0].lowercased())
        {
            words.removeFirst(2)
        }
        if let cut = words.lastIndex(where: { $0.lowercased() == "for" }), cut > 0,
            isWhoItIsFor(words[(cut + 1)...].map { $0.lowercased() })
        {
            words.removeSubrange(cut...)
        }
        // "a dragon to build", "little figures to collect": what they will do with it.
        if let to = words.lastIndex(where: { $0.lowercased() == "to" }), to > 0, words.count - to <= 3,
            Self.useVerbs.contains(words[to + 1 < words.count ? to + 1 : to].lowercased())
        {
            words.removeSubrange(to...)
        }
        // "a globe for his desk", "a figure for her shelf": where it goes.
        if words.count > 3, words[words.count - 3].lowercased() == "for",
            ["his", "her", "their", "my", "our"].contains(words[words.count - 2].lowercased()),
            !personNouns.contains(words[words.count - 1].lowercased())
        {
            words.removeLast(3)
        }
        // "thomas and his friends": the "and" of a name ("Thomas & Friends").
        words = words.enumerated().filter { index, word in
            !(index > 0 && words[index - 1].lowercased() == "and"
                && ["his", "her", "their"].contains(word.lowercased()) && index < words.count - 1)
        }.map(\.element)
        // "cooking with her nan", "football with his friends": who they do it with.
        if words.count > 3, words[words.count - 3].lowercased() == "with",
            ["her", "his", "their", "my", "our"].contains(words[words.count - 2].lowercased()),
            personNouns.contains(words[words.count - 1].lowercased())
        {
            words.removeLast(3)
        }
        // "dolls and accessories", "football and more": the thing, its add-ons and the rest go with it.
        if words.count > 2, words[words.count - 2].lowercased() == "and",
            trailingFillers.contains(words[words.count - 1].lowercased())
        {
            words.removeLast(2)
        }
        // "steve from minecraft", "marshall from paw patrol": shops write the name first
        // ("Minecraft Steve Figure"); not what a thing is made from ("made from wood").
        let lowered = words.map { $0.lowercased() }
        if let from = lowered.firstIndex(of: "from"), lowered.filter({ $0 == "from" }).count == 1,
            (1...3).contains(from), (1...3).contains(words.count - from - 1),
            !["made", "built", "crafted", "carved", "cut"].contains(lowered[from - 1])
        {
            var source = Array(words[(from + 1)...])
            while source.count > 1, ["the", "a", "an"].contains(source[0].lowercased()) { source.removeFirst() }
            words = source + words[..<from]
        }
        return words.joined(separator: " ")
    }

    /// "beginners", "a 9 year old", "my son", "ages 8+", "8-year-olds".
    private static func isWhoItIsFor(_ said: [String]) -> Bool {
        var words = said.flatMap { $0.split(separator: "-").map(String.init) }
        var determined = false
        if let first = words.first, ["a", "an", "the", "my", "his", "her", "our", "their", "your"].contains(first) {
            words.removeFirst()
            determined = true
        }
        guard !words.isEmpty, words.count <= 4 else { return false }
        // "for boys", "for girls" stay: shops write them ("Boys Pirate Costume"); "for a boy", "for
        // my girl" say who.
        if words.count == 1 || (words.count == 2 && words[0] == "little"), let last = words.last,
            whoWords.contains(last) || (determined && genderWords.contains(last))
        {
            return true
        }
        // An age: "9 year old", "8-year-olds", "ages 8+", "nine year olds", "10 yr olds"; a bare
        // number is no age ("a game for 2" is for two players).
        var rest = words[...]
        let saysAge = ["age", "ages", "aged"].contains(rest.first ?? "")
        if saysAge { rest = rest.dropFirst() }
        guard let number = rest.first?.trimmingCharacters(in: CharacterSet(charactersIn: "+")),
            Int(number) != nil || AgePhraseReader.numberWords[number] != nil
        else { return false }
        rest = rest.dropFirst()
        var saysUnit = false
        if let unit = rest.first, ["year", "years", "yr", "yrs", "month", "months"].contains(unit) {
            rest = rest.dropFirst()
            saysUnit = true
        }
        if let old = rest.first, ["old", "olds"].contains(old) {
            rest = rest.dropFirst()
            saysUnit = true
        }
        // "a 9 year old boy", "a 12 year old beginner", "2 kids".
        var saysWho = false
        if rest.count == 1, let who = rest.first, whoWords.contains(who) || genderWords.contains(who) {
            rest = rest.dropFirst()
            saysWho = true
        }
        return rest.isEmpty && (saysAge || saysUnit || saysWho)
    }

    /// What they will do with the thing, after "to" at the end of a wish ("to build").
    static let useVerbs: Set<String> = [
        "build", "collect", "cuddle", "wear", "keep", "display", "make", "hug", "assemble", "put",
    ]

    /// What may close a wish after "and" without naming a thing of its own.
    static let trailingFillers: Set<String> = [
        "accessories", "accessory", "clothes", "outfits", "furniture", "extras", "bits", "stuff", "things", "more",
        "everything",
    ]

    /// Who a gift is for, after "for" at the end of a wish.
    static let whoWords: Set<String> = [
        "beginner", "beginners", "starters", "kids", "kid", "children", "child", "toddlers", "toddler", "teens",
        "teen", "teenagers", "teenager", "tweens", "adults", "adult", "grownups", "him", "her", "them", "babies",
        "baby", "son", "daughter", "nephew", "niece", "grandson", "granddaughter", "brother", "sister", "dad", "mum",
        "mom", "grandad", "grandpa", "grandma", "granny", "friend", "husband", "wife", "everyone", "all", "christmas",
        "birthday", "xmas",
    ]
    /// Who a gift is for by sex, which shops write in names: kept after "for", dropped after an age
    /// ("for a 9 year old boy").
    static let genderWords: Set<String> = ["boys", "boy", "girls", "girl", "men", "women", "man", "woman"]

    private static let subjectVerbs: Set<String> = [
        "plays ", "collects ", "is learning ", "does ", "wants ", "play ", "collect ", "has ", "goes ",
        "needs help with ", "builds ", "build ", "learning ", "watches ",
    ]

    /// Who ("he", "my son"), then the verbs of liking, longest first.
    private static let likingPrefixes: [(String, Bool)] = {
        let subjects = [
            "he's ", "she's ", "they're ", "hes ", "shes ", "he ", "she ", "they ", "both ", "the kids ", "the kid ",
            "i think ", "my son ", "my daughter ", "my nephew ", "my niece ", "my grandson ", "my granddaughter ",
            "my brother ", "my sister ", "my friend ", "my boy ", "my girl ", "our son ", "our daughter ",
        ]
        let verbs = [
            "is really into ", "are really into ", "really into ", "is into ", "are into ", "into ",
            "is obsessed with ", "are obsessed with ", "obsessed with ", "is crazy about ", "crazy about ",
            "is mad about ", "mad about ", "is a big fan of ", "a big fan of ", "is a fan of ", "a fan of ",
            // "big fan of the avengers" was read as a wish, words and all.
            "is a huge fan of ", "a huge fan of ", "huge fan of ", "big fan of ", "a massive fan of ",
            "massive fan of ", "fan of ", "is fond of ", "fond of ",
            "is keen on ", "keen on ", "is interested in ", "interested in ", "really loves ", "really likes ",
            "loves ", "love ", "likes ", "like ", "enjoys ", "enjoy ", "adores ", "adore ", "really ", "also ",
            "plays ", "collects ", "is learning ", "does ", "wants ", "anything with ", "anything about ",
            "all things ", "likes to ", "like to ", "loves to ", "love to ", "enjoys being ", "loves being ",
            "wants to be a ", "wants to be an ", "wants to be ", "want to be a ", "want to be an ",
            "wants to become a ",
            "wants to become an ", "dreams of being a ", "dreams of being an ", "being ", "solving ", "doing ",
            // What they did once and would again: "he used to build model aeroplanes"; what they
            // took up: "he's started doing karate", "she's got into fishing".
            "used to ", "builds ", "build ", "started ", "has started ", "got into ", "getting into ",
            "gotten into ", "has got into ", "learning ", "watches ", "watching ", "reading ", "mostly ", "mainly ",
            "especially ", "anything to do with ", "something to do with ", "things to do with ",
            "anything related to ",
            // Said on second thoughts: "actually she's more into horses".
            "is more into ", "are more into ", "more into ", "is more interested in ", "more interested in ",
            // "she's always drawing", "dreams of going to space".
            "is always ", "always ", "is constantly ", "constantly ", "dreams of going to ", "dreams of ",
            "play ", "collect ", "is forever ", "forever ", "is mad on ", "mad on ", "is big on ", "big on ",
            "supports ", "can't stop ", "cant stop ", "never stops ", "playing with ", "plays with ",
            "is always playing with ", "always playing with ", "loves playing with ", "likes playing with ", "has ",
            // "she goes ice skating every week", "she spends all day colouring", "he can't get
            // enough of lego", "he needs help with spelling".
            "goes ", "spends all day ", "spends hours ", "spends ages ", "spends all her time ",
            "spends all his time ", "spends all their time ", "can't get enough of ", "cant get enough of ",
            "cannot get enough of ", "needs help with ", "wants to learn ", "is learning to ", "wants to try ",
            // "it's all horses now".
            "it's all ", "its all ", "it is all ",
        ]
        return (subjects.map { ($0, true) } + verbs.map { ($0, false) }).sorted { $0.0.count > $1.0.count }
    }()

    /// What to avoid, the way people say it: "no slime, nothing with batteries or glitter" →
    /// slime, batteries, glitter.
    package static func avoidWords(_ text: String) -> [String] {
        // "no sweets (allergies)": why, in brackets, is nothing to avoid.
        let said = text.replacingOccurrences(of: #"\([^)]*\)?"#, with: "", options: .regularExpression)
        // Each part of "he's got a telescope and they own Ticket to Ride" says who has what.
        let parts = list(said).flatMap {
            $0.components(separatedBy: " or ").flatMap { $0.components(separatedBy: " and ") }
        }
        return parts.map(avoidPhrase).filter { !$0.isEmpty && !saysOnlyTheirAge($0) }
    }

    /// "only 3", "just 2 years old": who they are ("nothing with small parts, he's only 3").
    static func saysOnlyTheirAge(_ phrase: String) -> Bool {
        let words = phrase.lowercased().split(separator: " ").filter {
            !["only", "just", "years", "year", "old", "yrs", "months", "month"].contains($0)
        }
        return !words.isEmpty && words.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    /// One thing to avoid without the words around it: "no batteries" → "batteries", "nothing
    /// with glitter please" → "glitter", "she already has the lego stable" → "lego stable".
    package static func avoidPhrase(_ part: String) -> String {
        var phrase = part.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        // "no glitter please": the courtesy is no word to avoid.
        for courtesy in [" please", " thanks", " thank you", " pls", " please no", " no thanks", " no"]
        where phrase.lowercased().hasSuffix(courtesy) && phrase.count > courtesy.count {
            phrase = String(phrase.dropLast(courtesy.count)).trimmingCharacters(in: .whitespaces)
        }
        var stripped = true
        while stripped {
            stripped = false
            for filler in avoidFillers where phrase.lowercased().hasPrefix(filler) && phrase.count > filler.count {
                phrase = String(phrase.dropFirst(filler.count)).trimmingCharacters(in: .whitespaces)
                stripped = true
            }
        }
        // "plastic tat", "noisy stuff": what kind, not the word for junk.
        for filler in [" tat", " junk", " rubbish", " stuff", " things"]
        where phrase.lowercased().hasSuffix(filler) && phrase.count > filler.count {
            phrase = String(phrase.dropLast(filler.count)).trimmingCharacters(in: .whitespaces)
        }
        return phrase
    }

    private static let avoidFillers = [
        "anything but ", "nothing with ", "anything with ", "nothing ", "without ", "avoid ", "no more ", "no ",
        "not ", "loads of ", "lots of ", "a lot of ", "plenty of ", "too many ", "too much ", "any ",
        // Things they own: "they already have a fossil kit", "she's already got the Lego stable".
        "they ", "he ", "she ", "we ", "they've ", "theyve ", "he's ", "she's ", "hes ", "shes ",
        "already have ", "already has ", "already own ", "already owns ", "already got ", "have ", "has ",
        "own ", "owns ", "got ", "a ", "an ", "the ", "their ", "his ", "her ", "another ",
    ]

    /// What they enjoy and what they dislike, said in one breath: "football and lego but hates
    /// star wars" → liked "football and lego", avoided ["star wars"]; "hates anything scary" →
    /// nothing liked, avoided ["scary"]. A liking is never read as its opposite: "loves football"
    /// is all liked.
    package static func dislikes(_ text: String) -> (liked: String, avoided: [String]) {
        let lowered = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        var cut: (start: String.Index, end: String.Index)?
        for marker in dislikeMarkers {
            // At the start, or as words of their own after a space or a comma.
            var from = lowered.startIndex
            while let range = lowered.range(of: marker, range: from..<lowered.endIndex) {
                // Or opening an aside: "space and star wars (not the prequels)".
                let startsAWord =
                    marker.hasPrefix(",") || range.lowerBound == lowered.startIndex
                    || " ([".contains(lowered[lowered.index(before: range.lowerBound)])
                if startsAWord, cut.map({ range.lowerBound < $0.start }) ?? true {
                    cut = (range.lowerBound, range.upperBound)
                }
                if startsAWord { break }
                from = range.upperBound
            }
        }
        // "no duplo, likes trains", "nothing scary, loves dinosaurs": a dislike said first, when
        // a liking follows (a wish may start with "no": "no man's sky").
        if cut == nil {
            for marker in ["no ", "nothing ", "not ", "never "] where lowered.hasPrefix(marker) {
                let rest = lowered.dropFirst(marker.count)
                let likingFollows = [", ", " but ", "; "].contains { separator in
                    rest.components(separatedBy: separator).dropFirst().contains {
                        withoutLiking($0, subjectSaid: true).liking
                    }
                }
                if likingFollows {
                    cut = (lowered.startIndex, lowered.index(lowered.startIndex, offsetBy: marker.count))
                }
                break
            }
        }
        guard let cut, cut.end < lowered.endIndex else { return (text, []) }
        // The same places in the text as typed (lower-casing keeps ASCII offsets; others: keep it all).
        guard lowered.count == text.count, lowered.utf8.count == text.utf8.count else { return (text, []) }
        let start = text.index(text.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: cut.start))
        let end = text.index(text.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: cut.end))
        var liked = String(text[..<start]).trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        for ending in [" but", ",", " and"] where liked.lowercased().hasSuffix(ending) {
            liked = String(liked.dropLast(ending.count)).trimmingCharacters(in: .whitespaces)
        }
        // Only who ("she hates dolls …", "actually she's gone off drawing"): nothing liked before
        // the dislike.
        if isOnlyWho(withoutOpener(liked)) { liked = "" }
        // "horses but she's not a fan of slime": who, and the word joining them, go.
        var trimming = true
        while trimming {
            trimming = false
            for ending in [
                " but", ",", " and", " she's", " he's", " they're", " she is", " he is", " they are", " she", " he",
                " they",
            ] where liked.lowercased().hasSuffix(ending) && liked.count > ending.count {
                liked = String(liked.dropLast(ending.count)).trimmingCharacters(in: .whitespaces)
                trimming = true
            }
        }
        // "she hates dolls but loves animals": what follows a "but" (or a comma) with a verb of
        // liking is liked again, not avoided.
        var dislikedText = String(text[end...])
        for separator in [" but ", ", ", "; ", " and "] {
            var searchFrom = dislikedText.startIndex
            while let range = dislikedText.range(
                of: separator, options: .caseInsensitive, range: searchFrom..<dislikedText.endIndex)
            {
                let after = String(dislikedText[range.upperBound...])
                if withoutLiking(after, subjectSaid: true).liking {
                    liked = liked.isEmpty ? after : liked + ", " + after
                    dislikedText = String(dislikedText[..<range.lowerBound])
                    break
                }
                searchFrom = range.upperBound
            }
        }
        let avoided = avoidWords(dislikedText)
            .map { $0.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) }
            .map { word in
                var word = word
                // "not keen on pink stuff", "not a big fan of slime": how little, then what.
                for filler in [
                    "really keen on ", "too keen on ", "keen on ", "a big fan of ", "a fan of ", "big fan of ",
                    "fan of ", "fond of ",
                    "big on ", "interested in ", "really into ", "that into ", "into ", "mad on ",
                    "crazy about ",
                ] where word.lowercased().hasPrefix(filler) && word.count > filler.count {
                    word = String(word.dropFirst(filler.count))
                    break
                }
                // "she hates getting messy", "hates being scared": the thing, not the verb.
                for filler in [
                    "anything ", "any ", "things that are ", "things ", "stuff that's ", "getting ", "being ",
                ]
                where word.lowercased().hasPrefix(filler) && word.count > filler.count {
                    word = String(word.dropFirst(filler.count))
                }
                // "no sharp things", "no noisy toys": the kind of thing, not the word "things".
                for filler in [" things", " stuff", " toys"]
                where word.lowercased().hasSuffix(filler) && word.count > filler.count {
                    word = String(word.dropLast(filler.count))
                }
                return word
            }.filter {
                !$0.isEmpty && !["else", "more", "much", "else really"].contains($0.lowercased())
                    // "not too expensive", "nothing too babyish": a matter of degree, no word to avoid.
                    && !$0.lowercased().hasPrefix("too ")
            }
        // "lego, nothing else": nothing to avoid, all liked.
        if avoided.isEmpty, !liked.isEmpty { return (liked, []) }
        return (liked, avoided)
    }

    /// `text` without an opening "actually", "oh", "wait", "sorry", "no," or "hmm".
    static func withoutOpener(_ text: String) -> String {
        var said = text.trimmingCharacters(in: .whitespaces)
        for opener in ["actually, ", "actually ", "oh, ", "oh ", "wait, ", "sorry, ", "no, ", "hmm, "]
        where said.lowercased().hasPrefix(opener) {
            said = String(said.dropFirst(opener.count))
        }
        return said
    }

    /// What they enjoy, said again after the list ("actually she's more into horses", "he also
    /// likes drawing"): the interests, and whether they come on top of the others ("also", "as
    /// well", "too"); `nil` when the text says no liking (with `openerSuffices`, an opening
    /// "actually", "wait" or "sorry" says it: "actually star wars, not ninjago").
    package static func secondThoughts(_ text: String, openerSuffices: Bool = false) -> (
        interests: [String], adding: Bool
    )? {
        let said = withoutOpener(text)
        let opened = ["actually", "wait", "sorry"].contains { text.lowercased().hasPrefix($0) }
        let adding = saysAdding(said)
        let (liked, _) = dislikes(said)
        // "actually star wars, not ninjago", typed at a later question: the opener says it.
        guard withoutLiking(liked).liking || (openerSuffices && opened) else { return nil }
        let interests = list(liked).flatMap { likings($0) }.filter { !$0.isEmpty }
        return interests.isEmpty ? nil : (interests, adding)
    }

    /// What an answer says instead of what was known: "actually just gardening", "only lego",
    /// "actually, she's more into knitting" → the wish; `nil` when it adds ("baking too").
    package static func onlyThese(_ text: String) -> String? {
        let said = withoutOpener(text)
        var rest = said
        for word in ["just ", "only "] where rest.lowercased().hasPrefix(word) && rest.count > word.count {
            rest = String(rest.dropFirst(word.count)).trimmingCharacters(in: .whitespaces)
        }
        let opened = text.lowercased().trimmingCharacters(in: .whitespaces).hasPrefix("actually")
        guard opened || rest != said else { return nil }
        return saysAdding(rest) ? nil : rest
    }

    /// Whether `text` names only a person: "grandad", "teenage lad", "just a baby", "a 10 year old".
    static func namesOnlyAPerson(_ text: String) -> Bool {
        var words = text.lowercased().split(separator: " ").map {
            String($0).trimmingCharacters(in: .punctuationCharacters)
        }
        while let first = words.first, ["just", "only", "still"].contains(first) { words.removeFirst() }
        guard !words.isEmpty, let length = personPhraseLength(words) else { return false }
        return length == words.count && !["who", "that"].contains(words.last ?? "")
    }

    /// Whether `text` only says who: "she", "my son", "my dad", "he really".
    static func isOnlyWho(_ text: String) -> Bool {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty, words.count <= 3 else { return false }
        if words.count == 1 {
            return ["she", "he", "they", "both", "i", "we", "she's", "he's", "they're", "shes", "hes"].contains(
                words[0])
        }
        if ["my", "our"].contains(words[0]) { return true }
        return ["she", "he", "they"].contains(words[0])
            && words.dropFirst().allSatisfy { ["really", "also", "just"].contains($0) }
    }

    /// Words that start what they dislike, longest first among those that start alike.
    private static let dislikeMarkers = [
        "but hates ", "but doesn't like ", "but does not like ", "but dislikes ", "but isn't into ",
        "but is not into ", "but can't stand ", "but not ", "but no ", "hates ", "doesn't like ",
        "does not like ", "dislikes ", "can't stand ", "cannot stand ", "isn't into ", "is not into ",
        "not into ", "except ", ", not ", ", no ", ", but not ", "but nothing ", ", nothing ", "but without ",
        ", without ", "without ", "anything but ", "anything except ", "anything apart from ", "apart from ",
        "except for ", "other than ",
        // "actually she's gone off drawing, it's all horses now".
        "has gone off ", "gone off ", "went off ", "has gone right off ", "gone right off ", "has grown out of ",
        "grown out of ", "has outgrown ", "outgrown ", "is bored of ", "bored of ", "is fed up with ",
        "fed up with ", "doesn't enjoy ", "does not enjoy ", "doesn't care for ", "isn't keen on ",
        // "trains not thomas": a bare "not" between what they like and what they don't.
        "not ",
        // "lego (no duplo)": an aside that says what they don't want.
        "(no ", "[no ", "(nothing ", "[nothing ",
    ]

    /// What an answer says they turned away from ("gone off drawing", "hates slime", "bored of
    /// lego"), as opposed to a correction ("star wars, not ninjago"): a dislike, to avoid even when
    /// it was among what they enjoyed before.
    package static func turnedAwayFrom(_ text: String) -> [String] {
        let lowered = " " + text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        guard turningAwayMarkers.contains(where: { lowered.contains(" " + $0) }) else { return [] }
        return dislikes(text).avoided
    }

    /// The dislike markers that say they turned away from something, not that a word was wrong.
    private static let turningAwayMarkers = dislikeMarkers.filter {
        !["not ", ", not ", "but not ", ", but not ", "except ", "except for ", "other than ", "apart from "].contains(
            $0)
            && !$0.hasPrefix("anything ") && !$0.hasPrefix(", ")
    }

    /// Whether an answer says they do not know ("dunno", "I'm not sure", "no idea").
    package static func isDontKnow(_ text: String) -> Bool {
        var key = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
            .filter { $0.isLetter || $0 == " " || $0 == "'" }.trimmingCharacters(in: .whitespaces)
        // "i don't know really", "not sure tbh", "um dunno": the words around it say nothing more.
        for filler in [" really", " yet", " tbh", " honestly", " to be honest", " sorry", " either"]
        where key.hasSuffix(filler) {
            key = String(key.dropLast(filler.count))
        }
        for filler in ["um ", "erm ", "er ", "honestly ", "sorry ", "well "] where key.hasPrefix(filler) {
            key = String(key.dropFirst(filler.count))
        }
        key = key.trimmingCharacters(in: .whitespaces)
        // "no idea what she likes", "not sure what he's into": what they do not know is the wish.
        return dontKnow.contains(key) || dontKnow.contains { key.hasPrefix($0 + " what ") }
    }

    /// Whether an answer to a question of choices says any of them will do: "doesn't matter",
    /// "either", "don't mind"; and "both" where only one of two may be chosen ("Making things or
    /// playing?" — a trial was told "both" is not one of the choices).
    package static func meansEither(_ text: String, for question: Question) -> Bool {
        guard !question.options.isEmpty else { return false }
        // "neither really, he just potters": the answer before what they go on to say.
        let first = text.split(separator: ",").first.map(String.init) ?? text
        var key = first.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
            .filter { $0.isLetter || $0 == " " || $0 == "'" }.trimmingCharacters(in: .whitespaces)
        for filler in [" really", " tbh", " to be honest", " i think", " i guess"] where key.hasSuffix(filler) {
            key = String(key.dropLast(filler.count)).trimmingCharacters(in: .whitespaces)
        }
        // A choice's own words are that choice ("no preference" is one).
        if question.options.contains(where: { $0.label.lowercased() == key || $0.value.lowercased() == key }) {
            return false
        }
        if anyWillDo.contains(key) { return true }
        return question.kind == .singleChoice && question.options.count == 2
            && ["both", "both really", "a bit of both", "bit of both", "both of them"].contains(key)
    }

    /// Whether a wish names no thing: "anything", "whatever", "no idea" ("anything but not pink"
    /// found nothing: "anything" was looked for as a word).
    package static func isAnyThing(_ text: String) -> Bool {
        let key = text.lowercased().trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        return anyWillDo.contains(key) || isDontKnow(key)
            || ["everything", "all sorts", "anything really"].contains(key) || giftWords.contains(key)
            || ["a gift", "a present", "some gifts", "something nice", "something special", "gift ideas"].contains(key)
            || isOccasionGift(key)
    }

    private static let anyWillDo: Set<String> = [
        "doesn't matter", "doesnt matter", "it doesn't matter", "it doesnt matter", "don't mind", "dont mind",
        "i don't mind", "i dont mind", "either", "either one", "either is fine", "either's fine", "whatever",
        "any", "anything", "any of them", "not bothered", "not fussed", "no preference",
        // "both the same really", "neither really": no one choice over the others.
        "both the same", "the same", "equally", "both equally", "all the same", "neither", "neither really",
        "none", "none of them", "no", "nope", "not really",
    ]

    private static let dontKnow: Set<String> = [
        "i don't know", "i dont know", "don't know", "dont know", "dunno", "i dunno", "not sure", "i'm not sure",
        "im not sure", "no idea", "i have no idea", "idk", "no clue", "not a clue", "unsure", "don't know yet",
        "dont know yet", "pass", "can't say", "cant say",
    ]

    /// "golf, whisky and history documentaries".
    package static func andList(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words.last!
    }

    package static func orList(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// Age in months from "7", "7 years", "7yo", "18 months", "1.5", "6 weeks", "newborn", and the
    /// way people say it: "six", "6 and a half", "6½", "two and a half years", "2 years 6 months",
    /// "a year and a half", "forty-five".
    package static func parseAge(_ text: String) -> Int? {
        if let age = parseOneAge(text) { return age }
        // "my niece, she's about nine i think", "he's 45, my husband": who, and the age beside it.
        let parts = text.split(separator: ",").map(String.init)
        guard parts.count > 1 else { return nil }
        let ages = parts.compactMap(parseOneAge)
        return ages.count == 1 ? ages[0] : nil
    }

    /// An age answer that goes on to say what they enjoy: "my wife, she's 40 and loves gardening",
    /// "my dad is 65, he likes golf and whisky" → the age part and the liking part; `nil` when no
    /// liking follows an age ("6 and a half", "he turns 78 next week").
    package static func likingsBesideAge(_ text: String) -> (age: String, liked: String)? {
        let said = text.replacingOccurrences(of: "\u{2019}", with: "'")
        var from = said.startIndex
        while let cut = said.range(of: #",\s*|\s+and\s+"#, options: .regularExpression, range: from..<said.endIndex) {
            let age = String(said[..<cut.lowerBound]).trimmingCharacters(in: .whitespaces)
            let liked = String(said[cut.upperBound...]).trimmingCharacters(in: .whitespaces)
            if !liked.isEmpty, withoutLiking(liked, subjectSaid: true).liking, parseAge(age) != nil {
                return (age, liked)
            }
            from = cut.upperBound
        }
        return nil
    }

    private static func parseOneAge(_ text: String) -> Int? {
        // "not sure, maybe 8?": the question mark is no part of the age.
        var said = text.lowercased().trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "?")))
        // "I don't know, maybe 10 or 11": the hedge goes, and of two ages the younger holds (the
        // age is a safety limit).
        for hedge in [
            "i don't know,", "i dont know,", "not sure,", "dunno,", "no idea,", "maybe ", "probably ", "i think ",
        ]
        where said.hasPrefix(hedge) && said.count > hedge.count {
            said = String(said.dropFirst(hedge.count)).trimmingCharacters(in: .whitespaces)
            if said.hasPrefix("maybe ") { said = String(said.dropFirst("maybe ".count)) }
        }
        for hedge in [" i think", " i guess", " i reckon", " probably"]
        where said.hasSuffix(hedge) && said.count > hedge.count {
            said = String(said.dropLast(hedge.count)).trimmingCharacters(in: .whitespaces)
        }
        if said.contains(" or ") {
            let ages = said.components(separatedBy: " or ").map { parseAge($0) }
            guard ages.count == 2, let first = ages[0], let second = ages[1] else { return nil }
            return min(first, second)
        }
        var rest = withoutSubject(said)
        // "she's a teenager": the youngest teenager.
        if ["teenager", "a teenager", "teen", "a teen", "teens", "in their teens", "a young teen"].contains(rest) {
            return 13 * 12
        }
        if ["newborn", "baby", "new born"].contains(rest) { return 0 }
        // "an adult": of age, nothing more known (the age is a safety limit: never more).
        if ["adult", "an adult", "grown up", "a grown up", "grownup", "grown-up", "a grown-up"].contains(rest) {
            return 18 * 12
        }
        for prefix in ["about ", "around ", "aged ", "age ", "almost ", "nearly ", "~"] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        // A minus sign is not a hyphen ("-3" is no age); "7-year-old" and "forty-five" are words.
        if rest.hasPrefix("-") { return nil }
        rest = rest.replacingOccurrences(of: "½", with: " and a half ").replacingOccurrences(of: "-", with: " ")
        var words = rest.split(separator: " ").map(String.init)
        if words.last == "old" { words.removeLast() }
        guard !words.isEmpty, words.count <= 10 else { return nil }
        var months = 0.0
        var pending: Double?  // a number waiting for its unit
        var pendingHalf = false
        var lastUnit: Double?
        var parts = 0
        func commit(_ unit: Double) {
            months += ((pending ?? 0) + (pendingHalf ? 0.5 : 0)) * unit
            (pending, pendingHalf, lastUnit) = (nil, false, unit)
            parts += 1
        }
        var index = 0
        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            if word == "and" {
                index += 1
            } else if word == "half" || ((word == "a" || word == "an") && next == "half") {
                // "6 and a half" (of what comes next, or years); "a year and a half" (of the year)
                if pending != nil, !pendingHalf {
                    pendingHalf = true
                } else if pending == nil, let unit = lastUnit {
                    months += unit / 2
                } else {
                    return nil
                }
                index += word == "half" ? 1 : 2
            } else if let unit = ageUnitMonths[word] {
                guard pending != nil else { return nil }
                commit(unit)
                index += 1
            } else if word == "a" || word == "an" || word == "one", let next, ageUnitMonths[next] != nil, pending == nil
            {
                pending = 1
                index += 1
            } else if let (value, used) = ageNumber(words, at: index) {
                guard pending == nil else { return nil }
                pending = value
                index += used
            } else if let split = word.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == ",")) }),
                split > word.startIndex, let value = decimal(word[..<split]),
                let unit = ageUnitMonths[String(word[split...])]
            {
                // "7yo", "18m", "1.5y"
                guard pending == nil else { return nil }
                pending = value
                commit(unit)
                index += 1
            } else {
                return nil
            }
            if parts > 3 { return nil }
        }
        if pending != nil { commit(12) }
        guard parts > 0, (0...120 * 12).contains(months) else { return nil }
        return Int((months + 1e-9).rounded(.down))
    }

    /// An age said as a sentence, without who and the verb: "my nephew is 11", "she's 7", "he is
    /// turning 12", "they'll be 6 next week" → "11", "7", "12", "6 next week" (the rest must still
    /// read as an age). Only a few words before the verb, none of them a number, are taken as who.
    static func withoutSubject(_ text: String) -> String {
        var words = text.replacingOccurrences(of: "\u{2019}", with: "'").split(separator: " ").map(String.init)
        while let last = words.last, let end = last.last, ".!".contains(end) {
            words[words.count - 1].removeLast()
            if words[words.count - 1].isEmpty { words.removeLast() }
        }
        for _ in 0..<2 {
            let verbEnd = words.prefix(5).firstIndex { word in
                verbs.contains(word) || ["'s", "'re", "'ll"].contains { word.count > 2 && word.hasSuffix($0) }
            }
            // "my dad, he's 60": who, however many words, before the verb.
            guard let verbEnd,
                words[..<verbEnd].allSatisfy({ word in
                    let bare = word.hasSuffix(",") ? String(word.dropLast()) : word
                    return !bare.isEmpty && bare.allSatisfy(\.isLetter) && !isNumberWord(bare)
                })
            else { break }
            var cut = verbEnd + 1
            // "… will be 6", "… is going to be 6"
            while cut < words.count, ["be", "going", "to", "turning", "turn"].contains(words[cut]) { cut += 1 }
            guard cut < words.count else { break }
            words.removeFirst(cut)
        }
        // "6 next week", "7 in may": when, not how old.
        if let when = words.firstIndex(where: { ["next", "in", "on", "this", "soon", "tomorrow"].contains($0) }),
            when > 0
        {
            words.removeSubrange(when...)
        }
        return words.joined(separator: " ")
    }

    private static let verbs: Set<String> = [
        "is", "are", "was", "turns", "turned", "turning", "will", "just", "shes", "hes", "theyre",
    ]

    private static func isNumberWord(_ word: String) -> Bool {
        ageNumber([word], at: 0) != nil
    }

    /// Months in one of an age's units.
    private static let ageUnitMonths: [String: Double] = {
        var units: [String: Double] = [:]
        for word in ["y", "yr", "yrs", "year", "years", "yo", "y/o", "y.o.", "jahre", "ans", "años"] {
            units[word] = 12
        }
        for word in ["m", "mo", "mos", "mth", "mths", "month", "months"] { units[word] = 1 }
        for word in ["w", "wk", "wks", "week", "weeks"] { units[word] = 12 / 52.18 }
        return units
    }()

    /// The numbers under twenty in words, each at its value's index.
    private static let onesWords = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    /// The tens in words, with their values.
    private static let tensWords = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// A number written in digits ("7", "1.5", "1,5") or words ("six", "forty five"), and how
    /// many words it took.
    private static func ageNumber(_ words: [String], at index: Int) -> (value: Double, used: Int)? {
        let word = words[index]
        if let value = decimal(word[...]) { return (value, 1) }
        let (ones, tens) = (onesWords, tensWords)
        if let value = ones.firstIndex(of: word) { return (Double(value), 1) }
        guard let ten = tens[word] else { return nil }
        if index + 1 < words.count, let one = ones.firstIndex(of: words[index + 1]), (1...9).contains(one) {
            return (Double(ten + one), 2)
        }
        return (Double(ten), 1)
    }

    /// "7", "1.5" or "1,5"; at most 8 characters.
    private static func decimal(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.count <= 8,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
            let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite
        else { return nil }
        return value
    }

    /// Budget from "30", "$30", "20-40", "20 to 40", "under 30", "30+", "no limit".
    package static func parseBudget(_ text: String) -> (min: Money?, max: Money?)? {
        var rest = text.lowercased().trimmingCharacters(in: .whitespaces)
        // British money said as people say it: "under a tenner", "a fiver".
        for (said, amount) in [("a tenner", "10"), ("tenner", "10"), ("a fiver", "5"), ("fiver", "5")]
        where rest.contains(said) {
            rest = rest.replacingOccurrences(of: said, with: amount)
        }
        // "up to 50, but cheaper is better", "30 max please": a wish about the amount, after it.
        for tail in [", but ", " but ", ", ideally", ", preferably", " please", ", thanks", " thanks"] {
            if let range = rest.range(of: tail), range.lowerBound > rest.startIndex,
                rest[..<range.lowerBound].contains(where: \.isNumber)
            {
                rest = String(rest[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
        }
        // "whatever, money's no object": the part that says it.
        if let comma = rest.lastIndex(of: ","), rest[..<comma].allSatisfy({ !$0.isNumber }) {
            let last = rest[rest.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if !last.isEmpty { rest = last }
        }
        // "twenty quid tops", "fifty", "a hundred": amounts said in words.
        rest = withDigits(rest)
        let unlimited: Set<String> = [
            "money's no object", "money is no object", "moneys no object", "money no object", "sky's the limit",
            "the sky's the limit", "skys the limit", "no budget really", "no real budget", "no limit really",
            "no limit", "none", "no budget", "unlimited", "any", "anything", "no", "whatever",
            "no max", "no maximum", "doesn't matter", "does not matter", "n/a", "limitless", "nolimit",
            "not fussed", "not bothered", "don't mind", "dont mind", "no preference",
        ]
        if unlimited.contains(rest) { return (nil, nil) }
        // The currency's words and symbols go ("£30", "30 euros"); ``budgetCurrency(_:)`` reads them.
        rest = withoutCurrency(rest)
        rest = rest.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        // The way people say it: "30ish", "about 20 or so", "40 tops", "between 20 and 40".
        for suffix in [
            "-ish", "ish", " or so", " or less", " tops", " max", " maximum", " at most", " or under", " mark",
        ]
        where rest.hasSuffix(suffix) && rest.count > suffix.count {
            rest = String(rest.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        if rest.hasPrefix("between ") {
            rest = String(rest.dropFirst("between ".count)).replacingOccurrences(of: " and ", with: " to ")
        }
        var atLeast = false
        for prefix in [
            "no more than", "not more than", "not over", "nothing over", "under", "up to", "upto", "max", "maximum",
            "below", "less than", "at most", "about", "around the", "around", "roughly", "~", "<=", "<",
        ]
        where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        for prefix in ["over", "at least", "more than", "min", ">=", ">"] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            atLeast = true
            break
        }
        if rest.hasSuffix("+") {
            rest = String(rest.dropLast()).trimmingCharacters(in: .whitespaces)
            atLeast = true
        }
        func amount(_ string: some StringProtocol) -> Money? {
            let trimmed = string.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 15,
                trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(trimmed), value.isFinite, value >= 0, value <= 1_000_000_000
            else { return nil }
            return Money(value)
        }
        for separator in ["-", "–", "—", " to ", ".."] where rest.contains(separator) {
            let parts = rest.components(separatedBy: separator)
            guard parts.count == 2, let low = amount(parts[0]), let high = amount(parts[1]), high.minorUnits > 0 else {
                return nil
            }
            return (low.minorUnits > 0 ? low : nil, high)
        }
        guard let value = amount(rest) else { return nil }
        if atLeast { return (value, nil) }
        guard value.minorUnits > 0 else { return nil }
        return (nil, value)
    }

    /// `text` with whole amounts said in words written in digits: "twenty five quid" → "25 quid",
    /// "a hundred" → "100", "fifty" → "50". Other words stay.
    static func withDigits(_ text: String) -> String {
        let (ones, tens) = (onesWords, tensWords)
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var out: [String] = []
        var number: Int?
        func flush() {
            if let value = number { out.append(String(value)) }
            number = nil
        }
        for (index, word) in words.enumerated() {
            let value = ones.firstIndex(of: word) ?? tens[word]
            if let value {
                switch number {
                case nil: number = value
                // "a hundred and fifty", "twenty five"
                case let sum? where sum % 100 == 0 || (value < 10 && sum >= 20 && sum % 10 == 0 && sum % 100 != 0):
                    number = sum + value
                default: return text  // "one two": no amount
                }
            } else if word == "hundred", (number ?? 1) < 10 {
                number = (number ?? 1) * 100
            } else if word == "a", number == nil, index + 1 < words.count, words[index + 1] == "hundred" {
                continue
            } else if word == "and", let sum = number, sum % 100 == 0, index + 1 < words.count,
                ones.contains(words[index + 1]) || tens[words[index + 1]] != nil
            {
                continue
            } else {
                flush()
                out.append(word)
            }
        }
        flush()
        return out.joined(separator: " ")
    }

    /// The currency a budget names, as an ISO 4217 code: "£30" and "30 pounds" are GBP, "$30" and
    /// "30 bucks" USD, "30 CHF" CHF; `nil` when it names none (the catalog's main currency).
    /// A budget that names two currencies names none that can be trusted: `nil` too.
    package static func budgetCurrency(_ text: String) -> String? {
        var found = Set<String>()
        scan(text) { word in
            if let code = currencyWords[word] { found.insert(code) }
        } other: { character in
            if let code = currencySymbols[character] { found.insert(code) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// `text` without the currency symbols and words (and codes) ``budgetCurrency(_:)`` reads,
    /// lower-cased: "£30" is " 30", "30 CHF" is "30 ".
    package static func withoutCurrency(_ text: String) -> String {
        var kept = ""
        scan(text) { word in
            if currencyWords[word] == nil { kept += word }
        } other: { character in
            kept.append(currencySymbols[character] == nil ? character : " ")
        }
        return kept
    }

    /// Walks `text` lower-cased, handing over each run of ASCII letters and each other character
    /// in order.
    private static func scan(_ text: String, word: (String) -> Void, other: (Character) -> Void) {
        var letters = ""
        for character in text.lowercased() {
            if character.isLetter && character.isASCII {
                letters.append(character)
                continue
            }
            if !letters.isEmpty { word(letters) }
            letters = ""
            other(character)
        }
        if !letters.isEmpty { word(letters) }
    }

    /// Currency symbols a budget may carry. "$" is the US dollar, as a price's "$" is at import.
    static let currencySymbols: [Character: String] = ["$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"]

    /// Currency words and codes a budget may carry, lower-cased.
    static let currencyWords: [String: String] = {
        var words: [String: String] = [
            "dollar": "USD", "dollars": "USD", "bucks": "USD", "pound": "GBP", "pounds": "GBP", "quid": "GBP",
            "tenner": "GBP", "fiver": "GBP",
            "euro": "EUR", "euros": "EUR", "yen": "JPY",
        ]
        for code in [
            "usd", "gbp", "eur", "jpy", "cad", "aud", "nzd", "chf", "sek", "nok", "dkk", "pln", "czk", "huf",
            "inr", "cny", "hkd", "sgd", "krw", "mxn", "brl", "zar", "ils", "aed",
        ] {
            words[code] = code.uppercased()
        }
        return words
    }()

    /// The option values an answer picks: by number ("2", "1,3") or words ("crafty, fun").
    /// Words around a choice that say nothing about it ("something to learn from"), folded.
    static let fillers: Set<String> = [
        "something", "some", "thing", "to", "from", "with", "a", "an", "the", "for", "that", "they", "he", "she",
        "can", "could", "will", "would", "should", "be", "is", "it", "its", "them", "mostly", "mainly", "bit", "of",
        "i", "id", "want", "like", "maybe", "please", "gift", "present", "toy", "kind", "sort", "more", "really",
        "very", "quite", "stuff", "which", "so", "in", "one", "rather", "prefer", "preferably", "ideally", "on",
        "do", "his", "her", "their", "get", "keep", "at", "him", "us", "we", "you", "busy", "use",
    ]
    /// Words that turn a choice around ("not sporty"): such an answer is asked again.
    static let negations: Set<String> = ["not", "no", "dont", "nothing", "never", "without", "avoid", "isnt"]

    /// Words that say a choice is not wanted even with no negation ("anything but sporty").
    static let contrasts: Set<String> = ["except", "besides", "instead", "less", "other", "than", "unless"]

    /// Whether a sentence turns a choice around: a contrast word, or "but" after "anything"
    /// ("anything but sporty"; "educational but fun" keeps both).
    static func turnsAround(_ words: [String]) -> Bool {
        words.indices.contains { index in
            contrasts.contains(words[index])
                || (words[index] == "but" && index > 0
                    && ["anything", "everything", "all", "nothing", "whatever"].contains(words[index - 1]))
        }
    }

    /// The choices an answer names, as option values.
    package static func choices(_ text: String, for question: Question, multiple: Bool) throws -> [String] {
        try choiceReading(text, for: question, multiple: multiple).values
    }

    /// The choices an answer names, and whether some were picked out of a sentence ("something
    /// creative for rainy days", "something she can use outdoors"), which is then worth saying back.
    package static func choiceReading(_ text: String, for question: Question, multiple: Bool) throws -> (
        values: [String], fromSentence: Bool
    ) {
        var normalized = " " + text.lowercased() + " "
        for separator in [" and ", " or ", "&", "+", "/", ";"] {
            normalized = normalized.replacingOccurrences(of: separator, with: ",")
        }
        var parts = normalized.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        // "1-3" where several may be chosen: each number from the first to the last.
        if multiple {
            parts = parts.flatMap { part -> [String] in
                let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                guard ends.count == 2, let first = Int(ends[0]), let last = Int(ends[1]), first < last,
                    first >= 1, last <= question.options.count
                else { return [part] }
                return (first...last).map(String.init)
            }
        }
        // "both", "all of them": every choice, where several may be chosen and none is "no preference".
        let everything: Set<String> = [
            "both", "all", "all of them", "both of them", "all of these", "each", "every one",
        ]
        if multiple, parts.count == 1, everything.contains(parts[0]),
            !question.options.contains(where: { $0.value == QuestionCatalogue.noPreference })
        {
            return (question.options.map(\.value), false)
        }
        var values: [String] = []
        var fromSentence = false
        func reject(_ part: String) -> QuestionFlowError {
            let words = question.options.map(\.label).joined(separator: ", ")
            let shown = part.count > 40 ? String(part.prefix(40)) + "…" : part
            return .invalidAnswer(
                question: question.id,
                reason:
                    "\"\(shown)\" is not one of the choices. Answer with a number from 1 to \(question.options.count)"
                    + (multiple ? " (several: 1,3)" : "") + " or the words: \(words).")
        }
        for part in parts {
            if let value = match(part, in: question.options) {
                values.append(value)
                continue
            }
            // "something to learn from": the words that name a choice, around words that say
            // nothing; never a negation ("not sporty"), never a word that names no choice.
            let words = part.split(separator: " ").map(String.init)
            func plain(_ word: String) -> String {
                TextNormalizer.key(word.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: ""))
            }
            guard words.count > 1, !words.contains(where: { negations.contains(plain($0)) }) else {
                throw reject(part)
            }
            let meaningful = words.filter { !fillers.contains(plain($0)) }
            let named = meaningful.compactMap { match($0, in: question.options) }
            // "anything active": the choice, not "no preference" beside it.
            let chosen = named.filter { $0 != QuestionCatalogue.noPreference }
            if !named.isEmpty, named.count == meaningful.count {
                values.append(contentsOf: chosen.isEmpty ? named : chosen)
                fromSentence = fromSentence || (!chosen.isEmpty && meaningful.contains { Int($0) == nil })
                continue
            }
            // "something creative she can do on rainy days": a choice said in a sentence whose other
            // words name nothing. Only a choice's own word counts there (never a number or the start
            // of a label: "for 2 kids", "she just loves"), never beside a word that turns it
            // around ("anything but sporty"), and never "no preference" beside a choice.
            let plainNamed = meaningful.compactMap { namedInSentence($0, in: question.options) }.filter {
                $0 != QuestionCatalogue.noPreference
            }
            guard !plainNamed.isEmpty, !turnsAround(words.map(plain)) else {
                throw reject(part)
            }
            values.append(contentsOf: plainNamed)
            fromSentence = true
        }
        var seen = Set<String>()
        values = values.filter { seen.insert($0).inserted }
        guard !values.isEmpty else { throw reject(text) }
        if !multiple && values.count > 1 {
            throw QuestionFlowError.invalidAnswer(
                question: question.id,
                reason: "Please pick just one: a number from 1 to \(question.options.count) or its words.")
        }
        return (values, fromSentence)
    }

    /// A choice named by one word of a sentence: the option's own label or value, or a word for a
    /// purpose; never a number or a label's start.
    static func namedInSentence(_ word: String, in options: [QuestionOption]) -> String? {
        guard Int(word) == nil else { return nil }
        let key = TextNormalizer.key(word)
        guard !key.isEmpty else { return nil }
        if let option = options.first(where: {
            TextNormalizer.key($0.label) == key || TextNormalizer.key($0.value) == key
        }) {
            return option.value
        }
        if let purpose = Purpose(word: word), let option = options.first(where: { $0.value == purpose.rawValue }) {
            return option.value
        }
        return nil
    }

    static func match(_ part: String, in options: [QuestionOption]) -> String? {
        if let number = Int(part) {
            return (1...max(options.count, 1)).contains(number) && !options.isEmpty ? options[number - 1].value : nil
        }
        let key = TextNormalizer.key(part)
        guard !key.isEmpty else { return nil }
        if let named = namedInSentence(part, in: options) { return named }
        if ["any", "anything", "either", "no pref", "none", "all", "whatever", "dont mind", "don t mind"].contains(key),
            let option = options.first(where: { $0.value == QuestionCatalogue.noPreference })
        {
            return option.value
        }
        if key.count >= 3 {
            let prefixed = options.filter {
                TextNormalizer.key($0.label).hasPrefix(key)
                    || TextNormalizer.key($0.label).split(separator: " ").contains { $0.hasPrefix(key) }
            }
            if prefixed.count == 1 { return prefixed[0].value }
        }
        return nil
    }
}
