"""Drives `quorum view` in headless Chromium the way a person would and prints what it saw as JSON.

Usage: view_browser_check.py BASE_URL RUN_ID CHROMIUM OUTPUT_FOLDER
Opens the runs list, follows the run and an item, expands a trace, judges three answers (keyboard
for two, mouse for one) as "ann", reloads and reads the judgments back; screenshots of each page go
to OUTPUT_FOLDER.
"""
import json
import os
import sys
import tempfile

from cdp_pipe import Browser, Page

base, run, chromium, folder = sys.argv[1:5]
report = {"screenshots": []}


def shot(page, name):
    report["screenshots"].append(page.screenshot(os.path.join(folder, name)))


def current_cell(page):
    return page.js("document.querySelector('#cell-strip a.current').getAttribute('data-cell')")


def judged_count(page):
    return page.js("document.querySelectorAll('#cell-strip a.judged').length")


with tempfile.TemporaryDirectory() as profile, open(os.path.join(folder, "chromium.log"), "wb") as log:
    browser = Browser(chromium, profile, log)
    try:
        page = Page(browser)
        page.open(base + "/")
        report["runs_list"] = {
            "has_run": page.js(f"!!document.querySelector('tr[data-run=\"{run}\"]')"),
            "count": page.js("document.getElementById('run-count').textContent"),
        }
        shot(page, "01-runs.png")

        page.click(f"tr[data-run=\"{run}\"] a")
        page.settle(f"{base}/runs/{run}")
        report["run_page"] = {
            "charts": page.js("['chart-cost-quality', 'chart-funnel'].filter(function (id) { return document.getElementById(id); })"),
            "items": page.js("document.querySelectorAll('#items tbody tr').length"),
        }
        shot(page, "02-run.png")

        page.click("#items tbody tr a")
        page.settle(f"{base}/runs/{run}/item")
        page.click("details.trace > summary")
        page.wait("document.querySelector('details.trace').open", what="the trace to open")
        page.click("details.trace details > summary")
        report["item"] = {
            "title": page.js("document.querySelector('h1').textContent"),
            "trace_open": page.js("document.querySelector('details.trace').open"),
            "prompt_open": page.js("document.querySelector('details.trace details').open"),
            "calls": page.js("document.querySelectorAll('details.trace .call').length"),
            "shows_prompt": page.js("document.querySelector('details.trace details').innerText.indexOf('Be helpful.') >= 0"),
        }
        shot(page, "03-item-trace.png")

        page.open(f"{base}/runs/{run}/judge")
        page.click("#judge-form input[name=name]")
        page.type("ann")
        page.press("Enter")
        page.settle(f"{base}/runs/{run}/judge/ann", ready=True)
        shot(page, "04-judging.png")

        saved = []
        # Cell 1 by keyboard: three scores, the format_ok flag, a comment, Enter.
        saved.append(current_cell(page))
        for key in ["4", "3", "5", "f", "c"]:
            page.press(key)
        page.type("clear tip")
        page.press("Escape")
        page.press("Enter")
        page.wait("document.querySelectorAll('#cell-strip a.judged').length === 1", what="the first save")
        # Cell 2 by keyboard: scores, then down to the overlong flag and set it.
        saved.append(current_cell(page))
        for key in ["5", "5", "4", "ArrowDown", "f", "Enter"]:
            page.press(key)
        page.wait("document.querySelectorAll('#cell-strip a.judged').length === 2", what="the second save")
        # Cell 3 with the mouse.
        saved.append(current_cell(page))
        for selector in ['.rubric-row[data-name="relevance"] button[data-score="2"]', '.rubric-row[data-name="actionability"] button[data-score="1"]',
                         '.rubric-row[data-name="tone"] button[data-score="3"]', '.rubric-row button[data-flag="format_ok"]', '#save']:
            page.click(selector)
        page.wait("document.querySelectorAll('#cell-strip a.judged').length === 3", what="the third save")
        report["saved_cells"] = saved
        report["status_after_saves"] = page.js("document.getElementById('save-status').textContent")
        shot(page, "05-judged.png")

        page.send("Page.reload")
        page.settle(f"{base}/runs/{run}/judge/ann", ready=True)
        page.click(f"#cell-strip a[data-cell=\"{saved[0]}\"]")
        report["after_reload"] = {
            "judged": judged_count(page),
            "mine": page.js("document.getElementById('progress').getAttribute('data-mine')"),
            "progress": page.js("document.getElementById('progress').textContent"),
            "cell": current_cell(page),
            "scores": page.js("Array.prototype.map.call(document.querySelectorAll('.scores button.chosen'), function (b) { return b.textContent; })"),
            "flags_on": page.js("Array.prototype.map.call(document.querySelectorAll('.flag button.on'), function (b) { return b.getAttribute('data-flag'); })"),
            "comment": page.js("document.getElementById('comment').value"),
        }
        shot(page, "06-reloaded.png")

        page.open(f"{base}/compare?a={run}")
        report["compare_rows"] = page.js("document.querySelectorAll('#side-by-side tbody tr').length")
        shot(page, "07-side-by-side.png")

        page.open(f"{base}/runs/{run}/ab/ann", ready=True)
        page.press("2")
        page.wait("document.getElementById('progress').textContent.indexOf('1 of') === 0", what="the A/B choice to save")
        report["ab_progress"] = page.js("document.getElementById('progress').textContent")
        shot(page, "08-ab.png")
        report["problems"] = page.problems()
    finally:
        browser.close()

print(json.dumps(report))
