import Foundation
import GRDB

extension MatchQuery {
    // MARK: Exact scoring

    /// Exact fit of one product: interest (their interest by tag or text > meaning > broader or
    /// related tag), purpose, age, and what their history teaches.
    /// - Parameter passing: the wishes (by index) whose words the product's description holds
    ///   only in passing (see ``settlingMentions(_:_:weigh:)``); any other wish's words in the
    ///   description make it their thing.
    func score(
        pk: Int64, product: Product, suppliedTags: Bool, isAccessory: Bool = false, isDeviceBound: Bool = false,
        servesAThing: Bool = false, relevance: [Int: [Int64: Double]],
        meaning: [Int: [Int64: Double]], someWords: [Int: [Int64: Double]] = [:], closeness: Double,
        purposeMask: Int, passing: Set<Int> = []
    ) -> Candidate {
        var hits: [Candidate.Match] = []
        /// The wishes whose kind word counts here only because no product says it their way.
        var unpairedOnly = Set<Int>()
        // Tokenised only when some wish needs its words weighed.
        let needsText =
            requests.indices.contains { relevance[$0]?[pk] != nil }
            || requestTags.contains { tags in tags.contains { product.interests.contains($0) } }
            || requests.indices.contains { requests[$0].ownSet.count > 1 && meaning[$0]?[pk] != nil }
            || requests.indices.contains { someWords[$0]?[pk] != nil }
        let words = needsText ? self.words(pk: pk, product: product) : MatchMemo.Words()
        let (nameTokens, nameSet, allSet) = (words.nameTokens, words.nameSet, words.allSet)
        // A tag's rank among the product's (few) tags: its first place, by a linear scan.
        let tags = product.interests
        func rankOf(_ tag: String) -> Int? { tags.firstIndex(of: tag) }
        var perRequest: [Double] = []
        for (index, request) in requests.enumerated() {
            var found: [Candidate.Match] = []
            // A part, or a thing made for their thing, is tagged with it and still not one: its
            // tag says no more than its words (the good count reads it the same way).
            let serving = servesAThing ? Self.servingPlace(nameTokens, for: request) : nil
            for tag in requestTags[index] {
                if let serving, rankOf(tag) != nil {
                    found.append(.init(request: index, hit: .text(serving), weight: weights.textStemOnly))
                } else if let rank = rankOf(tag) {
                    let source = suppliedTags ? weights.suppliedTag : weights.inferredTag
                    found.append(
                        .init(
                            request: index, hit: .tag(tag, supplied: suppliedTags),
                            weight: source * weights.centrality(rank: rank)))
                }
            }
            // Tagged with their interest but not among the text search's hits (or the search was
            // not needed): their words in the text still count, without a BM25 share.
            var bm25Score = relevance[index]?[pk]
            // Where their words are, worked out once (at most) per product and wish.
            var knownPlace: TextPlace?
            func textPlace() -> TextPlace {
                if let knownPlace { return knownPlace }
                var place = Self.place(
                    of: request, nameTokens: nameTokens, nameSet: nameSet,
                    descriptionTokens: words.descriptionTokens, allSet: allSet, product: product)
                if place == .description, passing.contains(index) { place = .passing }
                knownPlace = place
                return place
            }
            if bm25Score == nil, !found.isEmpty, textPlace() != .stem {
                bm25Score = 0
            }
            if let bm25 = bm25Score {
                // FTS5's Porter stemmer hears "colouring" in "Colour Dot Dominoes". Such a hit still
                // counts (the SQL counts agree with the list) but ranks low unless the words, folded,
                // are really there: fully in the name, less in the description.
                let place = textPlace()
                let placeWeight =
                    switch place {
                    case .name: weights.textInName
                    case .description: weights.textInDescription
                    case .stem, .passing, .partySupply, .miniature, .apart, .part, .madeFor, .carrier:
                        weights.textStemOnly
                    }
                let known = request.interest == nil ? weights.textMatchUnknown : 1.0
                // Their own words say it more surely than one of the interest's other words, where
                // the words were found: "poker" in a name and "cards" in its description are the
                // interest's word in the name, not theirs.
                let own =
                    request.ownSet.isSubset(of: place == .name ? nameSet : allSet) ? 1.0 : weights.textAliasOnly
                // Everything they said, word for word, in the name ("Pictionary Card Game" for "card
                // games"): as relevant as text gets, however many of the interest's other words
                // another product's text piles up for BM25.
                let relevance =
                    place == .name && request.saidTokens.count > 1
                        && Self.contains(nameTokens, nameSet: nameSet, words: request.saidTokens) ? 1 : bm25
                let weight = known * own * placeWeight * (1 - weights.bm25Share + weights.bm25Share * relevance)
                // Only the stemmer's word for a wish of several words ("anim" of "anime figures"
                // in "Snow Leopard Animal Figure", "Spiderman Animated") says nothing of it.
                // Nor does another word that only looks like theirs ("Oni Titan" for "titanic").
                if place != .stem
                    || (request.ownWords.count < 2
                        && !Self.holdsOnlyUnlikeWords(request, words: allSet, below: weights.unlikeWordSimilarity))
                {
                    found.append(.init(request: index, hit: .text(place), weight: weight))
                }
            }
            if let similarity = meaning[index]?[pk] {
                // Meaning never outranks their words or their tag (capped), and is their thing only
                // when the similarity says so plainly.
                let weight = weights.semanticCap * similarity
                let shownName = nameTokens.isEmpty ? TextNormalizer.tokens(product.name) : nameTokens
                let holdsPart = Self.holdsPartOf(request, words: allSet)
                let plainlyClose =
                    similarity >= weights.semanticGoodSimilarity && !holdsPart
                    && Self.themedPlace(shownName, for: request) == nil
                    && !Self.namesAnotherThing(request, nameTokens: shownName)
                    && !Self.performsTheirActivity(request, nameTokens: shownName)
                    && !request.isFiledUnderAnotherThing(product.interests)
                let belonging =
                    holdsPart && Self.holdsAKindOf(request, words: allSet)
                    ? Self.kindWordBelonging(
                        request, held: request.ownWords.filter(allSet.contains).count, of: request.ownWords.count,
                        tags: tags) : nil
                let holdsAKind = belonging != nil
                if !plainlyClose, belonging == .asLastResort { unpairedOnly.insert(index) }
                let hit: InterestHit =
                    plainlyClose ? .meaning(similarity) : .nearMeaning(similarity, holdsAKind: holdsAKind)
                found.append(.init(request: index, hit: hit, weight: weight))
            }
            if let broader = request.broaderTag, let rank = rankOf(broader) {
                found.append(
                    .init(
                        request: index, hit: .broader(broader),
                        weight: weights.broaderFactor * weights.centrality(rank: rank)))
            }
            for (related, relation) in request.relatedInterests {
                // A tag that is another of their wishes counts for that wish, not again as a
                // likeness to this one: a building set is not nearer "trains and building"
                // than a train set because building is close to trains.
                if let rank = rankOf(related),
                    !requestTags.indices.contains(where: { $0 != index && requestTags[$0].contains(related) })
                {
                    found.append(
                        .init(
                            request: index, hit: .related(related),
                            weight: relation * weights.relatedFactor * weights.centrality(rank: rank)))
                }
            }
            if let bm25 = someWords[index]?[pk], !found.contains(where: \.hit.isStrong),
                Self.themedPlace(nameTokens, for: request) == nil
            {
                // A kind word really there (not only the stemmer's), in the name or else the
                // description; which of their words the same text holds, as they said them.
                let kinds = request.kindsSaid
                // What their wish names before its kind word, together in the name: "Nerf N-Strike
                // Blaster" for "nerf guns" is nearer their wish than any gun.
                let headInName =
                    !request.headWords.isEmpty
                    && Self.contains(nameTokens, nameSet: nameSet, words: request.headWords)
                let inName = headInName || kinds.contains { $0.folded.allSatisfy(nameSet.contains) }
                let text = inName ? nameSet : allSet
                let held = request.saidWords.filter { $0.folded.allSatisfy(text.contains) }
                // Whether it belongs, by all of its text: "war" in a tank kit's description.
                let heldAnywhere = request.saidWords.filter { $0.folded.allSatisfy(allSet.contains) }.count
                if inName || kinds.contains(where: { $0.folded.allSatisfy(allSet.contains) }),
                    let belonging = headInName
                        ? .besideTheirWish
                        : Self.kindWordBelonging(request, held: heldAnywhere, of: request.saidWords.count, tags: tags)
                {
                    if belonging == .asLastResort { unpairedOnly.insert(index) }
                    // A product of the very kind they named ("trains" of "duplo trains", a train
                    // set) comes before the things of the interest around their wish alone.
                    let ofTheirKind = request.kindInterest.map(tags.contains) ?? false
                    let share = max(
                        Double(held.count) / Double(request.saidWords.count),
                        ofTheirKind || headInName ? Self.kindShare : 0)
                    found.append(
                        .init(
                            request: index, hit: .someWords(held.map(\.said), inName: inName),
                            weight: weights.textSomeWords * (inName ? weights.textInName : weights.textInDescription)
                                * share * (1 - weights.bm25Share + weights.bm25Share * bm25)))
                }
            }
            // The strongest hit leads; a second, different kind of evidence adds a little. Among
            // weak ones, party supplies say so first: what the product is explains it best; a loose
            // likeness in meaning comes after any weak evidence in its text or tags ("a word like
            // "fishing" is in its text" says more than "somewhat like", and lists it).
            func rank(_ match: Candidate.Match) -> (Int, Int, Int, Double) {
                (
                    match.hit.isStrong ? 1 : 0,
                    [.text(.partySupply), .text(.miniature), .text(.part), .text(.madeFor), .text(.carrier)].contains(
                        match.hit) ? 1 : 0,
                    match.hit.isLooseLikeness ? 0 : 1, match.weight
                )
            }
            found.sort { rank($0) > rank($1) }
            // Their kind word in the name says more than a likeness in meaning that rests on it
            // ('its name has "ariel"' rather than 'somewhat like "disney princess ariel"').
            if case .nearMeaning = found.first?.hit,
                let words = found.firstIndex(where: {
                    if case .someWords = $0.hit { true } else { false }
                })
            {
                found[words].weight = max(found[words].weight, found[0].weight)
                found.swapAt(0, words)
            }
            if let best = found.first {
                hits.append(best)
                var fit = best.weight
                if best.hit.isStrong,
                    let second = found.dropFirst().first(where: {
                        $0.hit.isStrong && Self.kind($0.hit) != Self.kind(best.hit)
                    })
                {
                    fit = min(1, fit + weights.agreementBonus * second.weight)
                }
                perRequest.append(fit)
            } else {
                perRequest.append(0)
            }
        }
        // Each interest shared with the one they picked counts: a unicorn soft toy is more like a
        // unicorn beanie baby than a unicorn sticker sheet is.
        var liked = 0.0
        for favoured in critique.favouredInterests.sorted() {
            if let rank = rankOf(favoured) {
                let weight = weights.likeFactor * weights.centrality(rank: rank)
                liked += weight
                hits.append(.init(request: requests.count, hit: .like(favoured), weight: weight))
            }
        }
        let top = perRequest.max() ?? 0
        let total = perRequest.reduce(0, +)
        // A themed accessory, or a thing made for the wish that fits it best ("Roof Rack for RC
        // Cars"), ranks after the toys of the same fit (never changes good or partial).
        let madeForTheirThing =
            !isAccessory && top > 0 && !nameTokens.isEmpty
            && perRequest.firstIndex(of: top).map { index in
                // By any name of the wish: "Roof Luggage Rack … for 1/10 RC Cars" is made for
                // remote control cars.
                requests[index].madeForWords.contains { words in
                    ThemedAccessories.isMadeFor(wishWords: words, nameTokens: nameTokens)
                }
                    || (nameTokens.contains("with")
                        && ThemedAccessories.comesWith(
                            wishNames: requests[index].comesWithNames, nameTokens: nameTokens))
            } == true
        // So does a game for one console, unless the wish is about video games or the device.
        let needsTheirDevice = isDeviceBound && !requests.contains(where: DeviceBound.isWished)
        // A toy made for much younger children ("Duplo Horses, ages 2+" for a 10-year-old) ranks
        // after the ones made for children their age: a range open upwards from under 3 says
        // little about whether it suits them.
        // So does one that states no age but is named or filed as a toddler's ("Dino Trap" in
        // the shop's DUPLO theme, "Toddler Stacking Cups"; a "Baby Born" doll is for children).
        // A toddler's range stays one whatever age its box starts at: a DUPLO pirate ship "4+"
        // was second for a 12-year-old's "a pirate ship".
        let filedAsToddlers =
            (product.ages.minMonths ?? 0) < Self.toddlerRangeStartsBelowMonths
            && product.ages.maxMonths == nil && profile.ageMonths >= AgeRange.olderChildFromMonths
            && !wishesToddlerToys
            && (tags.contains(where: Self.toddlerWords.contains)
                || nameTokens.contains(where: Self.toddlerWords.contains))
        let madeForMuchYounger =
            product.ages.isForMuchYoungerChildren(thanMonths: profile.ageMonths) || filedAsToddlers
        // A young child's toy for a teenager or an adult: by its range, or by its name ("Kids
        // Gardening Tool Set", "My First …") under a range open to children. Never good for them.
        let madeForChildren =
            !wishesChildrensThings
            && Self.isForYoungChildren(product.ages, nameTokens: nameTokens, ageMonths: profile.ageMonths)
        // A "4+" or "5+" range for them ranks after the ones for older children (still good).
        let madeForYoungerChildren =
            !wishesChildrensThings && product.ages.startsAmongYoungChildren(forTeenOrAdultMonths: profile.ageMonths)
        // "More like #4" counts beside the fit, not inside its cap: a product whose name already
        // holds their wish (fit 1) would otherwise gain nothing from being like the one they picked.
        // Each further interest it fits adds its share, past a full fit of one: a "LEGO Mini
        // Trains" for someone who loves trains and LEGO leads the LEGO sets only close to trains
        // (with the sum capped at 1, every product that fully fit one of several interests tied,
        // and the one fitting both was 4th).
        let interestFit =
            (min(1.0, top) + weights.extraInterestShare * (total - top))
            * (isAccessory || madeForTheirThing || needsTheirDevice ? weights.accessoryFactor : 1)
            * (madeForMuchYounger || madeForChildren || madeForYoungerChildren ? weights.muchYoungerFactor : 1)
            + liked
        let purposeHit = purposeMask == 0 || (Purpose.mask(product.purposes) & purposeMask) != 0
        let ageFit = product.ages.fit(forRecipientMonths: profile.ageMonths)
        let strong = hits.contains { $0.hit.isStrong }
        var score: Double
        let isGood: Bool
        // A purpose favoured by the conversation (no purpose stated) ranks as a wished one would,
        // but never filters and never makes a match good or weak.
        let steeringMask = purposeMask == 0 ? Purpose.mask(critique.favouredPurposes) : 0
        let purposeFit = steeringMask == 0 ? purposeHit : (Purpose.mask(product.purposes) & steeringMask) != 0
        if requests.isEmpty {
            score =
                weights.noInterestPurpose * (purposeFit ? 1 : 0) + weights.noInterestAge * ageFit + weights
                .noInterestLike * liked
            // Interests that meant nothing match nothing: never "anything".
            isGood = purposeHit && profile.interests.isEmpty
        } else {
            let purposeWeight = purposeMask == 0 && steeringMask == 0 ? 0 : weights.purpose
            let interestWeight =
                purposeMask == 0 && steeringMask == 0 ? weights.interest + weights.purpose : weights.interest
            score = interestWeight * interestFit + purposeWeight * (purposeFit ? 1 : 0) + weights.age * ageFit
            // Among products their words or tags found, the one closer in meaning to what they
            // said leads. Products found by meaning alone already score by it (capped), so they
            // get nothing more: meaning never lifts itself above their words.
            if Self.foundOtherwise(hits) { score += weights.meaningRanking * max(0, closeness) }
            // "barbie dolls" read as "barbie": a Barbie doll first.
            if strong,
                requests.contains(where: {
                    !$0.kindWordsLeftOut.isEmpty && $0.kindWordsLeftOut.allSatisfy(nameSet.contains)
                })
            {
                score += Self.kindWordInNameBonus
            }
            isGood = strong && purposeHit && !madeForChildren
        }
        // Their own history: what they loved or sent back steers the ranking.
        var lessons: [HistorySignals.Lesson] = []
        for lesson in history.lessons {
            let shared = Set(lesson.interests.prefix(2)).intersection(product.interests.prefix(2))
            guard !shared.isEmpty else { continue }
            score += lesson.positive ? weights.historyLoved : -weights.historyReturned
            lessons.append(lesson)
        }
        let ordered = hits.sorted { ($0.request, -$0.weight) < ($1.request, -$1.weight) }
        return Candidate(
            pk: pk, product: product, score: score, hits: ordered, isGood: isGood, lessons: lessons,
            needsTheirDevice: needsTheirDevice, madeForMuchYounger: madeForMuchYounger || madeForYoungerChildren,
            filedAsToddlers: filedAsToddlers, madeForChildren: madeForChildren,
            isAPart: isAccessory && nameTokens.contains(where: ThemedAccessories.partWords.contains),
            ageUnstatedForAYoungChild: product.ages.minMonths == nil
                && profile.ageMonths < AgeRange.unstatedAgeComesLaterBelowMonths,
            restsOnAnUnpairedKindWord: !isGood && !ordered.isEmpty
                && ordered.allSatisfy { unpairedOnly.contains($0.request) },
            isForTheThing: isAccessory || madeForTheirThing)
    }

