import Foundation
import Synchronization

/// The interest taxonomy: ids, the words people use for them, and how interests relate.
public struct Taxonomy: Sendable {
    /// Interests in file order.
    public let interests: [Interest]
    private let byID: [String: Int]
    /// Folded phrase ("t rex") -> interest id, for what people say.
    private let phrases: [String: String]
    /// The same, less each interest's ambiguous words, for tagging product text.
    private let taggingPhrases: [String: String]
    private let longestPhrase: Int
    /// The most words of any phrase starting with this word (a bound that spares looking up
    /// longer phrases from it: the tagger tried every length at every word, issue 15).
    private let longestFrom: [String: Int]
    /// Folded phrases that name their interest itself (id, label, synonyms, spelling variants),
    /// as opposed to a narrower kind of it ("t-rex" for dinosaurs, "jigsaw" for puzzles).
    private let samePhrases: Set<String>
    /// The names that hold an interest's word but mean something else ("bugs bunny", "parrot
    /// rolling spider"), as folded words, longest first; whichever interest lists them.
    private let falseFriends: [[String]]
    /// Folded name that is not about an interest ("chinese checkers") -> the interests that say
    /// so: a product whose own name is one is never tagged with them from its description.
    private let deniedByName: [String: Set<String>]
    /// Folded wish ("costume") -> the other names shops give it, as written ("fancy dress"),
    /// from every interest's `covers`; the first interest to list a wish keeps it. The names
    /// are folded when a wish asks for them (a process asks for one or two).
    private let covered: [String: [String]]
    /// Folded names of creatures, one or two words: what a figure performing an activity is
    /// (see ``PerformedActivities``).
    let creatureWords: Set<String>
    /// Wishes already read under this taxonomy (``MatchQuery/resolve(_:taxonomy:)``), shared by
    /// its copies: the taxonomy never changes, so neither does a reading.
    let readWishes = ReadWishes()

    /// In the phrase tables, a name that is not about the interest its words suggest: it
    /// takes its words out of the text and stands for no interest.
    private static let notAnInterest = ""

    /// Creates a taxonomy; later duplicates of an alias lose to earlier ones.
    public init(interests: [Interest]) { self.init(interests: interests, foldedWishes: [:]) }

