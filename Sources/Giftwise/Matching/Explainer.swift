/// Turns a scored candidate into a recommendation with reasons in the recipient's terms.
///
/// A reason never attributes to the recipient a liking they did not express: a product that
/// matches only something broader or related says the relation plainly ("ocean-themed, close to
/// scuba diving"), never "loves the ocean".
struct Explainer {
    let query: MatchQuery
    /// The budget's currency (`nil` without a budget).
    let budgetCurrency: String?

    /// "loves dinosaurs"; when they said it differently, their word too: "loves dinosaurs (\"dinos\")".
    static func phrase(for request: InterestRequest) -> String {
        guard let interest = request.interest, request.specificity == .same else {
            return "you mentioned \"\(request.said)\""
        }
        let said = TextNormalizer.key(request.said)
        let phrase = TextNormalizer.key(interest.phrase)
        // "loves football" for "football" (the interest is Football (Soccer)): their word is already there.
        if said == TextNormalizer.key(interest.id) || said == TextNormalizer.key(interest.label)
            || phrase == said || phrase.hasSuffix(" " + said)
        {
            return interest.phrase
        }
        return "\(interest.phrase) (\"\(request.said)\")"
    }

    /// The other name of their wish the product's name (or description) holds, as the taxonomy
    /// writes it ("fancy dress" for "costumes"), when their own words are not there; for a wish
    /// that is a whole interest, the interest's name the text holds instead ("multiplication" for
    /// "maths", "applique" for "sewing"): a reason never says their word is there when another is.
    static func otherName(of request: InterestRequest, in product: Product, place: TextPlace) -> String? {
        guard place == .name || place == .description else { return nil }
        let tokens = TextNormalizer.tokens(place == .name ? product.name : OwnDescription.of(product.description))
        let words = Set(tokens)
        if request.ownSet.isSubset(of: words), !request.statesOneOfItsNames { return nil }
        return (request.otherNames + request.interestNames).first {
            MatchQuery.contains(tokens, nameSet: words, words: $0.words)
        }?.written
    }

    /// "ocean" for "Ocean & Sea Life", "cars" for "Cars & Vehicles": the label's first part;
    /// `whole`, the label without its parenthesis ("rocks, minerals & volcanoes" for geology, as a
    /// kind of science; "football" for "Football (Soccer)").
    static func shortLabel(_ id: String, taxonomy: Taxonomy, whole: Bool = false) -> String {
        guard let label = taxonomy.interest(id: id)?.label else { return id }
        let head = whole ? label : label.components(separatedBy: " & ").first ?? label
        return (head.components(separatedBy: " (").first ?? head).lowercased()
    }

