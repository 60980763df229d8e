import Foundation

/// A gift in the catalog.
public struct Product: Hashable, Sendable, Codable, Identifiable {
    /// The seller's unique id (SKU).
    public var id: String
    /// The product's name.
    public var name: String
    /// Free-text description; may be empty.
    public var description: String
    /// The price.
    public var price: Money
    /// ISO 4217 currency code.
    public var currency: String
    /// The labelled age range.
    public var ages: AgeRange
    /// Interest ids, most central first (taxonomy ids, or the shop's own free tags).
    public var interests: [String]
    /// What the gift is for.
    public var purposes: [Purpose]
    /// Product page, if any.
    public var url: String?
    /// Whether it can be bought now; out-of-stock products are never recommended.
    public var inStock: Bool

    /// The description worth showing beside the name: empty when it only repeats the name (retail
    /// exports often copy the name into the description).
    public var descriptionBeyondName: String {
        let trimmed = description.trimmingCharacters(in: .whitespacesAndNewlines)
        return TextNormalizer.key(trimmed) == TextNormalizer.key(name) ? "" : description
    }

    /// Creates a product.
    public init(
        id: String, name: String, description: String = "", price: Money, currency: String = "USD",
        ages: AgeRange = AgeRange(minMonths: nil, maxMonths: nil), interests: [String] = [],
        purposes: [Purpose] = [], url: String? = nil, inStock: Bool = true
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.price = price
        self.currency = currency
        self.ages = ages
        self.interests = interests
        self.purposes = purposes
        self.url = url
        self.inStock = inStock
    }
}
