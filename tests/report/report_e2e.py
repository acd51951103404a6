#!/usr/bin/env python3
"""End-to-end test of `ltv report`: renders a fixed results file, opens report.html in headless
Chromium and requires zero console errors and zero network requests, every formula typeset by
KaTeX, every obligation of the results file and every figure in the page; keeps a screenshot as a
test artifact. A copy of the results file with formulas added (every character cmark would act on)
must come out typeset from exactly the TeX that was put in. Negative controls: pages that log an
error or fetch from the network, a page whose formulas were not typeset (its script removed), one
whose script was altered (the Content Security Policy must block it) and one with an invalid formula
and a script injected through the results file (refused by the policy) must all be caught by the
same check.

Usage: report_e2e.py LTV RESULTS WORKDIR ARTIFACT_DIR [MORE_RESULTS...]
Each further results file gets the same clean-page checks.
"""
import json
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
FIGURES = ["digits_vs_precision", "gdpp_digit_doubling", "t42_cosine_vs_n", "t52_error_vs_n", "mc_z_scores",
           "training_curves", "adam_vs_sgd", "table1_vs_paper", "noise_profiles"]

# Formulas added to a copy of the results file: Unicode letters, and every character cmark would act
# on (emphasis * and _, HTML < > &, a table's |, backslash escapes).
FORMULAS = [r"w^{l+1} = (1 + s^l) w^l - \Pi^l \Sigma (a^l w^* - w^l)", r"\hat y = -y_{n+1}",
            r"θ_{l+1} = θ_l − A_l^\top \nabla R(θ_l)", r"|\hat w - w^*| \le ε \|w^*\|", r"x_* * y_2 < z > 0",
            r"(Σ + σ_j² I)⁻¹ α \quad M^{l}ᵀ"]
INVALID = r"\frac{1}{"

failures = []


