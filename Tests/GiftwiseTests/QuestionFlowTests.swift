import Foundation
import Testing

@testable import Giftwise

/// A scripted person answering the flow: core answers by question id, follow-ups by a chooser.
private struct Persona: Sendable {
    var name: String
    var answers: [QuestionID: String]
    /// Answers a follow-up; `nil` skips it.
    var followUp: @Sendable (Question) -> String? = { _ in "1" }

    /// Runs the whole flow; returns the flow and the ids asked, in order.
    func run(on catalog: GiftCatalog) throws -> (flow: QuestionFlow, asked: [QuestionID]) {
        var flow = QuestionFlow()
        var asked: [QuestionID] = []
        while let question = flow.currentQuestion {
            asked.append(question.id)
            #expect(asked.count <= 20, "the flow must stop")
            if asked.count > 20 { break }
            let text = question.id.isCore ? answers[question.id] : followUp(question)
            if let text { try flow.answer(text, in: catalog) } else { try flow.skip(in: catalog) }
        }
        return (flow, asked)
    }
}

private func invalidReason(_ body: () throws -> Void) -> (QuestionID, String)? {
    do {
        try body()
    } catch QuestionFlowError.invalidAnswer(let question, let reason) {
        return (question, reason)
    } catch {
        Issue.record("unexpected error \(error)")
    }
    return nil
}

@Suite("Question flow: core questions")
struct QuestionFlowCoreTests {
    let catalog: GiftCatalog

    init() throws {
        catalog = try GiftCatalog.inMemory()
        try catalog.fillWithDefaultCatalogIfEmpty()
    }

    @Test func asksTheCoreQuestionsInDesignOrderWhenNobodyIsSaved() throws {
        var flow = QuestionFlow()
        var asked: [QuestionID] = []
        for answer in ["7", "dinosaurs", "educational", "30", "glitter"] {
            asked.append(try #require(flow.currentQuestion).id)
            try flow.answer(answer, in: catalog)
        }
        #expect(asked == [.age, .interests, .purpose, .budget, .avoid])
        #expect(flow.answers.map(\.questionID) == asked)
    }

    /// A user trial answered a wish no gift fits and was shown £52–£60 gifts without being asked
    /// the budget: what comes closest keeps the limits still to be said.
    @Test func whenNothingFitsTheLimitsLeftAreStillAsked() throws {
        var flow = QuestionFlow()
        try flow.answer("35", in: catalog)
        try flow.answer("scuba diving", in: catalog)
        try flow.answer("no preference", in: catalog)
        try flow.answer("40", in: catalog)
        #expect(try flow.remainingCount(in: catalog) == 0)
        #expect(flow.lastAnswerNotes.contains(QuestionFlow.nothingFitsYet))
        #expect(flow.currentQuestion?.id == .avoid)
        try flow.answer("", in: catalog)
        #expect(flow.isFinished)
        // And no follow-up is asked of an empty list
        #expect(flow.answers.map(\.questionID) == [.age, .interests, .purpose, .budget, .avoid])
    }

    @Test func buildsTheProfileFromTheAnswers() throws {
        var flow = QuestionFlow()
        #expect(flow.profile == nil)
        try flow.answer("7 years", in: catalog)
        try flow.answer("dinosaurs, space", in: catalog)
        try flow.answer("1,4", in: catalog)
        try flow.answer("$30", in: catalog)
        try flow.answer("glitter, batteries", in: catalog)
        let profile = try #require(flow.profile)
        #expect(profile.ageMonths == 84)
        #expect(profile.interests == ["dinosaurs", "space"])
        #expect(profile.purposes == [.educational, .fun])
        #expect(profile.budgetMax == Money(30))
        #expect(profile.budgetMin == nil)
        #expect(profile.excludedWords == ["glitter", "batteries"])
    }

    @Test(arguments: [
        ("7", 84), ("7 years", 84), ("7 years old", 84), ("7-year-old", 84), ("18 months", 18),
        ("1.5", 18), ("6 weeks", 1), ("0", 0), ("120", 1440), ("  3 yrs ", 36),
        // The way people say it
        ("seven", 84), ("6 and a half", 78), ("6½", 78), ("two and a half years", 30), ("2 years 6 months", 30),
        ("1 year and 6 months", 18), ("a year and a half", 18), ("forty-five", 540), ("7yo", 84),
        ("18 month old", 18), ("1,5", 18), ("about 9", 108),
        // Said as a sentence
        ("my nephew is 11", 132), ("she's 7", 84), ("She’s 7.", 84), ("he is turning 12", 144),
        ("our granddaughter is almost 4", 48), ("they'll be 6 next week", 72), ("he just turned 9", 108),
        ("my son is 18 months old", 18), ("she is two and a half", 30),
        // Found by a trial: who, then a comma; an adult of no stated age is of age.
        ("my dad, he's 60", 720), ("an adult", 216), ("grown-up", 216),
        // Hedged, two ages (the younger holds: the age is a safety limit), a teenager (the youngest).
        ("I don't know, maybe 10 or 11", 120), ("he's 10 or 11", 120), ("11 or 10", 120),
        ("no idea, she's a teenager", 156), ("a teen", 156), ("not sure, maybe 8?", 96),
    ])
    func acceptsAgesInYearsOrMonths(text: String, months: Int) throws {
        var flow = QuestionFlow()
        try flow.answer(text, in: catalog)
        #expect(flow.profile?.ageMonths == months)
        #expect(flow.currentQuestion?.id == .interests)
    }

    @Test(arguments: [
        "abc", "200", "-3", "7 parsecs", String(repeating: "9", count: 5_000), "\u{1}\u{7}\u{1B}[A", "half",
        "and", "7 8", "a", "minecraft, drawing and unicorns", "a half", "6 and a half and a half",
        "one hundred and twenty one",
        // A sentence with no age in it, or a number that is not theirs
        "my nephew is tall", "she's", "he has 2 sisters", "is 7 8", "7 or banana", "7 or 8 or 9",
    ])
    func rejectsAnUnusableAgeWithTheReasonAndStaysOnTheQuestion(text: String) throws {
        var flow = QuestionFlow()
        let rejected = invalidReason { try flow.answer(text, in: catalog) }
        #expect(rejected?.0 == .age)
        #expect(rejected?.1.contains("between 0 and 120") == true)
        #expect(flow.currentQuestion?.id == .age)
        #expect(flow.answers.isEmpty)
    }

    @Test func refusesToSkipTheAgeOrAcceptAnEmptyOne() throws {
        var flow = QuestionFlow()
        #expect(throws: QuestionFlowError.cannotSkip(question: .age)) { try flow.skip(in: catalog) }
        #expect(invalidReason { try flow.answer("   ", in: catalog) }?.0 == .age)
        #expect(flow.currentQuestion?.canSkip == false)
    }

    @Test func refusesToFinishBeforeTheAgeIsKnown() throws {
        var flow = QuestionFlow()
        #expect(throws: QuestionFlowError.ageRequired) { try flow.finish() }
        #expect(throws: QuestionFlowError.ageRequired) { try flow.remainingCount(in: catalog) }
        #expect(QuestionFlowError.ageRequired.localizedDescription.contains("age"))
    }

    @Test(
        arguments: [
            ("30", nil, 30.0), ("$30", nil, 30), ("20-40", 20, 40), ("$20 - $40", 20, 40),
            ("20 to 40", 20, 40), ("under 25", nil, 25), ("24.99", nil, 24.99),
            // The way people say it
            ("no more than 40 dollars", nil, 40), ("between 20 and 40", 20, 40), ("30ish", nil, 30),
            ("about £20 or so", nil, 20), ("40 tops", nil, 40), ("roughly 15", nil, 15),
            // Round 22's trial.
            ("around the 40 mark", nil, 40), ("up to 50, but cheaper is better", nil, 50), ("30 max please", nil, 30),
        ] as [(String, Double?, Double)])
    func readsBudgetsAsAmountsOrRanges(text: String, min: Double?, max: Double) throws {
        var flow = QuestionFlow()
        try flow.answer("7", in: catalog)
        try flow.skip(in: catalog)
        try flow.skip(in: catalog)
        try flow.answer(text, in: catalog)
        #expect(flow.profile?.budgetMax == Money(max))
        #expect(flow.profile?.budgetMin == min.map { Money($0) })
    }

    @Test func treatsNoLimitAsNoBudgetAndRejectsNonsense() throws {
        var flow = QuestionFlow()
        try flow.answer("7", in: catalog)
        try flow.skip(in: catalog)
        try flow.skip(in: catalog)
        for bad in ["cheap", "40-20", "$", "1e999", "0", "ish", "between 40 and", "or so"] {
            let rejected = invalidReason { try flow.answer(bad, in: catalog) }
            #expect(rejected?.0 == .budget, "\(bad)")
        }
        try flow.answer("no limit", in: catalog)
        #expect(flow.profile?.budgetMax == nil)
        #expect(flow.currentQuestion?.id == .avoid)
    }

    /// Round 22's trial: interests said with the age, then "actually just gardening" at the
    /// interests question, which had added "just gardening". What they say now replaces them;
    /// "baking too" adds.
    @Test func actuallyJustOneThingReplacesWhatTheAgeAnswerSaid() throws {
        var flow = QuestionFlow()
        try flow.answer("my wife, she's 40 and loves gardening and yoga", in: catalog)
        try flow.answer("actually just gardening", in: catalog)
        #expect(flow.profile?.interests == ["gardening"])
        #expect(flow.lastAnswerNotes.first?.hasPrefix("Changed what they enjoy to gardening") == true)
        flow.back()
        try flow.answer("only yoga", in: catalog)
        #expect(flow.profile?.interests == ["yoga"])
        flow.back()
        try flow.answer("baking too", in: catalog)
        #expect(flow.profile?.interests == ["gardening", "yoga", "baking"])
    }

    /// Round 22's trial: "dinosaurs, space, lego", then "he already has loads of lego" at the
    /// avoid question. The later answer holds: lego is avoided and no longer looked for, and said
    /// so; a wish avoided when it is their only one stays (nothing else would be left to find).
    @Test func avoidingAWishTheyNamedDropsItFromWhatIsLookedFor() throws {
        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        try flow.answer("dinosaurs, space, lego", in: catalog)
        try flow.skip(in: catalog)
        try flow.skip(in: catalog)
        #expect(flow.currentQuestion?.id == .avoid)
        try flow.answer("he already has loads of lego", in: catalog)
        #expect(flow.profile?.excludedWords == ["lego"])
        #expect(flow.profile?.interests == ["dinosaurs", "space"])
        #expect(
            flow.lastAnswerNotes.contains { $0.hasPrefix("No longer looking for \"lego\"") }, "\(flow.lastAnswerNotes)")
        var only = QuestionFlow()
        try only.answer("9", in: catalog)
        try only.answer("lego", in: catalog)
        try only.skip(in: catalog)
        try only.skip(in: catalog)
        try only.answer("no more lego", in: catalog)
        #expect(only.profile?.interests == ["lego"])
    }

