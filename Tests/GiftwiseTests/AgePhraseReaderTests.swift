import Testing

@testable import Giftwise

/// Ages are read only from age phrases, never from codes, dates, sizes, counts or prices.
struct AgePhraseReaderTests {
    @Test(
        arguments: [
            ("Manufacturer recommended age:3 years and up Item model number 80512", 3.0, nil),
            (
                "Technical Details Item Weight998 g Manufacturer recommended age:3 years and up Item model number36200 Scale1",
                3.0, nil
            ),
            (
                "Dimensions40 x 29.8 x 8 cm Manufacturer recommended age:36 months - 10 years Item model numberLC5502",
                3.0, 10.0
            ),
            ("36 months - 8 years", 3.0, 8.0), ("4 - 10 years", 4.0, 10.0), ("18 months and up", 1.5, nil),
            ("8+", 8.0, nil),
            ("ages 8+", 8.0, nil), ("Ages: 3 - 5", 3.0, 5.0), ("5 to 12", 5.0, 12.0), ("6", 6.0, nil),
            ("0.5", 0.5, nil),
            ("3yrs+", 3.0, nil), ("Age 14 years & up", 14.0, nil),
            // A reversed range, a known defect of Amazon exports: its higher number and up.
            ("Manufacturer recommended age:4 - 3 years Item model numberR1151", 4.0, nil),
            ("Manufacturer recommended age:5 - 3 years", 5.0, nil),
            ("Manufacturer recommended age:3 - 3 years", 3.0, 3.0),
        ] as [(String, Double?, Double?)])
    func anAgeFieldIsRead(_ raw: String, _ low: Double?, _ high: Double?) throws {
        let reading = try #require(AgePhraseReader.field(raw))
        #expect(reading.min == low)
        #expect(reading.max == high)
    }

    @Test(arguments: [
        "Technical Details \u{00A0}\u{00A0} Additional Information ASINB00B5FL7M4 Customer Reviews ",
        "Additional Information ASINB008PKAAZ2 Best Sellers Rank 61,275 in Toys & Games Date First Available27 July 2012",
        "Item model number 80512", "Product Dimensions 10 x 7.4 x 0.4 cm", "Item Weight 41 g",
        "Hornby 00 Gauge 0-4-0 Gildenlow Salt Co. Steam Locomotive Model", "Best Sellers Rank 3 in Toys",
        "LEGO Star Wars 75917-1 Scarif Beach Assault 1,004 pieces", "£12.60 - £16,268.00", "2012",
        "Date First Available 27 July 2012", "Ice Age 2 figure set", "3 years warranty",
        "6-Month Subscription", "about 95 million years old", "Children under 3 years must be supervised",
        "Batteries: 3 AA batteries required", "Number of Game Players: 2 - 6",
    ])
    func nothingButAnAgePhraseIsAnAge(_ raw: String) {
        #expect(AgePhraseReader.field(raw) == nil, "\(raw)")
    }

    @Test(
        arguments: [
            ("A great gift for 6-12 year olds who love trains.", 6.0, 12.0),
            ("Suitable for ages 8 and over. Contains small parts.", 8.0, nil),
            ("WARNING: Not suitable for children under 36 months. Small parts.", 3.0, nil),
            ("Not suitable for children under the age of 3", 3.0, nil),
            ("Ideal for children aged 3 and up", 3.0, nil),
            ("Suitable from birth", 0.0, nil),
            ("Sized for hands of 9- to 12-year-olds", 9.0, 12.0),
            ("Soft book, 18m+, machine washable", 1.5, nil),
            // Phrases from a real Amazon UK export's descriptions.
            ("Suitable for children aged 2 to 6 years --Victoria Mackenzie", 2.0, 6.0),
            ("A great playset for ages three and up,. What's in the box?", 3.0, nil),
            ("Suitable for children from three years. Box Contains 1 x Figure", 3.0, nil),
            ("this soft plush toy is made for children who are 3-years-old and up.", 3.0, nil),
            ("Safety Warning Not suitable for children aged under 3 years - includes small parts", 3.0, nil),
            ("Min Age: 16 Years || Dartboard Set", 16.0, nil),
            ("Suitable for ages 4 Years + Safety Information: Warning.", 4.0, nil),
            ("RO moshlings and some special codes. For ages 4 years up. Box Contains 24", 4.0, nil),
            ("(Ages 8 and up.) --Susan Harrison", 8.0, nil),
            // Glued words: the unit is "months", not "monthsPackage".
            ("Size: Approx. 17cm X 3cmRecommended Age: 0-6 monthsPackage Includes:1x wrist rattle", 0.0, 0.5),
            ("birthday banner for 2 year old boy", 2.0, nil),
            ("Fun for 36 months - 8 years.", 3.0, 8.0), ("Suitable for children over 3 years.", 3.0, nil),
            // Several statements: the strictest minimum.
            ("For ages 3-5. Not suitable for children under 8 years.", 8.0, nil),
            ("Not suitable for children under 3 years. Ages 14+.", 14.0, nil),
        ] as [(String, Double?, Double?)])
    func anAgePhraseInFreeTextIsRead(_ text: String, _ low: Double?, _ high: Double?) throws {
        let reading = try #require(AgePhraseReader.phrase(in: text))
        #expect(reading.min == low)
        #expect(reading.max == high)
    }