def expect(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def browser(page, screenshot=None):
    command = [sys.executable, str(HERE / "browser_check.py"), str(page)]
    if screenshot:
        command += ["--screenshot", str(screenshot)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if run.returncode == 2:
        sys.exit("browser_check could not run: " + run.stderr)
    return run.returncode, json.loads(run.stdout)


def report(ltv, results, out):
    run = subprocess.run([str(ltv), "report", "--results", str(results), "--out", str(out)],
                         capture_output=True, text=True, timeout=300)
    return run, out / "report.html"


def formula_checks(ltv, results, work, artifacts):
    """Formulas through `ltv report` into the page: typeset from exactly their TeX; and the controls."""
    data = json.loads(results.read_text())
    first = data["obligations"][0]
    first["statement"] += " (a literal \\$0) " + " and ".join(f"${f}$" for f in FORMULAS)
    with_math = work / "results_formulas.json"
    with_math.write_text(json.dumps(data, ensure_ascii=False))
    run, page = report(ltv, with_math, work / "report_formulas")
    expect(run.returncode == 0, f"ltv report with formulas exits 0 (stderr: {run.stderr.strip()})")
    html = page.read_text()
    status, summary = browser(page, artifacts / "report_formulas.png")
    formulas = summary["formulas"]
    expect(status == 0 and summary["console_errors"] == [] and summary["network_requests"] == [],
           f"the page with formulas is clean (status {status}, {summary['console_errors']}, "
           f"{summary['network_requests']}, {summary['typeset_problems']})")
    expect(formulas["spans"] >= len(FORMULAS) and formulas["typeset"] == formulas["spans"] == formulas["katex"],
           f"all {formulas['spans']} formulas typeset ({formulas['katex']} .katex elements)")
    missing = [f for f in FORMULAS if f not in formulas["tex"]]
    expect(not missing, f"each added formula typeset from exactly its TeX (not found: {missing})")
    expect("(a literal $0)" in html, "a \\$ outside a formula is a literal dollar")

    # Control: the same page without its script: nothing typeset, and only the formula check sees it.
    bare = work / "formulas_unset.html"
    bare.write_text(re.sub(r"<script>.*?</script>", "", html, flags=re.S))
    status, summary = browser(bare)
    expect(status == 1 and summary["typeset_problems"] and summary["console_errors"] == [],
           f"control: un-typeset formulas fail the check ({summary['typeset_problems']})")
    # Control: an altered script no longer matches the hash in the policy, so the browser refuses it.
    altered = work / "formulas_altered.html"
    altered.write_text(html.replace("ltv: typeset every formula", "ltv: typeset every formula!", 1))
    status, summary = browser(altered)
    expect(status == 1 and summary["typeset_problems"] and
           any("Content Security Policy" in e for e in summary["console_errors"]),
           f"control: an altered script is blocked by the policy ({summary['console_errors'][:1]})")
    # Control: a script that a results file smuggles in (cmark keeps raw HTML) is refused by the policy.
    injected = json.loads(with_math.read_text())
    # (no quotes in it: cmark would escape them and the script would fail on its own)
    injected["obligations"][0]["statement"] += " <script>document.title=location.protocol</script>"
    with_math.write_text(json.dumps(injected, ensure_ascii=False))
    run, page = report(ltv, with_math, work / "report_injected")
    status, summary = browser(page)
    expect(status == 1 and summary["title"] == "ltv verification report" and
           summary["typeset_problems"] == [] and any("Content Security Policy" in e for e in summary["console_errors"]),
           f"control: an injected script does not run (title {summary['title']!r})")
    # Control: an invalid formula is shown as its source in red, the others still typeset.
    first["statement"] += f" ${INVALID}$"
    with_math.write_text(json.dumps(data, ensure_ascii=False))
    run, page = report(ltv, with_math, work / "report_invalid")
    status, summary = browser(page)
    formulas = summary["formulas"]
    errors = formulas["errors"]
    expect(status == 1 and len(errors) == 1 and errors[0]["source"] == INVALID,
           f"control: an invalid formula fails the check ({errors})")
    expect(errors and errors[0]["color"] == "rgb(204, 0, 0)" and formulas["typeset"] == formulas["spans"] - 1 and
           summary["console_errors"] == [], "control: ... shown as its source in red, the page otherwise intact")


def clean_page(ltv, results, work, artifacts):
    run, page = report(ltv, results, work / ("report_" + results.stem))
    expect(run.returncode == 0, f"ltv report {results.name} exits 0 (stderr: {run.stderr.strip()})")
    status, summary = browser(page, artifacts / f"report_{results.stem}.png")
    expect(status == 0, f"{results.name}: clean page ({summary['console_errors']}, {summary['network_requests']}, "
                        f"{summary['typeset_problems']})")
    expect(summary["formulas"]["spans"] == page.read_text().count('<span class="math">'),
           f"{results.name}: {summary['formulas']['spans']} formulas, all typeset")


def main():
    ltv, results, work, artifacts = (pathlib.Path(a) for a in sys.argv[1:5])
    work.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    out = work / "report"
    run, page = report(ltv, results, out)
    expect(run.returncode == 0, f"ltv report exits 0 (stderr: {run.stderr.strip()})")
    html = page.read_text()

    status, summary = browser(page, artifacts / "report.png")
    expect(summary["console_errors"] == [], f"no console errors: {summary['console_errors']}")
    expect(summary["network_requests"] == [], f"no network requests: {summary['network_requests']}")
    expect(status == 0, "browser check passes")
    expect((artifacts / "report.png").stat().st_size > 10000, "screenshot kept in " + str(artifacts))

    ids = [o["id"] for o in json.loads(results.read_text())["obligations"]]
    missing_ids = [i for i in ids if f">{i}<" not in html and f"{i} " not in html]
    expect(not missing_ids and len(ids) > 0, f"all {len(ids)} obligations appear (missing: {missing_ids})")
    for figure in FIGURES:
        drawn = re.search(r'<figure id="figure-' + figure + r'"><svg', html) is not None
        expect(drawn and (out / "figures" / f"{figure}.svg").exists(), f"figure {figure} drawn inline and as a file")

    expect(summary["typeset_problems"] == [], f"every formula typeset: {summary['typeset_problems']}")
    spans = html.count('<span class="math">')
    expect(summary["formulas"]["spans"] == spans, f"the page has the {spans} formulas of its source")

    # Noisy page: the check must see a console error and a network request.
    noisy = work / "noisy.html"
    noisy.write_text("<!DOCTYPE html><html><head><title>noisy</title></head><body>"
                     "<img src='http://127.0.0.1:9/pixel.png'><script>console.error('deliberate')</script>"
                     "</body></html>")
    status, summary = browser(noisy)
    expect(status == 1 and any("deliberate" in e for e in summary["console_errors"]),
           "control: a console.error is caught")
    expect(any("127.0.0.1:9" in r for r in summary["network_requests"]), "control: a network request is caught")
    fetching = work / "fetching.html"
    fetching.write_text(html.replace("<body>", "<body><img src='http://127.0.0.1:9/pixel.png'>", 1))
    status, summary = browser(fetching)
    expect(status == 1, "control: the report's page with an external image fails the check "
                        f"(errors {summary['console_errors']}, requests {summary['network_requests']})")

    formula_checks(ltv, results, work, artifacts)
    for more in sys.argv[5:]:
        clean_page(ltv, pathlib.Path(more), work, artifacts)

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