    func explain(_ candidate: Candidate) -> Recommendation {
        let product = candidate.product
        let profile = query.profile
        var reasons: [String] = []
        var mismatches: [String] = []

        // Interests: the strongest hit per thing they said; what it is for them ("loves science")
        // before what it is close to ("science-themed, close to space").
        var matchedRequests = Set<Int>()
        let ordered = candidate.hits.filter(\.hit.isStrong) + candidate.hits.filter { !$0.hit.isStrong }
        for match in ordered
        where match.request < query.requests.count && !matchedRequests.contains(match.request) {
            let request = query.requests[match.request]
            switch match.hit {
            case .tag(let tag, _):
                // The shop's own label that is their wish ("Speed Champions") needs no naming; one
                // that goes on from it says where the shop files the product.
                if let label = request.shopLabels.first(where: { $0.id == tag })?.label {
                    reasons.append(Self.phrase(for: request) + " (the shop files it under \"\(label)\")")
                } else if let interest = request.interest, tag != interest.id, tag != request.freeTag {
                    // "loves animals (horses)": which kind of their thing it is.
                    reasons.append(
                        Self.phrase(for: request) + " (\(Self.shortLabel(tag, taxonomy: query.taxonomy, whole: true)))")
                } else {
                    reasons.append(Self.phrase(for: request))
                }
            case .text(.stem):
                // "fish" for "fishing": never "enjoys fishing".
                reasons.append("a word like \"\(request.said)\" is in its text")
            case .text(.passing):
                reasons.append("its description mentions \"\(request.said)\"")
            case .text(.partySupply):
                reasons.append("\"\(request.said)\"-themed party supplies, for a party more than a gift")
            case .text(.part):
                reasons.append("a spare part for \"\(request.said)\", not the thing itself")
            case .text(.madeFor):
                reasons.append("made for \"\(request.said)\", not the thing itself")
            case .text(.carrier):
                reasons.append("its name has \"\(request.said)\", but on another thing, not the thing itself")
            case .text(.miniature):
                reasons.append("\"\(request.said)\" in miniature, for a dolls house more than a gift")
            case .text(.apart):
                let words = request.saidWords.map { "\"\($0.said)\"" }
                reasons.append(
                    words.count > 1
                        ? "has \(words.joined(separator: " and ")) apart, not \"\(request.said)\""
                        : "has the words of \"\(request.said)\", but not together")
            case .text(let place):
                let part = place == .name ? "the name" : "the description"
                // The interest's phrase holds their word once: 'enjoys sensory play ("sensory" is
                // in the name)', never 'enjoys cooking ("cook") ("cooking" is in the name)'.
                let phrase = Self.phrase(for: request)
                let plain = request.specificity == .same ? request.interest?.phrase ?? phrase : phrase
                // Another name of their wish in the name says more than the interest it is in
                // ("fibre tip" for "felt tip pens", not "pens" among the drawing things).
                if place == .name, let filed = request.filedUnder,
                    !request.ownSet.isSubset(of: Set(TextNormalizer.tokens(product.name))),
                    // Filed so, not only named another way ("Ice-Cream Truck" for "ice cream van"
                    // is no filing under a label that ends "Ice").
                    filed.holds(tags: product.interests, nameSet: Set(TextNormalizer.tokens(product.name))),
                    !filed.isAnInterest || Self.otherName(of: request, in: product, place: place) == nil
                {
                    // "ninjago dragon": a dragon in the name, Ninjago by the shop's filing.
                    // Their words as they wrote them ("animals", not the folded "animal").
                    let written = request.said.split(whereSeparator: \.isWhitespace).map(String.init).filter { word in
                        TextNormalizer.tokens(word).contains(where: filed.nameWords.contains)
                    }
                    let words = (written.isEmpty ? filed.nameWords : written).map { "\"\($0)\"" }
                        .joined(separator: " and ")
                    let named = Set(TextNormalizer.tokens(product.name)).isSuperset(of: filed.nameWords)
                    let label = filed.label(of: product.interests)
                    reasons.append(
                        phrase
                            + (filed.isAnInterest
                                ? " (\(words) in the name, and it's \(label))"
                                : named
                                    ? " (\(words) in the name, filed under \"\(label)\")"
                                    : " (the shop files it under \"\(label)\" and \(words))"))
                } else if let name = Self.otherName(of: request, in: product, place: place) {
                    // Honest about the words: "costumes" is not in "… Fancy Dress Outfit".
                    reasons.append(plain + " (\"\(name)\" is in \(part))")
                } else {
                    // Only the words of what they said that are there: "dinosaur" of "dinosaur
                    // toys" is in "T-Rex Dinosaur Model", "toys" is not.
                    let text = Set(
                        TextNormalizer.tokens(place == .name ? product.name : OwnDescription.of(product.description)))
                    let held = request.said.split(whereSeparator: \.isWhitespace).map(String.init).filter { word in
                        let tokens = TextNormalizer.tokens(word)
                        return !tokens.isEmpty && tokens.allSatisfy(text.contains)
                    }
                    // "anna and elsa" in "… Elsa & Anna …": both names are there, in their own order.
                    let shown = held.isEmpty || request.joinsTwoNames ? request.said : held.joined(separator: " ")
                    if phrase != plain || shown != request.said {
                        reasons.append(plain + " (\"\(shown)\" is in \(part))")
                    } else {
                        reasons.append(phrase + " (it's in \(part))")
                    }
                }
            case .meaning:
                reasons.append("close in meaning to \"\(request.said)\"")
            case .broader(let tag):
                reasons.append(
                    "\(Self.shortLabel(tag, taxonomy: query.taxonomy))-themed, not specifically \(request.said)")
            case .related(let tag):
                // Never a tag that is another of their wishes: scoring gives no such hit ("loves
                // building things" is not also "building-themed, close to trains").
                reasons.append("\(Self.shortLabel(tag, taxonomy: query.taxonomy))-themed, close to \(request.said)")
            case .nearMeaning:
                reasons.append("somewhat like \"\(request.said)\"")
            case .someWords(let words, let inName):
                let held = words.map { "\"\($0)\"" }.joined(separator: " and ")
                reasons.append("its \(inName ? "name" : "description") has \(held), not \"\(request.said)\"")
            case .like:
                continue
            }
            matchedRequests.insert(match.request)
        }
        if let liked = query.critique.favouredLike, liked != product.name,
            candidate.hits.contains(where: { if case .like = $0.hit { true } else { false } })
        {
            reasons.append("like the \(liked) you picked")
        }
        if candidate.needsTheirDevice {
            reasons.append("plays only on the console or device it is made for: check they have one")
        }
        if !query.requests.isEmpty && !candidate.hits.contains(where: \.hit.isStrong) {
            let said = query.requests.map(\.said).joined(separator: ", ")
            mismatches.append(
                candidate.hits.isEmpty
                    ? "doesn't match their interests (\(said))" : "not what they asked for (\(said)), only close to it")
        }

        // Purpose.
        if !profile.purposes.isEmpty {
            let wanted = profile.purposes.sorted()
            if let match = wanted.first(where: product.purposes.contains) {
                reasons.append("you asked for something \(match.adjective)")
            } else {
                mismatches.append(
                    "not \(wanted.map(\.adjective).joined(separator: " or ")) (it's \(product.purposes.map(\.adjective).joined(separator: " and ")))"
                )
            }
        }

        // Age.
        let ages = product.ages
        if candidate.madeForChildren {
            mismatches.append(
                !ages.isForYoungChildren(forTeenOrAdultMonths: profile.ageMonths)
                    ? "named for children, not for \(profile.ageDescriptionWithArticle)"
                    : "made for young children (\(ages.label)), not for \(profile.ageDescriptionWithArticle)")
        } else if let low = ages.minMonths, let high = ages.maxMonths, high - low <= 6 * 12 {
            reasons.append("made for \(ages.label)")
        } else if ages.minMonths == nil {
            reasons.append(
                candidate.filedAsToddlers
                    ? "the seller gives no age range, and it is named or filed as a toddler's toy"
                    : "the seller gives no age range")
        } else if ages.isForMuchYoungerChildren(thanMonths: profile.ageMonths)
            || ages.startsAmongYoungChildren(forTeenOrAdultMonths: profile.ageMonths)
        {
            reasons.append("made for younger children (\(ages.label))")
        } else if candidate.filedAsToddlers {
            reasons.append("a toddler's range, made for younger children (\(ages.label))")
        } else if profile.ageMonths < 18 * 12 || ages.minMonths ?? 0 >= 50 * 12 {
            reasons.append("suits \(profile.ageDescriptionWithArticle) (\(ages.label))")
        }

        // Budget: a limit, not a target. Shown in the budget's currency when it is the product's.
        let price = product.price.formatted(currency: product.currency)
        if let budget = profile.budgetMax {
            let budgetCurrency = self.budgetCurrency ?? product.currency
            if budgetCurrency == product.currency {
                reasons.append("\(price) of your \(budget.formatted(currency: budgetCurrency))")
            } else {
                reasons.append("\(price), within your \(budget.formatted(currency: budgetCurrency)) at the shop's rate")
            }
        } else {
            reasons.append(price)
        }

        // Their own history (already counted in the score).
        for lesson in candidate.lessons {
            let cited = Self.citedName(lesson.productName)
            if lesson.positive {
                reasons.append("they loved the \(cited) \(lesson.when)")
            } else {
                mismatches.append("like the \(cited) they returned \(lesson.when)")
            }
        }
        return Recommendation(
            product: product, score: Self.shownScore(candidate), reasons: reasons,
            mismatches: mismatches, isGoodMatch: candidate.isGood)
    }