    @Test(arguments: [
        "A die-cast model of the 1966 Routemaster bus, 1:76 scale, 12 cm long.",
        "Contains 500 pieces; finished puzzle 49 x 36 cm. Rank 4 in Puzzles.",
        "Two-year warranty. Batteries last 3 years.", "Set 75917-1 from 2018, 1,004 pieces, 5 minifigures.",
        "Ice Age 4 Continental Drift figure", "Supervise children under 8 years.",
        "For three whole years (1962, 1963 and 1964) the GTO dominated",
        // In a description, a range of years is no age (in a name it is the wearer's size: below).
        "Buzz Lightyear Fancy Dress Costume - Size S - 3-4 Years", "Batteries last 6-12 months in normal use.",
        "risk taking numbers game for 1 - 99 players of any age",
        "Vintage Floral Gingham Pink Baby Shower Bunting 10m 20 Flags (JA005)",
        "£1.00 P&H for combined items under £10.00",
        // A length of time after "for" (a real Amazon UK kite description: read as ages 100+).
        "For over 100 years Brookite have been designing and manufacturing high quality kites",
        "A family business for 30 years.", "Batteries last for 2 years of normal use.",
    ])
    func textWithoutAnAgePhraseStatesNoAge(_ text: String) {
        #expect(AgePhraseReader.phrase(in: text) == nil, "\(text)")
    }

    @Test(
        arguments: [
            // Real names from the Amazon UK export: the size of the child who wears it.
            ("Konfidence Youth Swim Jacket - Blue/Navy - 10-12 yrs", 10.0, 12.0),
            (
                "Boys Child's Army Military Camouflage Soldier Uniform Fancy Dress Costume Outfit (14-16 Years)", 14.0,
                16.0
            ),
            ("Buzz Lightyear Fancy Dress Costume - Size S - 3-4 Years", 3.0, 4.0),
            ("Disney Frozen Musical and Light-Up Elsa Fancy Dress Costume 9-10yrs Made by 'George'", 9.0, 10.0),
        ] as [(String, Double?, Double?)])
    func aRangeOfYearsInANameIsTheAgeItIsMadeFor(_ name: String, _ low: Double?, _ high: Double?) throws {
        let reading = try #require(AgePhraseReader.phrase(inName: name))
        #expect(reading.min == low)
        #expect(reading.max == high)
    }

    @Test(arguments: [
        "Two-year warranty, 1-2 years warranty", "Hornby 2014 Catalogue", "Age 90/90th Birthday Balloons x 5",
        // A size below 3 years never opens a product to under-3s.
        "Konfidence Children's Original Swim Jacket - Nautical Wave, Small/2 - 3 Years",
    ])
    func aNameWithoutAnAgeRangeStatesNoAge(_ name: String) {
        #expect(AgePhraseReader.phrase(inName: name) == nil, "\(name)")
    }

    @Test func theFastPrefilterLetsEveryPhraseThrough() {
        for text in [
            "ages 8+", "3 years and up", "18m+", "36 MONTHS", "3yrs", "from birth", "6-12 year olds",
            "from three years",
        ] {
            #expect(AgePhraseReader.mayStateAnAge(text), "\(text)")
        }
        #expect(!AgePhraseReader.mayStateAnAge("A jigsaw of 520 pieces"))
    }
}
