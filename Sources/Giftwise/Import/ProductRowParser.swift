import Foundation

/// A validated product ready to write, with its resolved tags.
///
/// A class, read-only once made: the parsing thread makes it and the writer only reads it, so
/// handing a row over retains one object instead of each of its strings and arrays (those
/// copies were 3 % of the writer's CPU, the import's busier thread).
final class ProductDraft: Sendable {
    let product: Product
    /// Interest ids, most central first: the shop's own tags, then any inferred from the text.
    let tags: [String]
    /// How many of ``tags`` (from the front) the file supplied; the rest were inferred.
    let suppliedTagCount: Int
    let freeTags: [(id: String, label: String)]
    /// What was read from its own text (``ProductFlags``): interests, purposes, an accessory, a
    /// game for one device.
    let inferred: Int
    /// Whether its interests were read from its text alone (the report's "tagged from their text").
    var interestsInferred: Bool { inferred & ProductFlags.interestsInferred != 0 }
    /// Purposes as bits (educational 1, crafty 2, sporty 4, fun 8), copied beside each tag row.
    var purposeMask: Int { Purpose.mask(product.purposes) }
    let searchText: String
    let contentHash: Int64
    /// The gift its name stands for (``Diversifier/giftKey(name:tokens:)``): variants share it.
    let giftKey: Int64
    /// The product's stored semantic vector (``ProductVectors/encode(_:)``), computed on the
    /// parsing thread so the writer only inserts it; nil when the parser was not asked to embed.
    let vector: [UInt8]?

    init(
        product: Product, tags: [String], suppliedTagCount: Int, freeTags: [(id: String, label: String)],
        inferred: Int, searchText: String, contentHash: Int64, giftKey: Int64, vector: [UInt8]? = nil
    ) {
        self.product = product
        self.tags = tags
        self.suppliedTagCount = suppliedTagCount
        self.freeTags = freeTags
        self.inferred = inferred
        self.searchText = searchText
        self.contentHash = contentHash
        self.giftKey = giftKey
        self.vector = vector
    }
}

/// A parsed row: a draft, or every problem found in it.
enum ParseOutcome {
    case success(ProductDraft)
    case failure([ImportIssue])
}

/// Turns raw rows into validated product drafts, collecting every problem of a row.
struct ProductRowParser {
    let taxonomy: Taxonomy
    /// Source columns per field: the field's own name unless mapped; several for list fields
    /// mapped as `interests=theme,subtheme`.
    let sourceColumns: [[String]]
    /// The shop's own tags the taxonomy does not know, as first written, in file order.
    var unknownFreeTags: [String] { firstUnknownFreeTags.map(\.word) }
    /// Each unknown tag's first use (its key once), with the line, so the notes of several
    /// parsers (one per parsing thread) merge into file order.
    private var firstUnknownFreeTags: [(line: Int, key: String, word: String)] = []
    private var unknownFreeTagSet = Set<String>()

    /// Where each field's columns sit in a CSV row, once the header is known (indexed by slot).
    private var csvPositions: [[Int]] = Array(repeating: [], count: CatalogField.allCases.count)

    /// Embeds each valid product while parsing (set for a real import, not a dry run): the vector
    /// is then made on the parsing thread instead of after the rows, on the writer's (issue 15).
    var vectorEncoder: ProductVectorEncoder?

    /// The currency of a price that names none (ImportOptions.defaultCurrency, checked).
    let defaultCurrency: String

    init(taxonomy: Taxonomy, columnMap: [String: String], defaultCurrency: String = "USD") {
        self.taxonomy = taxonomy
        self.defaultCurrency = defaultCurrency
        var sources = Array(repeating: [String](), count: CatalogField.allCases.count)
        for field in CatalogField.allCases {
            sources[field.slot] = Self.columns(for: field, in: columnMap)
        }
        self.sourceColumns = sources
    }

    /// The columns a field is read from under `columnMap` (the extra field `age` only when mapped).
    static func columns(for field: CatalogField, in columnMap: [String: String]) -> [String] {
        guard let mapped = columnMap[field.rawValue] else { return field == .age ? [] : [field.rawValue] }
        guard field.acceptsSeveralColumns else { return [mapped] }
        let parts = mapped.split(separator: ",").map { ValueParsers.trim(String($0)) }.filter { !$0.isEmpty }
        return parts.isEmpty ? [mapped] : parts
    }

