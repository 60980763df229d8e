/// The finder's stylesheet, script and icon, compiled in. No fonts, images or scripts come from
/// anywhere else: the page works offline and tells no third party what was asked.
enum Assets {
    /// WCAG contrast of the palette (light / dark): text 15.1 / 14.8, muted text 6.3 / 7.5,
    /// primary button 7.2 / 9.9, links 6.6 / 9.9, match labels ≥ 6.1 / 8.9, errors 5.7 / 7.6,
    /// focus ring 4.8 / 10.3. Tests/Web/test_finder.py measures every rendered text in both.
    static let css = """
        :root {
          color-scheme: light dark;
          --bg: #f7f5f0; --surface: #ffffff; --text: #1d1f23; --muted: #545b64; --line: #d9d4c9;
          --accent: #0b57a4; --accent-text: #ffffff; --accent-soft: #e6eef8; --link: #0b57a4;
          --good: #17703a; --weak: #8a4b00; --error: #b3261e; --error-soft: #fdecea; --focus: #c2410c;
          --radius: 14px;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          font-size: 100%; line-height: 1.5;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #14161a; --surface: #1d2026; --text: #ebe8e2; --muted: #aab1ba; --line: #363b44;
            --accent: #8cc4ff; --accent-text: #0c1622; --accent-soft: #1f2a38; --link: #8cc4ff;
            --good: #6fd69a; --weak: #f2b366; --error: #ff9e94; --error-soft: #3a1f1d; --focus: #ffb37a;
          }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { background: var(--bg); color: var(--text); }
        body { margin: 0 auto; max-width: 46rem; padding: 0 1rem 2rem; }
        a { color: var(--link); text-underline-offset: 0.15em; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
        main:focus { outline: none; }
        .skip-link { position: absolute; left: -999px; top: 0.5rem; background: var(--surface); padding: 0.5rem 0.75rem; z-index: 1; }
        .skip-link:focus { left: 0.5rem; }
        .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        header.site { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.75rem; padding: 1.25rem 0 1rem; }
        .brand { font-weight: 700; font-size: 1.25rem; color: var(--text); text-decoration: none; letter-spacing: -0.01em; }
        .brand-mark { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em; border-radius: 0.2em;
          background: var(--accent); vertical-align: -0.05em; }
        .tagline { color: var(--muted); font-size: 0.95rem; }
        footer.site { color: var(--muted); font-size: 0.875rem; margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: 1rem; }
        h1 { font-size: clamp(1.5rem, 1.2rem + 1.5vw, 2.1rem); line-height: 1.2; letter-spacing: -0.015em; margin: 0 0 0.5rem; }
        h1 .aside { display: block; font-size: 1rem; font-weight: 400; letter-spacing: 0; color: var(--muted); margin-top: 0.35rem; }
        h2 { font-size: 1.15rem; line-height: 1.3; margin: 0; }
        .card { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.5rem; }
        .step { color: var(--muted); font-size: 0.875rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; margin: 0 0 0.5rem; }
        .help { color: var(--muted); margin: 0 0 1rem; }
        input.answer { width: 100%; font: inherit; font-size: 1.25rem; padding: 0.7rem 0.85rem; color: var(--text);
          background: var(--bg); border: 2px solid var(--muted); border-radius: 10px; }
        input.answer[aria-invalid="true"] { border-color: var(--error); }
        div.choices { display: grid; gap: 0.5rem; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); }
        label.choice { display: flex; align-items: center; gap: 0.65rem; padding: 0.7rem 0.85rem; border: 2px solid var(--line);
          border-radius: 10px; cursor: pointer; background: var(--bg); }
        label.choice:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); }
        label.choice input { width: 1.15rem; height: 1.15rem; margin: 0; accent-color: var(--accent); }
        .error { color: var(--error); background: var(--error-soft); border-radius: 8px; padding: 0.6rem 0.8rem; margin: 0.75rem 0 0; font-weight: 500; }
        .notes { color: var(--muted); padding-left: 1.1rem; margin: 0.75rem 0 0; font-size: 0.95rem; }
        .remaining { margin: 1.25rem 0 0; color: var(--muted); }
        .remaining .count { color: var(--text); font-size: 1.35rem; font-variant-numeric: tabular-nums; }
        .actions { margin-top: 1.25rem; display: flex; flex-direction: column; gap: 0.75rem; }
        .secondary { display: flex; flex-wrap: wrap; gap: 0.5rem; }
        button, a.button { font: inherit; font-weight: 600; border-radius: 10px; padding: 0.6rem 1rem; cursor: pointer;
          border: 2px solid var(--line); background: var(--surface); color: var(--text); text-decoration: none; display: inline-block; }
        button:hover, a.button:hover { border-color: var(--muted); }
        button.primary { background: var(--accent); color: var(--accent-text); border-color: var(--accent); font-size: 1.1rem; padding: 0.75rem 1.5rem; }
        button.primary:hover { filter: brightness(1.08); }
        @media (min-width: 40rem) {
          .actions { flex-direction: row-reverse; justify-content: space-between; align-items: center; }
        }
        @media (max-width: 39.99rem) { button.primary { width: 100%; } .card { padding: 1.15rem; } }
        .summary { margin-top: 1.25rem; color: var(--muted); }
        .summary h2 { font-size: 0.95rem; }
        .summary ul { margin: 0.25rem 0 0; padding-left: 1.1rem; }
        .results-head { margin-bottom: 1.25rem; }
        .fit-line { margin: 0 0 0.5rem; }
        .fit-good strong { color: var(--good); }
        .fit-partial strong, .fit-none strong { color: var(--weak); }
        .summary-line { color: var(--muted); margin: 0; }
        .tag { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 0.6rem; margin: 0.15rem 0; color: var(--text); font-size: 0.9rem; }
        ol#gifts { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; counter-reset: gift; }
        li.gift { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.15rem 1.25rem; counter-increment: gift; }
        li.gift.weak { border-style: dashed; }
        .gift-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1rem; align-items: baseline; }
        .gift-head .name::before { content: counter(gift) ". "; color: var(--muted); }
        .meta { margin: 0; display: flex; gap: 0.75rem; align-items: baseline; white-space: nowrap; }
        .price { font-weight: 700; font-size: 1.1rem; font-variant-numeric: tabular-nums; }
        .ages { color: var(--muted); font-size: 0.9rem; }
        ul.reasons, ul.misses { list-style: none; padding: 0; margin: 0.6rem 0 0; }
        ul.reasons li, ul.misses li { padding-left: 1.4rem; position: relative; }
        ul.reasons li::before { content: "✓"; position: absolute; left: 0; color: var(--good); font-weight: 700; }
        ul.misses li { color: var(--weak); }
        ul.misses li::before { content: "✗"; position: absolute; left: 0; font-weight: 700; }
        .description { color: var(--muted); font-size: 0.95rem; margin: 0.6rem 0 0; overflow-wrap: anywhere; }
        .product-link { margin: 0.5rem 0 0; font-size: 0.95rem; }
        form.refine { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.85rem; }
        form.refine button { font-size: 0.95rem; padding: 0.4rem 0.8rem; }
        .more { margin: 1rem 0 0; }
        .relax, .refine-all, .elsewhere { margin-top: 1.75rem; }
        #relaxations { padding-left: 1.1rem; margin: 0.5rem 0 0; }
        #relaxations li { margin: 0.35rem 0; }
        .opens { color: var(--muted); }
        .start-over { margin-top: 2rem; }
        .name { overflow-wrap: anywhere; }
        @media (prefers-reduced-motion: no-preference) { button, a.button, label.choice { transition: border-color 0.12s, background 0.12s; } }
        """