    /// Whether their words or tags (anything but meaning) found the product: only then does its
    /// closeness in meaning add to its score.
    static func foundOtherwise(_ hits: [Candidate.Match]) -> Bool {
        hits.contains { hit in
            switch hit.hit {
            case .meaning, .nearMeaning: false
            default: true
            }
        }
    }

    /// Whether nothing but a loose closeness in meaning (below what counts as their thing, none
    /// of their words in the product) links a candidate to what they said, or nothing at all does.
    static func foundOnlyByLooseMeaning(_ hits: [Candidate.Match]) -> Bool {
        hits.allSatisfy(\.hit.isLooseLikeness)
    }

    /// Whether every hit is a passing mention in the description (or a loose likeness).
    static func foundOnlyInPassing(_ hits: [Candidate.Match]) -> Bool {
        hits.contains { $0.hit == .text(.passing) }
            && hits.allSatisfy { $0.hit == .text(.passing) || $0.hit.isLooseLikeness }
    }

    /// Whether product `pk`, tagged `tags`, can be a good match: one of the strong hits
    /// ``score(pk:product:suppliedTags:relevance:meaning:closeness:purposeMask:)`` looks for is
    /// there (their exact tag, a text hit, a meaning hit close enough). `false` means it is never
    /// good, whatever its row holds; `true` only that it must be weighed.
    static func mayBeGood(
        _ pk: Int64, tags: [String], requestTags: [[String]], relevance: [Int: [Int64: Double]],
        meaning: [Int: [Int64: Double]], goodSimilarity: Double
    ) -> Bool {
        for index in requestTags.indices {
            if relevance[index]?[pk] != nil { return true }
            if let similarity = meaning[index]?[pk], similarity >= goodSimilarity { return true }
            if requestTags[index].contains(where: tags.contains) { return true }
        }
        return false
    }

