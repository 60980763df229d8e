/// What earlier gifts to this recipient teach: nothing here is popularity, only their own outcomes.
public struct HistorySignals: Sendable, Equatable, Codable {
    /// A past gift's lesson.
    public struct Lesson: Sendable, Equatable, Codable {
        /// The interest tags of the past gift.
        public var interests: [String]
        /// Its name, for the reason ("they loved the Stegosaurus Kit last year").
        public var productName: String
        /// `true` for loved, `false` for returned.
        public var positive: Bool
        /// "last year", "in March 2025".
        public var when: String

        /// Creates a lesson.
        public init(interests: [String], productName: String, positive: Bool, when: String) {
            self.interests = interests
            self.productName = productName
            self.positive = positive
            self.when = when
        }
    }

    /// Product ids already given: never recommended again.
    public var givenProductIDs: Set<String>
    /// Loved and returned gifts.
    public var lessons: [Lesson]

    /// Creates signals.
    public init(givenProductIDs: Set<String> = [], lessons: [Lesson] = []) {
        self.givenProductIDs = givenProductIDs
        self.lessons = lessons
    }

    /// No history.
    public static let none = HistorySignals()
}
