import Foundation
import Giftwise

/// The web gift finder (DESIGN §6): one question per page with the live count, then the gifts with
/// their reasons, relaxations and refinements. Plain HTML forms carry every answer, so it works
/// with JavaScript off and keeps no session: any replica answers any step.
///
/// Framework-free: a server turns its request into a ``WebRequest`` and writes back the
/// ``WebResponse``. Mount it for the paths ``handles(path:)`` accepts.
///
/// | path | what |
/// |---|---|
/// | `GET /` | the current question; `a` = answers so far, `answer` + `action` = this step |
/// | `GET /gifts` | the results for a profile in the query (bookmarkable); `refine` applies a refinement |
/// | `GET /count` | JSON `{"remaining": N, "text": "1,000+", "label": "…"}` for the answer being typed (the script's live count) |
/// | `GET /assets/…` | stylesheet, script, icon |
public struct WebFinder: Sendable {
    /// The paths of pages and the JSON count.
    public static let pagePaths: Set<String> = ["/", "/gifts", "/count"]
    /// Where the stylesheet, script and icon are served.
    public static let assetPrefix = "/assets/"

    let catalog: GiftCatalog

    /// Creates the finder over a catalog.
    public init(catalog: GiftCatalog) {
        self.catalog = catalog
    }

    /// Whether this finder answers `path` (the server routes everything else).
    public static func handles(path: String) -> Bool {
        pagePaths.contains(path) || path.hasPrefix(assetPrefix)
    }

    /// Answers one request. Never throws for bad input: a bad link or answer gets a page saying
    /// what to do; database failures are thrown for the server to turn into a 500.
    public func respond(_ request: WebRequest) async throws -> WebResponse {
        var response = try route(request)
        if request.method == "HEAD" { response.body = [] }
        return response
    }

    func route(_ request: WebRequest) throws -> WebResponse {
        guard ["GET", "HEAD", "POST"].contains(request.method) else {
            var response = problem(status: 405, heading: "Not allowed", message: "This page is read with GET.")
            response.headers.append(("Allow", "GET, HEAD, POST"))
            return response
        }
        switch request.path {
        case "/": return try questionPage(request.fields)
        case "/gifts": return try resultsPage(request.fields)
        case "/count": return try count(request.fields)
        case Self.assetPrefix + "finder.css": return .asset(Assets.css, type: "text/css; charset=utf-8")
        case Self.assetPrefix + "finder.js": return .asset(Assets.script, type: "text/javascript; charset=utf-8")
        case Self.assetPrefix + "icon.svg": return .asset(Assets.icon, type: "image/svg+xml")
        default:
            return problem(
                status: 404, heading: "Page not found",
                message: "There is nothing here. The gift finder starts at the front page.")
        }
    }

    func problem(status: Int, heading: String, message: String) -> WebResponse {
        .html(
            Templates.render(
                ProblemView(title: heading, skipTarget: "message", heading: heading, message: message), "problem"),
            status: status)
    }

    // MARK: Questions

    /// One step of the flow: replays the answers so far, applies this page's action, and shows
    /// the next question (or redirects to the results when the flow is done).
    func questionPage(_ fields: [(name: String, value: String)]) throws -> WebResponse {
        var replay = FlowReplay(catalog: catalog, answers: fields.filter { $0.name == "a" }.map(\.value))
        let typed = fields.filter { $0.name == "answer" }.map(\.value)
        let text = typed.joined(separator: ", ")
        var action = fields.last { $0.name == "action" }?.value ?? (typed.isEmpty ? "" : "next")
        // Typing a command does what it does in the terminal.
        let command = text.trimmingCharacters(in: .whitespaces).lowercased()
        if action == "next", ["back", "done", "skip"].contains(command) { action = command }

        var refusal: String?
        var showNotes = false
        switch action {
        case "back":
            if !replay.accepted.isEmpty {
                replay = FlowReplay(catalog: catalog, answers: Array(replay.accepted.dropLast()))
            }
        case "skip":
            do { try replay.skip() } catch { refusal = try Self.message(for: error) }
        case "done":
            var flow = replay.flow
            do {
                try flow.finish()
                return resultsRedirect(flow)
            } catch {
                refusal = try Self.message(for: error)
            }
        case "next":
            do {
                let isChoice = replay.flow.currentQuestion.map { !$0.options.isEmpty } ?? false
                if isChoice, !typed.isEmpty {
                    try replay.choose(typed)
                } else {
                    try replay.step(text)
                }
                showNotes = true
            } catch {
                refusal = try Self.message(for: error)
            }
        default:
            break
        }
        if replay.flow.isFinished { return resultsRedirect(replay.flow) }
        guard let question = replay.flow.currentQuestion else { return resultsRedirect(replay.flow) }
        let view = try questionView(
            question, replay: replay, error: refusal,
            echo: refusal == nil ? [] : typed, notes: showNotes ? replay.flow.lastAnswerNotes.map(Self.forThePage) : [])
        return .html(Templates.render(view, "question"), status: 200)
    }