    private static func kind(_ hit: InterestHit) -> Int {
        switch hit {
        case .tag: 0
        case .text: 1
        case .meaning: 2
        case .broader: 3
        case .related: 4
        case .nearMeaning: 5
        case .like: 6
        case .someWords: 7
        }
    }

    /// Whether the product's text holds some of a several-word wish's own words but not all:
    /// its closeness in meaning then comes from the shared word ("Widow Spider Figure" is close
    /// to "spider-man"), which makes it related, never their thing.
    static func holdsPartOf(_ request: InterestRequest, name: String, description: String) -> Bool {
        guard request.ownSet.count > 1 else { return false }
        return holdsPartOf(request, words: Set(TextNormalizer.tokens(name)).union(TextNormalizer.tokens(description)))
    }

    /// The same rule for a product's words (name and description), folded.
    static func holdsPartOf(_ request: InterestRequest, words: Set<String>) -> Bool {
        request.ownSet.count > 1 && request.ownSet.contains(where: words.contains)
            && !request.ownSet.isSubset(of: words)
    }

    /// Whether a product's words hold what a several-word wish is a kind of: its last word ("rock
    /// climbing" is climbing; "Fraggle Rock" holds only "rock"), or any of the kinds a wish joins
    /// ("cowboys and indians": a cowboy figure holds one).
    static func holdsAKindOf(_ request: InterestRequest, words: Set<String>) -> Bool {
        if request.joinsKinds { return request.ownSet.contains(where: words.contains) }
        guard let kind = request.ownWords.last else { return false }
        return words.contains(kind)
    }

