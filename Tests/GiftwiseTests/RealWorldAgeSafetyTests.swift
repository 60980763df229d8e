import Foundation
import Testing

@testable import Giftwise

/// Issue 10 §1: real retailer exports, imported the README's way, never put a product before a
/// child younger than the minimum age its own text states, nor a product without a stated age
/// before an under-3. Every recommended item is checked against an independent, regex-based
/// reading of the source row (not the importer's reader).
struct RealWorldAgeSafetyTests {
    /// A real-world file and the README's recipe for it.
    struct Recipe: CustomStringConvertible, Sendable {
        var file: String
        var columnMap: [String: String]
        /// The source columns holding text a person could read an age from.
        var textColumns: [String]
        /// A column holding the minimum age as a number, if any.
        var minimumAgeColumn: String?
        var idColumn: String
        var description: String { file }
    }

    static let amazonRecipe = [
        "id": "product_id", "name": "product_name", "description": "product_description",
        "age": "product_information",
    ]
    static let amazonText = ["product_name", "product_description", "product_information"]
    static let legoRecipe = [
        "id": "set_id", "price": "US_retailPrice", "age_min": "agerange_min", "url": "bricksetURL",
        "interests": "theme,subtheme",
    ]

    static let fixtures: [Recipe] = [
        Recipe(
            file: "amazon_uk_toys_age_traps.csv", columnMap: amazonRecipe, textColumns: amazonText,
            idColumn: "product_id"),
        Recipe(
            file: "amazon_uk_toys_sample_150.csv", columnMap: amazonRecipe, textColumns: amazonText,
            idColumn: "product_id"),
        Recipe(
            file: "lego_sets_sample_120.csv", columnMap: legoRecipe, textColumns: ["name"],
            minimumAgeColumn: "agerange_min", idColumn: "set_id"),
    ]

    /// The whole files, where this machine has them (`GIFTWISE_REALWORLD_DIR` or the shared folder).
    static let realWorldFolder: URL? = {
        let path = ProcessInfo.processInfo.environment["GIFTWISE_REALWORLD_DIR"] ?? "/work/shared/data/realworld"
        return FileManager.default.fileExists(atPath: path + "/lego_sets_brickset.csv")
            ? URL(fileURLWithPath: path) : nil
    }()

    static let wholeFiles: [Recipe] = [
        Recipe(
            file: "amazon_uk_toys_subset_10_total_863.csv", columnMap: amazonRecipe, textColumns: amazonText,
            idColumn: "product_id"),
        Recipe(
            file: "amazon_uk_toys_10k_rawprice_nocategory.csv", columnMap: ["id": "uniq_id", "name": "product_name"],
            textColumns: ["product_name"], idColumn: "uniq_id"),
        Recipe(
            file: "lego_sets_brickset.csv", columnMap: legoRecipe, textColumns: ["name"],
            minimumAgeColumn: "agerange_min", idColumn: "set_id"),
    ]

    static let youngAges: [Double] = [0.25, 0.5, 1, 2, 3, 4, 6]
    static let interests: [[String]] = [
        [], ["darts"], ["dinosaurs"], ["trains"], ["cars"], ["dolls"], ["puzzles"], ["football"], ["star wars"],
        ["lego"], ["baby"], ["music"], ["animals"], ["building"], ["soft toys", "books"],
    ]

    @Test(arguments: fixtures)
    func committedSamplesNeverShowAProductBelowItsStatedAge(_ recipe: Recipe) throws {
        try Self.sweep(recipe, file: TestSupport.fixture(recipe.file))
    }

    @Test(
        .enabled(if: realWorldFolder != nil, "the real-world data folder is not on this machine"), arguments: wholeFiles
    )
    func wholeRealWorldFilesNeverShowAProductBelowItsStatedAge(_ recipe: Recipe) throws {
        let folder = try #require(Self.realWorldFolder)
        try Self.sweep(recipe, file: folder.appendingPathComponent(recipe.file))
    }

    @Test func theASINOfAnAmazonListingIsNotReadAsAnAge() throws {
        // The listing of issue 10: "ASINB00B5FL7M4" in its product_information gave "ages 0+".
        let catalog = try TestSupport.emptyCatalog()
        try catalog.importFile(
            at: TestSupport.fixture("amazon_uk_toys_age_traps.csv"),
            options: ImportOptions(columnMap: Self.amazonRecipe, skipInvalidRows: true))
        let product = try #require(try catalog.product(id: "7047fb56418a84b1254ce3687dbb88a7"))
        #expect(product.ages.minMonths == nil)
        let result = try catalog.recommend(
            for: RecipientProfile(ageYears: 0.5, interests: ["darts"], budgetMax: Money(100)), limit: 10)
        #expect(!result.items.contains { $0.product.id == product.id })
    }

