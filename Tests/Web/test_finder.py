#!/usr/bin/env python3
"""Browser tests of the web gift finder (DESIGN §6) in real headless Chromium.

Walks whole flows by typing and clicking — a rejected answer, back, skip, "show gifts now", a
refinement and a relaxation link — with JavaScript on and again with it off, asserts on the
test hooks, checks that hostile product names and answers render as text, checks accessibility
(axe-core when installed, plus our own checks: labels, lang, headings, focus ring, tab order,
contrast in light and dark), and saves screenshots at 390 px and 1280 px, light and dark.

Run by Tests/Web/run.sh, which builds, starts `giftwise serve` on a free loopback port with a
temporary catalog (the default one plus Tests/Web/xss-products.csv) and stops it afterwards.

    python3 Tests/Web/test_finder.py --base http://127.0.0.1:8080 --screenshots docs/screenshots
"""

import argparse
import json
import os
import re
import sys
import time
import traceback
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, NoSuchElementException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

HOSTILE_ANSWER = '"><img src=x onerror=alert(1)>'
HOSTILE_NAME = "<script>alert(1)</script>"
PAGE_WAIT = 20  # seconds a page may take to load before the test fails (never a timing assertion)

failures = []
checks = 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)
        print("  FAIL " + message, flush=True)


def make_driver(javascript, width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")  # needed as root in a container
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.add_argument("--hide-scrollbars")
    options.add_argument("--force-device-scale-factor=1")
    options.add_argument("--lang=en-GB")
    options.add_argument(f"--window-size={width},{height}")
    for binary in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"):
        if os.path.exists(binary):
            options.binary_location = binary
            break
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver_path = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), None)
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(PAGE_WAIT * 3)
    return driver


def set_color_scheme(driver, scheme):
    # Reduced motion too, so colours are read after the switch, not halfway through a transition.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme},
                                                                      {"name": "prefers-reduced-motion", "value": "reduce"}]})


def set_width(driver, width, height=900):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def no_alert(driver, where):
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        check(False, f"{where}: a script ran and opened an alert ({text!r})")
    except NoAlertPresentException:
        check(True, "")


def wait_for(driver, selector):
    WebDriverWait(driver, PAGE_WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, selector))
    return driver.find_element(By.CSS_SELECTOR, selector)


def question_text(driver):
    return wait_for(driver, "form#question #question-text").text


def hidden_answers(driver):
    return [e.get_dom_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "form#question input[type=hidden][name=a]")]


def remaining(driver):
    text = driver.find_element(By.ID, "remaining").text
    match = re.search(r"\d[\d,]*", text)
    check(match is not None, f"#remaining shows a number (got {text!r})")
    return int(match.group(0).replace(",", "")) if match else -1