    /// Whether a text the stemmer matched with a one-word wish holds only other words that look
    /// like it ("Oni Titan" for "titanic", "Animation Studio" for "animals", "Wheel Bearing" for
    /// "bears"): none of the wish's words (theirs, or one-word names of their interest), and every
    /// word that begins as one of them does (what the stemmer cuts back to) is far from it by the
    /// meaning table. A word the table cannot judge, or finds close ("knit" for "knitting"),
    /// keeps the match.
    static func holdsOnlyUnlikeWords(
        _ request: InterestRequest, words: Set<String>, below threshold: Double, embedder: TextEmbedder = .bundled
    ) -> Bool {
        let wishWords = request.ownWords + request.otherNames.lazy.filter { $0.words.count == 1 }.map { $0.words[0] }
        if wishWords.contains(where: words.contains) { return false }
        var judged = false
        for word in words {
            for wish in wishWords where mayShareAStem(word, wish) {
                guard let similarity = embedder.wordSimilarity(word, wish), Double(similarity) < threshold else {
                    return false
                }
                judged = true
            }
        }
        return judged
    }

    /// Whether two different words could share a Porter stem: they begin alike for three letters
    /// or more, and neither goes on for more than four ("titan", "titanic"; "universe",
    /// "university"; "boxed", "boxing"; "animal", "animation"; not "train", "trampoline").
    static func mayShareAStem(_ first: String, _ second: String) -> Bool {
        var a = first.utf8.makeIterator()
        var b = second.utf8.makeIterator()
        var common = 0
        while let x = a.next(), let y = b.next(), x == y { common += 1 }
        return common >= 3 && first.utf8.count - common <= 4 && second.utf8.count - common <= 4 && first != second
    }

