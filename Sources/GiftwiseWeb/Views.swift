/// What the question template shows. Stored properties only: Mustache reads them by reflection.
struct QuestionView {
    struct Option {
        var id: String
        var label: String
        var value: String
        var inputType: String
        var checked: Bool
    }

    var title: String
    var skipTarget: String
    var step: Int
    var questionText: String
    /// A trailing "(…)" of the prompt, shown smaller: "(comma-separated, e.g. dinosaurs, drawing)".
    var questionAside: String?
    var help: String
    var answers: [String]
    var isText: Bool
    var answerValue: String
    var spellcheck: String
    var isChoice: Bool
    var options: [Option]
    var error: String?
    var describedBy: String
    var hasNotes: Bool
    var notes: [String]
    /// "221", "1,000+" (counts stop at ``GiftCount/cap``).
    var remaining: String
    var remainingLabel: String
    var canGoBack: Bool
    var canSkip: Bool
    var canFinish: Bool
    var hasSummary: Bool
    var summary: [String]
}

/// What the results template shows.
struct ResultsView {
    struct Field {
        var name: String
        var value: String
    }

    struct Gift {
        var position: Int
        var id: String
        var name: String
        var price: String
        var ages: String
        var reasons: [String]
        var hasMisses: Bool
        var misses: [String]
        var isGood: Bool
        var description: String?
        var link: String?
    }

    struct Relaxation {
        var href: String
        var suggestion: String
        var opens: String
    }

    struct Choice {
        var value: String
        var label: String
    }

    var title: String
    var skipTarget: String
    var heading: String
    var fit: String
    var fitMessage: String
    var hasSummary: Bool
    var summary: [String]
    /// The questions again, with these answers filled in (at the last one, so any can be changed).
    var changeAnswers: String
    var notice: String?
    var unrecognised: String?
    var hasGifts: Bool
    var gifts: [Gift]
    var state: [Field]
    var moreLink: String?
    var hasRelaxations: Bool
    var relaxHeading: String
    var relaxations: [Relaxation]
    var noHelp: Bool
    var hasElsewhere: Bool
    var elsewhere: [String]
    var notes: [String]
    var purposeRefinements: [Choice]
}

/// What the error page shows.
struct ProblemView {
    var title: String
    var skipTarget: String
    var heading: String
    var message: String
}
