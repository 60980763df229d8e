import Foundation

/// The list shown after the questions and the person's refinements of it ("cheaper", "more like
/// 2", "not 3", "more crafty", "try 1" for a suggested change, "more", and "back" to undo the last
/// one). A `Codable` value: it holds the profile, the critique and the gifts shown, never a catalog.
public struct RefineSession: Sendable, Codable, Equatable {
    /// The profile the list is for, refinements applied.
    public private(set) var profile: RecipientProfile
    /// Steering that a profile cannot hold (gifts and kinds rejected or favoured).
    public private(set) var critique: Critique
    /// What the recipient's gift history teaches (never repeat a gift; loved and returned).
    public let history: HistorySignals
    /// How many gifts are shown.
    public private(set) var limit: Int
    /// The list shown now.
    public private(set) var result: Recommendations
    /// Notes about the last refinement ("Budget now up to $15.").
    public private(set) var notes: [String] = []

    private struct Snapshot: Sendable, Codable, Equatable {
        var profile: RecipientProfile
        var critique: Critique
        var limit: Int
        var result: Recommendations
        var accepted: [String]
    }

    private var undoStack: [Snapshot] = []
    /// The refinements as accepted, oldest first (undone ones left out).
    public private(set) var acceptedInputs: [String] = []

    /// What a refinement did.
    public enum Outcome: Sendable, Equatable {
        /// Applied (or undone): ``result`` is the new list, ``notes`` say what changed.
        case applied
        /// Not applied; the reason says what to do instead. The list is unchanged.
        case rejected(String)
        /// Not a refinement this session understands.
        case notUnderstood
    }

    /// The most gifts a list shows.
    package static let maxLimit = 100

    /// Shows the first list for a profile.
    public init(
        profile: RecipientProfile, critique: Critique = Critique(), history: HistorySignals = .none,
        limit: Int = 5, in catalog: GiftCatalog
    ) throws {
        try self.init(profile: profile, critique: critique, history: history, limit: limit, CatalogReader(catalog))
    }

    init(profile: RecipientProfile, critique: Critique, history: HistorySignals, limit: Int, _ reader: CatalogReader)
        throws
    {
        self.profile = profile
        self.critique = critique
        self.history = history
        self.limit = max(1, min(limit, Self.maxLimit))
        self.result = try reader.recommend(for: profile, limit: self.limit, history: history, critique: critique)
    }

    /// Whether ``undo()`` has a refinement to undo.
    public var canUndo: Bool { !undoStack.isEmpty }

    /// Applies what the person typed: a ``Refinement``, `more`, `try N` (or just `N`) for the Nth
    /// suggested change, or `back`/`undo`.
    public mutating func apply(_ text: String, in catalog: GiftCatalog) throws -> Outcome {
        try apply(text, CatalogReader(catalog))
    }

    mutating func apply(_ text: String, _ reader: CatalogReader) throws -> Outcome {
        let command = Self.normalized(text)
        if ["back", "b", "undo"].contains(command) {
            return undo()
                ? .applied
                : .rejected("There is no refinement to undo. Type `change answers` to go back to the questions.")
        }
        var next = self
        next.notes = []
        if command == "more" {
            guard limit < Self.maxLimit, result.items.count >= limit else {
                return .rejected("These are all the gifts that fit.")
            }
            next.limit = min(limit + 5, Self.maxLimit)
        } else if let number = Self.relaxationNumber(command) {
            guard result.relaxations.indices.contains(number - 1) else {
                return .rejected(
                    result.relaxations.isEmpty
                        ? "There are no suggested changes to try."
                        : "Give the number of a suggested change, 1 to \(result.relaxations.count).")
            }
            let relaxation = result.relaxations[number - 1]
            next.profile = relaxation.changes.applied(to: profile)
            next.notes.append("Changed: \(relaxation.suggestion).")
        } else if let refinement = Refinement(parsing: command) {
            do {
                if let note = try refinement.apply(
                    shown: result.items, to: &next.profile, critique: &next.critique,
                    taxonomy: reader.taxonomy)
                {
                    next.notes.append(note)
                }
            } catch let error as RefinementError {
                return .rejected(error.localizedDescription)
            }
            next.result = try reader.recommend(
                for: next.profile, limit: next.limit, history: history, critique: next.critique)
            switch refinement {
            case .cheaper:
                guard next.leavesMatches(comparedWith: result) else {
                    guard try next.cheaperByTheMiddle(than: self, reader) else {
                        return .rejected("Nothing cheaper fits your other answers.")
                    }
                    break
                }
            case .moreLike(let position):
                if next.result.items.map(\.product.id) == result.items.map(\.product.id) {
                    // The list was already all of that kind: show others like it instead.
                    let picked = result.items[position - 1].product
                    // A list of that one gift: there is nothing else like it to show (a trial was
                    // told "Showing other gifts like…" above the same single gift).
                    guard result.items.count > 1 else {
                        return .rejected("Nothing else in this catalog fits like the \(picked.name) does.")
                    }
                    next.critique.rejectedProductIDs.formUnion(
                        result.items.map(\.product.id).filter { $0 != picked.id })
                    next.result = try reader.recommend(
                        for: next.profile, limit: next.limit, history: history, critique: next.critique)
                    next.notes = [
                        "Showing other gifts like the \(picked.name) (the rest of the list before is set aside)."
                    ]
                }
            default:
                break
            }
        } else {
            return .notUnderstood
        }
        if !isRefinement(command) {
            next.result = try reader.recommend(
                for: next.profile, limit: next.limit, history: history, critique: next.critique)
        }
        next.undoStack.append(
            Snapshot(profile: profile, critique: critique, limit: limit, result: result, accepted: acceptedInputs))
        next.acceptedInputs.append(command)
        self = next
        return .applied
    }

