"""Open every page of the built book in headless Chromium and check what a reader would see.

Usage: python tools/browser_check.py _build/html [--screenshots DIR] [--chromium PATH]

The site is served from 127.0.0.1; every request to another host is blocked and counted, so
the check also proves that the book reads offline.  For each page it asserts: no console
error, no uncaught exception, no failed request, no request to a non-local host; MathJax has
typeset every formula (pages with math); in dark mode, every image keeps its own light
background (dark ink on a dark page would be illegible), and every animated figure is drawn
on the theme's dark surface with every label at >= 4.5 : 1 contrast; on every animated
figure, pressing "next" shows the next step: the counter, the caption (the computed caption
of that step, as listed in the transcript) and the SVG groups of the steps revealed so far;
a figure with two views (composite operations collapsed or expanded) switches to the other
at the mapped step, focus and aria-pressed following, and the other view is stepped and
measured too.
Legibility: at 1280 and at 390 CSS px wide (a laptop, a phone) every animated figure's
smallest label renders at >= 11 and >= 10 px, and neither the page nor a figure or its
caption is wider than the screen.  Accessibility: axe-core (pinned in package.json, injected
from node_modules) runs its WCAG 2 A and AA rules on every page in both themes; a serious or
critical violation fails the check.
Every local link on a page (downloads, figures for slides, cross-references) must answer 200;
on a chapter the "Cite this chapter" box must give the chapter's own number and address, and
the launch buttons must open the chapter's notebook.
Both editions: every page links its twin in the other language (the header's switch, and
``hreflang`` alternates), the Japanese pages say ``lang="ja"`` and their players speak
Japanese; the search lists the backpropagation chapter among the first three results for
"backpropagation" in English and for 誤差逆伝播 in Japanese.  The Japanese pages share the
English pages' figures and styles, so one of them (JAPANESE_IN_FULL) gets every check and a
phone screenshot, the others the checks of what translation changes (no dark-mode pass, no
phone pass).
A screenshot of each page in both themes goes to --screenshots (a build artifact, not
committed).  Exit status 1 on any failure, with one line per problem.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

from PIL import Image
from playwright.sync_api import sync_playwright

from nnbook.animation.theme import contrast

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
#: Screen widths (CSS px) and the smallest label an animated figure may show on them.
WIDTHS = {1280: 11.0, 390: 10.0}
DARK_INK_CONTRAST = 4.5  # WCAG 2 AA, normal text


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per request would drown the report
        pass


def is_redirect(path: Path) -> bool:
    """Jupyter Book's root index.html only forwards to the first page (a meta refresh)."""
    return 'http-equiv="Refresh"' in path.read_text(errors="replace")[:2000]


def pages(root: Path) -> list[str]:
    """The book's pages, in both editions (the Japanese one under ja/)."""
    skip = {"_static", "_sources", "_images", "genindex.html", "search.html"}
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not skip & set(p.relative_to(root).parts)
    )


def light_background(png: bytes, ring: int = 3) -> float:
    """Median luminance (0 black .. 1 white) of the outer ``ring`` pixels of a screenshot.

    The border is the figure's own background (a plot's colours may fill the middle): on a
    dark page it must stay light, or dark axes and labels become illegible.
    """
    image = Image.open(io.BytesIO(png)).convert("L")
    w, h = image.size
    boxes = [(0, 0, w, ring), (0, h - ring, w, h), (0, 0, ring, h), (w - ring, 0, w, h)]
    border = b"".join(image.crop(box).tobytes() for box in boxes)
    return statistics.median(border) / 255


def _hex(css: str) -> str:
    """'rgb(34, 40, 50)' -> '#222832', for :func:`nnbook.animation.theme.contrast`."""
    channels = css[css.index("(") + 1 : css.index(")")].split(",")[:3]
    return "#" + "".join(f"{round(float(c)):02x}" for c in channels)


def open_solutions(page) -> None:
    """Open every collapsed solution, as a reader would, so its figures are laid out."""
    page.evaluate(
        "document.querySelectorAll('.dropdown:not(.toggle-shown) .toggle-button')"
        ".forEach(b => b.click())"
    )
    page.wait_for_timeout(300)


