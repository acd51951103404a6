#!/usr/bin/env python3
"""Opens an HTML file in headless Chromium (Debian's `chromium`) and reports what a reader's browser
would see go wrong: console errors, uncaught exceptions, log errors (failed loads, Content Security
Policy violations), every network request other than the page itself and data: URLs, and every
formula (`<span class="math">`) that KaTeX did not typeset: the number of `.katex` elements must
equal the number of formulas, each formula must hold one, and no `.katex-error` (an invalid formula,
shown as its source in red) may be on the page.

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: file descriptors 3
and 4, NUL-separated JSON), so it needs nothing beyond the Python standard library.

Usage: browser_check.py PAGE.html [--screenshot OUT.png] [--timeout SECONDS]
Prints a JSON summary; exit status 0 when the page is clean, 1 when it is not, 2 when the check
itself could not run (no chromium, the page never loaded).
"""
import argparse
import base64
import fcntl
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time


# The page's formulas after its scripts ran: how many there are, how many hold exactly one KaTeX
# rendering, KaTeX's errors (with the colour they are shown in), and the TeX each rendering was made
# from (KaTeX keeps it in its MathML annotation).
FORMULAS = """(() => {
  const spans = [...document.querySelectorAll("span.math")];
  const tex = (s) => {
    const a = s.querySelector('annotation[encoding="application/x-tex"]');
    return a ? a.textContent : null;
  };
  return {
    spans: spans.length,
    katex: document.querySelectorAll(".katex").length,
    typeset: spans.filter((s) => s.children.length === 1 && s.firstElementChild.classList.contains("katex")).length,
    errors: [...document.querySelectorAll(".katex-error")].map((e) => ({
      source: e.textContent, title: e.title, color: getComputedStyle(e).color})),
    tex: spans.map(tex),
  };
})()"""


class Browser:
    def __init__(self, chromium, profile):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies and events on fd 4.
        def wire():  # both ends first moved above 3 and 4, so that neither dup2 clobbers the other
            read_end = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-extensions",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4, to_chrome_r, from_chrome_w), preexec_fn=wire,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no reply from chromium")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=30):
        self._next_id += 1
        command = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self._to_chrome, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout):
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._read_message(deadline))

    def drain(self, seconds):
        """Collects events for a while (late console messages, lazy loads)."""
        import select
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self._from_chrome], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                break
            self._buffer += chunk
            while b"\0" in self._buffer:
                message, self._buffer = self._buffer.split(b"\0", 1)
                self.events.append(json.loads(message))

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def check(page, screenshot, timeout):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
    url = pathlib.Path(page).resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="ltv-chromium-") as profile:
        browser = Browser(chromium, profile)
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                browser.send(f"{domain}.enable", session=session)
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
            browser.send("Page.navigate", {"url": url}, session=session)
            browser.wait_for("Page.loadEventFired", timeout)
            browser.drain(1.0)
            if screenshot:
                shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                                    session=session, timeout=timeout)
                pathlib.Path(screenshot).write_bytes(base64.b64decode(shot["data"]))
            title = browser.send("Runtime.evaluate", {"expression": "document.title", "returnByValue": True},
                                 session=session)["result"].get("value")
            formulas = browser.send("Runtime.evaluate", {"expression": FORMULAS, "returnByValue": True},
                                    session=session)["result"].get("value")
        finally:
            browser.close()
    errors, requests = [], []
    for e in browser.events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append("console." + params["type"] + ": " +
                          " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            errors.append("exception: " + params["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            errors.append("log: " + params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            request_url = params["request"]["url"]
            if request_url != url and not request_url.startswith("data:"):
                requests.append(request_url)
    return {"page": url, "title": title, "console_errors": errors, "network_requests": requests, "formulas": formulas}


def typeset_problems(formulas):
    """What is wrong with the page's formulas (empty when every one was typeset)."""
    problems = []
    if formulas["katex"] != formulas["spans"]:
        problems.append(f"{formulas['katex']} .katex elements for {formulas['spans']} formulas")
    if formulas["typeset"] != formulas["spans"]:
        problems.append(f"{formulas['spans'] - formulas['typeset']} of {formulas['spans']} formulas not typeset")
    problems += [f"invalid formula {e['source']!r}: {e['title']}" for e in formulas["errors"]]
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page")
    parser.add_argument("--screenshot")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    try:
        summary = check(args.page, args.screenshot, args.timeout)
    except (FileNotFoundError, TimeoutError, RuntimeError) as e:
        print(f"browser_check: {e}", file=sys.stderr)
        return 2
    summary["typeset_problems"] = typeset_problems(summary["formulas"])
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    clean = not summary["console_errors"] and not summary["network_requests"] and not summary["typeset_problems"]
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