    /// No limit, said the way people say it (round 22's trial was asked for an amount).
    @Test(arguments: ["whatever, money's no object", "money is no object", "the sky's the limit"])
    func noLimitSaidInWordsIsNoBudget(text: String) throws {
        var flow = QuestionFlow()
        try flow.answer("7", in: catalog)
        try flow.skip(in: catalog)
        try flow.skip(in: catalog)
        try flow.answer(text, in: catalog)
        #expect(flow.profile?.budgetMax == nil)
        #expect(flow.currentQuestion?.id == .avoid)
    }

    @Test(arguments: [
        ("no slime", ["slime"]), ("nothing with batteries or glitter", ["batteries", "glitter"]),
        ("glitter, no more plush", ["glitter", "plush"]), ("avoid slime and glitter", ["slime", "glitter"]),
        ("Lego", ["Lego"]), ("they already have a fossil kit", ["fossil kit"]),
        ("she has the Lego Death Star, no slime", ["Lego Death Star", "slime"]),
        ("she already has the lego friends stable", ["lego friends stable"]),
        ("he's got a telescope and they own the Ticket to Ride", ["telescope", "Ticket to Ride"]),
        ("Hot Wheels", ["Hot Wheels"]), ("Theremin", ["Theremin"]),
        // Round 22's trial: their age, why, how many and the word for junk are no things to avoid.
        ("nothing with small parts, he's only 3", ["small parts"]), ("no sweets (allergies)", ["sweets"]),
        ("she already has loads of lego", ["lego"]), ("anything but plastic tat", ["plastic"]),
    ])
    func avoidAnswersKeepTheThingsNotTheWayTheyWereSaid(_ answer: String, _ expected: [String]) throws {
        var flow = QuestionFlow()
        try flow.answer("7", in: catalog)
        try flow.skip(in: catalog)
        try flow.skip(in: catalog)
        try flow.skip(in: catalog)
        #expect(flow.currentQuestion?.id == .avoid)
        try flow.answer(answer, in: catalog)
        #expect(flow.profile?.excludedWords == expected)
    }

    @Test(
        arguments: [
            ("2", [Purpose.crafty]), ("sporty", [.sporty]), ("crafty, fun", [.crafty, .fun]),
            ("1,3", [.educational, .sporty]), ("just for fun", [.fun]), ("1-3", [.educational, .crafty, .sporty]),
            ("2 - 4", [.crafty, .sporty, .fun]),
            ("Educational and crafty", [.educational, .crafty]),
            ("no preference", []), ("5", []), ("2 4", [.crafty, .fun]),
            // In a person's words
            ("something to learn from", [.educational]), ("something they can make", [.crafty]),
            ("mostly outdoors", [.sporty]), ("I'd like it to be silly", [.fun]),
            // Round 22's trial, for a grandfather.
            ("something he can do with his hands", [.crafty]), ("hands-on", [.crafty]),
            ("something to build", [.crafty]), ("something to get her moving", [.sporty]),
            ("something to laugh at", [.fun]),
            // Round 27's trials: a choice inside a sentence whose other words name none.
            ("something creative she can do on rainy days", [.crafty]), ("something to build together", [.crafty]),
            ("educational but still fun", [.educational, .fun]), ("anything active outdoors", [.sporty]),
        ] as [(String, [Purpose])])
    func answersChoicesByNumberOrWords(text: String, purposes: [Purpose]) throws {
        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        try flow.answer("lego", in: catalog)
        #expect(flow.currentQuestion?.kind == .multipleChoice)
        try flow.answer(text, in: catalog)
        #expect(flow.profile?.purposes == Set(purposes))
    }

    /// Round 22's trial typed who, their age and what they enjoy in one answer: the age was
    /// refused ("she's 40 and loves gardening") or what they enjoy was dropped ("my dad is 65, he
    /// likes golf"). Both are read; the interests question still comes next, holding them.
    @Test(
        arguments: [
            ("my wife, she's 40 and loves gardening and yoga", 40 * 12, ["gardening", "yoga"]),
            (
                "my dad is 65, he likes golf, whisky and history documentaries", 65 * 12,
                ["golf", "whisky", "history documentaries"]
            ),
            ("she's 7 and obsessed with horses", 7 * 12, ["horses"]),
            ("she's 8 and mad about horses, unicorns and anything sparkly", 8 * 12, ["horses", "unicorns", "sparkly"]),
            (
                "my nephew, he's 11 and mad about space and star wars (not the prequels)", 11 * 12,
                ["space", "star wars"]
            ),
            ("6 and a half", 6 * 12 + 6, []),
            ("it's for my granddad, he turns 78 next week", 78 * 12, []),
        ] as [(String, Int, [String])])
    func anAgeAnswerThatSaysWhatTheyEnjoyKeepsBoth(said: String, months: Int, enjoys: [String]) throws {
        var flow = QuestionFlow()
        try flow.answer(said, in: catalog)
        #expect(flow.profile?.ageMonths == months)
        #expect(flow.profile?.interests == enjoys)
        #expect(flow.currentQuestion?.id == .interests)
        if !enjoys.isEmpty {
            #expect(flow.lastAnswerNotes.first?.contains("who enjoys") == true, "\(flow.lastAnswerNotes)")
            #expect(flow.currentQuestion?.prompt.contains("I have: " + enjoys.joined(separator: ", ")) == true)
            try flow.skip(in: catalog)
            #expect(flow.profile?.interests == enjoys)
        }
        // A dislike said with them is avoided (round 23: "not the prequels" was a wish).
        #expect(flow.profile?.excludedWords == (said.contains("prequels") ? ["prequels"] : []))
    }

