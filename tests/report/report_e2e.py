#!/usr/bin/env python3
"""End-to-end test of `ltv report`: renders a fixed results file, opens report.html in headless
Chromium and requires zero console errors and zero network requests, every obligation of the
results file and every figure in the page; keeps a screenshot as a test artifact. Negative
controls: pages that log an error or fetch from the network must be caught by the same check.

Usage: report_e2e.py LTV RESULTS WORKDIR ARTIFACT_DIR
"""
import json
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
FIGURES = ["digits_vs_precision", "gdpp_digit_doubling", "t42_cosine_vs_n", "t52_error_vs_n", "mc_z_scores",
           "training_curves", "adam_vs_sgd", "table1_vs_paper", "noise_profiles"]

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


def main():
    ltv, results, work, artifacts = (pathlib.Path(a) for a in sys.argv[1:5])
    work.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    out = work / "report"
    run = subprocess.run([str(ltv), "report", "--results", str(results), "--out", str(out)],
                         capture_output=True, text=True, timeout=300)
    expect(run.returncode == 0, f"ltv report exits 0 (stderr: {run.stderr.strip()})")
    page = out / "report.html"
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

    # Negative controls: the check must see a console error and a network request.
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

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