    func columns(for field: CatalogField) -> [String] { sourceColumns[field.slot] }

    /// Whether a column map points this field at another column.
    func isMapped(_ field: CatalogField) -> Bool { columns(for: field) != [field.rawValue] }

    /// Reads the CSV header once, so each row's fields are found by position, not by name.
    mutating func bind(columns: [String]) {
        for field in CatalogField.allCases {
            csvPositions[field.slot] = self.columns(for: field).compactMap { columns.firstIndex(of: $0) }
        }
    }

    /// Problems with the header alone (CSV): a required column that is not there, and a mapped
    /// column the file does not have.
    func headerIssues(columns: [String], line: Int) -> [ImportIssue] {
        let present = Set(columns)
        var issues: [ImportIssue] = CatalogField.requiredFields.compactMap { field in
            guard let column = self.columns(for: field).first, !present.contains(column) else { return nil }
            let hint = column == field.rawValue ? "" : " (mapped from \"\(column)\")"
            var message = "the required column \"\(column)\"\(hint) is missing"
            if let guess = Self.likelyColumn(for: field, among: columns) {
                message += "; this file has \"\(guess)\": try --map \(field.rawValue)=\(guess)"
            } else if field == .price {
                // A file with no prices at all (BoardGameGeek's) cannot honour a budget: say what
                // would make it importable, not only what is missing.
                message +=
                    "; every product needs a price (a budget is a hard limit), and no column here looks like one:"
                    + " add a price column, or name the one that holds it with --map price=COLUMN"
            }
            return ImportIssue(line: line, field: field.rawValue, message: message)
        }
        // A column map naming a column the file lacks is a mistake to point out, not to ignore.
        for field in CatalogField.allCases where !CatalogField.requiredFields.contains(field) && isMapped(field) {
            for column in self.columns(for: field) where !present.contains(column) {
                issues.append(
                    ImportIssue(
                        line: line, field: field.rawValue,
                        message:
                            "the mapped column \"\(column)\" is not in the file's header (it has: \(columns.prefix(12).joined(separator: ", ")))"
                    ))
            }
        }
        return issues
    }

    /// A header column that probably holds `field` in a foreign export ("product_name", "SKU").
    static func likelyColumn(for field: CatalogField, among columns: [String]) -> String? {
        let hints: [CatalogField: [String]] = [
            .id: ["sku", "product_id", "productid", "uniq_id", "item_id", "id", "asin", "code"],
            .name: ["product_name", "productname", "title", "name", "product"],
            .price: ["price", "retail_price", "sale_price", "cost", "amount"],
        ]
        let folded = columns.map { ($0, $0.lowercased().replacingOccurrences(of: " ", with: "_")) }
        for hint in hints[field] ?? [] {
            if let exact = folded.first(where: { $0.1 == hint }) { return exact.0 }
        }
        for hint in hints[field] ?? [] where hint.count > 2 {
            if let partial = folded.first(where: { $0.1.contains(hint) }) { return partial.0 }
        }
        if field == .id { return folded.first(where: { $0.1.hasSuffix("_id") })?.0 }
        return nil
    }

    /// Columns in the file that no field reads.
    func unusedColumns(_ columns: [String]) -> [String] {
        let used = Set(sourceColumns.joined())
        return columns.filter { !used.contains($0) && !$0.isEmpty }
    }