    /// Undoes the last refinement.
    /// - Returns: whether there was one to undo.
    @discardableResult
    public mutating func undo() -> Bool {
        guard let previous = undoStack.popLast() else { return false }
        profile = previous.profile
        critique = previous.critique
        limit = previous.limit
        result = previous.result
        acceptedInputs = previous.accepted
        notes = ["Undid the last change."]
        return true
    }

    private func isRefinement(_ command: String) -> Bool { Refinement(parsing: command) != nil }

    /// Whether a cheaper list still shows gifts (good ones, when the list before had good ones).
    private func leavesMatches(comparedWith before: Recommendations) -> Bool {
        !result.items.isEmpty && (before.fit != .good || result.fit == .good)
    }

    /// `cheaper` when nothing fits under the cheapest gift shown: a round amount under the middle
    /// price shown instead. Sets the budget, list and note; `false` when that leaves nothing either.
    private mutating func cheaperByTheMiddle(than before: RefineSession, _ reader: CatalogReader) throws -> Bool {
        let prices = before.result.items.map(\.product.price).sorted()
        guard !prices.isEmpty, let amount = Refinement.roundAmount(below: prices[prices.count / 2]),
            amount.minorUnits >= before.profile.budgetMin?.minorUnits ?? 0
        else { return false }
        profile = before.profile
        profile.budgetMax = min(before.profile.budgetMax ?? amount, amount)
        result = try reader.recommend(for: profile, limit: limit, history: history, critique: critique)
        guard leavesMatches(comparedWith: before.result) else { return false }
        let currency = Refinement.budgetCurrency(profile, shown: before.result.items)
        notes = [
            "Budget now up to \(amount.formatted(currency: currency)) (nothing fits under the cheapest gift shown)."
        ]
        return true
    }

    static func normalized(_ text: String) -> String {
        AnswerParser.clean(text).lowercased().replacingOccurrences(of: "#", with: "")
            .split(separator: " ").joined(separator: " ")
    }

    /// "try 2", "option 2", "pick 2" or a bare "2": the number of a suggested change.
    static func relaxationNumber(_ command: String) -> Int? {
        if let number = Int(command) { return number }
        for prefix in ["try ", "option ", "pick ", "apply ", "use "] where command.hasPrefix(prefix) {
            return Int(command.dropFirst(prefix.count))
        }
        return nil
    }

    /// What can be typed after the list.
    package static let help =
        "cheaper: under the middle price shown · more like 2: more of that kind · not 3: drop that gift · "
        + "not like 3: drop that kind · more crafty: only crafty gifts · try 1: apply a suggested change · more: show more · "
        + "back: undo the last change (none left: back to the questions) · change answers: back to the questions · "
        + "change budget (or age, interests, purpose, avoid): that answer only · "
        + "\"she's more into horses\", \"he also likes drawing\": change what they enjoy · start over"
}
