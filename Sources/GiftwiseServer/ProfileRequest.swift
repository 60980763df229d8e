import Foundation
import Giftwise

/// The profile of a recommendations request, as GET parameters or a POST body, read strictly:
/// unknown names and wrong types are refused naming the parameter or member; the ranges are those
/// of `giftwise recommend` (and of ``RecommendationRequest/problem``).
struct ProfileRequest: Sendable, Equatable {
    var age: Double
    var interests: [String] = []
    var purposes: [Purpose] = []
    var budget: Double?
    var budgetMin: Double?
    var exclude: [String] = []
    var limit: Int = 5
    /// The budget's currency; `nil`: the catalog's main currency.
    var currency: String?

    static let queryNames = ["age", "interest", "purpose", "budget", "budgetMin", "exclude", "limit", "currency"]
    static let bodyNames = ["age", "interests", "purposes", "budget", "budgetMin", "exclude", "limit", "currency"]
    /// Long lists are refused rather than searched: no person has 20 interests. (With these, the
    /// longest valid query string stays well under the 80 kB the HTTP parser accepts.)
    static let maxListLength = 20
    static let maxTextLength = 100

    /// Reads `GET /v1/recommendations?age=7&interest=…` parameters.
    init(query: QueryParameters) throws(Problem) {
        guard let ageText = try query.single("age") else {
            throw Problem.badParameter("age", "age is required: the recipient's age in years (1.5 = 18 months).")
        }
        age = try Self.number(ageText, name: "age")
        interests = try Self.texts(query.all("interest"), name: "interest")
        purposes = try query.all("purpose").map { word throws(Problem) in try Self.purpose(word, name: "purpose") }
        budget = try query.single("budget").map { text throws(Problem) in try Self.number(text, name: "budget") }
        budgetMin = try query.single("budgetMin").map { text throws(Problem) in try Self.number(text, name: "budgetMin")
        }
        exclude = try Self.texts(query.all("exclude"), name: "exclude")
        currency = try query.single("currency").map { text throws(Problem) in try Self.currency(text, name: "currency")
        }
        if let text = try query.single("limit") {
            guard let value = Int(text) else {
                throw Problem.badParameter(
                    "limit", "limit must be a whole number from 1 to 100 (got \"\(text.prefix(40))\").")
            }
            limit = value
        }
        try validate(parameterNames: (interests: "interest", purposes: "purpose"))
    }

    /// Reads a `POST /v1/recommendations` body (also the flow's `profile`).
    init(json data: Data) throws(Problem) {
        let object = try JSONBody.object(data)
        for key in object.keys.sorted() where !Self.bodyNames.contains(key) {
            throw Problem.badBody(
                "The member \"\(key.prefix(100))\" is not known. Known members: \(Self.bodyNames.joined(separator: ", ")).",
                member: key)
        }
        guard let ageValue = object["age"], ageValue != .null else {
            throw Problem.badBody("age is required: the recipient's age in years (1.5 = 18 months).", member: "age")
        }
        age = try JSONBody.number(ageValue, member: "age")
        interests = try Self.texts(JSONBody.strings(object["interests"], member: "interests"), name: "interests")
        purposes = try JSONBody.strings(object["purposes"], member: "purposes").map { word throws(Problem) in
            try Self.purpose(word, name: "purposes")
        }
        budget = try JSONBody.optionalNumber(object["budget"], member: "budget")
        budgetMin = try JSONBody.optionalNumber(object["budgetMin"], member: "budgetMin")
        exclude = try Self.texts(JSONBody.strings(object["exclude"], member: "exclude"), name: "exclude")
        if let value = object["currency"], value != .null {
            guard case .string(let text) = value else {
                throw Problem.badBody("currency must be a three-letter code such as GBP.", member: "currency")
            }
            currency = try Self.currency(text, name: "currency")
        }
        if let value = object["limit"], value != .null {
            let number = try JSONBody.number(value, member: "limit")
            guard number.rounded() == number, abs(number) < 1e9 else {
                throw Problem.badBody("limit must be a whole number from 1 to 100.", member: "limit")
            }
            limit = Int(number)
        }
        try validate(parameterNames: (interests: "interests", purposes: "purposes"))
    }

    private func validate(parameterNames: (interests: String, purposes: String)) throws(Problem) {
        guard (0...120).contains(age) else { throw Problem.badParameter("age", "age must be between 0 and 120 years.") }
        guard (1...100).contains(limit) else { throw Problem.badParameter("limit", "limit must be between 1 and 100.") }
        for (name, value) in [("budget", budget), ("budgetMin", budgetMin)] {
            if let value, !(0...1_000_000_000).contains(value) {
                throw Problem.badParameter(name, "\(name) must be an amount from 0 to 1000000000.")
            }
        }
        if let budget, let budgetMin, Money(budgetMin) > Money(budget) {
            throw Problem.badParameter("budgetMin", "budgetMin is above budget.")
        }
        if purposes.count > Self.maxListLength {
            throw Problem.badParameter(parameterNames.purposes, "At most \(Self.maxListLength) purposes.")
        }
    }

