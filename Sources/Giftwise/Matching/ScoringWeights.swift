/// How much each kind of fit counts. Only fit to the recipient: no popularity, price or stock.
public struct ScoringWeights: Sendable, Equatable {
    /// Weight of interest fit.
    public var interest: Double
    /// Weight of purpose fit.
    public var purpose: Double
    /// Weight of age fit (how well the range targets this age).
    public var age: Double
    /// A related interest counts this much of an exact one (times the relation's weight).
    public var relatedFactor: Double
    /// A text mention of a word the taxonomy does not know counts this much.
    public var textMatchUnknown: Double
    /// Each further interest matched adds this share of its fit.
    public var extraInterestShare: Double
    /// MMR trade-off between relevance (1) and novelty (0) in the diversified top of the list.
    public var diversityLambda: Double

    /// The defaults.
    public static let `default` = ScoringWeights(
        interest: 0.6, purpose: 0.25, age: 0.15, relatedFactor: 0.6,
        textMatchUnknown: 0.7, extraInterestShare: 0.25, diversityLambda: 0.7)
}