    mutating func parse(_ row: RawRow) -> ParseOutcome {
        var issues: [ImportIssue] = []
        let line = row.line
        func fail(_ field: CatalogField?, _ message: String) {
            issues.append(ImportIssue(line: line, field: field?.rawValue, message: message))
        }
        if case .unreadable(let message) = row.values {
            return .failure([ImportIssue(line: line, field: nil, message: message)])
        }
        /// The field's values, one per source column that has one (most fields have one column).
        func values(_ field: CatalogField) -> [RawValue] {
            var result: [RawValue] = []
            switch row.values {
            case .positional(let fields):
                for position in csvPositions[field.slot] where position < fields.count {
                    if ValueParsers.trim(fields[position]).isEmpty { continue }
                    result.append(.text(fields[position]))
                }
            case .keyed(let object):
                for column in sourceColumns[field.slot] {
                    guard let raw = object[column] else { continue }
                    if case .null = raw { continue }
                    if case .text(let text) = raw, ValueParsers.trim(text).isEmpty { continue }
                    result.append(raw)
                }
            case .unreadable:
                break
            }
            return result
        }
        /// ``values(_:)``'s first, without building the list (most fields are read this way).
        func value(_ field: CatalogField) -> RawValue? {
            switch row.values {
            case .positional(let fields):
                for position in csvPositions[field.slot] where position < fields.count {
                    if ValueParsers.trim(fields[position]).isEmpty { continue }
                    return .text(fields[position])
                }
                return nil
            default:
                return values(field).first
            }
        }
        func text(_ field: CatalogField, required: Bool = false) -> String? {
            switch value(field) {
            case nil:
                if required { fail(field, "is empty; every product needs a \(field.rawValue)") }
                return nil
            case .text(let text)?: return ValueParsers.trim(text)
            case .number(let number)? where field == .id && number == number.rounded() && abs(number) < 1e15:
                return String(Int64(number))
            case let other?:
                fail(field, "must be text, not \(other.typeName)")
                return nil
            }
        }
        let id = text(.id, required: true)
        let name = text(.name, required: true)
        let description = text(.description) ?? ""

        var price: Double?
        var priceCurrency: String?
        switch value(.price) {
        case nil: fail(.price, "is empty; every product needs a price (a number such as 24.99)")
        case .number(let number)?: price = number
        case .text(let raw)?:
            switch ValueParsers.price(raw) {
            case .price(let number, let currency):
                price = number
                priceCurrency = currency
            case .failure(let message): fail(.price, message)
            }
        case let other?: fail(.price, "must be a number, not \(other.typeName)")
        }
        if let value = price, !(value.isFinite && value >= 0 && value <= 1_000_000_000) {
            fail(.price, "must be a number from 0 to 1000000000 (got \(value))")
            price = nil
        }

        var currency = defaultCurrency
        if let code = text(.currency) {
            let upper = code.uppercased()
            if ExchangeRates.isCurrencyCode(upper) {
                currency = upper
            } else {
                fail(.currency, "must be a three-letter ISO 4217 code such as USD (got \"\(code.prefix(20))\")")
            }
        } else if let priceCurrency {
            currency = priceCurrency
        }

        func age(_ field: CatalogField) -> Double? {
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
        var ageMin = age(.ageMin)
        var ageMax = age(.ageMax)
        // The mapped `age` field holds text such as "3 years and up" or a long description in
        // which only an age phrase counts (never a model number, ASIN or date).
        if ageMin == nil, ageMax == nil {
            switch value(.age) {
            case .text(let raw)?:
                if let reading = AgePhraseReader.field(raw) { (ageMin, ageMax) = (reading.min, reading.max) }
            case .number(let number)? where number.isFinite && (0...120).contains(number):
                ageMin = number
            default: break
            }
        }
        if let low = ageMin, let high = ageMax, low > high {
            fail(.ageMin, "the minimum age \(Self.format(low)) is above the maximum age \(Self.format(high))")
        }
        // An age the name or description states ("ages 8+", "not suitable for children under 3
        // years") fills an unknown age and may only raise a stated minimum, never lower it.
        if issues.isEmpty, let stated = Self.statedAge(name: name ?? "", description: description),
            let statedMin = stated.min
        {
            if ageMin == nil && ageMax == nil {
                (ageMin, ageMax) = (statedMin, stated.max)
            } else if statedMin > (ageMin ?? 0) {
                ageMin = statedMin
                if let high = ageMax, high < statedMin { ageMax = nil }
            }
            // An open-ended "3 years and up" beside a name's "Costume Age 2-3": the text's upper
            // end holds (a toddler's costume is not for an 8-year-old).
            if ageMax == nil, let statedMax = stated.max, statedMax >= (ageMin ?? 0) {
                ageMax = statedMax
            }
        }
        // "Ladies Zombie Bride Costume", "Monk of the Abbey - Adult Costume": made for grown-ups,
        // whatever age the listing gives (retail exports often carry a toy category's "3 years
        // and up" on adult costumes). Never offered to a child: at least 14, 18 for what is
        // sexual ("Sexy Nurse Costume").
        if issues.isEmpty, (ageMin ?? 0) < Self.adultContentMinimumAge,
            let adult = Self.adultMinimumAge(name: name ?? ""), (ageMin ?? 0) < adult
        {
            ageMin = adult
            if let high = ageMax, high < adult { ageMax = nil }
        }

        func list(_ field: CatalogField) -> [String] {
            var result: [String] = []
            func appendItems(of text: String) {
                // `|` is the format's separator; `;`, `,` and a category path's `>` are
                // accepted too (no tag contains them).
                if ValueParsers.appendASCIIListItems(of: text, to: &result) { return }
                for part in text.split(whereSeparator: { $0 == "|" || $0 == ";" || $0 == "," || $0 == ">" }) {
                    let trimmed = ValueParsers.trim(String(part))
                    if !trimmed.isEmpty { result.append(trimmed) }
                }
            }
            // A CSV row's columns straight, as ``values(_:)`` would list them, without the list.
            if case .positional(let fields) = row.values {
                for position in csvPositions[field.slot] where position < fields.count {
                    if ValueParsers.trim(fields[position]).isEmpty { continue }
                    appendItems(of: fields[position])
                }
                return result
            }
            for raw in values(field) {
                switch raw {
                case .text(let text):
                    appendItems(of: text)
                case .list(let items):
                    for item in items {
                        if case .text(let text) = item {
                            let trimmed = ValueParsers.trim(text)
                            if !trimmed.isEmpty { result.append(trimmed) }
                        } else {
                            fail(field, "must be a list of text, but holds \(item.typeName)")
                        }
                    }
                default:
                    fail(field, "must be a list (or |-separated text), not \(raw.typeName)")
                }
            }
            return result
        }
        let interestWords = list(.interests)
        var purposes: [Purpose] = []
        for word in list(.purposes) {
            if let purpose = Purpose(rawValue: word.lowercased()) {
                if !purposes.contains(purpose) { purposes.append(purpose) }
            } else {
                fail(.purposes, "\"\(word.prefix(40))\" is not a purpose; use educational, crafty, sporty or fun")
            }
        }
        let url = text(.url)
        var inStock = true
        switch value(.inStock) {
        case nil: break
        case .bool(let flag)?: inStock = flag
        case .number(let number)? where number == 0 || number == 1: inStock = number == 1
        case .text(let raw)?:
            switch ValueParsers.trim(raw).lowercased() {
            case "true", "yes", "1", "y": inStock = true
            case "false", "no", "0", "n": inStock = false
            default: fail(.inStock, "must be true or false (got \"\(raw.prefix(20))\")")
            }
        case let other?: fail(.inStock, "must be true or false, not \(other.typeName)")
        }

        guard issues.isEmpty, let id, let name, let price else {
            return .failure(issues)
        }

        // Tags: the file's own, resolved through the taxonomy; unknown ones stay as free tags.
        var tags: [String] = []
        var freeTags: [(id: String, label: String)] = []
        var inferred = 0
        var anyKnownTag = false
        for word in interestWords {
            let tagID: String
            // A shop's label narrower than the interest it lies inside ("Speed Champions" in
            // racing, "Thomas & Friends" in trains) is kept too, after it: someone who asks for
            // exactly that finds what the shop files under it, not only its name's words.
            var narrowerLabel: String?
            if taxonomy.hasInterest(id: word) {
                tagID = word  // the interest's own id
                anyKnownTag = true
            } else if let (interest, specificity) = taxonomy.resolution(word) {
                tagID = interest.id
                anyKnownTag = true
                if specificity == .narrower { narrowerLabel = TextNormalizer.key(word) }
            } else {
                let key = TextNormalizer.key(word)
                guard !key.isEmpty else { continue }
                tagID = key
                freeTags.append((key, word))
                if unknownFreeTagSet.insert(key).inserted { firstUnknownFreeTags.append((line, key, word)) }
            }
            if !tags.contains(tagID) { tags.append(tagID) }
            if let key = narrowerLabel, !key.isEmpty, !tags.contains(key) {
                tags.append(key)
                freeTags.append((key, word))
            }
        }
        let suppliedTagCount = tags.count
        // Party supplies ("Dinosaur Party Invitations") carry a theme but are not about it: no
        // interest is read from their text (see `PartySupplies`).
        // The name's words, read once for what it is and for its interests.
        let nameTokens = TextNormalizer.tokens(name)
        let kind = NameKind(tokens: nameTokens)
        let readsTags = !kind.isPartySupply && !kind.isDollsHouseMiniature
        if interestWords.isEmpty {
            tags =
                readsTags
                ? taxonomy.tag(nameTokens: nameTokens, description: OwnDescription.of(description)).map(\.id) : []
            inferred |= ProductFlags.interestsInferred
        } else if !anyKnownTag, readsTags {
            // The shop's own tags say nothing the taxonomy understands (a LEGO theme such as
            // "Star Wars"): keep them first, and add what the text says after them. Decided by
            // the data alone, so an export imports back to the same tags.
            for id in taxonomy.tag(nameTokens: nameTokens, description: OwnDescription.of(description)).map(\.id)
            where !tags.contains(id) {
                tags.append(id)
            }
        }
        if purposes.isEmpty {
            purposes = PurposeInference.purposes(name: name, description: description, interests: tags)
            inferred |= ProductFlags.purposesInferred
        }
        if kind.isAccessory { inferred |= ProductFlags.accessory }
        if kind.isDeviceBound { inferred |= ProductFlags.deviceBound }
        if ThemedAccessories.namesAPart(nameTokens, isAccessory: kind.isAccessory)
            || ThemedAccessories.saysMadeForSomething(nameTokens)
        {
            inferred |= ProductFlags.servesAThing
        }
        if kind.isDeviceBound || ThemedAccessories.mayHoldAnotherThing(nameTokens) {
            inferred |= ProductFlags.mayHoldAnotherThing
        }
        let minMonths = ageMin.map { Int(($0 * 12).rounded()) }
        let maxMonths = ageMax.map { Int(($0 * 12).rounded()) }
        let product = Product(
            id: id, name: name, description: description, price: Money(price), currency: currency,
            ages: AgeRange(minMonths: minMonths, maxMonths: maxMonths), interests: tags,
            purposes: purposes, url: url, inStock: inStock)
        let searchText: String
        if tags.count == 1, let label = taxonomy.label(id: tags[0]) {
            // One known tag (most rows): its label, as joining the one label would give.
            searchText = label
        } else {
            let freeLabels = Dictionary(freeTags.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
            searchText = tags.map { tag in
                if let label = taxonomy.label(id: tag) { return label }
                return freeLabels[tag] ?? tag
            }.joined(separator: " ")
        }
        // The same value as `StableHash.fnv1a([id, name, description, String(minor units), currency,
        // min months or "", max months or "", tags joined by "|" + "#" + supplied count, purposes
        // joined by "|", url or "", "1" or "0", String(inferred)])`, without building those strings.
        var hasher = StableHash.Parts()
        hasher.add(id)
        hasher.endPart()
        hasher.add(name)
        hasher.endPart()
        hasher.add(description)
        hasher.endPart()
        hasher.add(decimal: Int(product.price.minorUnits))
        hasher.endPart()
        hasher.add(currency)
        hasher.endPart()
        if let minMonths { hasher.add(decimal: minMonths) }
        hasher.endPart()
        if let maxMonths { hasher.add(decimal: maxMonths) }
        hasher.endPart()
        for (index, tag) in tags.enumerated() {
            if index > 0 { hasher.add(UInt8(ascii: "|")) }
            hasher.add(tag)
        }
        hasher.add(UInt8(ascii: "#"))
        hasher.add(decimal: suppliedTagCount)
        hasher.endPart()
        for (index, purpose) in purposes.enumerated() {
            if index > 0 { hasher.add(UInt8(ascii: "|")) }
            hasher.add(purpose.rawValue)
        }
        hasher.endPart()
        if let url { hasher.add(url) }
        hasher.endPart()
        hasher.add(inStock ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        hasher.endPart()
        hasher.add(decimal: inferred)
        hasher.endPart()
        let hash = hasher.value
        return .success(
            ProductDraft(
                product: product, tags: tags, suppliedTagCount: suppliedTagCount, freeTags: freeTags,
                inferred: inferred,
                searchText: searchText, contentHash: hash,
                giftKey: Diversifier.giftKey(name: name, tokens: nameTokens),
                vector: embed(name: name, description: description)))
    }

    /// One parser holding what `parsers` (each given other rows of one file) noted, as if one
    /// parser had read every row in file order.
    static func merging(_ parsers: [ProductRowParser]) -> ProductRowParser {
        guard var merged = parsers.first else { preconditionFailure("merging no parsers") }
        guard parsers.count > 1 else { return merged }
        // A line's tags all come from one parser, in its order: sort by line, then that order.
        let all = parsers.flatMap { $0.firstUnknownFreeTags.enumerated() }.sorted {
            $0.element.line != $1.element.line ? $0.element.line < $1.element.line : $0.offset < $1.offset
        }
        merged.firstUnknownFreeTags = []
        merged.unknownFreeTagSet = []
        for (_, entry) in all where merged.unknownFreeTagSet.insert(entry.key).inserted {
            merged.firstUnknownFreeTags.append(entry)
        }
        return merged
    }

    /// The encoded vector of a product, exactly as ``ProductVectors/fillMissing(_:embedder:)``
    /// would store it from the written row.
    private mutating func embed(name: String, description: String) -> [UInt8]? {
        vectorEncoder?.encode(name: name, description: description)
    }

    /// The youngest age a product whose name says it is for adults is offered to.
    static let adultProductMinimumAge = 14.0
    /// The youngest age a product whose name says it is sexual is offered to.
    static let adultContentMinimumAge = 18.0

    /// The youngest age the name allows, when it says the product is for grown-ups: 18 for words
    /// that are sexual ("sexy", "lingerie", "fishnet"), 14 for a product made for adults ("adult
    /// size", "Mens", "Ladies'") or gambling ("poker", "casino") that names no child ("Girls and
    /// Womens Beanie" is for both; a character's "Horror Girl" names none). A title such as "Men in
    /// Black" is not a marker, nor are "adult supervision" and "young adult".
    static func adultMinimumAge(name: String) -> Double? {
        // Most names hold no marker at all: say so from the bytes, without a String per word
        // (the word list was 5 % of an import's CPU).
        if mayNameAnAdultMarker(name) == false { return nil }
        return adultMinimumAge(words: nameWords(name))
    }

    /// ``adultMinimumAge(name:)`` from the name's words (``nameWords(_:)``).
    static func adultMinimumAge(words: [String]) -> Double? {
        if words.contains(where: adultContentMarkers.contains) { return adultContentMinimumAge }
        // Drink, smoking, hen and stag nights, unless the name also says a child is meant ("Pink
        // Tutu Hen Party Adult & Children (2-4 years)").
        let drinkOrParty =
            words.contains(where: adultOnlyMarkers.contains)
            || words.indices.dropLast().contains { adultPairs[words[$0]]?.contains(words[$0 + 1]) == true }
        if drinkOrParty, !words.contains(where: { childMarkers.contains($0) || miniatureMarkers.contains($0) }) {
            return adultContentMinimumAge
        }
        let marked = words.indices.contains { index in
            guard adultMarkers.contains(words[index]) else { return false }
            if index > 0, words[index - 1] == "young" { return false }
            return index + 1 == words.count || !adultHelpWords.contains(words[index + 1])
        }
        guard marked || words.contains(where: gamblingMarkers.contains), !words.contains(where: childMarkers.contains)
        else { return nil }
        return adultProductMinimumAge
    }

    /// Whether an ASCII name has a word of ``nameWords(_:)`` that is an adult or adult-content
    /// marker (false means ``adultMinimumAge(name:)`` is nil); nil for any other name.
    static func mayNameAnAdultMarker(_ name: String) -> Bool? {
        var name = name
        // Read once: each use of a static in the loop checked that it was initialised.
        let (minimumLength, maximumLength, firstLetters) = (
            markerMinimumLength, markerMaximumLength, markerFirstLetters
        )
        return name.withUTF8 { bytes -> Bool? in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { word -> Bool? in
                var length = 0
                func isMarker() -> Bool {
                    guard length >= minimumLength, length <= maximumLength,
                        firstLetters & (1 << UInt32(word[0] &- 0x61)) != 0
                    else { return false }
                    return markerWords.contains(String(decoding: word[..<length], as: UTF8.self))
                }
                for byte in bytes {
                    if byte >= 0x80 { return nil }
                    if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "'") {
                        if length < maximumLength {
                            word[length] = (0x41...0x5A).contains(byte) ? byte + 32 : byte
                        }
                        length += 1
                    } else {
                        if isMarker() { return true }
                        length = 0
                    }
                }
                return isMarker()
            }
        }
    }

    /// Every word whose presence can make ``adultMinimumAge(words:)`` non-nil: a set of marker
    /// words added to that rule must be added here too.
    private static let markerWords = adultMarkers.union(adultContentMarkers).union(gamblingMarkers)
        .union(adultOnlyMarkers).union(adultPairs.keys)
    private static let markerMinimumLength = markerWords.map(\.utf8.count).min() ?? 0
    private static let markerMaximumLength = markerWords.map(\.utf8.count).max() ?? 0
    /// Bit n set: some marker starts with the letter "a" + n (every marker starts with a–z).
    private static let markerFirstLetters: UInt32 = markerWords.reduce(0) { bits, word in
        bits | 1 << UInt32(word.utf8.first! - 0x61)
    }

    /// A name's words for ``adultMinimumAge(name:)``: lower-cased, split at anything but letters
    /// and apostrophes, `’` read as `'`. (Bytes for an ASCII name; Foundation's
    /// replacingOccurrences only where there is a `’`: the name's words were a sixth of the
    /// import's CPU on untagged exports, issue 15.)
    static func nameWords(_ name: String) -> [String] {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return name.utf8.split { byte in
                !((0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "'"))
            }.map { word in String(decoding: word.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }, as: UTF8.self) }
        }
        return name.lowercased().split { !($0.isLetter || $0 == "'" || $0 == "’") }.map {
            $0.unicodeScalars.contains("’") ? $0.replacingOccurrences(of: "’", with: "'") : String($0)
        }
    }