    /// Creates a taxonomy whose `covers` wishes are already folded (`foldedWishes`: as written →
    /// folded, as a catalog stores them): opening a catalog folds none of them again.
    package init(interests: [Interest], foldedWishes: [String: String]) {
        self.interests = interests
        var byID: [String: Int] = [:]
        var phrases: [String: String] = [:]
        var longest = 1
        for (index, interest) in interests.enumerated() {
            byID[interest.id] = index
        }
        // Ids and labels first, so an alias never hides another interest's own name.
        for interest in interests {
            for word in [interest.id, interest.label] {
                let key = TextNormalizer.key(word)
                if !key.isEmpty, phrases[key] == nil { phrases[key] = interest.id }
            }
        }
        // Each alias folded once, for both passes below.
        let aliasTokens = interests.map { $0.aliases.map(TextNormalizer.tokens) }
        for (index, interest) in interests.enumerated() {
            for tokens in aliasTokens[index] {
                guard !tokens.isEmpty else { continue }
                let key = tokens.joined(separator: " ")
                if phrases[key] == nil { phrases[key] = interest.id }
                longest = max(longest, tokens.count)
            }
        }
        // A name that is not about the interest ("angry birds") is read as a whole, like any
        // phrase, and stands for nothing: unless it is some interest's own phrase.
        var falseFriends: [[String]] = []
        var deniedByName: [String: Set<String>] = [:]
        for interest in interests {
            let names = interest.notAbout.map(TextNormalizer.tokens).filter { !$0.isEmpty }
            for tokens in names { deniedByName[tokens.joined(separator: " "), default: []].insert(interest.id) }
            for tokens in names where !falseFriends.contains(tokens) {
                falseFriends.append(tokens)
                let key = tokens.joined(separator: " ")
                if phrases[key] == nil { phrases[key] = Self.notAnInterest }
                longest = max(longest, tokens.count)
            }
        }
        // Longest first, then alphabetical: the same reading every time.
        self.falseFriends = falseFriends.sorted {
            ($0.count, $1.joined(separator: " ")) > ($1.count, $0.joined(separator: " "))
        }
        self.deniedByName = deniedByName
        self.byID = byID
        self.phrases = phrases
        var tagging = phrases
        for interest in interests {
            for word in interest.ambiguous where tagging[TextNormalizer.key(word)] == interest.id {
                tagging[TextNormalizer.key(word)] = nil
            }
        }
        self.taggingPhrases = tagging
        self.longestPhrase = longest
        var longestFrom: [String: Int] = [:]
        for key in phrases.keys {
            let words = key.split(separator: " ", omittingEmptySubsequences: false)
            longestFrom[String(words[0]), default: 0] = max(longestFrom[String(words[0])] ?? 0, words.count)
        }
        self.longestFrom = longestFrom
        var same = Set<String>()
        for (index, interest) in interests.enumerated() {
            let heads = (TextNormalizer.tokens(interest.id) + TextNormalizer.tokens(interest.label)).filter {
                $0.count >= 3
            }
            same.insert(TextNormalizer.key(interest.id))
            same.insert(TextNormalizer.key(interest.label))
            for synonym in interest.synonyms { same.insert(TextNormalizer.key(synonym)) }
            // Spelling variants ("dinos", "robotic", "maths", "chess set") share the start of the id
            // or label with every word that says something. An alias with another word in it is a
            // narrower kind ("dolls house", "fire truck", "pirates of the caribbean"), not the
            // whole interest.
            let narrower = Set(interest.narrower.map(TextNormalizer.key))
            for tokens in aliasTokens[index] where !narrower.contains(tokens.joined(separator: " ")) {
                let meaningful = tokens.filter { !Self.genericWords.contains($0) }
                guard !meaningful.isEmpty,
                    meaningful.allSatisfy({ word in heads.contains { Self.sharesStem(word, $0) } })
                else { continue }
                same.insert(tokens.joined(separator: " "))
            }
        }
        self.samePhrases = same
        var covered: [String: [String]] = [:]
        for interest in interests where !interest.covers.isEmpty {
            // Within one interest, of two wishes that fold alike the first in alphabetical order
            // keeps it (the same every time, without sorting every interest's wishes on opening).
            var keptWish: [String: String] = [:]
            for (wish, names) in interest.covers {
                let key = foldedWishes[wish] ?? TextNormalizer.key(wish)
                if key.isEmpty { continue }
                if let kept = keptWish[key] {
                    if wish < kept { (covered[key], keptWish[key]) = (names, wish) }
                } else if covered[key] == nil {  // else an earlier interest keeps it
                    (covered[key], keptWish[key]) = (names, wish)
                }
            }
        }
        self.covered = covered
        self.creatureWords = Set(
            phrases.filter { key, id in
                PerformedActivities.creatureInterests.contains(id) && key.split(separator: " ").count <= 2
            }.keys)
    }

    /// The interests that are narrower kinds of `interest` (its `includes` that this taxonomy
    /// has, itself left out), in the order listed.
    func narrowerInterests(of interest: Interest) -> [String] {
        var seen: Set<String> = [interest.id]
        return interest.includes.filter { byID[$0] != nil && seen.insert($0).inserted }
    }

    /// The other names shops give what a person said, as written in the taxonomy ("fancy dress"
    /// for "costumes"): each names the same thing or a narrower kind of it. Empty for most wishes.
    func otherNames(of said: String) -> [String] {
        var key = TextNormalizer.key(said)
        if covered[key] == nil {
            // Words about the fan add nothing: "horse riding lessons" is named as "horse riding" is.
            key = TextNormalizer.tokens(said).filter { !Self.genericWords.contains($0) }.joined(separator: " ")
        }
        guard let names = covered[key] else { return [] }
        var seen: Set<String> = [key]
        return names.filter { name in
            let folded = TextNormalizer.key(name)
            return !folded.isEmpty && seen.insert(folded).inserted
        }
    }

    /// What avoiding `said` avoids: its folded key and the other names of the thing (each a
    /// folded key), and the interest itself when it names one whole ("dinosaurs", "dinos"). A
    /// narrower kind ("slime" in sensory play, "lightsaber" in Star Wars) avoids that thing, as
    /// shops name it, never the whole interest around it. The list and the ideas elsewhere
    /// avoid the same.
    func avoidance(of said: String) -> (names: [String], interestID: String?) {
        let trimmed = ValueParsers.trim(said)
        let key = TextNormalizer.key(trimmed)
        guard !key.isEmpty else { return ([], nil) }
        let whole = resolution(trimmed).flatMap { $0.specificity == .same ? $0.interest.id : nil }
        return ([key] + otherNames(of: trimmed).map(TextNormalizer.key), whole)
    }