    /// A trial typed "about £20" at the purpose question and was told it was not one of the
    /// choices: an amount with its currency is the budget, and the skipped-over question comes back.
    @Test(arguments: [
        (QuestionID.purpose, "about £20"), (.interests, "under 15 quid"), (.purpose, "nothing over $30"),
        (.purpose, "a tenner"), (.age, "£15"),
        // Round 27: bounded in words, with no currency, past the age.
        (.interests, "under 20"), (.purpose, "no more than 30"),
    ])
    func aBudgetSaidBeforeItIsAskedIsTheBudget(question: QuestionID, text: String) throws {
        var flow = QuestionFlow()
        if question != .age { try flow.answer("9", in: catalog) }
        if question == .purpose { try flow.answer("lego", in: catalog) }
        #expect(flow.currentQuestion?.id == question)
        try flow.answer(text, in: catalog)
        if question != .age { #expect(flow.profile?.budgetMax != nil) }
        #expect(flow.currentQuestion?.id == question)
        #expect(flow.lastAnswerNotes.contains { $0.hasPrefix("Budget: up to") }, "\(flow.lastAnswerNotes)")
        // Asked in order, the budget question is not asked again.
        if question == .age {
            try flow.answer("9", in: catalog)
            #expect(flow.profile?.budgetMax == Money(minorUnits: 1500))
        } else {
            try flow.skip(in: catalog)
        }
        if question != .purpose { try flow.skip(in: catalog) }
        #expect(flow.currentQuestion?.id != .budget)
    }

    /// A trial typed "something fun, under 20 quid" at the purpose question: the budget was taken,
    /// "fun" lost, and the purpose asked again. Both are answers, and one `back` undoes both.
    @Test(arguments: [
        ("something fun, under 20 quid", [Purpose.fun], Int64(2000)), ("educational, about £30", [.educational], 3000),
        ("crafty and sporty - no more than $25", [.crafty, .sporty], 2500),
    ])
    func aPurposeSaidWithTheBudgetKeepsBoth(said: String, purposes: [Purpose], budget: Int64) throws {
        // So does what they enjoy, said with the budget at the interests question.
        for answer in [
            "dinosaurs and space, under 20 quid", "20 quid and dinosaurs and space", "dinosaurs and space (about £20)",
        ] {
            var interests = QuestionFlow()
            try interests.answer("9", in: catalog)
            try interests.answer(answer, in: catalog)
            #expect(interests.profile?.interests == ["dinosaurs", "space"], "\(answer)")
            #expect(interests.profile?.budgetMax == Money(minorUnits: 2000), "\(answer)")
            #expect(interests.currentQuestion?.id == .purpose, "\(answer)")
        }
        // Round 27's trial: "lego, 20" and "lego, under 20" looked for "20" and "under 20" in gift
        // names. An amount beside what they enjoy is the budget, with or without its currency.
        for (answer, low, high) in [
            ("lego, 20", nil, 2000), ("lego, under 20", nil, 2000), ("20, lego", nil, 2000),
            ("lego, 20-40", 2000, 4000), ("lego and about 30", nil, 3000),
        ] as [(String, Int64?, Int64)] {
            var interests = QuestionFlow()
            try interests.answer("9", in: catalog)
            try interests.answer(answer, in: catalog)
            #expect(interests.profile?.interests == ["lego"], "\(answer)")
            #expect(interests.profile?.budgetMin == low.map { Money(minorUnits: $0) }, "\(answer)")
            #expect(interests.profile?.budgetMax == Money(minorUnits: high), "\(answer)")
            #expect(interests.currentQuestion?.id == .purpose, "\(answer)")
            #expect(interests.lastAnswerNotes.contains { $0.hasPrefix("Budget: ") }, "\(interests.lastAnswerNotes)")
        }
        // Where the choices are numbers, numbers stay choices.
        for (answer, purposes) in [
            ("1,3", [Purpose.educational, .sporty]), ("1-3", [.educational, .crafty, .sporty]),
        ] {
            var choices = QuestionFlow()
            try choices.answer("9", in: catalog)
            try choices.answer("lego", in: catalog)
            try choices.answer(answer, in: catalog)
            #expect(choices.profile?.purposes == Set(purposes), "\(answer)")
            #expect(choices.profile?.budgetMax == nil, "\(answer)")
        }
        // And with the age: "about £25" was a wish.
        var atAge = QuestionFlow()
        try atAge.answer("my son is 7, loves dinosaurs and lego, about £25", in: catalog)
        #expect(atAge.profile?.interests == ["dinosaurs", "lego"])
        #expect(atAge.profile?.budgetMax == Money(minorUnits: 2500))
        try atAge.skip(in: catalog)
        try atAge.skip(in: catalog)
        #expect(atAge.currentQuestion?.id == .avoid)
        // A gift said with no thing in it leaves the budget alone, and the question comes back.
        var alone = QuestionFlow()
        try alone.answer("9", in: catalog)
        try alone.answer("a present under 15 quid", in: catalog)
        #expect(alone.profile?.interests == [])
        #expect(alone.profile?.budgetMax == Money(minorUnits: 1500))
        #expect(alone.currentQuestion?.id == .interests)

        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        try flow.answer("lego", in: catalog)
        #expect(flow.currentQuestion?.id == .purpose)
        try flow.answer(said, in: catalog)
        #expect(flow.profile?.purposes == Set(purposes))
        #expect(flow.profile?.budgetMax == Money(minorUnits: budget))
        #expect(flow.currentQuestion?.id == .avoid)
        #expect(flow.lastAnswerNotes.first?.hasPrefix("Read as what the gift is for") == true)
        flow.back()
        #expect(flow.currentQuestion?.id == .purpose)
        #expect(flow.profile?.budgetMax == nil)
        #expect(flow.lastAnswerNotes.first?.hasPrefix("Undone: \"\(said)\" (what the gift is for)") == true)
    }

    /// Round 23's trial typed "something fun" at the interests question: it was looked for in gift
    /// names and nothing fitted. The kind of gift is what it is for, and what they enjoy is asked again.
    @Test(arguments: [
        ("something fun", [Purpose.fun]), ("anything educational", [.educational]),
        ("something crafty or sporty", [.crafty, .sporty]),
    ])
    func whatTheGiftIsForSaidAtTheInterestsQuestionIsThePurpose(said: String, purposes: [Purpose]) throws {
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        try flow.answer(said, in: catalog)
        #expect(flow.profile?.purposes == Set(purposes))
        #expect(flow.profile?.interests == [])
        #expect(flow.currentQuestion?.id == .interests)
        #expect(
            flow.lastAnswerNotes.contains { $0.hasPrefix("Read as what the gift is for: ") }, "\(flow.lastAnswerNotes)")
        // Asked in order, the purpose question is not asked again.
        try flow.answer("dinosaurs", in: catalog)
        #expect(flow.currentQuestion?.id == .budget)
        // "something musical" is what they enjoy.
        var other = QuestionFlow()
        try other.answer("8", in: catalog)
        try other.answer("something musical", in: catalog)
        #expect(other.profile?.interests == ["musical"])
        #expect(other.currentQuestion?.id == .purpose)
    }

    /// A trial typed "not sure" at the age question and was told only how to type an age.
    @Test func notSureOfTheAgeIsToldAGuessWillDo() throws {
        var flow = QuestionFlow()
        let rejected = invalidReason { try flow.answer("not sure", in: catalog) }
        #expect(rejected?.0 == .age)
        #expect(rejected?.1.contains("rough guess") == true, "\(String(describing: rejected))")
        try flow.answer("about 8", in: catalog)
        #expect(flow.profile?.ageMonths == 96)
    }

    @Test func rejectsChoicesThatAreNotOptions() throws {
        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        try flow.skip(in: catalog)
        for bad in [
            "7", "0", "banana", "1, banana", "not sporty", "don't mind it being sporty", "something with bananas",
            // In a sentence, only a choice's own word counts, and never one turned around.
            "anything but sporty", "sporty rather than crafty", "something for 2 kids", "3-1", "4-9",
        ] {
            let rejected = invalidReason { try flow.answer(bad, in: catalog) }
            #expect(rejected?.0 == .purpose, "\(bad)")
            #expect(rejected?.1.contains("not one of the choices") == true, "\(bad)")
            // The answer is quoted as typed ("4-9", not the "6" of its range).
            if bad.contains("-") {
                #expect(rejected?.1.hasPrefix("\"\(bad)\"") == true, "\(String(describing: rejected))")
            }
        }
        #expect(flow.currentQuestion?.id == .purpose)
    }

