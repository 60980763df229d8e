import Mustache

/// The pages' Mustache templates, compiled into the binary so a copied executable serves the
/// finder with nothing beside it. `{{name}}` escapes HTML; triple braces are never used, so every
/// product name, description and answer renders as text.
enum Templates {
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="referrer" content="no-referrer">
        <title>{{title}} · Giftwise</title>
        <link rel="stylesheet" href="/assets/finder.css">
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
        <script src="/assets/finder.js" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to the {{skipTarget}}</a>
        <header class="site">
        <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>Giftwise</a>
        <span class="tagline">a gift that says “I know you”</span>
        </header>
        <main id="main" tabindex="-1">
        {{$content}}{{/content}}
        </main>
        <footer class="site">
        <p>Chosen only for fit to what you told me: never popularity, never price for its own sake. Nothing you type is stored.</p>
        </footer>
        </body>
        </html>
        """

    static let question = """
        {{<layout}}{{$content}}
        <form id="question" class="card" action="/" method="get" novalidate>
        <p class="step">Question {{step}}</p>
        <h1 id="question-text">{{questionText}}{{#questionAside}} <span class="aside">{{.}}</span>{{/questionAside}}</h1>
        <p id="question-help" class="help">{{help}}</p>
        {{#answers}}<input type="hidden" name="a" value="{{.}}">
        {{/answers}}
        {{#isText}}
        <input id="answer" class="answer" name="answer" type="text" value="{{answerValue}}" autocomplete="off" spellcheck="{{spellcheck}}" aria-labelledby="question-text" aria-describedby="{{describedBy}}"{{#error}} aria-invalid="true"{{/error}} autofocus>
        {{/isText}}
        {{#isChoice}}
        <div role="group" class="choices" aria-labelledby="question-text" aria-describedby="{{describedBy}}"{{#error}} aria-invalid="true"{{/error}}>
        {{#options}}
        <label class="choice" for="{{id}}"><input id="{{id}}" type="{{inputType}}" name="answer" value="{{value}}"{{#checked}} checked{{/checked}}><span>{{label}}</span></label>
        {{/options}}
        </div>
        {{/isChoice}}
        {{#error}}<p id="answer-error" class="error" role="alert">{{.}}</p>{{/error}}
        {{#hasNotes}}<ul class="notes" aria-label="Notes about your last answer">{{#notes}}<li>{{.}}</li>{{/notes}}</ul>{{/hasNotes}}
        <p id="remaining" class="remaining" aria-live="polite"><strong class="count">{{remaining}}</strong> <span class="count-label">{{remainingLabel}}</span></p>
        <div class="actions">
        <button class="primary" type="submit" name="action" value="next">Next</button>
        <div class="secondary">
        {{#canGoBack}}<button type="submit" name="action" value="back">Back</button>{{/canGoBack}}
        {{#canSkip}}<button type="submit" name="action" value="skip">Skip</button>{{/canSkip}}
        {{#canFinish}}<button type="submit" name="action" value="done">Show gifts now</button>{{/canFinish}}
        </div>
        </div>
        </form>
        {{#hasSummary}}
        <section class="summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">So far</h2>
        <ul>{{#summary}}<li>{{.}}</li>{{/summary}}</ul>
        </section>
        {{/hasSummary}}
        {{/content}}{{/layout}}
        """

    static let results = """
        {{<layout}}{{$content}}
        <section class="results-head" aria-labelledby="results-heading">
        <h1 id="results-heading">{{heading}}</h1>
        <p class="fit-line fit-{{fit}}">Match: <strong id="fit">{{fit}}</strong> · {{fitMessage}}</p>
        {{#hasSummary}}<p class="summary-line">For {{#summary}}<span class="tag">{{.}}</span> {{/summary}}<a id="change-answers" href="{{changeAnswers}}">Change answers</a> · <a href="/">Start over</a></p>{{/hasSummary}}
        {{#notice}}<p id="refine-error" class="error" role="alert">{{.}}</p>{{/notice}}
        {{#unrecognised}}<p class="help">{{.}}</p>{{/unrecognised}}
        {{#notes}}<p class="help">{{.}}</p>{{/notes}}
        </section>
        {{#hasGifts}}
        <ol id="gifts">
        {{#gifts}}
        <li class="gift{{^isGood}} weak{{/isGood}}" data-id="{{id}}">
        <div class="gift-head">
        <h2 class="name" id="gift-{{position}}">{{name}}</h2>
        <p class="meta"><span class="price">{{price}}</span> <span class="ages">{{ages}}</span></p>
        </div>
        <ul class="reasons" aria-label="Why it fits">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>
        {{#hasMisses}}<ul class="misses" aria-label="What it misses">{{#misses}}<li>{{.}}</li>{{/misses}}</ul>{{/hasMisses}}
        {{#description}}<p class="description">{{.}}</p>{{/description}}
        {{#link}}<p class="product-link"><a href="{{.}}" rel="noopener noreferrer nofollow">Product page<span class="vh"> for {{name}}</span></a></p>{{/link}}
        <form class="refine" action="/gifts" method="get">
        {{#state}}<input type="hidden" name="{{name}}" value="{{value}}">{{/state}}
        <button type="submit" name="refine" value="more like {{position}}">More like this<span class="vh">: {{name}}</span></button>
        <button type="submit" name="refine" value="not {{position}}">Not this one<span class="vh">: {{name}}</span></button>
        </form>
        </li>
        {{/gifts}}
        </ol>
        {{#moreLink}}<p class="more"><a class="button" href="{{.}}">Show more gifts</a></p>{{/moreLink}}
        {{/hasGifts}}
        {{#hasRelaxations}}
        <section class="relax" aria-labelledby="relax-heading">
        <h2 id="relax-heading">{{relaxHeading}}</h2>
        <ul id="relaxations">
        {{#relaxations}}<li><a href="{{href}}">{{suggestion}}</a> <span class="opens">{{opens}}</span></li>{{/relaxations}}
        </ul>
        </section>
        {{/hasRelaxations}}
        {{#noHelp}}<p class="help">No single change of answers would help with this catalog.</p>{{/noHelp}}
        {{#hasElsewhere}}
        <section class="elsewhere" aria-labelledby="elsewhere-heading">
        <h2 id="elsewhere-heading">Ideas to look for elsewhere</h2>
        <ul id="elsewhere">{{#elsewhere}}<li>{{.}}</li>{{/elsewhere}}</ul>
        </section>
        {{/hasElsewhere}}
        {{#hasGifts}}
        <section class="refine-all" aria-labelledby="refine-heading">
        <h2 id="refine-heading">Refine</h2>
        <form class="refine" action="/gifts" method="get">
        {{#state}}<input type="hidden" name="{{name}}" value="{{value}}">{{/state}}
        <button type="submit" name="refine" value="cheaper">Cheaper</button>
        {{#purposeRefinements}}<button type="submit" name="refine" value="more {{value}}">More {{label}}</button>{{/purposeRefinements}}
        </form>
        </section>
        {{/hasGifts}}
        <p class="start-over"><a href="/">Start over</a></p>
        {{/content}}{{/layout}}
        """

    static let problem = """
        {{<layout}}{{$content}}
        <section class="card">
        <h1>{{heading}}</h1>
        <p class="error" id="page-error">{{message}}</p>
        <p><a class="button primary-link" href="/">Start again</a></p>
        </section>
        {{/content}}{{/layout}}
        """

    /// The templates, parsed once.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        do {
            try library.register(layout, named: "layout")
            try library.register(question, named: "question")
            try library.register(results, named: "results")
            try library.register(problem, named: "problem")
        } catch {
            // The templates are constants checked by the tests: a parse error is a programming error.
            preconditionFailure("A web finder template does not parse: \(error)")
        }
        return library
    }()

    static func render(_ view: Any, _ name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}
