import Foundation

/// A validated product ready to write, with its resolved tags.
struct ProductDraft {
    var product: Product
    /// (interest id, centrality weight), most central first.
    var tags: [(id: String, weight: Double)]
    var freeTags: [(id: String, label: String)]
    /// Bit 1: interests inferred from text; bit 2: purposes inferred.
    var inferred: Int
    var autoTagged: Bool { inferred != 0 }
    /// Purposes as bits (educational 1, crafty 2, sporty 4, fun 8), copied beside each tag row.
    var purposeMask: Int { Purpose.mask(product.purposes) }
    var searchText: String
    var contentHash: Int64
}

/// A parsed row: a draft, or every problem found in it.
enum ParseOutcome {
    case success(ProductDraft)
    case failure([ImportIssue])
}

/// Turns raw rows into validated product drafts, collecting every problem of a row.
struct ProductRowParser {
    static let knownFields = ["id", "name", "description", "price", "currency", "age_min", "age_max",
                              "interests", "purposes", "url", "in_stock"]
    /// Fields only reachable through a column map.
    static let mappableExtras = ["age"]

    let taxonomy: Taxonomy
    let columnMap: [String: String]
    /// Set for the CSV header check.
    private(set) var unknownFreeTags: [String] = []
    private var unknownFreeTagSet = Set<String>()

    /// Where each field sits in a CSV row, once the header is known (indexed by `slot`).
    private var csvPositions: [Int?] = Array(repeating: nil, count: Self.knownFields.count + Self.mappableExtras.count)

    init(taxonomy: Taxonomy, columnMap: [String: String]) {
        self.taxonomy = taxonomy
        self.columnMap = columnMap
    }

    /// Reads the CSV header once, so each row's fields are found by position, not by name.
    mutating func bind(columns: [String]) {
        for (slot, field) in (Self.knownFields + Self.mappableExtras).enumerated() {
            csvPositions[slot] = columns.firstIndex(of: column(for: field))
        }
    }

    /// A field's fixed slot (a switch on short strings: no hashing per row).
    static func slot(_ field: String) -> Int {
        switch field {
        case "id": 0
        case "name": 1
        case "description": 2
        case "price": 3
        case "currency": 4
        case "age_min": 5
        case "age_max": 6
        case "interests": 7
        case "purposes": 8
        case "url": 9
        case "in_stock": 10
        default: 11  // "age"
        }
    }

    func column(for field: String) -> String { columnMap[field] ?? field }

    /// Problems with the header alone (CSV): a required column that is not there.
    func headerIssues(columns: [String], line: Int) -> [ImportIssue] {
        let present = Set(columns)
        return ["id", "name", "price"].compactMap { field in
            let column = column(for: field)
            guard !present.contains(column) else { return nil }
            let hint = column == field ? "" : " (mapped from \"\(column)\")"
            var message = "the required column \"\(column)\"\(hint) is missing"
            if let guess = Self.likelyColumn(for: field, among: columns) {
                message += "; this file has \"\(guess)\": try --map \(field)=\(guess)"
            }
            return ImportIssue(line: line, field: field, message: message)
        }
    }

    /// A header column that probably holds `field` in a foreign export ("product_name", "SKU").
    static func likelyColumn(for field: String, among columns: [String]) -> String? {
        let hints: [String: [String]] = [
            "id": ["sku", "product_id", "productid", "uniq_id", "item_id", "id", "asin", "code"],
            "name": ["product_name", "productname", "title", "name", "product"],
            "price": ["price", "retail_price", "sale_price", "cost", "amount"],
        ]
        let folded = columns.map { ($0, $0.lowercased().replacingOccurrences(of: " ", with: "_")) }
        for hint in hints[field] ?? [] {
            if let exact = folded.first(where: { $0.1 == hint }) { return exact.0 }
        }
        for hint in hints[field] ?? [] where hint.count > 2 {
            if let partial = folded.first(where: { $0.1.contains(hint) }) { return partial.0 }
        }
        if field == "id" { return folded.first(where: { $0.1.hasSuffix("_id") })?.0 }
        return nil
    }

    /// Columns in the file that no field reads.
    func unusedColumns(_ columns: [String]) -> [String] {
        let used = Set((Self.knownFields + Self.mappableExtras).map(column(for:)))
        return columns.filter { !used.contains($0) && !$0.isEmpty }
    }