    /// A note the flow words for the terminal, as the page says it: its Back button is what
    /// goes back ("type `back` to change it" showed its backticks on the page).
    static func forThePage(_ note: String) -> String {
        note.replacingOccurrences(of: "type `back`", with: "press Back")
    }

    /// A list's note as a sentence of its own on the page: the terminal shows each in brackets
    /// under the heading, the page as a line beside others that are sentences ("Not in the
    /// interest list, so matched as plain words: titanic.").
    static func sentence(_ note: String) -> String {
        guard let first = note.first else { return note }
        let closed = note.last.map { ".!?".contains($0) } ?? true
        return first.uppercased() + note.dropFirst() + (closed ? "" : ".")
    }

    func resultsRedirect(_ flow: QuestionFlow) -> WebResponse {
        guard let profile = flow.profile else { return .redirect(to: "/") }
        return .redirect(to: FinderQuery(profile: profile, critique: flow.steering).url)
    }

    /// The person-facing reason an answer or step was refused; other errors are not theirs to fix.
    static func message(for error: any Error) throws -> String {
        guard let refusal = error as? QuestionFlowError else { throw error }
        return refusal.errorDescription ?? "Please try another answer."
    }

    func questionView(_ question: Question, replay: FlowReplay, error: String?, echo: [String], notes: [String]) throws
        -> QuestionView
    {
        let flow = replay.flow
        let isChoice = question.kind == .singleChoice || question.kind == .multipleChoice
        let options = question.options.enumerated().map { index, option in
            QuestionView.Option(
                id: "choice-\(index + 1)", label: option.label, value: option.value,
                inputType: question.kind == .multipleChoice ? "checkbox" : "radio",
                checked: echo.contains(option.value))
        }
        let live = try liveCount(flow)
        let summary = try flow.profile.map { try summaryItems($0) } ?? []
        return QuestionView(
            title: question.prompt, skipTarget: "question", step: replay.accepted.count + 1,
            questionText: Self.splitPrompt(question.prompt).main,
            questionAside: Self.splitPrompt(question.prompt).aside,
            help: question.help, answers: replay.accepted,
            isText: !isChoice, answerValue: isChoice ? "" : echo.joined(separator: ", "),
            spellcheck: question.id == .interests || question.id == .avoid ? "true" : "false",
            isChoice: isChoice, options: options, error: error,
            describedBy: error == nil ? "question-help" : "answer-error question-help",
            hasNotes: !notes.isEmpty, notes: notes, remaining: live.text, remainingLabel: live.label,
            canGoBack: !replay.accepted.isEmpty, canSkip: question.canSkip, canFinish: flow.profile != nil,
            hasSummary: !summary.isEmpty, summary: summary)
    }

    /// "What do they enjoy? (comma-separated, e.g. …)" → the question and its parenthesis, so
    /// the heading stays short; together they are still the whole prompt.
    static func splitPrompt(_ prompt: String) -> (main: String, aside: String?) {
        guard prompt.hasSuffix(")"), let open = prompt.range(of: " (", options: .backwards),
            prompt[..<open.lowerBound].hasSuffix("?")
        else { return (prompt, nil) }
        return (String(prompt[..<open.lowerBound]), String(prompt[prompt.index(after: open.lowerBound)...]))
    }