    @Test func aProductWhoseNameSaysItIsForAdultsIsNeverOfferedToAChild() throws {
        // Real names from the Amazon UK export; none states an age.
        let catalog = try TestSupport.emptyCatalog()
        _ = try TestSupport.importCSV(
            """
            id,name,price
            ladies,Ladies Zombie Bride Halloween Fancy Dress Costume. Size Small 8-10,20
            monk,Monk of the Abbey - Adult Costume Men : X LARGE,20
            mens,Mens Deadwood Drifter Cowboy Fancy Dress Costume Size 38-40 Medium,20
            mask,"Clone Trooper Captain Rex Mask (plastic, adult size) - Star Wars",20
            title,Men In Black 3 10cm Basic Action Figure: Boris,20
            both,Claire's Girls and Womens Small Beanie Flora The Skunk Soft Toy,20
            kids,Kids Pirate Fancy Dress Costume,20

            """, into: catalog)
        for id in ["ladies", "monk", "mens", "mask"] {
            #expect(try catalog.product(id: id)?.ages.minMonths == 14 * 12, "\(id)")
        }
        // A title, a product for girls and women alike, a child's costume: no age is made up.
        for id in ["title", "both", "kids"] {
            #expect(try catalog.product(id: id)?.ages.minMonths == nil, "\(id)")
        }
        let child = try catalog.recommend(
            for: RecipientProfile(ageYears: 6, interests: ["fancy dress", "star wars"]), limit: 20)
        #expect(!child.items.contains { ["ladies", "monk", "mens", "mask"].contains($0.product.id) })
        #expect(child.items.contains { $0.product.id == "kids" })
    }