def _measure(page) -> dict:
    """How far the page scrolls sideways, and each shown animated figure's smallest label."""
    return page.evaluate(
        """() => ({
          page: document.documentElement.scrollWidth - window.innerWidth,
          figures: [...document.querySelectorAll('figure.nnbook-anim:not([hidden])')].map(f => {
            const svg = f.querySelector('.nnbook-anim-stage > svg');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text')]
              .map(t => parseFloat(getComputedStyle(t).fontSize));
            const caps = [...f.querySelectorAll('.nnbook-anim-captions > div')];
            return {id: f.id, label: Math.min(...sizes) * scale,
                    wide: f.getBoundingClientRect().right - window.innerWidth,
                    captions: caps.filter(c => c.scrollWidth > c.clientWidth + 1).length};
          }),
        })"""
    )


def check_legibility(page, width: int, problems: list[str]) -> list[float]:
    """At this screen width: each animated figure's smallest label in CSS px (its font size
    times rendered width / viewBox width), and nothing wider than the screen."""
    open_solutions(page)
    found = _measure(page)
    # the other view of each figure with two (composites collapsed or expanded): switch, measure
    # it, switch back
    switch = "b => b.forEach(x => x.click())"
    views = "figure.nnbook-anim:not([hidden]) button[data-act=view]"
    page.locator(views).evaluate_all(switch)
    other = _measure(page)
    found["page"] = max(found["page"], other["page"])
    seen = {fig["id"] for fig in found["figures"]}
    found["figures"] += [fig for fig in other["figures"] if fig["id"] not in seen]
    page.locator(views).evaluate_all(switch)
    if found["page"] > 1:
        problems.append(f"at {width} px the page scrolls sideways by {found['page']} px")
    for fig in found["figures"]:
        if fig["label"] < WIDTHS[width]:
            problems.append(
                f"{fig['id']}: at {width} px its smallest label is {fig['label']:.1f} px "
                f"(< {WIDTHS[width]:g})"
            )
        if fig["wide"] > 1:
            problems.append(f"{fig['id']}: at {width} px it is wider than the screen")
        if fig["captions"]:
            problems.append(f"{fig['id']}: at {width} px {fig['captions']} captions overflow")
    return [fig["label"] for fig in found["figures"]]


def check_dark_figures(page, problems: list[str]) -> None:
    """Each animated figure on the theme's dark surface, every label legible on it."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('figure.nnbook-anim')].map(f => {
             const stage = f.querySelector('.nnbook-anim-stage');
             return {id: f.id, card: getComputedStyle(stage).backgroundColor,
                     inks: [...new Set([...stage.querySelectorAll('svg text')]
                       .map(t => getComputedStyle(t).fill))]};
           })"""
    )
    for fig in found:
        card = _hex(fig["card"])
        if contrast(card, "#000000") > 3:  # lighter than a dark surface
            problems.append(f"{fig['id']}: in dark mode it sits on a light card {fig['card']}")
        for ink in fig["inks"]:
            if contrast(_hex(ink), card) < DARK_INK_CONTRAST:
                problems.append(f"{fig['id']}: in dark mode label colour {ink} is illegible")


def check_axe(page, theme: str, problems: list[str]) -> int:
    """axe-core's WCAG 2 A/AA rules; serious and critical violations are problems."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
             .then(r => r.violations.map(v => ({
               id: v.id, impact: v.impact, nodes: v.nodes.length,
               targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
             })))"""
    )
    for v in violations:
        if v["impact"] in ("serious", "critical"):
            problems.append(
                f"axe ({theme}): {v['impact']} {v['id']} on {v['nodes']} elements, e.g. "
                + "; ".join(v["targets"])
            )
    return len(violations)


def wait_for_math(page) -> int:
    """Wait until MathJax 3 (which typesets asynchronously) is done; the page's ``.math``
    formulas (the players' captions are typeset too, but are not ``.math``)."""
    n_math = page.evaluate("document.querySelectorAll('.math').length")
    # Sphinx loads MathJax only on pages with display or inline math
    if n_math or page.evaluate("!!document.querySelector('script[src*=\"mathjax\"]')"):
        page.wait_for_function(
            "window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20_000
        )
        page.evaluate("MathJax.startup.promise")
    return n_math


def check_narrow(
    page, url: str, name: str, report: list[str], shots: Path | None = None
) -> list[float]:
    """The page on a phone: labels, and nothing wider than the screen."""
    problems: list[str] = []
    page.goto(url, wait_until="load")
    wait_for_math(page)
    labels = check_legibility(page, 390, problems)
    if shots:
        page.screenshot(path=shots / f"{name.replace('/', '_')}-phone.png")
    report.extend(f"{name}: {p}" for p in problems)
    return labels