    static let adultMarkers: Set<String> = [
        "adult", "adults", "adult's", "mens", "men's", "womens", "women's", "ladies", "ladies'",
    ]
    /// "adult supervision required", "adult assembly": about who helps, not who it is for.
    static let adultHelpWords: Set<String> = ["supervision", "supervised", "assembly", "help", "required", "needed"]
    /// Gambling gear ("Texas Hold'em Poker Set", "Casino Chips"): the Amazon export files it
    /// under games as "3 years and up", and Giftwise offered poker chip plaques to a 3-year-old.
    static let gamblingMarkers: Set<String> = ["poker", "casino", "roulette", "blackjack", "gambling", "craps"]
    static let adultContentMarkers: Set<String> = [
        "sexy", "lingerie", "fishnet", "fishnets", "burlesque", "erotic", "kinky", "bondage", "stripper",
        "strippers", "striptease",
    ]
    /// Drink and smoking ("Beatnik Cigarette Holder", "Pocket Pint Opener Beer Glass"): for adults
    /// only, whatever else the name says. A user trial was shown each to a child, the seller
    /// stating no age.
    static let adultOnlyMarkers: Set<String> = [
        "beer", "beers", "wine", "wines", "vodka", "whisky", "whiskey", "cocktail", "cocktails", "prosecco",
        "champagne", "tequila", "cigarette", "cigarettes", "cigar", "cigars", "tobacco", "booze", "boozy",
        "alcohol", "alcoholic",
    ]
    /// Words of a dolls-house or model miniature: its "Wine Table" or "Beer Barrel" is a toy's.
    static let miniatureMarkers: Set<String> = [
        "doll", "dolls", "doll's", "dollhouse", "dollshouse", "miniature", "miniatures", "dolly",
    ]
    /// A word that marks a product for adults only with the word after it: "Hen Party Willy
    /// Straws", "Jack Daniels Playing Cards", "Drinking Game" (not a hen house, a stag beetle,
    /// Free Willy or a drinking bottle).
    static let adultPairs: [String: Set<String>] = [
        "hen": ["party", "parties", "night", "do", "weekend"], "stag": ["party", "parties", "night", "do", "weekend"],
        "willy": [
            "straw", "straws", "shaped", "sweets", "whistle", "whistles", "balloon", "balloons", "candle", "candles",
        ],
        "jack": ["daniels", "daniel's"], "drinking": ["game", "games"], "shot": ["glass", "glasses"],
        "pint": ["glass", "glasses"],
        // "secret santa gifts for Her - Love Dice and Furry Handcuffs" was listed for an 8-year-old.
        "furry": ["handcuffs", "cuffs"], "kama": ["sutra"],
    ]