    @Test func aChoiceReadOutOfASentenceSaysHowItWasRead() throws {
        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        try flow.skip(in: catalog)
        try flow.answer("something creative she can do on rainy days", in: catalog)
        #expect(flow.profile?.purposes == [.crafty])
        #expect(
            flow.state.notes.contains("Read as what the gift is for: crafty (type `back` to change it)."),
            "\(flow.state.notes)")
        flow.back()
        // Said beside the budget, the reading is said once.
        try flow.answer("something to build together, no more than 60 dollars", in: catalog)
        #expect(flow.lastAnswerNotes.filter { $0.hasPrefix("Read as") }.count == 1, "\(flow.lastAnswerNotes)")
        #expect(flow.profile?.budgetMax == Money(minorUnits: 6000))
        // And said early, at the interests question (the review found it said twice there).
        var early = QuestionFlow()
        try early.answer("9", in: catalog)
        try early.answer("something creative for rainy days", in: catalog)
        #expect(early.profile?.purposes == [.crafty])
        #expect(early.lastAnswerNotes.filter { $0.hasPrefix("Read as") }.count == 1, "\(early.lastAnswerNotes)")
        flow.back()
        // So is one said with words that all name it ("something she can use outdoors"), but
        // not a choice typed as it is offered, nor numbers.
        try flow.answer("something she can use outdoors", in: catalog)
        #expect(flow.profile?.purposes == [.sporty])
        #expect(flow.lastAnswerNotes.contains("Read as what the gift is for: sporty (type `back` to change it)."))
        flow.back()
        try flow.answer("2 4", in: catalog)
        #expect(!flow.state.notes.contains { $0.hasPrefix("Read as") }, "\(flow.state.notes)")
        flow.back()
        try flow.answer("crafty", in: catalog)
        #expect(!flow.state.notes.contains { $0.hasPrefix("Read as") }, "\(flow.state.notes)")
    }

    @Test func twoKindsInsideOneInterestAreEachLookedFor() throws {
        // "tigers and lions" once read as one phrase found a face-mask set; "space and rockets"
        // found one "Space Rocket" while "space" alone found 97 sets.
        let taxonomy = try TestSupport.emptyCatalog().taxonomy
        #expect(QuestionFlow.splittingAnd("tigers and lions", taxonomy: taxonomy) == ["tigers", "lions"])
        #expect(QuestionFlow.splittingAnd("space and rockets", taxonomy: taxonomy) == ["space", "rockets"])
        #expect(QuestionFlow.splittingAnd("knights and castles", taxonomy: taxonomy) == ["knights and castles"])
        #expect(QuestionFlow.splittingAnd("castles and knights", taxonomy: taxonomy) == ["castles and knights"])
    }

    @Test(arguments: [
        ("minecraft, drawing and unicorns", ["minecraft", "drawing", "unicorns"]),
        ("lego & minecraft", ["lego", "minecraft"]),
        ("knights and castles", ["knights and castles"]),
        // Two things inside one interest are each looked for, as `recommend` reads them; one
        // interest said twice is kept once.
        ("space and rockets", ["space", "rockets"]), ("dinosaurs, dinos and dinosaur", ["dinosaurs"]),
        ("arts and crafts", ["arts and crafts"]),
        ("rock and roll", ["rock and roll"]),
        // Beside an interest, a thing the shop may lack is a wish of its own; a filler is not.
        ("football and zorbling", ["football", "zorbling"]), ("football and more", ["football"]),
        ("dolls and accessories", ["dolls"]), ("thomas and friends", ["thomas and friends"]),
        // Said as a sentence: who and the liking verb go.
        ("he loves football and he's really into minecraft", ["football", "minecraft"]),
        ("She’s obsessed with horse riding!", ["horse riding"]),
        ("my son plays football and collects stamps", ["football", "stamps"]),
        ("loves arts and crafts!", ["arts and crafts"]),
        ("into dinosaurs, likes drawing a lot", ["dinosaurs", "drawing"]),
        // Words that only look like a liking stay: "playing cards" is no verb, "love hearts" a sweet.
        ("playing cards", ["playing cards"]), ("loves", ["loves"]),
        // An opening article and who it is for are no words of the thing ("drones for beginners"
        // found nothing with drones in the shop); a number without an age is theirs.
        ("drones for beginners", ["drones"]), ("a lego tree house", ["lego tree house"]),
        ("technic lego for a 9 year old", ["technic lego"]), ("ninjago dragons for 8-year-olds", ["ninjago dragons"]),
        ("steve from minecraft", ["minecraft steve"]), ("marshall from the paw patrol", ["paw patrol marshall"]),
        ("a table made from wood", ["table made from wood"]), ("a watch for my son", ["watch"]),
        // Whom by sex stays: shops write it ("Boys Pirate Costume"); after an age it goes.
        ("fancy dress costumes for boys", ["fancy dress costumes for boys"]), ("lego for a 9 year old boy", ["lego"]),
        ("a police station for a boy", ["police station"]),
        ("a pack of playing cards", ["playing cards"]),
        ("a game for 2", ["game for 2"]), ("chess sets for ages 6+", ["chess sets"]),
        // The short "and"
        ("arts n crafts", ["arts and crafts"]), ("lego n minecraft", ["lego", "minecraft"]),
        // Letters whose lower case is longer keep their place ("İ" is two scalars lowered).
        ("İstanbul AND he loves chess", ["İstanbul", "chess"]),
    ])
    func twoInterestsJoinedByAndAreTwoUnlessTheyAreOnePhrase(typed: String, interests: [String]) throws {
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        try flow.answer(typed, in: catalog)
        #expect(flow.profile?.interests == interests)
    }

    /// A trial answered "dunno" and "not sure" and was told to answer again; "under a tenner"
    /// was no budget. Not knowing is skipping (the age must still be answered).
    @Test func notKnowingSkipsAQuestionAndATennerIsTenPounds() throws {
        var flow = QuestionFlow()
        #expect(throws: QuestionFlowError.self) { try flow.answer("dunno", in: catalog) }
        try flow.answer("8", in: catalog)
        try flow.answer("I don't know", in: catalog)
        #expect(flow.profile?.interests == [])
        #expect(flow.state.answers.last?.text == nil)
        try flow.answer("not sure", in: catalog)
        try flow.answer("under a tenner", in: catalog)
        #expect(flow.profile?.budgetMax == Money(10))
        #expect(AnswerParser.budgetCurrency("under a tenner") == "GBP")
        #expect(AnswerParser.parseBudget("a fiver")?.max == Money(5))
    }

    /// A trial typed "actually star wars, not ninjago" at the purpose question and was told it
    /// was not one of the choices; a bare "3" at the interests question became an interest.
    @Test func secondThoughtsAtALaterQuestionChangeTheInterestsAndANumberIsNoInterest() throws {
        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        let bare = invalidReason { try flow.answer("3", in: catalog) }
        #expect(bare?.0 == .interests)
        try flow.answer("lego", in: catalog)
        #expect(flow.currentQuestion?.id == .purpose)
        try flow.answer("actually dinosaurs, not lego", in: catalog)
        #expect(flow.profile?.interests == ["dinosaurs"])
        // Taken back, not disliked: a trial found "avoid ninjago" added unasked.
        #expect(flow.profile?.excludedWords == [])
        #expect(flow.currentQuestion?.id == .purpose)
        #expect(flow.lastAnswerNotes.first?.hasPrefix("Changed what they enjoy to dinosaurs") == true)
        // A choice that starts "actually" is the choice.
        try flow.answer("actually educational", in: catalog)
        #expect(flow.profile?.purposes == [.educational])
        flow.back()
        flow.back()
        #expect(flow.profile?.interests == ["lego"])
    }

    /// What they turned away from, said at a later question, is avoided as it is on the list
    /// (both had dropped "drawing" without avoiding it).
    @Test func turningAwayAtALaterQuestionAvoidsTheOldInterest() throws {
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        try flow.answer("drawing", in: catalog)
        #expect(flow.currentQuestion?.id == .purpose)
        try flow.answer("actually she's gone off drawing, it's all horses now", in: catalog)
        #expect(flow.profile?.interests == ["horses"])
        #expect(flow.profile?.excludedWords == ["drawing"])
        // Said while adding, the old interest goes as well as being avoided.
        var adding = QuestionFlow()
        try adding.answer("8", in: catalog)
        try adding.answer("drawing, dinosaurs", in: catalog)
        try adding.answer("actually she also likes horses but has gone off drawing", in: catalog)
        #expect(adding.profile?.interests.contains("drawing") == false, "\(adding.profile?.interests ?? [])")
        #expect(adding.profile?.interests.contains("horses") == true)
        #expect(adding.profile?.excludedWords == ["drawing"])
    }

    /// Trials were offered "Licensed", "Gear" and "9V" as themes: a shop's tags that file gifts
    /// by how they are sold are no theme to ask about.
    @Test func aShopsFilingTagsAreNoThemes() throws {
        let taxonomy = try TestSupport.emptyCatalog().taxonomy
        for tag in ["licensed", "gear", "9v", "key chain ninjago", "storage", "supplementary", "magnet star wars"] {
            #expect(QuestionFlow.isFilingTag(tag, taxonomy), "\(tag)")
        }
        for tag in ["ninjago", "city", "trains", "castle", "harry potter"] {
            #expect(!QuestionFlow.isFilingTag(tag, taxonomy), "\(tag)")
        }
    }

    /// "ninjago" on a LEGO export filed by theme was "not in the interest list": a theme the shop
    /// files its gifts under is said as such.
    @Test func aThemeTheShopFilesGiftsUnderIsSaidAsSuch() throws {
        let shop = try TestSupport.catalog(
            rows: """
                n-1,Cole's Dragon,"",9.99,USD,7,,Ninjago,fun,,true
                n-2,Mobile Crane,"",39.99,USD,9,,Technic,fun,,true

                """)
        var flow = QuestionFlow()
        try flow.answer("9", in: shop)
        try flow.answer("ninjago", in: shop)
        #expect(
            flow.lastAnswerNotes == [
                "Looking for \"ninjago\" among the gifts this shop files as Ninjago, and in their names."
            ])
        var other = QuestionFlow()
        try other.answer("9", in: shop)
        try other.answer("zorbling", in: shop)
        #expect(other.lastAnswerNotes.first?.hasPrefix("\"zorbling\" is not in the interest list") == true)
        // Close to an interest's name ("technology"), yet the shop's own theme: no "did you mean".
        var technic = QuestionFlow()
        try technic.answer("9", in: shop)
        try technic.answer("technic", in: shop)
        #expect(
            technic.lastAnswerNotes == [
                "Looking for \"technic\" among the gifts this shop files as Technic, and in their names."
            ])
    }

    /// A trial answered four more questions for an 18-month-old on a shop with nothing under 3:
    /// when nothing is for their age at all, the flow says so and asks nothing more.
    @Test func nothingForTheirAgeAtAllEndsTheQuestions() throws {
        let older = try TestSupport.catalog(
            rows: """
                o-1,Chemistry Set,"",19.99,USD,8,,science,educational,,true

                """)
        var flow = QuestionFlow()
        try flow.answer("18 months", in: older)
        #expect(flow.isFinished)
        #expect(
            flow.state.notes.contains(
                "Nothing in this catalog is for an 18-month-old, so there is nothing more to ask."))
        flow.back()
        try flow.answer("9", in: older)
        #expect(flow.currentQuestion?.id == .interests)
    }

    /// Two trials had to step `back` through every later question to change one answer after the
    /// list: "change budget" asks that question again and keeps the others.
    @Test func changingOneAnswerAfterTheListKeepsTheOthers() throws {
        var (conversation, _) = try GiftConversation.replaying(
            ["9", "dinosaurs", "educational", "20", "glitter", "done"], in: catalog)
        #expect(conversation.results != nil)
        _ = try conversation.respond(to: "change the budget", in: catalog)
        #expect(conversation.currentQuestion?.id == .budget)
        _ = try conversation.respond(to: "50", in: catalog)
        let profile = try #require(conversation.profile)
        #expect(profile.budgetMax == Money(50))
        #expect(profile.interests == ["dinosaurs"] && profile.purposes == [.educational])
        #expect(profile.excludedWords == ["glitter"] && profile.ageMonths == 108)
        #expect(conversation.results != nil)
        _ = try conversation.respond(to: "change interests", in: catalog)
        _ = try conversation.respond(to: "space", in: catalog)
        #expect(conversation.profile?.interests == ["space"])
        #expect(conversation.profile?.budgetMax == Money(50))
        #expect(GiftConversation.answerToChange("change my mind") == nil)
        // Typed at a later question, it works there too.
        var (asking, _) = try GiftConversation.replaying(["9", "dinosaurs", "educational", "20"], in: catalog)
        #expect(asking.currentQuestion?.id == .avoid)
        _ = try asking.respond(to: "change budget", in: catalog)
        #expect(asking.currentQuestion?.id == .budget)
        _ = try asking.respond(to: "35", in: catalog)
        #expect(asking.profile?.budgetMax == Money(35) && asking.profile?.purposes == [.educational])
        #expect(asking.currentQuestion?.id == .avoid)
    }

    /// A trial applied a suggested change (`try 1`), then `change budget`: the list came back
    /// without it. What was changed after the list is kept, except what the new answer says.
    @Test func changingOneAnswerKeepsWhatWasChangedAfterTheList() throws {
        var (conversation, _) = try GiftConversation.replaying(
            ["9", "dinosaurs", "sporty", "20", "", "done"], in: catalog)
        let relaxations = try #require(conversation.results?.relaxations)
        let purpose = try #require(relaxations.firstIndex { $0.changes.purposes != nil }, "\(relaxations)")
        _ = try conversation.respond(to: "try \(purpose + 1)", in: catalog)
        let first = try #require(conversation.results?.items.first?.product.id)
        _ = try conversation.respond(to: "not 1", in: catalog)
        let tried = try #require(conversation.profile)
        #expect(tried.purposes != [.sporty])
        _ = try conversation.respond(to: "change budget", in: catalog)
        _ = try conversation.respond(to: "45", in: catalog)
        let profile = try #require(conversation.profile)
        #expect(profile.budgetMax == Money(45))
        #expect(profile.purposes == tried.purposes && profile.interests == tried.interests)
        #expect(conversation.refining?.critique.rejectedProductIDs.contains(first) == true)
        #expect(conversation.results?.items.contains { $0.product.id == first } == false)
        #expect(conversation.notes.contains("What you changed after the list is kept."), "\(conversation.notes)")
    }

    /// A round-21 trial's `cheaper` was dropped by `change interests`, while a `more like 3` for
    /// the old interest stayed in force: the budget `cheaper` set stays, a kind favoured for the
    /// old interests does not.
    @Test func changingInterestsKeepsCheaperAndDropsWhatWasLikedForTheOldOnes() throws {
        var (conversation, _) = try GiftConversation.replaying(
            ["9", "dinosaurs", "", "40", "", "done"], in: catalog)
        _ = try conversation.respond(to: "cheaper", in: catalog)
        let cheaper = try #require(conversation.profile?.budgetMax)
        #expect(cheaper < Money(40))
        _ = try conversation.respond(to: "more like 1", in: catalog)
        #expect(conversation.refining?.critique.favouredLike != nil)
        _ = try conversation.respond(to: "change interests", in: catalog)
        _ = try conversation.respond(to: "space", in: catalog)
        #expect(conversation.profile?.interests == ["space"])
        #expect(conversation.profile?.budgetMax == cheaper)
        #expect(conversation.refining?.critique.favouredLike == nil)
        #expect(conversation.refining?.critique.favouredInterests.isEmpty == true)
    }

    /// What the conversation reads as a command is never a name to save (trials saved recipients
    /// called "cheaper" and "change age").
    @Test(arguments: [
        ("cheaper", true), ("Try 2", true), ("change age", true), ("start over", true), ("Done", true),
        ("more like 3", true), ("change answers", true), ("Sam", false), ("Grandad Joe", false), ("Maya", false),
    ])
    func aCommandIsNeverAName(text: String, isCommand: Bool) {
        #expect(GiftConversation.isCommand(text) == isCommand)
    }

    /// A trial typed "£20" after a list and was told it was not understood: an amount with its
    /// currency is a new budget, every other answer kept; anything else says how to change one.
    @Test func aBudgetTypedAfterTheListIsTheNewBudget() throws {
        var (conversation, _) = try GiftConversation.replaying(
            ["9", "dinosaurs", "educational", "20", "glitter", "done"], in: catalog)
        #expect(conversation.results != nil)
        _ = try conversation.respond(to: "$45", in: catalog)
        let profile = try #require(conversation.profile)
        #expect(profile.budgetMax == Money(45))
        #expect(profile.interests == ["dinosaurs"] && profile.purposes == [.educational])
        #expect(conversation.results != nil)
        guard case .rejected(let reason) = try conversation.respond(to: "zorblax", in: catalog) else {
            Issue.record("nonsense after the list is not understood")
            return
        }
        #expect(reason.contains("change interests"), "\(reason)")
    }

    /// A trial's "twenty quid tops" and "fifty" were no budgets; "lego i think" and "i dont know
    /// really" were interests.
    @Test func amountsInWordsAreBudgetsAndHedgesAreNoInterests() throws {
        for (said, amount) in [
            ("twenty quid tops", 20), ("fifty", 50), ("a hundred and fifty", 150), ("twenty five pounds", 25),
        ] {
            #expect(AnswerParser.parseBudget(said)?.max == Money(Double(amount)), "\(said)")
        }
        #expect(AnswerParser.parseBudget("between ten and twenty")?.min == Money(10))
        #expect(AnswerParser.parseBudget("one two") == nil)
        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        try flow.answer("i dont know really, he likes dinosaurs and lego i think", in: catalog)
        #expect(flow.profile?.interests == ["dinosaurs", "lego"])
        var unsure = QuestionFlow()
        try unsure.answer("9", in: catalog)
        try unsure.answer("no idea", in: catalog)
        #expect(unsure.currentQuestion?.id == .purpose)
        #expect(unsure.profile?.interests == [])
    }

    /// A trial typed "i don't know really" as an interest (0 gifts) and "no glitter please and
    /// nothing scary" to avoid (the count did not move: "glitter please" was the word).
    @Test func answersSaidLooselyAreReadAndSaidBack() throws {
        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        try flow.answer("i don't know really", in: catalog)
        #expect(flow.profile?.interests == [])
        try flow.answer("not sure tbh", in: catalog)
        try flow.skip(in: catalog)
        try flow.answer("no glitter please and nothing scary", in: catalog)
        #expect(flow.profile?.excludedWords == ["glitter", "scary"])
        #expect(flow.state.notes.contains("Avoiding \"glitter\" and \"scary\"."))
    }

    /// A trial found the age it typed in words never echoed: an age said in words says what was
    /// understood; a number needs no echo.
    @Test func anAgeSaidInWordsSaysWhatWasUnderstood() throws {
        var flow = QuestionFlow()
        try flow.answer("my dad, he's 60", in: catalog)
        #expect(flow.state.notes == ["Read as a 60-year-old (type `back` to change it)."])
        // A trial's "2 and a half" read back as "a 2-year-old", as if the half were lost.
        var half = QuestionFlow()
        try half.answer("2 and a half", in: catalog)
        #expect(half.profile?.ageMonths == 30)
        #expect(half.state.notes == ["Read as 2 years 6 months (type `back` to change it)."])
        var plain = QuestionFlow()
        try plain.answer("7", in: catalog)
        #expect(plain.state.notes.isEmpty)
    }

    /// A sixth trial found ages echoed but budgets never: a budget said in words says what was
    /// understood; a plain number needs no echo.
    @Test func aBudgetSaidInWordsSaysWhatWasUnderstood() throws {
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        try flow.skip(in: catalog)
        try flow.skip(in: catalog)
        try flow.answer("about 20 bucks", in: catalog)
        #expect(flow.state.notes.first == "Budget: up to $20 (type `back` to change it).")
        // Pounds on a shop that prices in dollars with no rate: said at once (a trial saw "0 gifts"
        // and no reason until the end).
        var pounds = QuestionFlow()
        try pounds.answer("8", in: catalog)
        try pounds.skip(in: catalog)
        try pounds.skip(in: catalog)
        try pounds.answer("about 20 quid", in: catalog)
        #expect(
            pounds.state.notes.first
                == "Budget: up to £20 (type `back` to change it). This shop prices its gifts in USD and gives no "
                + "rate for GBP: only gifts priced in GBP can fit; give the budget in USD for the rest.")
        var plain = QuestionFlow()
        try plain.answer("8", in: catalog)
        try plain.skip(in: catalog)
        try plain.skip(in: catalog)
        try plain.answer("30", in: catalog)
        #expect(plain.state.notes.isEmpty)
    }

    /// A trial answered "both" to "which of their interests matters most?" and was told it is
    /// not a choice. Where several may be chosen, "both" and "all" are every choice.
    @Test func bothIsEveryChoiceWhereSeveralMayBeChosen() throws {
        let focus = Question(
            id: .followUp(.focus), prompt: "Which of their interests matters most for this gift?",
            kind: .multipleChoice,
            options: [
                QuestionOption(label: "Ninjago", value: "ninjago"),
                QuestionOption(label: "Star Wars", value: "star-wars"),
            ],
            canSkip: true, help: "")
        #expect(try AnswerParser.choices("both", for: focus, multiple: true) == ["ninjago", "star-wars"])
        #expect(try AnswerParser.choices("All of them", for: focus, multiple: true) == ["ninjago", "star-wars"])
        #expect(throws: QuestionFlowError.self) { try AnswerParser.choices("both", for: focus, multiple: false) }
    }

    /// A sixth trial answered "both" to "Making things or playing?" and "doesn't matter" to what
    /// the gift is for, and was told neither is a choice. Any choice will do: the question is
    /// skipped, as "no preference" would be.
    @Test func anyChoiceWillDoSkipsAQuestionOfChoices() throws {
        let making = Question(
            id: .followUp(.making), prompt: "Making things or playing?", kind: .singleChoice,
            options: [
                QuestionOption(label: "making things", value: "crafty"),
                QuestionOption(label: "playing", value: "fun"),
            ],
            canSkip: true, help: "")
        #expect(AnswerParser.meansEither("both", for: making))
        #expect(AnswerParser.meansEither("Either is fine", for: making))
        #expect(!AnswerParser.meansEither("playing", for: making))
        // Round 22's trial: "neither really, he just potters", "both the same really", "no".
        #expect(AnswerParser.meansEither("neither really, he just potters", for: making))
        #expect(AnswerParser.meansEither("both the same really", for: making))
        #expect(AnswerParser.meansEither("no", for: making))
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        try flow.answer("dinosaurs", in: catalog)
        try flow.answer("doesn't matter", in: catalog)
        #expect(flow.profile?.purposes == [])
        #expect(flow.state.current?.id == .budget)
        // "both" among five choices names no two of them: asked again.
        let purpose = QuestionCatalogue.question(.purpose, recipients: [], today: Date(), knownInterests: [])
        #expect(!AnswerParser.meansEither("both", for: purpose))
    }

    /// Round 22's trial was refused "my niece, shes about nine i think" and "he's 45, my husband"
    /// at the age question, and "not fussed" at the budget.
    @Test func anAgeBesideWhoItIsAndABudgetNotCaredAboutAreRead() throws {
        #expect(AnswerParser.parseAge("my niece, shes about nine i think") == 9 * 12)
        #expect(AnswerParser.parseAge("he's 45, my husband") == 45 * 12)
        // Two ages in two parts are no one age.
        #expect(AnswerParser.parseAge("my niece is 9, my nephew is 12") == nil)
        let budget = try #require(AnswerParser.parseBudget("not fussed"))
        #expect(budget.min == nil && budget.max == nil)
    }

    /// A trial's theme question offered "the clone war" and "lego ville": the shop's folded tag.
    /// It offers the shop's labels as the shop writes them.
    @Test func aThemeFromTheShopsLabelsIsOfferedAsTheShopWritesIt() throws {
        /// A LEGO export of these sets (name, theme, subtheme), each for 8 and up.
        func legoShop(_ sets: [(name: String, theme: String, subtheme: String)]) throws -> GiftCatalog {
            let shop = try TestSupport.emptyCatalog()
            var rows = "set_id,name,theme,subtheme,agerange_min,US_retailPrice,bricksetURL\n"
            for (index, set) in sets.enumerated() {
                rows +=
                    "s\(index),\(set.name),\(set.theme),\(set.subtheme),8,\(20 + index).99,https://brickset.com/sets/s\(index)\n"
            }
            try shop.importData(
                Data(rows.utf8), options: ImportOptions(format: .csv, columnMap: ImportTaggingAndReportTests.legoMap))
            return shop
        }
        let shop = try legoShop(
            (0..<12).map { index in
                (
                    "Star Wars Set \(index)", "Star Wars",
                    ["The Clone Wars", "Episode IV", "Buildable Figures"][index % 3]
                )
            })
        var flow = QuestionFlow()
        try flow.answer("9", in: shop)
        try flow.answer("star wars", in: shop)
        let set = try #require(try flow.candidates(in: flow.state, CatalogReader(shop)))
        let theme = try #require(flow.themeQuestion(for: set, taxonomy: shop.taxonomy))
        let labels = theme.options.map(\.label)
        #expect(labels.contains("The Clone Wars"))
        // A label they named inside their wish ("ninjago" of "ninjago dragons") is no theme to
        // offer them.
        let ninjago = try legoShop(
            (0..<12).map { index in
                (
                    index % 2 == 0 ? "Dragon \(index)" : "Starfighter \(index)",
                    index % 2 == 0 ? "Ninjago" : "Star Wars",
                    index % 4 < 2 ? "Legacy" : "Seabound"
                )
            })
        var named = QuestionFlow()
        try named.answer("9", in: ninjago)
        try named.answer("ninjago dragons, star wars", in: ninjago)
        let namedSet = try #require(try named.candidates(in: named.state, CatalogReader(ninjago)))
        #expect(namedSet.items.count == 12)
        let offered = named.themeQuestion(for: namedSet, taxonomy: ninjago.taxonomy)?.options.map(\.value) ?? []
        #expect(offered.contains("legacy"))
        #expect(!offered.contains("ninjago"))
        #expect(!labels.contains("the clone war"))
    }

    /// Round 26's trial, "trains and building things" on the Brickset export, was offered the
    /// themes "Bricks and More" and "The LEGO Batman Movie": the most frequent among every
    /// building set. For several wishes, themes come from the gifts that meet the most of them.
    @Test func themesForSeveralWishesComeFromTheGiftsThatMeetTheMost() throws {
        var rows = ""
        let both = ["Winter Village", "Town Line"]
        for index in 0..<12 {
            rows +=
                "t\(index),Train Set \(index),A train to build.,30,USD,8,,trains|building|\(both[index % 2]),fun,,true\n"
        }
        let one = ["Bricks and More", "Batman Movie", "Castle Quest", "Space Police"]
        for index in 0..<40 {
            rows += "b\(index),Brick Box \(index),Bricks to build.,30,USD,8,,building|\(one[index % 4]),fun,,true\n"
        }
        let shop = try TestSupport.catalog(rows: rows)
        var flow = QuestionFlow()
        try flow.answer("11", in: shop)
        try flow.answer("trains, building things", in: shop)
        let set = try #require(try flow.candidates(in: flow.state, CatalogReader(shop)))
        let theme = try #require(flow.themeQuestion(for: set, taxonomy: shop.taxonomy))
        #expect(Set(theme.options.map(\.label)) == ["Winter Village", "Town Line"], "\(theme.options)")
        // One wish: the most frequent themes of its gifts.
        var alone = QuestionFlow()
        try alone.answer("11", in: shop)
        try alone.answer("building things", in: shop)
        let aloneSet = try #require(try alone.candidates(in: alone.state, CatalogReader(shop)))
        let aloneTheme = try #require(alone.themeQuestion(for: aloneSet, taxonomy: shop.taxonomy))
        #expect(aloneTheme.options.map(\.label).contains("Bricks and More"), "\(aloneTheme.options)")
    }

    /// A trial typed "he's really into football and lego but hates star wars": recommend ranked
    /// LEGO Star Wars second, and the flow took "lego but hates star wars" as one wish. What they
    /// dislike is avoided, and the flow says so.
    @Test(arguments: [
        ("he's really into football and lego but hates star wars", ["football", "lego"], ["star wars"]),
        ("dinosaurs, drawing, but not anything scary", ["dinosaurs", "drawing"], ["scary"]),
        ("loves lego, not star wars or ninjago", ["lego"], ["star wars", "ninjago"]),
        ("space except rockets", ["space"], ["rockets"]),
        // Round 22's trial: how little, then what ("keen on pink" was avoided).
        ("animals and building things, not keen on pink stuff", ["animals", "building things"], ["pink"]),
        ("horses but she's not a big fan of slime", ["horses"], ["slime"]),
        ("lego, doesn't care for star wars", ["lego"], ["star wars"]),
        // Round 23's trial: a dislike said as an aside ("not the prequels" was a wish).
        ("space and star wars (not the prequels)", ["space", "star wars"], ["prequels"]),
        ("lego [no duplo]", ["lego"], ["duplo"]),
        ("unicorns, she hates getting messy", ["unicorns"], ["messy"]),
        // Nothing disliked: a liking is never read as its opposite.
        ("loves knots and noodles", ["knots and noodles"], []),
        ("nothing but horses", ["nothing but horses"], []),
    ])
    func whatTheyDislikeIsAvoidedNotWished(typed: String, interests: [String], avoided: [String]) throws {
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        try flow.answer(typed, in: catalog)
        #expect(flow.profile?.interests == interests)
        #expect(flow.profile?.excludedWords == avoided)
        #expect(flow.state.notes.contains { $0.hasPrefix("I'll avoid ") } == !avoided.isEmpty)
    }

    @Test func readsASlipInsideAPhraseAndOffersATwoLetterSlip() throws {
        // Found in the terminal: "horse ridding" was a kind of horses no product names (one word
        // known), and "dinasours" (two letters swapped about) was searched as typed.
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        try flow.answer("horse ridding, dinasours", in: catalog)
        // Nothing here is "dinasours": its one likely reading is taken, and said.
        #expect(flow.profile?.interests == ["horse riding", "dinosaurs"])
        #expect(flow.lastAnswerNotes.contains { $0.contains("Read \"horse ridding\" as \"horse riding\"") })
        #expect(
            flow.lastAnswerNotes.contains { $0.hasPrefix("Read \"dinasours\" as \"Dinosaurs\" (nothing here is") },
            "\(flow.lastAnswerNotes)")
        // A phrase that is no slip of the interest's own stays as said.
        var other = QuestionFlow()
        try other.answer("8", in: catalog)
        try other.answer("horse shows", in: catalog)
        #expect(other.profile?.interests == ["horse shows"])
    }

    @Test func correctsAClearMisspellingSaysSoAndKeepsUnknownInterests() throws {
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        try flow.answer("dinosuars, k-pop, Board Games", in: catalog)
        #expect(flow.profile?.interests == ["dinosaurs", "k-pop", "Board Games"])
        #expect(flow.lastAnswerNotes.contains { $0.contains("Read \"dinosuars\" as \"dinosaurs\"") })
        #expect(flow.lastAnswerNotes.contains { $0.contains("k-pop") })
        #expect(!flow.lastAnswerNotes.contains { $0.contains("Board Games") })
    }

    @Test func goesBackOneStepAtATime() throws {
        var flow = QuestionFlow()
        flow.back()  // nothing to undo
        #expect(flow.currentQuestion?.id == .age)
        try flow.answer("7", in: catalog)
        try flow.answer("space", in: catalog)
        #expect(flow.currentQuestion?.id == .purpose)
        flow.back()
        #expect(flow.currentQuestion?.id == .interests)
        #expect(flow.profile?.interests == [])
        // What going back undid is said, never dropped silently
        #expect(flow.lastAnswerNotes == ["Undone: \"space\" (what they enjoy); answer again, or `skip`."])
        flow.back()
        #expect(flow.currentQuestion?.id == .age)
        #expect(flow.profile == nil)
        #expect(flow.lastAnswerNotes == ["Undone: \"7\" (age); answer again."])
        try flow.answer("10", in: catalog)
        try flow.answer("music", in: catalog)
        #expect(flow.profile == RecipientProfile(ageYears: 10, interests: ["music"]))
    }

    @Test func skipsAnyQuestionButTheAgeAndRecordsTheSkip() throws {
        var flow = QuestionFlow()
        try flow.answer("7", in: catalog)
        try flow.skip(in: catalog)
        try flow.answer("", in: catalog)  // an empty answer skips too
        #expect(
            flow.answers == [
                QuestionAnswer(questionID: .age, text: "7"), QuestionAnswer(questionID: .interests, text: nil),
                QuestionAnswer(questionID: .purpose, text: nil),
            ])
        #expect(flow.currentQuestion?.id == .budget)
    }

    @Test func finishesEarlyOnceTheAgeIsKnownAndCanStillGoBack() throws {
        var flow = QuestionFlow()
        try flow.answer("6", in: catalog)
        try flow.answer("dinosaurs", in: catalog)
        try flow.finish()
        #expect(flow.isFinished)
        #expect(flow.currentQuestion == nil)
        #expect(throws: QuestionFlowError.alreadyFinished) { try flow.answer("1", in: catalog) }
        let result = try flow.recommendations(in: catalog, limit: 5)
        #expect(result.fit == .good)
        #expect(result.items.allSatisfy { $0.product.ages.admits(ageMonths: 72) })
        #expect(try flow.remainingCount(in: catalog) == result.goodMatchCount)
        flow.back()
        #expect(flow.currentQuestion?.id == .purpose)
    }

    @Test func neverCrashesOnHostileText() throws {
        let hostile = [
            "", " ", "\u{0}", String(repeating: "x", count: 5_000), "'; DROP TABLE product; --", "\"*\" NEAR -",
            "🎁🎁🎁", "\u{1B}[31mred", "1,,,,2", ",,,", "-", "$-5", "NaN", "inf",
        ]
        for text in hostile {
            var flow = QuestionFlow()
            try? flow.answer(text, in: catalog)
            try flow.answer("8", in: catalog)
            while let question = flow.currentQuestion, flow.answers.count < 12 {
                do { try flow.answer(text, in: catalog) } catch is QuestionFlowError { try flow.skip(in: catalog) }
                _ = question
            }
            #expect(flow.isFinished)
            _ = try flow.recommendations(in: catalog)
        }
    }
}