    /// "7-year-old", "enjoys dinosaurs, drawing", "educational", "up to $30", "avoiding slime".
    func summaryItems(_ profile: RecipientProfile, currency knownCurrency: String? = nil) throws -> [String] {
        var items = [profile.ageDescription]
        if !profile.interests.isEmpty { items.append("enjoys " + profile.interests.joined(separator: ", ")) }
        if !profile.purposes.isEmpty {
            items.append(profile.purposes.sorted().map(\.adjective).joined(separator: " or "))
        }
        if profile.budgetMax != nil || profile.budgetMin != nil {
            let currency = try knownCurrency ?? catalogCurrency()
            switch (profile.budgetMin, profile.budgetMax) {
            case (let low?, let high?):
                items.append("\(low.formatted(currency: currency))–\(high.formatted(currency: currency))")
            case (nil, let high?): items.append("up to " + high.formatted(currency: currency))
            case (let low?, nil): items.append("from " + low.formatted(currency: currency))
            case (nil, nil): break
            }
        }
        if !profile.excludedWords.isEmpty { items.append("avoiding " + profile.excludedWords.joined(separator: ", ")) }
        return items
    }

    /// The currency budgets are in: the catalog's own.
    func catalogCurrency() throws -> String {
        try catalog.mainCurrency()
    }

    // MARK: Results

    /// The gifts for the profile in the URL; `refine` applies a refinement and redirects to the
    /// refined URL, so every results page is bookmarkable.
    func resultsPage(_ fields: [(name: String, value: String)]) throws -> WebResponse {
        let query: FinderQuery
        do {
            query = try FinderQuery(fields: fields)
        } catch let invalid as FinderQuery.Invalid {
            return problem(status: 400, heading: "That link is incomplete", message: invalid.message)
        }
        let result = try catalog.recommend(for: query.profile, limit: query.limit, critique: query.critique)
        var notice: String?
        if let text = fields.last(where: { $0.name == "refine" })?.value {
            if let refinement = Refinement(parsing: text) {
                var profile = query.profile
                var critique = query.critique
                do {
                    try refinement.apply(
                        shown: result.items, to: &profile, critique: &critique, taxonomy: catalog.taxonomy)
                    return .redirect(to: FinderQuery(profile: profile, critique: critique, limit: query.limit).url)
                } catch let refused as RefinementError {
                    notice = refused.errorDescription
                }
            } else {
                notice = "That refinement is not one I know: try cheaper, more like a gift, or not a gift."
            }
        }
        let view = try resultsView(result, query: query, notice: notice)
        return .html(Templates.render(view, "results"), status: 200)
    }

    func resultsView(_ result: Recommendations, query: FinderQuery, notice: String?) throws -> ResultsView {
        let profile = query.profile
        let state = query.fields.map { ResultsView.Field(name: $0.name, value: $0.value) }
        let gifts = result.items.enumerated().map { index, item in
            let product = item.product
            let full = product.descriptionBeyondName
            let description =
                full.count > 240 ? String(full.prefix(240)).trimmingCharacters(in: .whitespaces) + "…" : full
            let link = product.url.flatMap { url -> String? in
                let lowered = url.lowercased()
                return lowered.hasPrefix("https://") || lowered.hasPrefix("http://") ? url : nil
            }
            return ResultsView.Gift(
                position: index + 1, id: product.id, name: product.name,
                price: product.price.formatted(currency: product.currency), ages: product.ages.label,
                reasons: item.reasons, hasMisses: !item.mismatches.isEmpty, misses: item.mismatches,
                isGood: item.isGoodMatch, description: description.isEmpty ? nil : description, link: link)
        }
        let heading: String
        let fitMessage: String
        switch result.fit {
        case .good:
            heading = "Gifts for \(profile.ageDescriptionWithArticle)"
            fitMessage =
                result.goodMatchCount > gifts.count
                ? "the best \(gifts.count) of \(GiftCount.number(result.goodMatchCount)) good matches"
                : Self.plural(result.goodMatchCount, "good match", "good matches")
        case .partial where gifts.isEmpty:
            heading = "Nothing here is about what they enjoy"
            fitMessage = "no gift within these answers matches their interests, so none is listed"
        case .partial:
            heading = "Nothing fits everything you said"
            fitMessage = "these come closest, and each says what it misses"
        case .none:
            heading = "Nothing here fits these answers"
            fitMessage = "age, budget and things to avoid are never bent"
        }
        let relaxations = result.relaxations.map { relaxation in
            ResultsView.Relaxation(
                href: FinderQuery(
                    profile: relaxation.changes.applied(to: profile), critique: query.critique, limit: query.limit
                ).url,
                suggestion: relaxation.suggestion,
                opens: "opens " + Self.plural(relaxation.matches, "good match", "good matches"))
        }
        var more: String?
        if result.goodMatchCount > gifts.count, query.limit < FinderQuery.maxLimit, !gifts.isEmpty {
            var next = query
            next.limit = min(query.limit + 5, FinderQuery.maxLimit)
            more = next.url
        }
        let purposeRefinements = Purpose.allCases.filter { profile.purposes != [$0] }.map {
            ResultsView.Choice(value: $0.rawValue, label: $0.adjective)
        }
        let unrecognised =
            result.unrecognisedInterests.isEmpty
            ? nil
            : "Not in the interest list, so matched as plain words: "
                + result.unrecognisedInterests.joined(separator: ", ") + "."
        return ResultsView(
            title: heading, skipTarget: "gifts", heading: heading, fit: result.fit.rawValue, fitMessage: fitMessage,
            hasSummary: true, summary: try summaryItems(profile, currency: result.items.first?.product.currency),
            changeAnswers: changeAnswersURL(profile), notice: notice, unrecognised: unrecognised,
            hasGifts: !gifts.isEmpty, gifts: gifts, state: state,
            moreLink: more,
            hasRelaxations: !relaxations.isEmpty,
            relaxHeading: result.fit == .good ? "Only a few fit: changes that would open up more" : "What would help",
            relaxations: relaxations, noHelp: relaxations.isEmpty && result.fit != .good,
            hasElsewhere: !result.elsewhere.isEmpty, elsewhere: result.elsewhere,
            notes: result.notes.map(Self.sentence),
            purposeRefinements: purposeRefinements)
    }

