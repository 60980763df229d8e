/// How a count of gifts reads. Counts stop at ``cap``: past it the exact number changes no list,
/// label or suggestion, and stopping keeps counts cheap on catalogs of millions. A count at the
/// cap is shown as "1,000+", never as if it were exact.
public enum GiftCount {
    /// Good-match counts (the live count, relaxations, `goodMatchCount`) stop here.
    public static let cap = 1_000

    /// Whether `count` reached the cap (the real number may be larger).
    public static func isCapped(_ count: Int) -> Bool { count >= cap }

    /// "1 gift", "221 gifts", "1,000+ gifts" (with other nouns: "1 good match", "1,000+ good matches").
    public static func phrase(_ count: Int, _ one: String = "gift", _ many: String = "gifts") -> String {
        "\(number(count)) \(count == 1 ? one : many)"
    }

    /// "221", "1,000+".
    public static func number(_ count: Int) -> String {
        isCapped(count) ? IssueGroups.thousands(cap) + "+" : String(count)
    }
}
