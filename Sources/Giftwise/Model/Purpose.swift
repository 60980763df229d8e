/// What a gift is for: learning, making things, moving, or simply enjoying it.
public enum Purpose: String, CaseIterable, Codable, Sendable, Comparable {
    /// Teaches something: science kits, books, instruments.
    case educational
    /// Makes something: art, craft and building supplies.
    case crafty
    /// Gets them moving: sport, outdoor and fitness gear.
    case sporty
    /// Just for fun: games, toys, treats.
    case fun

    /// A short adjective for reasons and prompts ("something educational").
    public var adjective: String { rawValue }

    /// Orders purposes as declared, so output is stable.
    public static func < (lhs: Purpose, rhs: Purpose) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// This purpose's bit in a purpose mask.
    var bit: Int {
        switch self {
        case .educational: 1
        case .crafty: 2
        case .sporty: 4
        case .fun: 8
        }
    }

    /// The bits of a set of purposes.
    static func mask(_ purposes: some Sequence<Purpose>) -> Int { purposes.reduce(0) { $0 | $1.bit } }

    /// Parses a purpose from a user's word ("Educational", "sport", "craft").
    public init?(word: String) {
        let key = word.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        switch key {
        case "educational", "education", "learning", "learn", "educate", "teach", "teaches", "school", "stem":
            self = .educational
        case "crafty", "craft", "crafts", "creative", "making", "make", "arty", "artsy", "diy", "hands", "hands-on",
            "hands on", "handson", "build", "building", "create":
            self = .crafty
        case "sporty", "sport", "sports", "active", "sporting", "exercise", "outdoor", "outdoors", "physical",
            "moving", "move":
            self = .sporty
        case "fun", "just for fun", "for fun", "play", "playful", "silly", "entertaining", "laugh", "laughing":
            self = .fun
        default: return nil
        }
    }
}