@Suite("Question flow: saved recipients")
struct QuestionFlowSavedRecipientTests {
    let catalog: GiftCatalog
    let today = Date(timeIntervalSince1970: 1_790_000_000)
    let mia: SavedRecipient

    init() throws {
        catalog = try GiftCatalog.inMemory()
        try catalog.fillWithDefaultCatalogIfEmpty()
        mia = SavedRecipient(
            id: 1, name: "Mia", ageMonthsWhenGiven: 84, ageGivenOn: today, interests: ["dinosaurs"],
            purposes: [.educational], budgetMax: Money(30))
    }

    @Test func asksWhoItIsForFirstAndPrefillsWhatIsKnown() throws {
        var flow = QuestionFlow(recipients: [mia], today: today)
        let first = try #require(flow.currentQuestion)
        #expect(first.id == .recipient)
        #expect(first.options.map(\.label) == ["Mia (7-year-old)", "someone new"])
        try flow.answer("mia", in: catalog)
        #expect(flow.selectedRecipient?.name == "Mia")
        #expect(flow.lastAnswerNotes.first?.contains("Mia") == true)
        let next = try #require(flow.currentQuestion)
        #expect(next.id == .interests)
        #expect(next.prompt.contains("Anything new"))
        try flow.answer("space", in: catalog)
        #expect(flow.currentQuestion?.id == .avoid)  // purpose and budget are known
        let profile = try #require(flow.profile)
        #expect(profile.ageMonths == 84)
        #expect(profile.interests == ["dinosaurs", "space"])
        #expect(profile.purposes == [.educational])
        #expect(profile.budgetMax == Money(30))
    }