    private static func sharesStem(_ a: String, _ b: String) -> Bool {
        a.count >= 3 && b.count >= 3 && a.prefix(4) == b.prefix(4)
    }

    /// How what a person said relates to the interest it resolves to.
    public enum Specificity: Sendable, Equatable {
        /// Its name, a synonym or a spelling variant: the interest's whole tag is their thing.
        case same
        /// A narrower kind, a franchise or a phrase with more in it than the interest
        /// ("t-rex", "jigsaw puzzles", "famous buildings"): the interest is broader than their wish.
        case narrower
    }

    /// Words that add nothing to a wish: "dinosaur toys" is still dinosaurs.
    static let genericWords: Set<String> = [
        "toy", "kit", "set", "gift", "thing", "stuff", "anything", "related", "love", "loves", "like", "likes",
        "into", "for", "kid", "child", "children", "the", "and", "or", "of", "a", "an", "all", "kind", "game", "play",
        // Words between the words of a wish ("daddies with dolls", "dinosaurs on a farm"): a name
        // that holds one holds nothing of it.
        "with", "on", "in", "at", "to", "by",
        "playing", "fan", "lover", "item", "product", "theme", "themed", "very", "really", "big", "little",
        // Who they are about it, not what: "model railway enthusiast", "horse riding lessons".
        "enthusiast", "fanatic", "obsessed", "lesson", "merch", "merchandise", "cool", "awesome", "amazing",
    ]

    /// Resolves what a person typed to an interest, and says whether it is that interest itself
    /// or something narrower inside it.
    public func resolution(_ text: String) -> (interest: Interest, specificity: Specificity)? {
        let tokens = TextNormalizer.tokens(text)
        let key = tokens.joined(separator: " ")
        if let id = phrases[key] {
            guard let interest = interest(id: id) else { return nil }
            return (interest, samePhrases.contains(key) ? .same : .narrower)
        }
        // "dinosaur toys" or "famous buildings": the longest known phrase inside the answer. It is
        // the interest itself only when the other words add nothing.
        var index = 0
        while index < tokens.count {
            var length = min(longestPhrase, tokens.count - index)
            var skipped = 0
            while length >= 1 {
                let phrase = tokens[index..<(index + length)].joined(separator: " ")
                if phrases[phrase] == Self.notAnInterest {
                    // "angry birds toys": the name is not about birds; read past it.
                    skipped = length
                    break
                }
                if let id = phrases[phrase], let interest = interest(id: id) {
                    // The other words add nothing ("dinosaur toys"), or name the same interest
                    // again ("knights and castles").
                    let rest = Array(tokens[..<index] + tokens[(index + length)...]).filter {
                        !Self.genericWords.contains($0)
                    }
                    let sameAgain =
                        rest.isEmpty
                        || rest.allSatisfy { word in
                            phrases[word] == interest.id && samePhrases.contains(word)
                        }
                    return (interest, sameAgain && samePhrases.contains(phrase) ? .same : .narrower)
                }
                length -= 1
            }
            index += max(1, skipped)
        }
        return nil
    }

    /// Whether a folded phrase is one the taxonomy knows (an id, label or alias).
    func isPhrase(_ key: String) -> Bool { phrases[key].map { $0 != Self.notAnInterest } ?? false }

    /// The folded phrases that name this interest or a narrower kind of it (id, label, aliases),
    /// less its ambiguous words: what product text says when it is about the interest.
    func textPhrases(of interest: Interest) -> [String] {
        let ambiguous = Set(interest.ambiguous.map(TextNormalizer.key))
        var seen = Set<String>()
        return ([interest.id, interest.label] + interest.aliases).compactMap { word in
            let key = TextNormalizer.key(word)
            guard !key.isEmpty, !ambiguous.contains(key), phrases[key] == interest.id || word == interest.label,
                seen.insert(key).inserted
            else { return nil }
            return key
        }
    }

    /// The interest with this id.
    public func interest(id: String) -> Interest? { byID[id].map { interests[$0] } }