    /// Whether the name holds a name that is not about their wish with their word in it ("Sports
    /// Car" for "sports", "Doctor Who … Fifth Doctor" for "doctor kit"): the name is about that
    /// other thing, whatever else it says — neither their words in it nor its closeness in
    /// meaning make it their thing.
    static func namesAnotherThing(_ request: InterestRequest, nameTokens: [String]) -> Bool {
        guard !request.falseFriends.isEmpty, request.ownSet.contains(where: nameTokens.contains) else { return false }
        let words = Set(nameTokens)
        return request.falseFriends.contains { friend in
            request.holdsTheirWord(friend) && contains(nameTokens, nameSet: words, words: friend)
        }
    }

    /// Whether the name holds one of the wish's activities only as what a figure in it does
    /// ("Dancing Groot" for "dancing"; see ``PerformedActivities``).
    static func performsTheirActivity(_ request: InterestRequest, nameTokens: [String]) -> Bool {
        guard !request.performable.isEmpty else { return false }
        return nameTokens.indices.contains { index in
            request.performable.contains(nameTokens[index])
                && PerformedActivities.isPerformed(at: index, in: nameTokens, creatures: request.creatureWords)
        }
    }

    /// `tokens` without the activities a figure performs in them, for a wish that has such an
    /// activity; `nil` when nothing changes.
    static func withoutPerformed(_ request: InterestRequest, _ tokens: [String]) -> [String]? {
        guard !request.performable.isEmpty else { return nil }
        return PerformedActivities.removingPerformed(from: tokens, creatures: request.creatureWords)
    }