    @Test func aSavedBudgetIsRecalledInTheCatalogsCurrency() throws {
        var flow = QuestionFlow(recipients: [mia], today: today)
        try flow.answer("mia", in: catalog)
        #expect(flow.lastAnswerNotes.first?.contains("up to $30") == true, "\(flow.lastAnswerNotes)")
        // The same saved budget in a shop that prices in pounds is pounds
        let pounds = try GiftCatalog.inMemory()
        _ = try pounds.importData(
            Data("id,name,price,age_min,interests\nt-1,Dinosaur Dig Kit,£12.99,5,dinosaurs\n".utf8),
            options: ImportOptions(format: .csv))
        var there = QuestionFlow(recipients: [mia], today: today)
        try there.answer("mia", in: pounds)
        #expect(there.lastAnswerNotes.first?.contains("up to £30") == true, "\(there.lastAnswerNotes)")
    }

    @Test func someoneNewGetsEveryCoreQuestion() throws {
        var flow = QuestionFlow(recipients: [mia], today: today)
        try flow.answer("2", in: catalog)
        var asked: [QuestionID] = []
        for answer in ["5", "dinosaurs", "fun", "40", "none"] {
            asked.append(try #require(flow.currentQuestion).id)
            try flow.answer(answer, in: catalog)
        }
        #expect(asked == [.age, .interests, .purpose, .budget, .avoid])
        #expect(flow.selectedRecipient == nil)
    }
}

@Suite("Question flow: adaptive follow-ups")
struct QuestionFlowFollowUpTests {
    let catalog: GiftCatalog