    /// Whether an interest has this id (without copying the interest: the importer asks for
    /// every tag of every row).
    func hasInterest(id: String) -> Bool { byID[id] != nil }

    /// The label of the interest with this id, without copying the rest of it.
    func label(id: String) -> String? { byID[id].map { interests[$0].label } }

    /// The names, as folded words, that hold one of these words (a wish's phrases, folded) but
    /// mean something else, less the phrases of `interest` ("spider man" is not about insects, yet
    /// it is superheroes' own; "leap frog" is no frog for a wish the taxonomy does not know):
    /// inside such a name, the words say nothing about the wish.
    func falseFriends(of interest: Interest?, words: Set<String>) -> [[String]] {
        falseFriends.filter { name in
            Self.holds(words, in: name)
                && (interest == nil || phrases[name.joined(separator: " ")] != interest?.id)
        }
    }

    /// Whether a name holds one of `words`: as a word of it ("spider" in "spider man"), or run
    /// into a one-word name ("spider" in "spiderman").
    static func holds(_ words: Set<String>, in name: [String]) -> Bool {
        if name.contains(where: words.contains) { return true }
        guard name.count == 1 else { return false }
        return words.contains { $0.count >= 3 && name[0].count > $0.count && name[0].hasPrefix($0) }
    }

    /// Whether `words` hold `run` as consecutive words.
    static func holds(run: [String], in words: [String]) -> Bool {
        guard !run.isEmpty, run.count <= words.count else { return false }
        return (0...(words.count - run.count)).contains { words[$0..<($0 + run.count)].elementsEqual(run) }
    }

    /// `tokens` without the names in `names` (as ``falseFriends(of:)`` gives them): the words
    /// left are the ones that can be about the interest.
    static func removing(_ names: [[String]], from tokens: [String]) -> [String] {
        guard !names.isEmpty, names.contains(where: { tokens.contains($0[0]) }) else { return tokens }
        var kept: [String] = []
        kept.reserveCapacity(tokens.count)
        var index = 0
        outer: while index < tokens.count {
            for name in names where name.count <= tokens.count - index && name[0] == tokens[index] {
                if tokens[index..<(index + name.count)].elementsEqual(name) {
                    index += name.count
                    continue outer
                }
            }
            kept.append(tokens[index])
            index += 1
        }
        return kept
    }

    /// Resolves what a person typed ("dinos", "T-Rex", "Board Games") to an interest.
    public func resolve(_ text: String) -> Interest? {
        resolution(text)?.interest
    }