    mutating func parse(_ row: RawRow) -> ParseOutcome {
        var issues: [ImportIssue] = []
        let line = row.line
        func fail(_ field: String?, _ message: String) { issues.append(ImportIssue(line: line, field: field, message: message)) }
        if case .unreadable(let message) = row.values {
            return .failure([ImportIssue(line: line, field: nil, message: message)])
        }
        func value(_ field: String) -> RawValue? {
            let raw: RawValue?
            switch row.values {
            case .positional(let fields):
                guard let position = csvPositions[Self.slot(field)], position < fields.count else { return nil }
                raw = .text(fields[position])
            case .keyed(let object):
                raw = object[column(for: field)]
            case .unreadable:
                return nil
            }
            if case .null? = raw { return nil }
            if case .text(let text)? = raw, ValueParsers.trim(text).isEmpty { return nil }
            return raw
        }
        func text(_ field: String, required: Bool = false) -> String? {
            switch value(field) {
            case nil:
                if required { fail(field, "is empty; every product needs a \(field)") }
                return nil
            case .text(let text)?: return ValueParsers.trim(text)
            case .number(let number)? where field == "id" && number == number.rounded() && abs(number) < 1e15:
                return String(Int64(number))
            case let other?:
                fail(field, "must be text, not \(other.typeName)")
                return nil
            }
        }
        let id = text("id", required: true)
        let name = text("name", required: true)
        let description = text("description") ?? ""

        var price: Double?
        var priceCurrency: String?
        switch value("price") {
        case nil: fail("price", "is empty; every product needs a price (a number such as 24.99)")
        case .number(let number)?: price = number
        case .text(let raw)?:
            switch ValueParsers.price(raw) {
            case .price(let number, let currency):
                price = number
                priceCurrency = currency
            case .failure(let message): fail("price", message)
            }
        case let other?: fail("price", "must be a number, not \(other.typeName)")
        }
        if let value = price, !(value.isFinite && value >= 0 && value <= 1_000_000_000) {
            fail("price", "must be a number from 0 to 1000000000 (got \(value))")
            price = nil
        }

        var currency = "USD"
        if let code = text("currency") {
            let upper = code.uppercased()
            if upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) {
                currency = upper
            } else {
                fail("currency", "must be a three-letter ISO 4217 code such as USD (got \"\(code.prefix(20))\")")
            }
        } else if let priceCurrency {
            currency = priceCurrency
        }

        func age(_ field: String) -> Double? {
            switch value(field) {
            case nil: return nil
            case .number(let number)?:
                guard number.isFinite, (0...120).contains(number) else {
                    fail(field, "must be an age in years from 0 to 120 (got \(number))")
                    return nil
                }
                return number
            case .text(let raw)?:
                guard let years = ValueParsers.age(raw) else {
                    fail(field, "must be an age in years such as 6 or 0.5 (got \"\(raw.prefix(40))\")")
                    return nil
                }
                guard (0...120).contains(years) else {
                    fail(field, "must be an age in years from 0 to 120 (got \(raw.prefix(20)))")
                    return nil
                }
                return years
            case let other?:
                fail(field, "must be a number of years, not \(other.typeName)")
                return nil
            }
        }
        var ageMin = age("age_min")
        var ageMax = age("age_max")
        if columnMap["age"] != nil, ageMin == nil, ageMax == nil, case .text(let raw)? = value("age"),
           let range = ValueParsers.ageRange(raw) {
            if let low = range.min, !(0...120).contains(low) { fail("age", "must be an age from 0 to 120 (got \"\(raw.prefix(40))\")") }
            else if let high = range.max, !(0...120).contains(high) { fail("age", "must be an age from 0 to 120 (got \"\(raw.prefix(40))\")") }
            else {
                ageMin = range.min
                ageMax = range.max
            }
        }
        if let low = ageMin, let high = ageMax, low > high {
            fail("age_min", "the minimum age \(Self.format(low)) is above the maximum age \(Self.format(high))")
        }

        func list(_ field: String) -> [String] {
            switch value(field) {
            case nil: return []
            case .text(let raw)?:
                // `|` is the format's separator; `;` and `,` are accepted too (no tag contains them).
                return raw.split(whereSeparator: { $0 == "|" || $0 == ";" || $0 == "," })
                    .map { ValueParsers.trim(String($0)) }.filter { !$0.isEmpty }
            case .list(let items)?:
                var result: [String] = []
                for item in items {
                    if case .text(let text) = item {
                        let trimmed = ValueParsers.trim(text)
                        if !trimmed.isEmpty { result.append(trimmed) }
                    } else {
                        fail(field, "must be a list of text, but holds \(item.typeName)")
                    }
                }
                return result
            case let other?:
                fail(field, "must be a list (or |-separated text), not \(other.typeName)")
                return []
            }
        }
        let interestWords = list("interests")
        var purposes: [Purpose] = []
        for word in list("purposes") {
            if let purpose = Purpose(rawValue: word.lowercased()) {
                if !purposes.contains(purpose) { purposes.append(purpose) }
            } else {
                fail("purposes", "\"\(word.prefix(40))\" is not a purpose; use educational, crafty, sporty or fun")
            }
        }
        let url = text("url")
        var inStock = true
        switch value("in_stock") {
        case nil: break
        case .bool(let flag)?: inStock = flag
        case .number(let number)? where number == 0 || number == 1: inStock = number == 1
        case .text(let raw)?:
            switch ValueParsers.trim(raw).lowercased() {
            case "true", "yes", "1", "y": inStock = true
            case "false", "no", "0", "n": inStock = false
            default: fail("in_stock", "must be true or false (got \"\(raw.prefix(20))\")")
            }
        case let other?: fail("in_stock", "must be true or false, not \(other.typeName)")
        }