def watch(page, problems: list[str], stats: dict) -> None:
    """Record what a reader would notice going wrong while the page loads: console errors,
    uncaught exceptions, failed or refused requests; count local requests in ``stats`` and
    block (and report) every request to another host."""
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.append(f"uncaught exception: {e}"))
    page.on(
        "requestfailed",
        lambda r: (
            problems.append(f"request failed: {r.url} ({r.failure})")
            if urlparse(r.url).hostname in LOCAL_HOSTS
            else None
        ),
    )
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )

    def route(r):
        if urlparse(r.request.url).hostname in LOCAL_HOSTS:
            stats["local"] += 1
            r.continue_()
        else:
            stats["blocked"] += 1
            problems.append(f"request to a non-local host: {r.request.url}")
            r.abort()

    page.route("**/*", route)


def check_slide_page(page, url: str, name: str, report: list[str]) -> None:
    """A figure's offline player page for slides (nnbook/animation/slides.py): it loads with
    no error and nothing fetched, steps from the keyboard's first step on, and passes axe.
    It has no theme and no MathJax (its captions were typeset when the book was built)."""
    problems: list[str] = []
    watch(page, problems, {"local": 0, "blocked": 0})
    page.goto(url, wait_until="load")
    fig = page.locator("figure.nnbook-anim").first
    n = int(fig.get_attribute("data-steps"))
    fig.locator("button[data-act=first]").click()
    fig.locator("button[data-act=next]").click()
    counter = fig.locator(".nnbook-anim-counter").inner_text()
    if counter != f"2 / {n}":
        problems.append(f"after first + next the counter reads {counter!r}")
    if (
        page.evaluate("!!document.querySelector('.nnbook-anim-captions mjx-container svg')")
        is False
    ):
        problems.append("the captions are not typeset")
    check_axe(page, "light", problems)
    report.extend(f"{name}: {p}" for p in problems)


def check_links(page, checked: set[str], problems: list[str]) -> int:
    """GET every local link of the page once per run; return how many were new."""
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    new = 0
    for href in sorted({h.split("#")[0] for h in hrefs}):
        if urlparse(href).hostname not in LOCAL_HOSTS or href in checked:
            continue
        checked.add(href)
        new += 1
        status = page.request.get(href).status
        if status != 200:
            problems.append(f"link {href} answers HTTP {status}")
    return new


def check_chapter_extras(page, name: str, problems: list[str]) -> None:
    """The cite box and the launch buttons of a numbered chapter."""
    number = page.evaluate(
        "document.querySelector('h1 .section-number')?.textContent.trim().replace(/\\.$/, '')"
    )
    box = page.locator(".cite-chapter")
    if not number:
        if box.count():
            problems.append("a page without a chapter number has a cite box")
        return
    if box.count() != 1:
        problems.append(f"chapter {number}: {box.count()} cite boxes, expected 1")
        return
    text = box.inner_text()
    label = f"第{number}章" if name.startswith("ja/") else f"Chapter {number}:"
    if label not in text or f"chapter   = {{{number}}}" not in text:
        problems.append(f"chapter {number}: the cite box gives another number")
    if f"/{name}}}" not in text:
        problems.append(f"chapter {number}: the cite box does not give this page's address")
    launch = page.evaluate(
        '[...document.querySelectorAll(\'a[href*="mybinder.org"], a[href*="colab"]\')]'
        ".map(a => a.getAttribute('href'))"
    )
    # the Japanese edition opens the same (English) notebooks: its code is the same
    ipynb = name.removeprefix("ja/").removesuffix(".html") + ".ipynb"
    if len(launch) != 2 or not all(href.endswith("/" + ipynb) for href in launch):
        problems.append(f"chapter {number}: launch buttons {launch} do not open {ipynb}")


def check_language(page, name: str, problems: list[str]) -> None:
    """The page's language, its link to its twin in the other edition, and its players'."""
    japanese = name.startswith("ja/")
    twin = name.removeprefix("ja/") if japanese else "ja/" + name
    lang = page.evaluate("document.documentElement.lang")
    if lang != ("ja" if japanese else "en"):
        problems.append(f"<html lang={lang!r}>")
    switch = page.evaluate(
        "[...document.querySelectorAll('.article-header-buttons a, .header-article-items a')]"
        ".filter(a => /language-(en|ja)-button/.test(a.outerHTML)).map(a => a.href)"
    )
    if len(switch) != 1 or not switch[0].endswith("/" + twin):
        problems.append(f"the language switch links {switch}, not the twin {twin}")
    alternates = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')]"
        ".map(l => [l.hreflang, l.href]))"
    )
    if set(alternates) != {"en", "ja", "x-default"} or not alternates["ja"].endswith(
        "/ja/" + name.removeprefix("ja/")
    ):
        problems.append(f"hreflang alternates {alternates}")
    if japanese and page.locator("figure.nnbook-anim button[aria-label='Next step']").count():
        problems.append("a player of the Japanese edition speaks English")