    static func number(_ text: String, name: String) throws(Problem) -> Double {
        guard let value = Double(text), value.isFinite, !text.contains(where: { $0.isLetter }) else {
            throw Problem.badParameter(name, "\(name) must be a number (got \"\(text.prefix(40))\").")
        }
        return value
    }

    static func currency(_ text: String, name: String) throws(Problem) -> String {
        let code = text.uppercased()
        guard ExchangeRates.isCurrencyCode(code) else {
            throw Problem.badParameter(
                name, "\(name) must be a three-letter ISO 4217 code such as GBP (got \"\(text.prefix(40))\").")
        }
        return code
    }

    static func purpose(_ word: String, name: String) throws(Problem) -> Purpose {
        guard let purpose = Purpose(word: word) else {
            throw Problem.badParameter(
                name,
                "\"\(word.prefix(40))\" is not a purpose; use one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        return purpose
    }

    static func texts(_ values: [String], name: String) throws(Problem) -> [String] {
        guard values.count <= maxListLength else {
            throw Problem.badParameter(name, "At most \(maxListLength) values of \(name).")
        }
        for value in values where value.count > maxTextLength {
            throw Problem.badParameter(name, "Each \(name) is at most \(maxTextLength) characters.")
        }
        return values
    }

    /// The request in canonical form, for the response cache: two requests with the same key get
    /// the same document. Purposes are a set to the library (order and repeats do not matter);
    /// everything else is kept as given. Strings are length-prefixed, so no two requests collide.
    var cacheKey: String {
        var key = "recommend age=\(age) limit=\(limit)"
        key += " budget=" + (budget.map { "\($0)" } ?? "-") + " budgetMin=" + (budgetMin.map { "\($0)" } ?? "-")
        key += " purposes=" + Set(purposes).map(\.rawValue).sorted().joined(separator: ",")
        key += " currency=" + (currency ?? "-")
        for (name, values) in [("interests", interests), ("exclude", exclude)] {
            key += " \(name)=\(values.count)"
            for value in values { key += " \(value.utf8.count):" + value }
        }
        return key
    }

    /// The library's request (which builds the profile exactly as `giftwise recommend` does).
    var libraryRequest: RecommendationRequest {
        RecommendationRequest(
            age: age, interests: interests, purposes: purposes, budget: budget, budgetMin: budgetMin,
            exclude: exclude, limit: limit, currency: currency)
    }
}

/// A JSON value, decoded strictly (a boolean is never a number).
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
            return
        }
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
            return
        }
        if let value = try? container.decode(Double.self) {
            self = .number(value)
            return
        }
        if let value = try? container.decode(String.self) {
            self = .string(value)
            return
        }
        if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
            return
        }
        self = .object(try container.decode([String: JSONValue].self))
    }
}

/// Strict reading of small JSON bodies (64 kB at most): objects, typed members, clear messages.
enum JSONBody {
    static func object(_ data: Data) throws(Problem) -> [String: JSONValue] {
        guard !data.isEmpty else { throw Problem.badBody("The request body is empty; send a JSON object.") }
        guard String(validating: data, as: UTF8.self) != nil else {
            throw Problem.badBody("The request body is not valid UTF-8.")
        }
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw Problem.badBody("The request body is not valid JSON.")
        }
        guard case .object(let object) = value else { throw Problem.badBody("The request body must be a JSON object.") }
        return object
    }

    static func number(_ value: JSONValue, member: String) throws(Problem) -> Double {
        guard case .number(let number) = value, number.isFinite else {
            throw Problem.badBody("\(member) must be a number.", member: member)
        }
        return number
    }

    static func optionalNumber(_ value: JSONValue?, member: String) throws(Problem) -> Double? {
        guard let value, value != .null else { return nil }
        return try number(value, member: member)
    }

    static func strings(_ value: JSONValue?, member: String) throws(Problem) -> [String] {
        guard let value, value != .null else { return [] }
        guard case .array(let array) = value else {
            throw Problem.badBody("\(member) must be an array of strings.", member: member)
        }
        var strings: [String] = []
        for element in array {
            guard case .string(let string) = element else {
                throw Problem.badBody("\(member) must be an array of strings.", member: member)
            }
            guard !string.contains("\u{0}") else {
                throw Problem.badBody("\(member) must not contain NUL characters.", member: member)
            }
            strings.append(string)
        }
        return strings
    }
}