    /// A past gift's name as a reason cites it: up to the first break in a retailer's long title
    /// ("Ravensburger Jigsaw Puzzle - Phra Nang Beach" → "Ravensburger Jigsaw Puzzle"), at most
    /// eight words, and not shouted ("24 PACK FELT TIP PENS FIBRE TIPPED DRAWING MARKERS …" → "24
    /// Pack Felt Tip Pens Fibre Tipped Drawing Markers…"). A trial saw the whole shouted title
    /// under four gifts of five.
    static func citedName(_ name: String) -> String {
        var cut = name.trimmingCharacters(in: .whitespaces)
        for separator in [" - ", " – ", " — ", " | ", ": ", ", ", " (", " ["] {
            if let range = cut.range(of: separator),
                cut[..<range.lowerBound].split(separator: " ").count >= 2
            {
                cut = String(cut[..<range.lowerBound])
            }
        }
        var words = cut.split(separator: " ").map(String.init)
        let shortened = words.count > 8
        if shortened { words = Array(words.prefix(8)) }
        let letters = words.joined().filter(\.isLetter)
        let shouted = letters.count >= 8 && Double(letters.filter(\.isUppercase).count) >= 0.8 * Double(letters.count)
        if shouted {
            words = words.map { word in
                word.count > 2 && word.allSatisfy({ !$0.isLowercase })
                    ? word.prefix(1) + word.dropFirst().lowercased() : word
            }
        }
        return words.joined(separator: " ") + (shortened ? "…" : "")
    }

    /// A candidate's score as a recommendation shows it (and the diversifier weighs it).
    static func shownScore(_ candidate: Candidate) -> Double {
        (candidate.score * 1000).rounded() / 1000
    }
}
