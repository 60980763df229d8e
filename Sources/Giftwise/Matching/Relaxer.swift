import GRDB

/// Finds the smallest changes of answers that would open up good matches.
///
/// QuickXPlain-style: single changes are tried first (raise the budget to the next useful amount,
/// drop or swap a purpose, drop an interest, broaden an interest to its related ones, drop an
/// exclusion, drop the minimum budget). Pairs are tried only when no single change helps, and a
/// pair is kept only if neither of its halves helps alone (so every suggestion is minimal). Each
/// suggestion's count comes from re-running the same good-match count on the changed profile,
/// so it is exactly what re-asking would give. Age is a safety limit and is never relaxed.
struct Relaxer {
    let query: MatchQuery
    let currency: MatchQuery.CurrencyContext
    static let maxSuggestions = 5

    func relaxations(_ db: Database, currentGood: Int) throws -> [Relaxation] {
        let profile = query.profile
        let singles = try singleChanges(db)
        var helpful: [Relaxation] = []
        for change in singles {
            let count = try query.countGood(db, profile: change.changes.applied(to: profile))
            if count > currentGood {
                var relaxation = Relaxation(suggestion: change.suggestion, matches: count, changes: change.changes)
                if change.changes.budget != nil, !query.requests.isEmpty {
                    let said = query.requests.map(\.said).joined(separator: " or ")
                    relaxation.detail = "\(GiftCount.phrase(count, "gift that matches", "gifts that match")) \(said)"
                }
                helpful.append(relaxation)
            }
        }
        if helpful.isEmpty {
            // Pairs of changes to different answers.
            for (i, first) in singles.enumerated() {
                for second in singles[(i + 1)...] where Self.disjoint(first.changes, second.changes) {
                    let merged = first.changes.merged(with: second.changes)
                    let count = try query.countGood(db, profile: merged.applied(to: profile))
                    if count > currentGood {
                        helpful.append(
                            Relaxation(
                                suggestion: first.suggestion + " and " + second.suggestion, matches: count,
                                changes: merged))
                    }
                }
            }
        }
        var seen = Set<String>()
        // Fewest changes first; among them, the ones that keep everything they said they enjoy
        // (a higher budget for a chess lover), then a broadened interest, and last a dropped one,
        // however many gifts dropping it would open.
        let said = Set(profile.interests)
        func loss(_ changes: ProfileChanges) -> Int {
            guard let interests = changes.interests else { return 0 }
            return said.isSubset(of: interests) ? 1 : 2
        }
        return
            helpful
            .sorted {
                ($0.changes.count, loss($0.changes), -$0.matches, $0.suggestion)
                    < ($1.changes.count, loss($1.changes), -$1.matches, $1.suggestion)
            }
            .filter { seen.insert($0.suggestion).inserted }
            .prefix(Self.maxSuggestions).map { $0 }
    }

    private static func disjoint(_ a: ProfileChanges, _ b: ProfileChanges) -> Bool {
        !((a.budget != nil && b.budget != nil) || (a.purposes != nil && b.purposes != nil)
            || (a.interests != nil && b.interests != nil) || (a.exclude != nil && b.exclude != nil)
            || (a.dropBudgetMin != nil && b.dropBudgetMin != nil) || (a.currency != nil && b.currency != nil))
    }