    /// Words that say a child is (also) meant: the singular "girl" and "boy" are left out, as they
    /// name characters as often ("Horror Girl Zombie Costume Adult").
    static let childMarkers: Set<String> = [
        "kid", "kids", "kid's", "kids'", "child", "children", "childrens", "children's", "child's", "boys",
        "boy's", "boys'", "girls", "girl's", "girls'", "junior", "juniors", "toddler", "toddlers", "baby",
        "babies", "youth", "teen", "teens", "family", "families", "unisex", "all",
    ]

    /// The age a product's own text states, if any (the stricter of name and description).
    static func statedAge(name: String, description: String) -> AgePhraseReader.Reading? {
        let fromName = AgePhraseReader.mayStateAnAge(name) ? AgePhraseReader.phrase(inName: name) : nil
        let fromDescription = AgePhraseReader.mayStateAnAge(description) ? AgePhraseReader.phrase(in: description) : nil
        guard let first = fromName ?? fromDescription else { return nil }
        guard let second = fromDescription, fromName != nil else { return first }
        let low = max(first.min ?? 0, second.min ?? 0)
        var high = first.max ?? second.max
        if let value = high, value < low { high = nil }
        return AgePhraseReader.Reading(min: low, max: high)
    }

    static func format(_ years: Double) -> String {
        years == years.rounded() ? String(Int(years)) : String(years)
    }
}