def check_search(browser, port: int, report: list[str]) -> dict[str, list[str]]:
    """Each edition's search box: a query must list the backpropagation chapter among its
    first three results (Sphinx's ranking puts the training chapter, which uses the word
    often, before it in both editions)."""
    found = {}
    for site, query in (("", "backpropagation"), ("ja/", "誤差逆伝播")):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/{site}search.html?q={query}", wait_until="load")
        # the results are listed one by one: wait until the list stops growing
        page.wait_for_function(
            "document.querySelectorAll('#search-results li').length > 0", timeout=20_000
        )
        count = -1
        while count != (now := page.locator("#search-results li").count()):
            count = now
            page.wait_for_timeout(1000)
        hits = page.evaluate(
            "[...document.querySelectorAll('#search-results li a')]"
            ".map(a => a.getAttribute('href'))"
        )
        found[query] = hits
        if not any("backprop" in hit for hit in hits[:3]):
            report.append(
                f"{site}search.html: {query!r} does not list the backprop chapter among the "
                f"first three: {hits[:3]}"
            )
        context.close()
    return found


#: The Japanese page checked in full (both themes, the phone); the other Japanese pages get the
#: checks of what translation changes (requests, console, math, animations, links, the cite
#: box, the switch, axe in the light theme), their figures and styles being the English ones.
JAPANESE_IN_FULL = "ja/book/backprop.html"