    init() throws {
        catalog = try GiftCatalog.inMemory()
        try catalog.fillWithDefaultCatalogIfEmpty()
    }

    private func snapshot(_ flow: QuestionFlow) throws -> (count: Int, top: [String]) {
        (try flow.remainingCount(in: catalog), try flow.recommendations(in: catalog, limit: 5).items.map(\.product.id))
    }

    @Test func everyFollowUpAnswerNarrowsTheCandidatesOrChangesTheTop() throws {
        var flow = QuestionFlow()
        for answer in ["8", "science, art, football", "", "", ""] { try flow.answer(answer, in: catalog) }
        var followUps = 0
        while let question = flow.currentQuestion {
            guard case .followUp(let key) = question.id else {
                Issue.record("core question after core: \(question.id)")
                break
            }
            #expect(question.canSkip)
            #expect(question.options.count >= 2)
            let before = try snapshot(flow)
            try flow.answer("1", in: catalog)
            let after = try snapshot(flow)
            #expect(after.count < before.count || after.top != before.top, "follow-up \(key) changed nothing")
            followUps += 1
        }
        #expect(followUps >= 1)
        #expect(followUps <= QuestionFlow.maxFollowUps)
    }

    @Test func asksNoFollowUpWhenAHandfulOfGiftsRemain() throws {
        var flow = QuestionFlow()
        for answer in ["8", "chess", "educational", "15", ""] where !flow.isFinished {
            try flow.answer(answer, in: catalog)
        }
        #expect(try flow.remainingCount(in: catalog) <= QuestionFlow.enoughCandidates)
        #expect(flow.isFinished)
        #expect(flow.followUpCount == 0)
    }

