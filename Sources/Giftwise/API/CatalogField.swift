/// The fields of the catalog file format (DESIGN §3): CSV header names and JSON keys.
public enum CatalogField: String, CaseIterable, Sendable, Codable {
    /// Unique product id (SKU). Required.
    case id
    /// Product name. Required.
    case name
    /// Free text.
    case description
    /// Decimal ≥ 0. Required.
    case price
    /// ISO 4217 code, default USD.
    case currency
    /// Youngest suitable age in years; empty = unknown.
    case ageMin = "age_min"
    /// Oldest suitable age in years; empty = no upper limit.
    case ageMax = "age_max"
    /// Interest tags: taxonomy ids, aliases or the shop's own.
    case interests
    /// `educational`, `crafty`, `sporty`, `fun`.
    case purposes
    /// Product page.
    case url
    /// `true`/`false`, default true.
    case inStock = "in_stock"
    /// Not a column of the format: an age range written as text ("3 years and up"), read from a
    /// foreign export's column through a column map (`--map age=product_information`).
    case age

    /// The columns of the file format, in export order (``age`` is only mapped, never written).
    public static let formatFields: [CatalogField] = allCases.filter { $0 != .age }

    /// Fields every product must have.
    public static let requiredFields: [CatalogField] = [.id, .name, .price]

    /// Whether a column map may read this field from several columns at once
    /// (`interests=theme,subtheme`): list fields only.
    public var acceptsSeveralColumns: Bool { self == .interests || self == .purposes }

    /// A dense index, for per-field tables.
    var slot: Int {
        switch self {
        case .id: 0
        case .name: 1
        case .description: 2
        case .price: 3
        case .currency: 4
        case .ageMin: 5
        case .ageMax: 6
        case .interests: 7
        case .purposes: 8
        case .url: 9
        case .inStock: 10
        case .age: 11
        }
    }
}