    /// Optional: updates the live count as the person types or picks, from `/count`. The page
    /// works the same without it.
    static let script = """
        "use strict";
        (function () {
          document.documentElement.classList.add("js");
          var form = document.getElementById("question");
          var remaining = document.getElementById("remaining");
          if (!form || !remaining || !window.fetch || !window.URLSearchParams) { return; }
          var count = remaining.querySelector(".count");
          var label = remaining.querySelector(".count-label");
          var timer = null;
          var latest = 0;
          function update() {
            var data = new URLSearchParams(new FormData(form));
            var ask = ++latest;
            fetch("/count?" + data.toString(), { headers: { "Accept": "application/json" } })
              .then(function (response) { return response.ok ? response.json() : null; })
              .then(function (body) {
                if (!body || ask !== latest || typeof body.remaining !== "number") { return; }
                count.textContent = typeof body.text === "string" ? body.text : String(body.remaining);
                label.textContent = body.label;
              })
              .catch(function () {});
          }
          function later() {
            if (timer) { clearTimeout(timer); }
            timer = setTimeout(update, 250);
          }
          form.addEventListener("input", later);
          form.addEventListener("change", later);
        })();
        """

    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="3" y="11" width="26" height="18" rx="3" fill="#0b57a4"/><rect x="1" y="7" width="30" height="6" rx="2" fill="#2f7bd0"/><rect x="14" y="7" width="4" height="22" fill="#f7f5f0"/></svg>
        """
}