    @Test func aNameForAdultsOutweighsAToyCategorysStatedAge() throws {
        // Real names from the Amazon UK export, whose age column said "3 years and up" or "8 years and up".
        let catalog = try TestSupport.emptyCatalog()
        _ = try TestSupport.importCSV(
            """
            id,name,price,product_information
            zombie,High School Horror Girl Zombie Dress Suit Costume Adult Medium,20,8 years and up
            mask,Gleader Gold Tone Roman Greek Mens Venetian Halloween Costume Party Masquerade Mask,9,5 years and up
            maid,French Maid Fishnet Costume Thigh High,15,3 years and up
            sexy,Sexy Nurse Costume,15,
            tiger,White Tiger Dress Up Costume Age 2-3,12,3 years and up
            helped,Volcano Science Kit (Adult Supervision Required),12,8 years and up
            novel,Young Adult Mystery Novel Box Set,12,
            kids,Kids Adults Halloween Party Knitted Hat,6,3 years and up

            """, into: catalog, options: ImportOptions(format: .csv, columnMap: ["age": "product_information"]))
        func ages(_ id: String) throws -> AgeRange { try #require(try catalog.product(id: id)).ages }
        // Made for grown-ups whatever the listing's age: never a child's
        #expect(try ages("zombie").minMonths == 14 * 12)
        #expect(try ages("mask").minMonths == 14 * 12)
        // Sexual: adults only, with or without an age
        #expect(try ages("maid").minMonths == 18 * 12)
        #expect(try ages("sexy").minMonths == 18 * 12)
        // A toddler's costume keeps its upper age beside an open-ended "3 years and up"
        #expect(try ages("tiger").minMonths == 3 * 12)
        #expect(try ages("tiger").maxMonths == 3 * 12)
        // Who helps, a book genre, and a hat for kids and adults alike: ages as listed
        #expect(try ages("helped").minMonths == 8 * 12)
        #expect(try ages("novel").minMonths == nil)
        #expect(try ages("kids").minMonths == 3 * 12)
        let child = try catalog.recommend(
            for: RecipientProfile(ageYears: 8, interests: ["costumes", "fancy dress", "halloween"]), limit: 20)
        #expect(!child.items.contains { ["zombie", "mask", "maid", "sexy", "tiger"].contains($0.product.id) })
    }

    /// A trial was shown "HEN PARTY WILLY STRAWS" first for a 7-year-old's tea party, a
    /// cigarette holder (labelled good) for dolls, Jack Daniels cards and a beer glass: drink,
    /// smoking and hen-night things are for adults whatever the listing says, or when it says nothing.
    @Test func drinkSmokingAndHenNightThingsAreForAdultsOnly() throws {
        let catalog = try TestSupport.emptyCatalog()
        _ = try TestSupport.importCSV(
            """
            id,name,price,product_information
            straws,HEN PARTY WILLY STRAWS,5,
            holder,Fancy Dress Accessories | Beatnick Cigarette Holder,4,3 years and up
            cards,Jack Daniels Old No.7 Playing Cards,6,
            glass,Pocket Pint Opener Beer Glass,8,
            tea,Wooden Tea Party Set,15,
            hen,Wooden Hen House with Chicks,12,3 years and up
            box,Jack in the Box,10,
            beetle,Stag Beetle Figure,4,
            tutu,Pink Tutu Fun Run Hen Party Adult & Children (2-4 years),6,
            table,Dolls House Miniature Lounge Furniture Side Wine Table,8,
            dice,secret santa gifts for Her - Love Dice and Furry Handcuffs,6,
            police,Police Handcuffs Role Play Set,4,3 years and up

            """, into: catalog, options: ImportOptions(format: .csv, columnMap: ["age": "product_information"]))
        func ages(_ id: String) throws -> AgeRange { try #require(try catalog.product(id: id)).ages }
        for id in ["straws", "holder", "cards", "glass", "dice"] {
            #expect(try ages(id).minMonths == 18 * 12, "\(id)")
        }
        // A toy policeman's handcuffs are a child's.
        #expect(try ages("police").minMonths == 3 * 12)
        #expect(try ages("hen").minMonths == 3 * 12)
        #expect(try ages("tutu").minMonths == 2 * 12)
        // A dolls-house miniature's wine table is a toy's.
        for id in ["tea", "box", "beetle", "table"] { #expect(try ages(id).minMonths == nil, "\(id)") }
        let child = try catalog.recommend(
            for: RecipientProfile(ageYears: 7, interests: ["tea party set", "dolls", "playing cards"]), limit: 20)
        #expect(!child.items.contains { ["straws", "holder", "cards", "glass"].contains($0.product.id) })
    }

    @Test func gamblingGearIsNotForYoungChildrenWhateverTheListingSays() throws {
        // Real names from the Amazon UK export, each listed "3 years and up".
        let catalog = try TestSupport.emptyCatalog()
        _ = try TestSupport.importCSV(
            """
            id,name,price,product_information
            plaques,"20,000 Value Poker Chip Plaques",30,3 years and up
            holdem,Texas Hold em Pocker Set Tin Box Professional Casino Cards Chips Play,20,3 years and up
            craps,Amscan Casino Felt Game Craps Table Covers,8,3 years and up
            kids,Kids Casino Night Party Game,10,3 years and up
            snap,Snap Card Game,5,3 years and up

            """, into: catalog, options: ImportOptions(format: .csv, columnMap: ["age": "product_information"]))
        func ages(_ id: String) throws -> AgeRange { try #require(try catalog.product(id: id)).ages }
        for id in ["plaques", "holdem", "craps"] { #expect(try ages(id).minMonths == 14 * 12, "\(id)") }
        // Named for children, or no gambling word: as listed
        #expect(try ages("kids").minMonths == 3 * 12)
        #expect(try ages("snap").minMonths == 3 * 12)
        let child = try catalog.recommend(
            for: RecipientProfile(ageYears: 3, interests: ["card games", "poker"]), limit: 20)
        #expect(!child.items.contains { ["plaques", "holdem", "craps"].contains($0.product.id) })
    }

    // MARK: - The sweep

    static func sweep(_ recipe: Recipe, file: URL) throws {
        let catalog = try TestSupport.emptyCatalog()
        let report = try catalog.importFile(
            at: file, options: ImportOptions(columnMap: recipe.columnMap, skipInvalidRows: true))
        #expect(report.added > 0)
        let rows = try IndependentCSV.rows(of: file)
        var byID: [String: [String: String]] = [:]
        for row in rows { if let id = row[recipe.idColumn]?.trimmingCharacters(in: .whitespaces) { byID[id] = row } }
        var checked = 0
        for age in youngAges {
            for interests in interests {
                for budget in [nil, Money(100)] as [Money?] {
                    let profile = RecipientProfile(ageYears: age, interests: interests, budgetMax: budget)
                    let months = profile.ageMonths
                    for item in try catalog.recommend(for: profile, limit: 10).items {
                        let row = try #require(byID[item.product.id], "\(item.product.id) is not in \(recipe.file)")
                        let texts = recipe.textColumns.compactMap { row[$0] }
                        var statedMinimum = texts.compactMap(IndependentAgeReading.minimumMonths).max()
                        if let column = recipe.minimumAgeColumn, let value = row[column].flatMap({ Double($0) }) {
                            statedMinimum = max(statedMinimum ?? 0, Int((value * 12).rounded()))
                        }
                        let context =
                            "\(recipe.file): \(item.product.id) \"\(item.product.name.prefix(50))\" shown at \(months) months"
                        if let statedMinimum {
                            #expect(
                                months >= statedMinimum,
                                "\(context); its text states a minimum of \(statedMinimum) months")
                        } else {
                            #expect(months >= 36, "\(context); its text states no age")
                        }
                        for text in texts {
                            if let labelledMaximum = IndependentAgeReading.maximumMonths(text) {
                                #expect(
                                    months < labelledMaximum + 12,
                                    "\(context); labelled up to \(labelledMaximum) months")
                            }
                        }
                        checked += 1
                    }
                }
            }
        }
        // The sweep must have looked at something: under-3s may see nothing, older children must.
        #expect(checked > 0, "no recommendations at all from \(recipe.file)")
    }
}

/// A deliberately simple reading of age statements with regular expressions, written apart from
/// the importer's `AgePhraseReader`, so the two can check each other.
enum IndependentAgeReading {
    static let minimumPatterns: [String] = [
        #"recommended age\s*:?\s*(\d+)\s*(months?|years?)?"#,
        #"\bmin(?:imum)? age\s*:?\s*(\d+)\s*(months?|years?)?"#,
        #"\bages?\s*:?\s*(\d+)\s*(months?|years?)?\s*(?:\+|and (?:up|over|older|above)|to\b|-)"#,
        #"\bages?\s*:\s*(\d+)\s*(months?|years?)?"#,
        #"\baged\s+(?:under\s+)?(\d+)\s*(months?|years?)?"#,
        #"(\d+)\s*-?\s*(months?|years?|yrs?)\s*(?:-?old)?\s*(?:\+|and (?:up|over|older|above))"#,
        #"(\d+)\s*-\s*\d+\s*-?\s*(years?)[ -]olds?"#,
        #"(\d+)[ -](years?)[ -]olds?"#,
        #"children\s*\(?(\d+)\s*-\s*\d+\s*(years?)"#,
        #"not (?:suitable |appropriate |intended )?for children (?:aged )?under (?:the age of )?(\d+)\s*(months?|years?)?"#,
    ]
    static let expressions = minimumPatterns.map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
    static let labelledRange = try! NSRegularExpression(
        pattern: #"(?:recommended )?age\s*:?\s*(\d+)\s*(months?|years?)?\s*-\s*(\d+)\s*(months?|years?)"#,
        options: [.caseInsensitive])

    static func months(_ number: String, unit: String?) -> Int? {
        guard let value = Int(number) else { return nil }
        return unit?.lowercased().hasPrefix("month") == true ? value : value * 12
    }

    /// The highest minimum age, in months, that `text` states anywhere.
    static func minimumMonths(_ text: String) -> Int? {
        let range = NSRange(text.startIndex..., in: text)
        var found: [Int] = []
        for expression in expressions {
            for match in expression.matches(in: text, range: range) {
                let number = String(text[Range(match.range(at: 1), in: text)!])
                let unit = Range(match.range(at: 2), in: text).map { String(text[$0]) }
                if let value = months(number, unit: unit), value <= 120 * 12 { found.append(value) }
            }
        }
        return found.max()
    }

    /// The labelled maximum of "recommended age: N - M years" (when it is a real range), in months.
    static func maximumMonths(_ text: String) -> Int? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = labelledRange.firstMatch(in: text, range: range) else { return nil }
        let part = { (index: Int) in Range(match.range(at: index), in: text).map { String(text[$0]) } }
        let highUnit = part(4)
        guard let low = months(part(1)!, unit: part(2) ?? highUnit), let high = months(part(3)!, unit: highUnit),
            low <= high
        else { return nil }
        return high
    }
}

/// A minimal RFC 4180 reader for the sweep's own look-ups (independent of the importer's).
enum IndependentCSV {
    static func rows(of url: URL) throws -> [[String: String]] {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let delimiter: Character = text.prefix(while: { $0 != "\n" && $0 != "\r\n" }).contains(",") ? "," : ";"
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == delimiter {
                record.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                record.append(field)
                field = ""
                records.append(record)
                record = []
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { values in
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() where index < values.count { row[name] = values[index] }
            return row
        }
    }
}