    /// Known words closest to `text`, for "did you mean …?" (edit distance ≤ 2).
    public func suggestions(for text: String, limit: Int = 3) -> [Interest] {
        let key = TextNormalizer.key(text)
        guard key.count >= 3 else { return [] }
        var scored: [(distance: Int, id: String)] = []
        for (phrase, id) in phrases where abs(phrase.count - key.count) <= 2 {
            let distance = Self.editDistance(phrase, key, bound: 2)
            if distance <= 2 { scored.append((distance, id)) }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
            .compactMap { seen.insert($0.id).inserted ? interest(id: $0.id) : nil }
            .prefix(limit).map { $0 }
    }

    /// Interests mentioned in product text, most mentioned first, with a centrality weight; the
    /// name comes split into folded words (the importer reads them once for this and the name's
    /// kind, see ``NameKind``).
    ///
    /// A mention in the name counts three times a mention in the description: a "Dinosaur Puzzle"
    /// is about dinosaurs even if its description talks about puzzle pieces at length.
    func tag(nameTokens: [String], description: String, limit: Int = 3) -> [(id: String, weight: Double)] {
        tag(
            texts: [(nameTokens, 3.0), (description.isEmpty ? [] : TextNormalizer.tokens(description), 1.0)],
            limit: limit, table: taggingPhrases)
    }

    private func tag(texts: [(tokens: [String], weight: Double)], limit: Int, table phrases: [String: String])
        -> [(id: String, weight: Double)]
    {
        var counts: [String: Double] = [:]
        var firstSeen: [String: Int] = [:]
        var order = 0
        // What the first text (the name) says it is not, and what it names.
        var denied = Set<String>()
        var named = Set<String>()
        // Where the later text (the description) first mentions each interest.
        var firstInText: [String: Int] = [:]
        for (position, (tokens, weight)) in texts.enumerated() where !tokens.isEmpty {
            // Words without spaces (always, but for exotic folding): a phrase of n words can
            // start here only if some phrase of at least n words starts with this word.
            let bounded = !tokens.contains { $0.utf8.contains(0x20) }
            var index = 0
            while index < tokens.count {
                var matched = false
                var length = min(longestPhrase, tokens.count - index)
                if bounded { length = min(length, longestFrom[tokens[index]] ?? 0) }
                while length >= 1 {
                    let key = tokens[index..<(index + length)].joined(separator: " ")
                    if let id = phrases[key] {
                        if id == Self.notAnInterest, position == 0, let owners = deniedByName[key] {
                            denied.formUnion(owners)
                        }
                        if id == Self.notAnInterest
                            || (length == 1 && PerformedActivities.activities.contains(key)
                                && PerformedActivities.isPerformed(at: index, in: tokens, creatures: creatureWords))
                        {
                            // A name that only holds an interest's word, or an activity a figure
                            // performs ("Dancing Groot"): no tag from it.
                            index += length
                            matched = true
                            break
                        }
                        counts[id, default: 0] += weight
                        if position == 0 { named.insert(id) } else if firstInText[id] == nil { firstInText[id] = index }
                        if firstSeen[id] == nil {
                            firstSeen[id] = order
                            order += 1
                        }
                        index += length
                        matched = true
                        break
                    }
                    length -= 1
                }
                if !matched { index += 1 }
            }
        }
        // A "Chinese Checkers" board is no chess set, however its description tells the history
        // of "Chinese chess": a name that says it is not about an interest outweighs the text.
        for id in denied.subtracting(named) { counts[id] = nil }
        var ranked = counts.sorted { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : firstSeen[lhs.key]! < firstSeen[rhs.key]!
        }
        // A single mention in the description is what the product is about no more often than it
        // is a passing one ("great for the beach" on a tattoo sheet, "helicopter" in a spinning
        // top's text): keep interests named in the name or mentioned twice. A product with one
        // mention stays untagged, and a wish in its words is weighed at match time, where meaning
        // tells a passing mention from its subject (`MatchQuery.isPassingMention`).
        // Twice, too, is in passing when neither is in the description's opening, where it says
        // what the product is: a sea puzzle's "bird hovering on the sea breeze" and its artist's
        // "work with rare birds" made it a bird gift.
        ranked = Array(
            ranked.filter { entry in
                entry.value >= 2
                    && (named.contains(entry.key) || firstInText[entry.key, default: 0] < Self.descriptionOpening)
            }
            .prefix(limit))
        return ranked.enumerated().map { (index, entry) in (entry.key, Self.centrality(rank: index)) }
    }

    /// How many words open a description: what a product is, it says there (see `tag`).
    static let descriptionOpening = 40

    /// Interests named inside what a person typed ("dinosaur toys"), ambiguous words included.
    func tag(text: String, limit: Int) -> [(id: String, weight: Double)] {
        tag(texts: [(TextNormalizer.tokens(text), 3.0)], limit: limit, table: phrases)
    }

    /// How central the n-th listed interest is to a product: the first tag is what it is about.
    static func centrality(rank: Int) -> Double {
        switch rank {
        case 0: 1.0
        case 1: 0.8
        case 2: 0.65
        default: 0.5
        }
    }

    static func editDistance(_ a: String, _ b: String, bound: Int) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            var rowMin = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > bound { return bound + 1 }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

/// Readings of wishes under one taxonomy, by the words said: a bounded store shared by every copy
/// of the taxonomy and every thread that reads with it.
final class ReadWishes: Sendable {
    typealias Reading = (requests: [InterestRequest], notUnderstood: [String])
    /// Readings kept at most; the store starts again when full (a service's wishes repeat, and
    /// a reading takes well under a millisecond to make again).
    static let capacity = 1024
    private let readings = Mutex<[[String]: Reading]>([:])

    /// How many readings are kept.
    var count: Int { readings.withLock(\.count) }

    subscript(said: [String]) -> Reading? {
        get { readings.withLock { $0[said] } }
        set {
            guard let newValue else { return }
            readings.withLock { stored in
                if stored.count >= Self.capacity { stored.removeAll(keepingCapacity: true) }
                stored[said] = newValue
            }
        }
    }
}