    private func singleChanges(_ db: Database) throws -> [(suggestion: String, changes: ProfileChanges)] {
        let profile = query.profile
        var changes: [(String, ProfileChanges)] = []
        if let budget = profile.budgetMax, let raised = try nextUsefulBudget(db, above: budget) {
            changes.append(
                (
                    "raise the budget to \(raised.formatted(currency: currency.budgetCurrency))",
                    ProfileChanges(budget: raised)
                ))
        }
        if profile.budgetMin != nil {
            changes.append(("drop the minimum spend", ProfileChanges(dropBudgetMin: true)))
        }
        // A budget in a currency the shop gave no rate for leaves those products out: the same
        // amount in the shop's currency is the change that brings them in ("$20" in a shop that
        // prices in pounds).
        if let amount = profile.budgetMax ?? profile.budgetMin {
            let comparable = Set(currency.comparable)
            for code in currency.catalogCurrencies where !comparable.contains(code) {
                changes.append(
                    (
                        "give the budget in \(code) (\(amount.formatted(currency: code)))",
                        ProfileChanges(currency: code)
                    ))
            }
        }
        let purposes = profile.purposes.sorted()
        for purpose in purposes {
            let rest = purposes.filter { $0 != purpose }
            changes.append(
                (
                    rest.isEmpty ? "drop \"\(purpose.adjective)\" (any kind of gift)" : "drop \"\(purpose.adjective)\"",
                    ProfileChanges(purposes: rest)
                ))
        }
        if purposes.count == 1 {
            for other in Purpose.allCases where other != purposes[0] {
                changes.append(
                    (
                        "make it \(other.adjective) instead of \(purposes[0].adjective)",
                        ProfileChanges(purposes: [other])
                    ))
            }
        }
        let interests = profile.interests
        for (index, said) in interests.enumerated() {
            var rest = interests
            rest.remove(at: index)
            changes.append(
                (
                    rest.isEmpty ? "don't require a match for \"\(said)\"" : "drop the interest \"\(said)\"",
                    ProfileChanges(interests: rest)
                ))
            let resolution = query.taxonomy.resolution(said)
            if let resolved = resolution, resolved.specificity == .narrower, !interests.contains(resolved.interest.id) {
                // They asked for something inside an interest: the interest itself is the next step out.
                changes.append(
                    (
                        "broaden \"\(said)\" to \(resolved.interest.label.lowercased())",
                        ProfileChanges(interests: rest + [resolved.interest.id])
                    ))
            }
            if let interest = resolution?.interest, !interest.related.isEmpty {
                // The interests inside theirs already count ("art" takes in drawing and painting).
                let inside =
                    resolution?.specificity == .same ? Set(query.taxonomy.narrowerInterests(of: interest)) : []
                // Only interests close enough to offer their gifts as close (see
                // ``InterestRequest/closeEnough``): "cooking" is not broadened to gardening.
                let related = interest.related.filter {
                    !inside.contains($0.key) && $0.value >= InterestRequest.closeEnough
                }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map(\.key)
                let added = related.filter { id in !interests.contains(where: { query.taxonomy.resolve($0)?.id == id })
                }
                if !added.isEmpty {
                    let labels = added.compactMap { query.taxonomy.interest(id: $0)?.label.lowercased() }
                    changes.append(
                        (
                            "broaden \"\(said)\" to \(labels.joined(separator: ", "))",
                            ProfileChanges(interests: interests + added)
                        ))
                }
            }
        }
        for (index, word) in profile.excludedWords.enumerated() {
            var rest = profile.excludedWords
            rest.remove(at: index)
            changes.append(("allow \"\(word)\" again", ProfileChanges(exclude: rest)))
        }
        return changes
    }

    /// The smallest whole-dollar budget above `budget` that opens a handful of good matches
    /// (or as many as there are).
    private func nextUsefulBudget(_ db: Database, above budget: Money) throws -> Money? {
        let current = try query.countGood(db, profile: query.profile)
        var unlimited = query.profile
        unlimited.budgetMax = nil
        let total = try query.countGood(db, profile: unlimited)
        guard total > current else { return nil }
        let target = min(total, max(current + 1, Matcher.handful))
        // The price of the (target − current)-th cheapest good match above the budget.
        guard let price = try query.goodPrice(db, profile: query.profile, offset: target - current - 1), price > budget
        else { return nil }
        return Money(minorUnits: Self.wholeDollars(price.minorUnits))
    }

    static func wholeDollars(_ minor: Int64) -> Int64 { (minor + 99) / 100 * 100 }
}