    /// The question flow with this profile's answers replayed, showing the last question that
    /// took one (`back`), so any answer can be changed and the rest are kept. Results pages carry
    /// only the profile, so the answers are rebuilt from it; the replay keeps what the flow accepts.
    func changeAnswersURL(_ profile: RecipientProfile) -> String {
        let amount = { (money: Money) in FinderQuery.amountText(money) }
        let budget: String =
            switch (profile.budgetMin, profile.budgetMax) {
            case (let low?, let high?): "\(amount(low))-\(amount(high))"
            case (nil, let high?): amount(high)
            case (let low?, nil): "at least \(amount(low))"
            case (nil, nil): FlowReplay.skipMarker
            }
        let answers = [
            FinderQuery.ageText(profile.ageMonths),
            profile.interests.isEmpty ? FlowReplay.skipMarker : profile.interests.joined(separator: ", "),
            profile.purposes.isEmpty
                ? FlowReplay.skipMarker : profile.purposes.sorted().map(\.rawValue).joined(separator: ", "),
            budget,
            profile.excludedWords.isEmpty ? FlowReplay.skipMarker : profile.excludedWords.joined(separator: ", "),
        ]
        let accepted = FlowReplay(catalog: catalog, answers: answers).accepted
        return "/?" + FormEncoding.encode(accepted.map { ("a", $0) } + [("action", "back")])
    }

    static func plural(_ count: Int, _ one: String, _ many: String) -> String {
        GiftCount.phrase(count, one, many)
    }

    // MARK: Live count

    /// `{"remaining": N, "label": "gifts fit so far"}` for the answers so far plus the one being
    /// typed (if the flow would accept it), for the optional script.
    func count(_ fields: [(name: String, value: String)]) throws -> WebResponse {
        var replay = FlowReplay(catalog: catalog, answers: fields.filter { $0.name == "a" }.map(\.value))
        let text = fields.filter { $0.name == "answer" }.map(\.value).joined(separator: ", ")
        if !text.trimmingCharacters(in: .whitespaces).isEmpty, let question = replay.flow.currentQuestion {
            let typed = fields.filter { $0.name == "answer" }.map(\.value)
            do {
                if question.options.isEmpty { try replay.step(text) } else { try replay.choose(typed) }
            } catch is QuestionFlowError {}
        }
        let live = try liveCount(replay.flow)
        return .json("{\"remaining\":\(live.count),\"text\":\"\(live.text)\",\"label\":\"\(live.label)\"}")
    }

    /// The count beside a question: good matches so far (shown "1,000+" past the cap), or the
    /// catalog's size before the age is known.
    func liveCount(_ flow: QuestionFlow) throws -> (count: Int, text: String, label: String) {
        if flow.profile != nil {
            let count = try flow.remainingCount(in: catalog)
            return (count, GiftCount.number(count), count == 1 ? "gift fits so far" : "gifts fit so far")
        }
        let count = try catalog.productCount()
        return (count, String(count), count == 1 ? "gift to choose from" : "gifts to choose from")
    }
}