    @Test func focusOnOneInterestKeepsOnlyThatInterest() throws {
        var flow = QuestionFlow()
        for answer in ["30", "cooking, hiking, photography", "", "", ""] { try flow.answer(answer, in: catalog) }
        var sawFocus = false
        while let question = flow.currentQuestion {
            if question.id == .followUp(.focus) {
                sawFocus = true
                try flow.answer("hiking", in: catalog)
                #expect(flow.profile?.interests == ["hiking"])
            } else {
                try flow.skip(in: catalog)
            }
        }
        #expect(sawFocus)
        #expect(flow.followUpCount <= QuestionFlow.maxFollowUps)
    }

    @Test func aFocusQuestionNamesAnInterestTheWayTheyMeantIt() throws {
        // Found in the terminal: "unicorns" was offered back as "Fantasy & Magic Worlds".
        var flow = QuestionFlow()
        for answer in ["7", "dinos, unicorns, football", "", "", ""] { try flow.answer(answer, in: catalog) }
        var labels: [String] = []
        while let question = flow.currentQuestion {
            if question.id == .followUp(.focus) { labels = question.options.map(\.label) }
            try flow.skip(in: catalog)
        }
        try #require(!labels.isEmpty, "no focus question was asked")
        // A synonym is the interest itself; something inside an interest is said in their words.
        #expect(labels.contains("Dinosaurs"))
        #expect(labels.contains("Unicorns"))
        #expect(!labels.contains { $0.contains("Fantasy") })
    }

    @Test func skippingAFollowUpChangesNothing() throws {
        var flow = QuestionFlow()
        for answer in ["8", "science, art, football", "", "", ""] { try flow.answer(answer, in: catalog) }
        let profile = flow.profile
        let steering = flow.steering
        while flow.currentQuestion != nil { try flow.skip(in: catalog) }
        #expect(flow.profile == profile)
        #expect(flow.steering == steering)
        #expect(flow.followUpCount <= QuestionFlow.maxFollowUps)
    }

    @Test func theFlowAlwaysStopsWithinCorePlusThreeFollowUps() throws {
        for persona in Personas.all {
            let (flow, asked) = try persona.run(on: catalog)
            #expect(flow.isFinished, "\(persona.name)")
            #expect(asked.count <= 6 + QuestionFlow.maxFollowUps, "\(persona.name): \(asked)")
            #expect(asked.filter(\.isCore) == [.age, .interests, .purpose, .budget, .avoid], "\(persona.name)")
        }
    }
}

private enum Personas {
    static let all: [Persona] = [
        Persona(
            name: "dino kid",
            answers: [.age: "6", .interests: "dinosaurs", .purpose: "educational", .budget: "30", .avoid: ""]),
        Persona(
            name: "toddler", answers: [.age: "18 months", .interests: "", .purpose: "", .budget: "25", .avoid: ""]),
        Persona(
            name: "broad 8-year-old",
            answers: [.age: "8", .interests: "science, art, football", .purpose: "", .budget: "", .avoid: ""]),
        Persona(
            name: "teen gamer",
            answers: [.age: "14", .interests: "video games, music", .purpose: "fun", .budget: "50", .avoid: ""]),
        Persona(
            name: "crafty 10",
            answers: [
                .age: "10", .interests: "drawing, sewing", .purpose: "crafty", .budget: "20-40", .avoid: "glitter",
            ]),
        Persona(
            name: "outdoorsy adult",
            answers: [.age: "35", .interests: "hiking, camping, cooking", .purpose: "", .budget: "100", .avoid: ""]),
        Persona(
            name: "grandparent",
            answers: [.age: "70", .interests: "gardening, reading", .purpose: "", .budget: "no limit", .avoid: ""]),
        Persona(name: "no idea 5", answers: [.age: "5", .interests: "", .purpose: "", .budget: "", .avoid: ""]),
        Persona(
            name: "sporty 12",
            answers: [.age: "12", .interests: "soccer, basketball", .purpose: "sporty", .budget: "$40", .avoid: ""]),
        Persona(
            name: "space & coding 9",
            answers: [
                .age: "9", .interests: "space, coding, robots", .purpose: "educational", .budget: "60", .avoid: "",
            ]),
    ]
}

@Suite("Question flow: how many questions until a good list")
struct QuestionFlowMeasurementTests {
    @Test func averageQuestionsUntilAGoodListOverTenPersonas() throws {
        let catalog = try GiftCatalog.inMemory()
        try catalog.fillWithDefaultCatalogIfEmpty()
        var counts: [Int] = []
        var typed: [Int] = []
        var lines: [String] = []
        for persona in Personas.all {
            let (flow, asked) = try persona.run(on: catalog)
            let result = try flow.recommendations(in: catalog, limit: 5)
            #expect(result.fit == .good, "\(persona.name) ends without a good list")
            counts.append(asked.count)
            typed.append(flow.answers.filter { $0.text != nil }.count)
            lines.append(
                "  \(persona.name): \(asked.count) questions (\(asked.filter { !$0.isCore }.map(\.description).joined(separator: ", "))), \(result.goodMatchCount) good matches"
            )
        }
        let average = Double(counts.reduce(0, +)) / Double(counts.count)
        let averageTyped = Double(typed.reduce(0, +)) / Double(typed.count)
        print(
            "Question flow: average \(String(format: "%.1f", average)) questions shown (\(String(format: "%.1f", averageTyped)) answered, the rest skipped) "
                + "until a good list over \(counts.count) personas\n" + lines.joined(separator: "\n"))
        #expect(average <= 5.0 + Double(QuestionFlow.maxFollowUps))
    }
}