    /// `.part` or `.madeFor` when the product's name says it serves their thing rather than
    /// being it (the product's import marked it as maybe so, ``ProductFlags/servesAThing``).
    static func servingPlace(_ nameTokens: [String], for request: InterestRequest) -> TextPlace? {
        switch themedPlace(nameTokens, for: request) {
        case .part?: .part
        case .madeFor?: .madeFor
        case .carrier?: .carrier
        default: nil
        }
    }

    /// `.partySupply` or `.miniature` when a product with these name words carries the wish's
    /// theme without being their thing, `.part` or `.madeFor` when it serves their thing; `nil`
    /// when it is what it seems or the wish is about it.
    static func themedPlace(_ nameTokens: [String], for request: InterestRequest) -> TextPlace? {
        let kind = NameKind(tokens: nameTokens)
        if kind.isPartySupply && !request.wantsPartySupplies { return .partySupply }
        if kind.isDollsHouseMiniature { return request.wantsMiniatures ? nil : .miniature }
        if !request.wantsParts {
            if ThemedAccessories.namesAPart(nameTokens, isAccessory: kind.isAccessory) { return .part }
            // "hobbit sets": a video game of their thing is no set of it.
            if request.namesOneThing, kind.isDeviceBound, !DeviceBound.isWished(by: request) { return .carrier }
            if request.namesAnObject,
                let other = ThemedAccessories.otherThing(
                    wishWords: request.comesWithWords, saidWords: request.saidSet, nameTokens: nameTokens,
                    oneThing: request.namesOneThing)
            {
                return other == .part ? .part : .carrier
            }
            if request.namesAThingWithParts,
                request.madeForWords.contains(where: {
                    ThemedAccessories.isMadeFor(wishWords: $0, nameTokens: nameTokens)
                })
            {
                return .madeFor
            }
        }
        return nil
    }

