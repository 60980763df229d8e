import Foundation

/// Answers given alongside a saved recipient ("recommend --for Maya --budget 20"): each one that
/// is set replaces the saved answer.
public struct ProfileOverrides: Sendable, Equatable {
    /// Age in years.
    public var ageYears: Double?
    /// Interests (replace the saved ones when non-empty).
    public var interests: [String]
    /// Purposes (replace the saved ones when non-empty).
    public var purposes: Set<Purpose>
    /// The most to spend.
    public var budgetMax: Money?
    /// The least to spend.
    public var budgetMin: Money?
    /// Words to avoid or product ids they own: added to the saved ones.
    public var exclude: [String]
    /// The budget's currency.
    public var currency: String?

    /// Creates overrides; everything left out keeps the saved answer.
    public init(
        ageYears: Double? = nil, interests: [String] = [], purposes: Set<Purpose> = [], budgetMax: Money? = nil,
        budgetMin: Money? = nil, exclude: [String] = [], currency: String? = nil
    ) {
        self.ageYears = ageYears
        self.interests = interests
        self.purposes = purposes
        self.budgetMax = budgetMax
        self.budgetMin = budgetMin
        self.exclude = exclude
        self.currency = currency
    }

    /// `profile` with these answers in place, telling product ids from words in `exclude`.
    /// - Throws: ``GiftwiseError/invalidProfile(_:)`` when the minimum budget ends up above the
    ///   maximum; database errors.
    public func applied(to profile: RecipientProfile, in catalog: GiftCatalog) throws -> RecipientProfile {
        var profile = profile
        if let ageYears { profile.ageMonths = Int((ageYears * 12).rounded(.down)) }
        if !interests.isEmpty { profile.interests = interests }
        if !purposes.isEmpty { profile.purposes = purposes }
        if let budgetMax {
            profile.budgetMax = budgetMax
            if budgetMin == nil, let saved = profile.budgetMin, saved > budgetMax { profile.budgetMin = nil }
        }
        if let budgetMin { profile.budgetMin = budgetMin }
        if let currency { profile.currency = currency.uppercased() }
        if let low = profile.budgetMin, let high = profile.budgetMax, low > high {
            let currency = try profile.currency ?? catalog.mainCurrency()
            throw GiftwiseError.invalidProfile(
                "The least to spend (\(low.formatted(currency: currency))) is above the most (\(high.formatted(currency: currency)))."
            )
        }
        try profile.exclude(exclude, in: catalog)
        return profile
    }
}

extension RecipientBook {
    /// A saved recipient's profile today with `overrides` applied, and what their history teaches.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``; see ``ProfileOverrides/applied(to:in:)``.
    public func profile(named name: String, overriding overrides: ProfileOverrides = ProfileOverrides())
        throws -> (recipient: SavedRecipient, profile: RecipientProfile, history: HistorySignals)
    {
        let saved = try recipient(named: name)
        let base: RecipientProfile
        if let ageYears = overrides.ageYears, saved.profile(on: now()) == nil {
            // No age saved, one given now: the saved answers for that age.
            base = RecipientProfile(
                ageYears: ageYears, interests: saved.interests, purposes: saved.purposes,
                budgetMax: saved.budgetMax, budgetMin: saved.budgetMin, excludedWords: saved.excludedWords)
        } else {
            base = try self.profile(for: saved)
        }
        let profile = try overrides.applied(to: base, in: catalog)
        return (saved, profile, try historySignals(for: saved))
    }
}
