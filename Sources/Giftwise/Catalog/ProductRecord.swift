import GRDB

/// Reads products with their tags from the relational tables.
enum ProductRecord {
    static let columns =
        "p.pk, p.id, p.name, p.description, p.price_minor, p.currency, p.age_min_months, p.age_max_months, p.url, p.in_stock, p.inferred, p.purposes"

    /// Products matching a condition on `product p`, ordered by id.
    static func fetchProducts(
        _ db: Database, where condition: String, arguments: StatementArguments = [], orderBy: String = "p.id"
    ) throws -> [Product] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(columns) FROM product p WHERE \(condition) ORDER BY \(orderBy)", arguments: arguments)
        return try attachTags(db, rows: rows).map(\.product)
    }

    /// One page of the catalog in id order, after `afterID` (from the start when `nil`), for export.
    static func fetchPage(_ db: Database, after afterID: String?, limit: Int) throws
        -> [(pk: Int64, product: Product, inferred: Int, supplied: [String])]
    {
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(columns) FROM product p WHERE (? IS NULL OR p.id > ?) ORDER BY p.id LIMIT ?",
            arguments: [afterID, afterID, limit])
        return try attachTags(db, rows: rows)
    }

    /// Turns rows of `columns` into products, loading the tags of all of them in one query
    /// (purposes come from the row's purpose bits). `supplied` holds the tags the shop's file
    /// gave, without those inferred from the product's text.
    static func attachTags(_ db: Database, rows: [Row]) throws -> [(
        pk: Int64, product: Product, inferred: Int, supplied: [String]
    )] {
        guard !rows.isEmpty else { return [] }
        let pks = rows.map { $0[0] as Int64 }
        let list = pks.map(String.init).joined(separator: ",")
        var interests: [Int64: [String]] = [:]
        var supplied: [Int64: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql:
                "SELECT product_pk, interest_id, supplied FROM product_interest INDEXED BY product_interest_by_product WHERE product_pk IN (\(list)) ORDER BY product_pk, rank"
        ) {
            interests[row[0], default: []].append(row[1])
            if row[2] as Bool { supplied[row[0], default: []].append(row[1]) }
        }
        return rows.map { row in
            let pk: Int64 = row[0]
            let product = Product(
                id: row[1], name: row[2], description: row[3], price: Money(minorUnits: row[4]), currency: row[5],
                ages: AgeRange(minMonths: row[6], maxMonths: row[7]), interests: interests[pk] ?? [],
                purposes: Purpose.allCases.filter { (row[11] as Int) & $0.bit != 0 }, url: row[8], inStock: row[9])
            return (pk, product, row[10], supplied[pk] ?? [])
        }
    }
}