    /// Whether a product holding the kind word of a several-word wish ("rod" of "fishing rod")
    /// is a partial match for it. The kind word alone names other things as often as theirs: a
    /// LEGO Hot Rod for "fishing rod", a pool table for "times tables", the Mystery Machine for
    /// "sewing machine". So it counts only beside what the wish is about: for a wish inside an
    /// interest, the product's tags hold that interest (or its own, or one close to it); for a
    /// wish the taxonomy does not know, the product holds most of their words ("remote control
    /// car" for "remote control boat").
    /// - Returns: `nil` when it is no partial match; ``KindWordBelonging/asLastResort`` when it
    ///   belongs only because no product holds the kind word beside their other words
    ///   (``InterestRequest/kindWordUnpaired``).
    static func kindWordBelonging(_ request: InterestRequest, held: Int, of count: Int, tags: [String])
        -> KindWordBelonging?
    {
        // "dragons and knights": a knight is one of the kinds they asked for.
        if request.joinsKinds { return .besideTheirWish }
        // "duplo trains" on LEGO set names: a set tagged with trains, the kind they named, is
        // closer than any building set ("My First Train" before a snowman).
        if let kind = request.kindInterest, tags.contains(kind) { return .besideTheirWish }
        guard request.interest != nil else {
            if held * 2 > count { return .besideTheirWish }
            return request.kindWordUnpaired ? .asLastResort : nil
        }
        let beside = tags.contains { tag in
            request.exactTags.contains(tag) || tag == request.broaderTag || request.relatedInterests[tag] != nil
        }
        return beside ? .besideTheirWish : nil
    }

    /// How a product holding a wish's kind word belongs among its partial matches.
    enum KindWordBelonging {
        /// Beside what the wish is about (its tags, most of its words, one of the kinds it joins).
        case besideTheirWish
        /// Only as the last resort of a list (see ``Candidate/restsOnAnUnpairedKindWord``).
        case asLastResort
    }

    /// ``place(of:nameTokens:nameSet:descriptionTokens:allSet:product:)`` from the raw text.
    static func place(of request: InterestRequest, name: String, description: String) -> TextPlace {
        let friends = request.falseFriends
        let rawName = TextNormalizer.tokens(name)
        // "Doctor Who … Fifth Doctor" is no doctor kit: at most a word like theirs.
        if namesAnotherThing(request, nameTokens: rawName) { return .stem }
        var nameTokens = Taxonomy.removing(friends, from: rawName)
        nameTokens = withoutPerformed(request, nameTokens) ?? nameTokens
        let nameSet = Set(nameTokens)
        var descriptionTokens = Taxonomy.removing(friends, from: TextNormalizer.tokens(OwnDescription.of(description)))
        descriptionTokens = withoutPerformed(request, descriptionTokens) ?? descriptionTokens
        return place(
            of: request, nameTokens: nameTokens, nameSet: nameSet, descriptionTokens: descriptionTokens,
            allSet: nameSet.union(descriptionTokens))
    }

    /// Where the wish's words are in `product`, whose words are given: any of its phrases wholly
    /// in the name, else in name and description together, else only the stemmer matched. Words
    /// inside a name that is not about the wish's interest ("Angry Birds" for birds) do not count.
    static func place(
        of request: InterestRequest, nameTokens: [String], nameSet: Set<String>, descriptionTokens: [String],
        allSet: Set<String>, product: Product
    ) -> TextPlace {
        if let filed = request.filedUnder, filed.holds(tags: product.interests, nameSet: nameSet) { return .name }
        if request.isFiledUnderAnotherThing(product.interests) { return .stem }
        if request.falseFriends.contains(where: { $0.allSatisfy(allSet.contains) })
            || Self.withoutPerformed(request, nameTokens) != nil
            || Self.withoutPerformed(request, descriptionTokens) != nil
        {
            // Rare: the text may hold such a name, or an activity a figure performs ("Dancing
            // Groot" for "dancing"), so read it again without them.
            return place(of: request, name: product.name, description: product.description)
        }
        return place(
            of: request, nameTokens: nameTokens, nameSet: nameSet, descriptionTokens: descriptionTokens,
            allSet: allSet)
    }