        guard issues.isEmpty, let id, let name, let price else {
            return .failure(issues)
        }

        // Tags: the file's own, resolved through the taxonomy; unknown ones stay as free tags.
        var tags: [(id: String, weight: Double)] = []
        var freeTags: [(id: String, label: String)] = []
        var inferred = 0
        for word in interestWords {
            let tagID: String
            if let interest = taxonomy.interest(id: word) ?? taxonomy.resolve(word) {
                tagID = interest.id
            } else {
                let key = TextNormalizer.key(word)
                guard !key.isEmpty else { continue }
                tagID = key
                freeTags.append((key, word))
                if unknownFreeTagSet.insert(key).inserted { unknownFreeTags.append(word) }
            }
            if !tags.contains(where: { $0.id == tagID }) {
                tags.append((tagID, Taxonomy.centrality(rank: tags.count)))
            }
        }
        if interestWords.isEmpty {
            tags = taxonomy.tag(name: name, description: description)
            inferred |= 1
        }
        if purposes.isEmpty {
            purposes = PurposeInference.purposes(name: name, description: description, interests: tags.map(\.id))
            inferred |= 2
        }
        let minMonths = ageMin.map { Int(($0 * 12).rounded()) }
        let maxMonths = ageMax.map { Int(($0 * 12).rounded()) }
        let product = Product(
            id: id, name: name, description: description, price: Money(price), currency: currency,
            ages: AgeRange(minMonths: minMonths, maxMonths: maxMonths), interests: tags.map(\.id),
            purposes: purposes, url: url, inStock: inStock)
        let freeLabels = Dictionary(freeTags.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let searchText = tags.map { tag in
            if let interest = taxonomy.interest(id: tag.id) { return interest.label }
            return freeLabels[tag.id] ?? tag.id
        }.joined(separator: " ")
        let hash = StableHash.fnv1a([
            id, name, description, String(product.price.minorUnits), currency,
            minMonths.map(String.init) ?? "", maxMonths.map(String.init) ?? "",
            tags.map(\.id).joined(separator: "|"), purposes.map(\.rawValue).joined(separator: "|"),
            url ?? "", inStock ? "1" : "0", String(inferred),
        ])
        return .success(ProductDraft(product: product, tags: tags, freeTags: freeTags, inferred: inferred,
                                     searchText: searchText, contentHash: hash))
    }

    static func format(_ years: Double) -> String {
        years == years.rounded() ? String(Int(years)) : String(years)
    }
}

/// Infers what an untagged product is for, from its interests and words.
enum PurposeInference {
    static let byInterest: [String: Purpose] = {
        var map: [String: Purpose] = [:]
        for id in ["science", "chemistry", "engineering", "robotics", "coding", "electronics", "math", "space",
                   "nature", "insects", "birds", "history", "languages", "reading", "writing", "dinosaurs",
                   "ocean", "animals", "travel"] { map[id] = .educational }
        for id in ["art", "drawing", "painting", "crafts", "sewing", "knitting", "pottery", "jewelry-making",
                   "woodworking", "building", "baking", "cooking", "photography", "gardening"] { map[id] = .crafty }
        for id in ["soccer", "basketball", "baseball", "racket-sports", "golf", "cycling", "running", "swimming",
                   "climbing", "yoga", "fitness", "skateboarding", "martial-arts", "winter-sports", "hiking",
                   "camping", "fishing", "outdoor-play", "dance"] { map[id] = .sporty }
        for id in ["board-games", "card-games", "video-games", "puzzles", "pretend-play", "dolls", "plush",
                   "superheroes", "fantasy", "magic", "film", "vehicles", "trains", "bath-time", "collecting",
                   "theater", "music", "chess", "sensory-play", "aviation"] { map[id] = .fun }
        return map
    }()

    static let keywords: [(String, Purpose)] = [
        ("educational", .educational), ("learn", .educational), ("learning", .educational), ("stem", .educational),
        ("science", .educational), ("experiment", .educational), ("teach", .educational),
        ("craft", .crafty), ("diy", .crafty), ("make your own", .crafty), ("paint", .crafty), ("sew", .crafty),
        ("build", .crafty), ("model kit", .crafty), ("colouring", .crafty), ("coloring", .crafty),
        ("sport", .sporty), ("exercise", .sporty), ("outdoor", .sporty), ("ball", .sporty), ("fitness", .sporty),
        ("game", .fun), ("toy", .fun), ("fun", .fun), ("play", .fun),
    ]

    static func purposes(name: String, description: String, interests: [String]) -> [Purpose] {
        var result: [Purpose] = []
        for id in interests.prefix(2) {
            if let purpose = byInterest[id], !result.contains(purpose) { result.append(purpose) }
        }
        if result.isEmpty {
            let words = " " + TextNormalizer.tokens(name + " " + description).joined(separator: " ") + " "
            for (keyword, purpose) in keywords where words.contains(" " + keyword + " ") {
                if !result.contains(purpose) { result.append(purpose) }
                if result.count == 2 { break }
            }
        }
        return result.isEmpty ? [.fun] : result
    }
}