/// Infers what an untagged product is for, from its interests and words.
enum PurposeInference {
    static let byInterest: [String: Purpose] = {
        var map: [String: Purpose] = [:]
        for id in [
            "science", "chemistry", "engineering", "robotics", "coding", "electronics", "math", "space",
            "nature", "insects", "birds", "history", "languages", "reading", "writing", "dinosaurs",
            "ocean", "animals", "travel",
        ] { map[id] = .educational }
        for id in [
            "art", "drawing", "painting", "crafts", "sewing", "knitting", "pottery", "jewelry-making",
            "woodworking", "building", "baking", "cooking", "photography", "gardening",
        ] { map[id] = .crafty }
        for id in [
            "soccer", "basketball", "baseball", "racket-sports", "golf", "cycling", "running", "swimming",
            "climbing", "yoga", "fitness", "skateboarding", "martial-arts", "winter-sports", "hiking",
            "camping", "fishing", "outdoor-play", "dance",
        ] { map[id] = .sporty }
        for id in [
            "board-games", "card-games", "video-games", "puzzles", "pretend-play", "dolls", "plush",
            "superheroes", "fantasy", "magic", "film", "vehicles", "trains", "bath-time", "collecting",
            "theater", "music", "chess", "sensory-play", "aviation",
        ] { map[id] = .fun }
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

    /// Each keyword's words.
    static let keywordWords: [[String]] = keywords.map { $0.0.split(separator: " ").map(String.init) }

    /// Which keywords the text says: whether `" " + tokens.joined(separator: " ") + " "` contains
    /// `" " + keyword + " "`. Compared word by word when every token is ASCII without spaces,
    /// where the two are the same (Foundation's substring search was a tenth of the import's CPU
    /// on untagged exports); else by that search.
    private static func saysKeyword(_ index: Int, in tokens: [String], plain: Bool) -> Bool {
        guard plain else {
            return (" " + tokens.joined(separator: " ") + " ").contains(" " + keywords[index].0 + " ")
        }
        let words = keywordWords[index]
        guard words.count <= tokens.count else { return false }
        return (0...(tokens.count - words.count)).contains { start in
            words.indices.allSatisfy { tokens[start + $0] == words[$0] }
        }
    }

    static func purposes(name: String, description: String, interests: [String]) -> [Purpose] {
        var result: [Purpose] = []
        for id in interests.prefix(2) {
            if let purpose = byInterest[id], !result.contains(purpose) { result.append(purpose) }
            // A building set is made and then played with: a trial's DUPLO trains, inferred
            // "crafty" only, were no good match for a 3-year-old's "just for fun".
            if id == "building", !result.contains(.fun) { result.append(.fun) }
        }
        if result.isEmpty {
            let tokens = TextNormalizer.tokens(name + " " + description)
            let plain = tokens.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && $0 != 0x20 } }
            for (index, (_, purpose)) in keywords.enumerated() where saysKeyword(index, in: tokens, plain: plain) {
                if !result.contains(purpose) { result.append(purpose) }
                if result.count == 2 { break }
            }
        }
        return result.isEmpty ? [.fun] : result
    }
}