    /// Where the wish's words are among these words (see above).
    private static func place(
        of request: InterestRequest, nameTokens: [String], nameSet: Set<String>, descriptionTokens: [String],
        allSet: Set<String>
    ) -> TextPlace {
        let place = wordsPlace(
            of: request, nameTokens: nameTokens, nameSet: nameSet, descriptionTokens: descriptionTokens,
            allSet: allSet)
        guard place == .name || place == .description, let themed = themedPlace(nameTokens, for: request)
        else { return place }
        return themed
    }

    /// Where the wish's words are, whatever the product is.
    private static func wordsPlace(
        of request: InterestRequest, nameTokens: [String], nameSet: Set<String>, descriptionTokens: [String],
        allSet: Set<String>
    ) -> TextPlace {
        if let togetherness = request.togetherness, request.ownSet.isSubset(of: allSet) {
            // Words of a name they gave, or of a thing inside an interest, count only together.
            if standTogether(request.ownWords, in: nameTokens, togetherness) { return .name }
            // Another name of their wish, whole, says it however their own words stand: in the
            // name before their words in the description.
            for name in request.otherNames where contains(nameTokens, nameSet: nameSet, words: name.words) {
                return .name
            }
            if standTogether(request.ownWords, in: descriptionTokens, togetherness) { return .description }
            for name in request.otherNames where contains(descriptionTokens, nameSet: allSet, words: name.words) {
                return .description
            }
            return .apart
        }
        if request.ownSet.isSubset(of: nameSet) { return .name }
        for words in request.otherPhraseWords where contains(nameTokens, nameSet: nameSet, words: words) {
            return .name
        }
        // A known phrase is in a description only as the phrase: "board" and "games" apart in a
        // dart board's text, or "fire" (extinguisher) and "truck" in a container truck's, are not
        // "board games" or "fire trucks". A wish the taxonomy does not know ("famous buildings")
        // may stand apart.
        if !request.saysOnlyAmbiguousWords, request.ownSet.isSubset(of: allSet),
            !request.isKnownPhrase || contains(descriptionTokens, nameSet: allSet, words: request.ownWords)
                || contains(nameTokens, nameSet: nameSet, words: request.ownWords)
        {
            return .description
        }
        // The interest's other phrases, each as a phrase; one with their ambiguous word in it
        // ("magic set") proves nothing there ("the magic of …" and a "set" of cards).
        for words in request.otherPhraseWords
        where words.allSatisfy(allSet.contains) && contains(descriptionTokens, nameSet: allSet, words: words) {
            if request.saysOnlyAmbiguousWords && words.contains(where: request.ownSet.contains) { continue }
            return .description
        }
        return .stem
    }

    /// Whether `words` stand together in `tokens`: `.inOrder`, each at most two words after the
    /// one before ("felt tip colouring pens" holds "felt tip pens", "the lion king's" holds "lion
    /// king"); `.near`, in any order within three words more than they are ("kitchen science lab:
    /// 20 experiments" holds "science experiments").
    static func standTogether(_ words: [String], in tokens: [String], _ togetherness: Togetherness) -> Bool {
        guard let first = words.first else { return false }
        switch togetherness {
        case .inOrder:
            starts: for start in tokens.indices where tokens[start] == first {
                var at = start
                for word in words.dropFirst() {
                    let window = tokens[(at + 1)..<min(tokens.count, at + 4)]
                    guard let next = window.firstIndex(of: word) else { continue starts }
                    at = next
                }
                return true
            }
            return false
        case .near:
            let wanted = Set(words)
            let span = wanted.count + 3
            for start in tokens.indices where wanted.contains(tokens[start]) {
                let window = tokens[start..<min(tokens.count, start + span)]
                if wanted.allSatisfy(window.contains) { return true }
            }
            return false
        }
    }

    /// Whether `words` stand together, in order, in `tokens` (whose set is `nameSet`).
    static func contains(_ tokens: [String], nameSet: Set<String>, words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= tokens.count, nameSet.contains(words[0]) else { return false }
        if words.count == 1 { return true }
        for start in 0...(tokens.count - words.count) where tokens[start..<(start + words.count)].elementsEqual(words) {
            return true
        }
        return false
    }
}