def check_page(
    page,
    url: str,
    name: str,
    shots: Path | None,
    report: list[str],
    checked: set[str],
    full: bool = True,
) -> dict:
    stats = {"local": 0, "blocked": 0, "animations": 0, "math": 0, "links": 0, "axe": 0}
    problems: list[str] = []
    watch(page, problems, stats)
    page.goto(url, wait_until="load")
    n_math = wait_for_math(page)
    if n_math:
        typeset = page.evaluate("document.querySelectorAll('.math mjx-container').length")
        errors = page.evaluate("document.querySelectorAll('mjx-merror').length")
        stats["math"] = typeset
        if typeset < n_math:
            problems.append(f"MathJax typeset {typeset} of {n_math} formulas")
        if errors:
            problems.append(f"MathJax reports {errors} TeX errors")
    stats["links"] = check_links(page, checked, problems)
    check_chapter_extras(page, name, problems)
    check_language(page, name, problems)
    # the other view of a figure with two is stepped through its switch (a view hidden at load:
    # a failed switch may leave it shown)
    others = page.evaluate(
        "[...document.querySelectorAll('figure.nnbook-anim[data-other][hidden]')].map(f => f.id)"
    )
    stats["switches"] = len(others)
    for k in range(page.locator("figure.nnbook-anim").count()):
        fig = page.locator("figure.nnbook-anim").nth(k)
        if fig.get_attribute("id") in others:
            continue
        try:
            _check_animation(page, fig, problems)
            if fig.get_attribute("data-other"):
                stats["animations"] += _check_switch(page, fig, problems)
        except Exception as exc:  # a timeout is a failure of this figure, not of the check
            problems.append(f"animation {k + 1}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        stats["animations"] += 1
    stats["labels"] = check_legibility(page, 1280, problems)
    stats["axe"] += check_axe(page, "light", problems)
    if shots and full:
        page.screenshot(path=shots / f"{name.replace('/', '_')}-light.png", full_page=True)
    if not full:
        report.extend(f"{name}: {p}" for p in problems)
        return stats
    # dark mode: the theme reads its mode from localStorage
    page.evaluate("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark')")
    page.reload(wait_until="load")
    if page.evaluate("document.documentElement.dataset.theme") != "dark":
        problems.append("the page did not switch to dark mode")
    # images load lazily: load them all before looking at them
    page.evaluate(
        """() => Promise.all([...document.images].map(img => {
             img.loading = 'eager';
             return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
           }))"""
    )
    # images keep their light card; animated figures take the theme's dark one
    figures = page.locator("figure img:visible")
    for k in range(figures.count()):
        fig = figures.nth(k)
        fig.scroll_into_view_if_needed()
        if light_background(fig.screenshot()) < 0.75:
            problems.append(f"image {k + 1} has a dark background in dark mode (illegible)")
    check_dark_figures(page, problems)
    wait_for_math(page)
    stats["axe"] += check_axe(page, "dark", problems)
    if shots:
        page.screenshot(path=shots / f"{name.replace('/', '_')}-dark.png", full_page=True)
    page.evaluate("localStorage.clear()")
    report.extend(f"{name}: {p}" for p in problems)
    return stats


def _check_animation(page, fig, problems: list[str]) -> None:
    fig_id = fig.get_attribute("id")
    n = int(fig.get_attribute("data-steps"))
    if not fig.is_visible():  # inside a collapsed solution: open it as a reader would
        fig.evaluate("el => el.closest('.dropdown')?.querySelector('.toggle-button')?.click()")
        fig.wait_for(state="visible", timeout=5_000)
    fig.scroll_into_view_if_needed()
    page.wait_for_function(f"document.getElementById('{fig_id}').dataset.ready === '1'")
    fig.locator("button[data-act=first]").click()
    fig.locator("button[data-act=next]").click()
    counter = fig.locator(".nnbook-anim-counter").inner_text()
    if counter != f"2 / {n}":
        problems.append(
            f"{fig_id}: after first + next the counter reads {counter!r}, not '2 / {n}'"
        )
    state = page.evaluate(
        """id => {
          const root = document.getElementById(id);
          const caps = [...root.querySelectorAll('.nnbook-anim-captions > div')];
          const tex = el => {
            const items = MathJax.startup.document.getMathItemsWithin(el);
            return items.length ? items[0].math : el.textContent;
          };
          const shown = k => [...root.querySelectorAll(`[id^="${id}-s${k}-"]`)]
            .map(g => getComputedStyle(g).visibility);
          return {
            current: caps.findIndex(c => c.classList.contains('current')),
            caption: tex(caps[1]),
            transcript: tex(root.querySelectorAll('.nnbook-anim-transcript li')[1]),
            step1: shown(1), step2: shown(2),
          };
        }""",
        fig_id,
    )
    if state["current"] != 1:
        problems.append(f"{fig_id}: caption {state['current']} shown at step 2")
    if state["caption"] != state["transcript"]:
        problems.append(
            f"{fig_id}: caption {state['caption']!r} != transcript {state['transcript']!r}"
        )
    if not state["step1"] or any(v != "visible" for v in state["step1"]):
        problems.append(f"{fig_id}: the groups of step 2 are not all visible")
    if n > 2 and any(v != "hidden" for v in state["step2"]):
        problems.append(f"{fig_id}: groups of step 3 are visible at step 2")


def _check_switch(page, fig, problems: list[str]) -> int:
    """A figure with two views (composites collapsed and expanded): at step 3 its switch
    shows the other view at the step its map names, with the switch still focused and
    pressed the other way; the other view steps like any figure; the key e switches back."""
    fig_id, other_id = fig.get_attribute("id"), fig.get_attribute("data-other")
    other = page.locator(f"#{other_id}")
    step = min(2, int(fig.get_attribute("data-steps")) - 1)
    fig.locator("button[data-act=first]").click()
    for _ in range(step):
        fig.locator("button[data-act=next]").click()
    pressed = fig.locator("button[data-act=view]").get_attribute("aria-pressed")
    fig.locator("button[data-act=view]").click()
    target = int(fig.get_attribute("data-map").split(",")[step])
    n_other = int(other.get_attribute("data-steps"))
    state = page.evaluate(
        """([a, b]) => ({
          hidden: document.getElementById(a).hidden, shown: !document.getElementById(b).hidden,
          focus: document.activeElement.closest('figure')?.id,
          pressed: document.querySelector(`#${b} button[data-act=view]`)
            .getAttribute('aria-pressed'),
        })""",
        [fig_id, other_id],
    )
    counter = other.locator(".nnbook-anim-counter").inner_text()
    if not (state["hidden"] and state["shown"]):
        problems.append(f"{fig_id}: its switch did not show {other_id} in its place")
    if counter != f"{target + 1} / {n_other}":
        problems.append(f"{other_id}: after the switch at step {step + 1} the counter reads "
                        f"{counter!r}, not '{target + 1} / {n_other}'")  # fmt: skip
    if state["focus"] != other_id or state["pressed"] == pressed:
        problems.append(f"{other_id}: after the switch, focus {state['focus']!r} and "
                        f"aria-pressed {state['pressed']} (was {pressed})")  # fmt: skip
    _check_animation(page, other, problems)
    other.press("e")
    if page.evaluate(f"document.getElementById('{fig_id}').hidden"):
        problems.append(f"{other_id}: the key e did not switch back to {fig_id}")
    return 1


def check_switch_keeps_still(page, url: str, name: str, report: list[str]) -> int:
    """With motion allowed, a figure of two views that the reader switches stays at the step
    the switch shows: the other view does not start playing by itself.  The figures checked."""
    page.goto(url, wait_until="load")
    open_solutions(page)
    figures = page.locator("figure.nnbook-anim[data-other]:not([hidden])")
    for k in range(figures.count()):
        fig = figures.nth(k)
        other = page.locator(f"#{fig.get_attribute('data-other')}")
        fig.locator("button[data-act=view]").click()
        before = other.locator(".nnbook-anim-counter").inner_text()
        page.wait_for_timeout(int(other.get_attribute("data-interval")) * 2 + 200)
        after = other.locator(".nnbook-anim-counter").inner_text()
        if after != before:
            report.append(f"{name}: {other.get_attribute('id')} played by itself after the "
                          f"switch ({before} -> {after})")  # fmt: skip
        other.locator("button[data-act=view]").click()
    return figures.count()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--screenshots", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--only", nargs="*", help="check only pages whose path contains one")
    args = parser.parse_args(argv)
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    server, port = serve(args.site)
    report: list[str] = []
    totals = {"pages": 0, "local": 0, "blocked": 0, "animations": 0, "math": 0, "links": 0,
              "axe": 0, "slides": 0}  # fmt: skip
    labels: dict[int, list[float]] = {1280: [], 390: []}
    checked: set[str] = set()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium)
            for name in pages(args.site):
                if args.only and not any(part in name for part in args.only):
                    continue
                if is_redirect(args.site / name):
                    continue  # its target is one of the pages visited
                if name.startswith("slides/"):
                    slide = browser.new_context(viewport={"width": 1280, "height": 900})
                    check_slide_page(
                        slide.new_page(), f"http://127.0.0.1:{port}/{name}", name, report
                    )
                    slide.close()
                    totals["slides"] += 1
                    continue
                # reduced motion: the players do not autoplay, so the check alone steps them
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
                )
                full = not name.startswith("ja/") or name == JAPANESE_IN_FULL
                stats = check_page(
                    context.new_page(),
                    f"http://127.0.0.1:{port}/{name}",
                    name,
                    args.screenshots,
                    report,
                    checked,
                    full,
                )
                context.close()
                if stats.pop("switches"):
                    # tall enough for a whole figure to show: the player autoplays a figure
                    # once 60 % of it is on screen
                    moving = browser.new_context(viewport={"width": 1280, "height": 2400})
                    check_switch_keeps_still(
                        moving.new_page(), f"http://127.0.0.1:{port}/{name}", name, report
                    )
                    moving.close()
                narrow = []
                if full:
                    phone = browser.new_context(
                        viewport={"width": 390, "height": 844}, reduced_motion="reduce"
                    )
                    narrow = check_narrow(
                        phone.new_page(),
                        f"http://127.0.0.1:{port}/{name}",
                        name,
                        report,
                        args.screenshots if name.startswith("ja/") else None,
                    )
                    phone.close()
                labels[1280].extend(stats.pop("labels"))
                labels[390].extend(narrow)
                totals["pages"] += 1
                for key, value in stats.items():
                    totals[key] += value
            searched = check_search(browser, port, report) if not args.only else {}
            browser.close()
    finally:
        server.shutdown()
    print(
        f"browser check: {totals['pages']} pages, {totals['local']} local requests, "
        f"{totals['blocked']} to other hosts (blocked), {totals['math']} formulas typeset, "
        f"{totals['animations']} animations stepped, {totals['links']} local links answered, "
        f"{totals['slides']} slide player pages, "
        f"{totals['axe']} axe violations (all impacts), {len(report)} problems"
    )
    for width, sizes in labels.items():
        if sizes:
            print(f"  smallest animated-figure label at {width} px: {min(sizes):.1f} px")
    for query, hits in searched.items():
        print(f"  search {query!r}: {len(hits)} pages, first {hits[:2]}")
    for line in report:
        print("  " + line)
    return 1 if report or totals["pages"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
