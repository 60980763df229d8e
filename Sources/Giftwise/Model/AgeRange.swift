import Foundation

/// An age range in months, as printed on a product ("ages 6–9").
///
/// `maxMonths` is inclusive of the whole labelled year: a toy for "3–5" suits a child until their
/// sixth birthday, as shops and safety labels read it.
public struct AgeRange: Hashable, Sendable, Codable {
    /// Youngest suitable age in months; `nil` when the seller did not say.
    public var minMonths: Int?
    /// Oldest suitable age in months as labelled; `nil` for no upper limit.
    public var maxMonths: Int?

    /// Creates a range from months.
    public init(minMonths: Int?, maxMonths: Int?) {
        self.minMonths = minMonths
        self.maxMonths = maxMonths
    }

    /// Ages under three are never offered a product whose minimum age is unknown: small parts.
    public static let unknownMinimumSafeFromMonths = 36

    /// The first age in months that no longer fits the labelled maximum.
    static func exclusiveUpperBound(maxMonths: Int) -> Int {
        maxMonths % 12 == 0 ? maxMonths + 12 : maxMonths + 1
    }

    /// Whether a recipient of `ageMonths` may be given this product. Never relaxed.
    public func admits(ageMonths: Int) -> Bool {
        if let minMonths {
            if ageMonths < minMonths { return false }
        } else if ageMonths < Self.unknownMinimumSafeFromMonths {
            return false
        }
        if let maxMonths, ageMonths >= Self.exclusiveUpperBound(maxMonths: maxMonths) { return false }
        return true
    }

    /// How well this range targets a recipient of `ageMonths`, in 0…1 (never a safety rule: see
    /// ``admits(ageMonths:)``). Adults: ranges made for adults (12+, or 50+ for the over-65s)
    /// beat children's toys. Children: a range a few years wide made for them beats "3 to 99";
    /// open ranges count to 18, an unknown minimum from 3.
    ///
    /// The catalog store's SQL twin (`AgeRange.fitSQL`) is tested to agree with this.
    public func fit(forRecipientMonths ageMonths: Int) -> Double {
        if ageMonths >= Self.seniorFromMonths {
            let low = minMonths ?? 0
            return low >= Self.seniorRangeFromMonths ? 1.0 : (low >= Self.adultRangeFromMonths ? 0.85 : 0.6)
        }
        if ageMonths >= Self.adultFromMonths { return (minMonths ?? 0) >= Self.adultRangeFromMonths ? 1.0 : 0.7 }
        let span =
            Double(
                min(maxMonths ?? Self.openRangeEndMonths, Self.openRangeEndMonths)
                    - (minMonths ?? Self.unknownMinimumSafeFromMonths)) / 12.0
        return 1.0 / (1.0 + Self.spanPenaltyPerYear * max(0, span - Self.comfortableSpanYears))
    }

    /// Whether the range marks a toy for babies and toddlers (a minimum under 3, no maximum: "3+"
    /// is too often a small-parts warning to say so) and the recipient is 6 or older: made for
    /// much younger children, however open the range is upwards.
    func isForMuchYoungerChildren(thanMonths ageMonths: Int) -> Bool {
        ageMonths >= Self.olderChildFromMonths && maxMonths == nil
            && (minMonths ?? Int.max) < Self.toddlerToyBelowMonths
    }

    /// Whether a teenager or an adult would be given a toddler's toy: the range starts under 3 and
    /// runs open (or into adulthood), as DUPLO's "18 months+" does. Such a product is never a good
    /// match for them, whatever it is about (a trial's 70-year-old train lover was offered a
    /// DUPLO Thomas set).
    func isForYoungChildren(forTeenOrAdultMonths ageMonths: Int) -> Bool {
        guard ageMonths >= Self.teenFromMonths, let minMonths, (maxMonths ?? Int.max) >= Self.adultFromMonths
        else { return false }
        return minMonths < Self.toddlerToyBelowMonths
    }

    /// Whether a range that starts at 4 or 5 and runs open is a young child's, for a teenager or an
    /// adult: such a product ranks after the ones made for older children (a trial's 16-year-old
    /// builder was offered five LEGO "4+" sets), and stays a good match when it is their thing (a
    /// seller prints "4+" on a wooden chess set as a small-parts warning). "3+" says even less.
    /// For an adult, "3+" counts too: a trial's 45-year-old train lover was offered five "3+"
    /// children's trains before any model railway (a chess set "3+" then only ranks after the
    /// chess sets labelled for older players).
    func startsAmongYoungChildren(forTeenOrAdultMonths ageMonths: Int) -> Bool {
        guard ageMonths >= Self.teenFromMonths, let minMonths, (maxMonths ?? Int.max) >= Self.adultFromMonths
        else { return false }
        let from = ageMonths >= Self.adultFromMonths ? Self.toddlerToyBelowMonths : Self.smallPartsWarningEndMonths
        return minMonths >= from && minMonths < Self.youngChildRangeBelowMonths
    }

    /// Below this age, a product whose seller states no minimum age comes after those that do.
    static let unstatedAgeComesLaterBelowMonths = 5 * 12
    static let olderChildFromMonths = 6 * 12
    static let teenFromMonths = 13 * 12
    static let youngChildRangeBelowMonths = 6 * 12
    /// "3+" (up to this) is a small-parts warning as often as an age a toy is made for.
    static let smallPartsWarningEndMonths = 4 * 12
    static let toddlerToyBelowMonths = 36
    static let seniorFromMonths = 65 * 12
    static let adultFromMonths = 18 * 12
    static let seniorRangeFromMonths = 50 * 12
    static let adultRangeFromMonths = 12 * 12
    static let openRangeEndMonths = 18 * 12
    static let comfortableSpanYears = 3.0
    static let spanPenaltyPerYear = 0.12

    /// "ages 6–9", "ages 14+", "all ages", "0–24 months".
    public var label: String {
        switch (minMonths, maxMonths) {
        case (nil, nil): return "age not stated"
        case (let lo?, nil): return "ages \(Self.years(lo))+"
        case (nil, let hi?): return "up to age \(Self.years(hi))"
        case (let lo?, let hi?):
            if hi <= 36 && (lo % 12 != 0 || hi % 12 != 0 || hi <= 24) {
                return "ages \(lo)–\(hi) months"
            }
            return "ages \(Self.years(lo))–\(Self.years(hi))"
        }
    }

    static func years(_ months: Int) -> String {
        months % 12 == 0 ? String(months / 12) : String(format: "%.1f", Double(months) / 12)
    }
}