def click_action(driver, value):
    """Clicks the button named action with this value and waits for the next page."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, f"form#question button[name=action][value={value}]").click()
    WebDriverWait(driver, PAGE_WAIT).until(lambda d: stale(old))


def stale(element):
    try:
        element.tag_name
        return False
    except Exception:
        return True


def type_answer(driver, text, submit_with_enter=False):
    field = driver.find_element(By.CSS_SELECTOR, "form#question input[name=answer]")
    field.clear()
    old = driver.find_element(By.TAG_NAME, "html")
    field.send_keys(text)
    if submit_with_enter:
        field.send_keys(Keys.ENTER)
    else:
        driver.find_element(By.CSS_SELECTOR, "form#question button[name=action][value=next]").click()
    WebDriverWait(driver, PAGE_WAIT).until(lambda d: stale(old))


def pick_choices(driver, words):
    for word in words:
        labels = [l for l in driver.find_elements(By.CSS_SELECTOR, "form#question label.choice") if l.text.strip() == word]
        check(len(labels) == 1, f"one choice labelled {word!r}")
        if labels:
            labels[0].click()
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "form#question button[name=action][value=next]").click()
    WebDriverWait(driver, PAGE_WAIT).until(lambda d: stale(old))


def answer_until_results(driver, limit=8):
    """Skips whatever follow-ups remain, then asks for the gifts."""
    for _ in range(limit):
        if driver.find_elements(By.CSS_SELECTOR, "#fit"):
            return
        click_action(driver, "done")
    check(bool(driver.find_elements(By.CSS_SELECTOR, "#fit")), "the flow reaches the results")


def assert_question_hooks(driver, where):
    check(bool(driver.find_elements(By.CSS_SELECTOR, "form#question")), f"{where}: form#question")
    check(bool(driver.find_elements(By.CSS_SELECTOR, "form#question #question-text")), f"{where}: #question-text")
    fields = driver.find_elements(By.CSS_SELECTOR, "form#question [name=answer]")
    check(len(fields) >= 1, f"{where}: an answer field or choices named answer")
    check(bool(driver.find_elements(By.CSS_SELECTOR, "form#question button[type=submit], form#question input[type=submit]")),
          f"{where}: a submit button")
    check(bool(driver.find_elements(By.CSS_SELECTOR, "#remaining")), f"{where}: #remaining")


def assert_results_hooks(driver, where, currency_pattern=r"^(\$|£|€)\d+(\.\d\d)?$|^\d+(\.\d\d)? [A-Z]{3}$"):
    fit = driver.find_element(By.ID, "fit").text.strip()
    check(fit in ("good", "partial", "none"), f"{where}: #fit holds good, partial or none (got {fit!r})")
    gifts = driver.find_elements(By.CSS_SELECTOR, "ol#gifts > li.gift")
    if fit != "none":
        check(len(gifts) >= 1, f"{where}: ol#gifts > li.gift present when fit is {fit}")
    for gift in gifts:
        gift_id = gift.get_dom_attribute("data-id")
        check(bool(gift_id), f"{where}: li.gift has data-id")
        name = gift.find_elements(By.CSS_SELECTOR, ".name")
        check(len(name) == 1 and name[0].text.strip() != "", f"{where}: {gift_id} has a .name")
        price = gift.find_elements(By.CSS_SELECTOR, ".price")
        check(len(price) == 1 and re.match(currency_pattern, price[0].text.strip()) is not None,
              f"{where}: {gift_id} .price in the catalog's currency (got {price[0].text if price else None!r})")
        ages = gift.find_elements(By.CSS_SELECTOR, ".ages")
        check(len(ages) == 1 and re.match(r"^(ages \d+(\.\d)?(–\d+(\.\d)?( months)?|\+)|up to age \d+|age not stated)$",
                                           ages[0].text.strip()) is not None,
              f"{where}: {gift_id} .ages reads like 'ages 6–9' (got {ages[0].text if ages else None!r})")
        reasons = gift.find_elements(By.CSS_SELECTOR, "ul.reasons > li")
        check(len(reasons) >= 1, f"{where}: {gift_id} has ul.reasons > li")
        if fit == "partial" and "weak" in (gift.get_dom_attribute("class") or ""):
            check(bool(gift.find_elements(By.CSS_SELECTOR, "ul.misses > li")), f"{where}: a partial match says what it misses")
        check(bool(gift.find_elements(By.CSS_SELECTOR, "form.refine")), f"{where}: {gift_id} has a refine form")
    page = driver.find_element(By.TAG_NAME, "main").text.lower()
    for word in ("popular", "bestseller", "best seller", "best-selling", "trending"):
        check(word not in page, f"{where}: nothing about popularity ({word!r})")
    return fit, [g.get_dom_attribute("data-id") for g in gifts]


def load(driver, url):
    driver.get(url)
    wait_for(driver, "main")


# ---------------------------------------------------------------------------------------------
# The walks


def walk_whole_flow(driver, base, javascript):
    mode = "JS on" if javascript else "JS off"
    print(f"- whole flow, {mode}", flush=True)
    load(driver, base + "/")
    js_class = "js" in (driver.find_element(By.TAG_NAME, "html").get_dom_attribute("class") or "")
    check(js_class == javascript, f"{mode}: the page's script ran only when JavaScript is on (html.js = {js_class})")
    assert_question_hooks(driver, f"{mode} first question")
    check("old" in question_text(driver).lower(), f"{mode}: the first question asks the age")
    check(not driver.find_elements(By.CSS_SELECTOR, "button[name=action][value=skip]"), f"{mode}: the age has no skip button")

    # A rejected answer: the same question, the reason next to the field, nothing carried.
    type_answer(driver, "a hundred and fifty")
    check("old" in question_text(driver).lower(), f"{mode}: a rejected age re-asks the age")
    errors = driver.find_elements(By.ID, "answer-error")
    check(len(errors) == 1 and errors[0].text.strip() != "", f"{mode}: #answer-error explains the rejection")
    field = driver.find_element(By.CSS_SELECTOR, "form#question input[name=answer]")
    check("answer-error" in (field.get_dom_attribute("aria-describedby") or ""), f"{mode}: the field is described by the error")
    check(hidden_answers(driver) == [], f"{mode}: a rejected answer is not carried")

    # "Show gifts now" before the age: refused the same way.
    check(not driver.find_elements(By.CSS_SELECTOR, "button[name=action][value=done]"), f"{mode}: no 'show gifts' before the age")

    # The age, submitted with Enter.
    type_answer(driver, " 7 ", submit_with_enter=True)
    check("enjoy" in question_text(driver).lower(), f"{mode}: the interests question follows the age")
    check(hidden_answers(driver) == ["7"], f"{mode}: the accepted age travels in a hidden field as accepted (got {hidden_answers(driver)})")
    count_after_age = remaining(driver)
    check(count_after_age > 0, f"{mode}: the live count after the age is positive")

    if javascript:
        # The script updates the count while typing, before any submit.
        field = driver.find_element(By.CSS_SELECTOR, "form#question input[name=answer]")
        field.send_keys("dinosaurs")
        try:
            WebDriverWait(driver, PAGE_WAIT).until(lambda d: remaining(d) != count_after_age)
            check(True, "")
        except Exception:
            check(False, "JS on: the live count updates while typing")
        field.clear()

    type_answer(driver, "dinosaurs, drawing")
    check("for" in question_text(driver).lower(), f"{mode}: the purpose question follows interests")
    check(hidden_answers(driver) == ["7", "dinosaurs, drawing"], f"{mode}: both answers carried")
    check(remaining(driver) <= count_after_age, f"{mode}: interests narrow the count")

    # Back: the interests question again, the last answer no longer carried.
    click_action(driver, "back")
    check("enjoy" in question_text(driver).lower(), f"{mode}: back re-asks interests")
    check(hidden_answers(driver) == ["7"], f"{mode}: back drops the last answer")

    type_answer(driver, "dinosaurs, drawing")
    pick_choices(driver, ["educational"])
    check("budget" in question_text(driver).lower(), f"{mode}: the budget question follows the purpose")

    # Skip the budget.
    click_action(driver, "skip")
    check("avoid" in question_text(driver).lower(), f"{mode}: skip moves on to 'anything to avoid'")
    check(hidden_answers(driver)[-1] == "skip", f"{mode}: a skip travels as 'skip'")

    # A hostile answer renders as text.
    type_answer(driver, HOSTILE_ANSWER)
    no_alert(driver, f"{mode} hostile answer")
    check(not driver.find_elements(By.CSS_SELECTOR, "img[src=x]"), f"{mode}: the hostile answer made no <img>")
    check(HOSTILE_ANSWER in driver.find_element(By.TAG_NAME, "body").text or "img src=x" in driver.find_element(By.TAG_NAME, "body").text,
          f"{mode}: the hostile answer shows as text")

    answer_until_results(driver)
    results_url = driver.current_url
    check("/gifts?" in results_url, f"{mode}: the results have their own URL")
    fit, ids = assert_results_hooks(driver, f"{mode} results")
    no_alert(driver, f"{mode} results")
    check(not driver.find_elements(By.CSS_SELECTOR, "img[src=x]"), f"{mode}: no hostile <img> on the results")

    # Bookmarkable: the same URL in a fresh load shows the same gifts.
    load(driver, results_url)
    _, again = assert_results_hooks(driver, f"{mode} bookmarked results")
    check(again == ids, f"{mode}: a results URL loads the same gifts ({ids} vs {again})")

    # A refinement: "not this one" on the first gift.
    if ids:
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.CSS_SELECTOR, "ol#gifts > li.gift:first-child form.refine button[value='not 1']").click()
        WebDriverWait(driver, PAGE_WAIT).until(lambda d: stale(old))
        _, refined = assert_results_hooks(driver, f"{mode} refined results")
        check(ids[0] not in refined, f"{mode}: 'not this one' leaves {ids[0]} out")
        check("/gifts?" in driver.current_url and "not=" in driver.current_url, f"{mode}: the refined results have a bookmarkable URL")
        # A refine form for the whole list: cheaper.
        cheaper = driver.find_elements(By.CSS_SELECTOR, "form.refine button[value=cheaper]")
        check(len(cheaper) == 1, f"{mode}: a 'cheaper' refinement")
        if cheaper:
            old = driver.find_element(By.TAG_NAME, "html")
            cheaper[0].click()
            WebDriverWait(driver, PAGE_WAIT).until(lambda d: stale(old))
            check("budget=" in driver.current_url or driver.find_elements(By.ID, "refine-error"),
                  f"{mode}: cheaper sets a budget (or says why it cannot)")
            assert_results_hooks(driver, f"{mode} cheaper results")


def walk_to_relaxation(driver, base, javascript):
    """A budget nothing fits: fit none, relaxation links that re-run with the change applied."""
    mode = "JS on" if javascript else "JS off"
    print(f"- relaxation, {mode}", flush=True)
    load(driver, base + "/")
    type_answer(driver, "7")
    type_answer(driver, "dinosaurs")
    click_action(driver, "skip")          # purpose
    type_answer(driver, "1")              # budget: 1 — nothing that cheap
    answer_until_results(driver)
    fit, ids = assert_results_hooks(driver, f"{mode} tight budget")
    check(fit in ("none", "partial"), f"{mode}: a $1 budget is not a good fit (got {fit})")
    links = driver.find_elements(By.CSS_SELECTOR, "ul#relaxations > li > a")
    check(len(links) >= 1, f"{mode}: relaxation links are offered")
    if links:
        text = links[0].text
        old = driver.find_element(By.TAG_NAME, "html")
        links[0].click()
        WebDriverWait(driver, PAGE_WAIT).until(lambda d: stale(old))
        fit_after, after = assert_results_hooks(driver, f"{mode} after relaxation {text!r}")
        check(len(after) > 0 and fit_after != "none", f"{mode}: following {text!r} shows gifts")


def walk_hostile_product(driver, base, javascript):
    mode = "JS on" if javascript else "JS off"
    print(f"- hostile product names, {mode}", flush=True)
    load(driver, base + "/")
    type_answer(driver, "8")
    type_answer(driver, "zzxsstest")
    answer_until_results(driver)
    no_alert(driver, f"{mode} hostile product")
    names = {g.get_dom_attribute("data-id"): g.find_element(By.CSS_SELECTOR, ".name").text
             for g in driver.find_elements(By.CSS_SELECTOR, "ol#gifts > li.gift")}
    check(names.get("xss-script") == HOSTILE_NAME, f"{mode}: the product named {HOSTILE_NAME} shows its name as text (got {names})")
    check(names.get("xss-attr") == '"><img src=x onerror=alert(3)>', f"{mode}: an attribute-breaking name shows as text")
    check(not driver.find_elements(By.CSS_SELECTOR, "main script, img[src=x]"), f"{mode}: no injected script or img element")


def walk_partial(driver, base, javascript):
    """Ballet for a 9-year-old: the dance gifts say what they miss; ideas to look for elsewhere.
    (Coffee, used before, now lists nothing: its coffee gifts are for adults and the themes close
    to it are not close enough to offer.)"""
    mode = "JS on" if javascript else "JS off"
    print(f"- partial fit, {mode}", flush=True)
    load(driver, base + "/gifts?age=9&interest=ballet")
    fit, ids = assert_results_hooks(driver, f"{mode} partial")
    if fit == "partial":
        check(bool(driver.find_elements(By.CSS_SELECTOR, "li.gift ul.misses > li")), f"{mode}: partial matches list what they miss")
    check(bool(driver.find_elements(By.CSS_SELECTOR, "ul#elsewhere > li")) or fit == "good", f"{mode}: ideas to look for elsewhere")


# ---------------------------------------------------------------------------------------------
# Accessibility


CONTRAST_JS = r"""
function parse(c) { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; }
function lin(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
function lum(c) { return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b); }
function bg(el) { let layers = []; for (let e = el; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
  let base = {r: 255, g: 255, b: 255}; for (let i = layers.length - 1; i >= 0; i--) { const c = layers[i];
    base = {r: c.r * c.a + base.r * (1 - c.a), g: c.g * c.a + base.g * (1 - c.a), b: c.b * c.a + base.b * (1 - c.a)}; }
  return base; }
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
while (walker.nextNode()) { const node = walker.currentNode; if (!node.textContent.trim()) continue;
  const el = node.parentElement; if (seen.has(el)) continue; seen.add(el);
  const r = el.getBoundingClientRect(); if (r.width < 2 || r.height < 2) continue;
  const s = getComputedStyle(el); if (s.visibility === 'hidden' || s.display === 'none') continue;
  const fg = parse(s.color); const b = bg(el); const l1 = lum(fg), l2 = lum(b);
  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  out.push({text: node.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100}); }
return out;
"""


def accessibility(driver, where):
    """Our own checks, then axe-core if it is installed (pip install axe-selenium-python)."""
    lang = driver.find_element(By.TAG_NAME, "html").get_dom_attribute("lang")
    check(bool(lang), f"{where}: <html lang>")
    check(len(driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{where}: exactly one h1")
    check(bool(driver.title.strip()), f"{where}: a <title>")
    for field in driver.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, textarea"):
        field_id = field.get_dom_attribute("id")
        labelled = (field.get_dom_attribute("aria-labelledby") or field.get_dom_attribute("aria-label")
                    or (field_id and driver.find_elements(By.CSS_SELECTOR, f"label[for='{field_id}']")))
        check(bool(labelled), f"{where}: field {field_id or field.get_dom_attribute('name')} has a label")
    for button in driver.find_elements(By.TAG_NAME, "button"):
        check(bool(button.get_attribute("textContent").strip()), f"{where}: every button has a name")
    for scheme in ("light", "dark"):
        set_color_scheme(driver, scheme)
        low = [r for r in driver.execute_script(CONTRAST_JS) if r["ratio"] < 4.5]
        check(not low, f"{where} ({scheme}): text contrast ≥ 4.5:1, lowest: {sorted(low, key=lambda r: r['ratio'])[:3]}")
    set_color_scheme(driver, "light")
    try:
        from axe_selenium_python import Axe
    except ImportError:
        print("  (axe-core not installed: pip install axe-selenium-python)")
        return
    Axe(driver).inject()
    version = driver.execute_script("return axe.version")
    for scheme in ("light", "dark"):
        set_color_scheme(driver, scheme)
        result = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice']}})"
            ".then(function (r) { done({violations: r.violations.map(function (v) {"
            "  return [v.id, v.impact, v.nodes.length, v.nodes[0].target]; }), passes: r.passes.length}); })"
            ".catch(function (e) { done({error: String(e)}); });")
        check("error" not in result, f"{where} ({scheme}): axe-core {version} ran ({result.get('error')})")
        check(not result.get("violations"), f"{where} ({scheme}): axe-core {version} finds no violations: {result.get('violations')}")
        check(result.get("passes", 0) > 10, f"{where} ({scheme}): axe-core {version} ran its rules ({result.get('passes')} passed)")
    set_color_scheme(driver, "light")


def keyboard(driver, base):
    """Tab order and a visible focus ring, by pressing keys."""
    print("- keyboard", flush=True)
    load(driver, base + "/?a=7")
    active = driver.switch_to.active_element
    check(active.get_dom_attribute("name") == "answer", "the answer field has focus on arrival")
    active.send_keys(Keys.TAB)
    nxt = driver.switch_to.active_element
    check(nxt.get_dom_attribute("value") == "next", "Tab from the answer goes to the primary button first")
    outline = driver.execute_script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth];")
    check(outline[0] != "none" and outline[1] not in ("0px", ""), f"the focused button shows a focus ring ({outline})")
    order = []
    for _ in range(4):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        order.append(driver.switch_to.active_element.get_dom_attribute("value"))
    check(order[:3] == ["back", "skip", "done"], f"then back, skip, show gifts now (got {order})")


# ---------------------------------------------------------------------------------------------
# Screenshots


def screenshots(driver, base, folder):
    print("- screenshots", flush=True)
    os.makedirs(folder, exist_ok=True)
    load(driver, base + "/")
    first = driver.current_url
    type_answer(driver, "7")
    type_answer(driver, "dinosaurs, drawing")
    pick_choices(driver, ["educational"])
    type_answer(driver, "30")
    answer_until_results(driver)
    results = driver.current_url
    saved = []
    for width in (390, 1280):
        for scheme in ("light", "dark"):
            for name, url in (("question", first), ("results", results)):
                set_width(driver, width)
                set_color_scheme(driver, scheme)
                load(driver, url)
                if name == "question":
                    driver.switch_to.active_element.send_keys("7")
                height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
                set_width(driver, width, min(max(height, 700), 4000))
                path = os.path.join(folder, f"{name}-{width}-{scheme}.png")
                driver.save_screenshot(path)
                saved.append(path)
                if width == 390:
                    overflow = driver.execute_script("return document.documentElement.scrollWidth")
                    check(overflow <= width, f"{name} at {width}px ({scheme}) has no sideways scrolling ({overflow}px wide)")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    set_color_scheme(driver, "light")
    print("  saved " + ", ".join(saved))


# ---------------------------------------------------------------------------------------------


def http_headers(base):
    print("- headers", flush=True)
    with urllib.request.urlopen(base + "/") as response:
        policy = response.headers.get("Content-Security-Policy", "")
        check("script-src 'self'" in policy and "unsafe-inline" not in policy, f"CSP forbids inline script ({policy!r})")
        body = response.read().decode()
        check("<script>" not in body and " style=" not in body, "no inline script or style in the page")
        for external in ("http://", "https://", "//fonts."):
            assets = re.findall(r'(?:src|href)="([^"]+)"', body)
            check(not any(a.startswith(external) for a in assets), f"no external assets ({external})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--screenshots", default="docs/screenshots")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    started = time.time()
    http_headers(base)
    for javascript in (True, False):
        driver = make_driver(javascript)
        try:
            walk_whole_flow(driver, base, javascript)
            walk_to_relaxation(driver, base, javascript)
            walk_hostile_product(driver, base, javascript)
            walk_partial(driver, base, javascript)
            if javascript:
                keyboard(driver, base)
                print("- accessibility", flush=True)
                load(driver, base + "/")
                accessibility(driver, "first question")
                load(driver, base + "/?answer=abc&action=next")
                accessibility(driver, "rejected answer")
                load(driver, base + "/?a=7&a=dinosaurs")
                accessibility(driver, "choice question")
                load(driver, base + "/gifts?age=7&interest=dinosaurs&interest=drawing&purpose=educational&budget=30")
                accessibility(driver, "results")
                load(driver, base + "/gifts?age=7&interest=dinosaurs&budget=1")
                accessibility(driver, "no-fit results")
                screenshots(driver, base, args.screenshots)
        except Exception:
            traceback.print_exc()
            failures.append(f"JS {'on' if javascript else 'off'}: the walk stopped with an exception")
        finally:
            driver.quit()
    print(f"{checks} checks, {len(failures)} failed, {time.time() - started:.0f} s")
    for failure in failures:
        print("FAILED: " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
