#!/usr/bin/env python3
"""Drives a headless Chromium (Debian's `chromium`) over the DevTools protocol against a
running `haven serve`, for the page tests: signs in through the login form, screenshots the
dashboard (desktop and phone) and the inbox, reads the session cookie's attributes, and posts
a form to the inbox from another origin. Prints one JSON object; the Swift test judges it.

usage: browser_check.py BASE_URL SUPERVISOR_TOKEN CASEWORKER_TOKEN REFERRAL_ID OUT_DIR
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("chromium is not installed (apt-get install chromium)")


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=120, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_load(self, timeout=90):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for event in self.events:
                if event.get("method") == "Page.loadEventFired":
                    self.events.clear()
                    time.sleep(0.2)
                    return
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        self.events.clear()

    def goto(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_load()

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))
        return os.path.getsize(path)


def main():
    base, supervisor, caseworker, referral, out = sys.argv[1:6]
    profile = tempfile.mkdtemp(prefix="haven-chromium-")
    process = subprocess.Popen(
        [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1200,900",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {}
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 120  # a loaded CI machine starts a browser slowly
        while not os.path.exists(port_file) and time.time() < deadline:
            time.sleep(0.1)
        if not os.path.exists(port_file):
            sys.exit("chromium did not start within 120 s")
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
        page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        page.call("Page.enable")
        page.call("Network.enable")

        page.goto("about:blank")
        result["blankBytes"] = page.screenshot(os.path.join(out, "blank.png"))

        def sign_in(token, next_page):
            page.call("Network.clearBrowserCookies")
            page.goto(f"{base}/login?next={next_page}&lang=vi")
            page.evaluate(f"document.getElementById('token').value = {json.dumps(token)}; document.querySelector('form.login').submit(); true")
            page.wait_load()
            return page.evaluate("location.pathname")

        result["dashboardPath"] = sign_in(supervisor, "/dashboard")
        cookies = page.call("Network.getCookies", urls=[base])["cookies"]
        session = next((c for c in cookies if c["name"] == "haven_session"), None)
        result["cookie"] = None if session is None else {
            "httpOnly": session.get("httpOnly"), "secure": session.get("secure"), "sameSite": session.get("sameSite"),
            "session": session.get("session"), "expires": session.get("expires")}
        result["cookieVisibleToScript"] = "haven_session" in (page.evaluate("document.cookie") or "")
        result["dashboardHasChart"] = page.evaluate("!!document.querySelector('figure.chart svg rect')")
        result["dashboardHasTable"] = page.evaluate("document.querySelectorAll('table.stats tbody tr').length")
        result["dashboardBytes"] = page.screenshot(os.path.join(out, "dashboard.png"))
        page.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
        page.goto(f"{base}/dashboard")
        result["phoneOverflow"] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        result["phoneBytes"] = page.screenshot(os.path.join(out, "dashboard-phone.png"))
        page.call("Emulation.clearDeviceMetricsOverride")
        page.call("Emulation.setEmulatedMedia", media="print")
        result["printHidesForms"] = page.evaluate("getComputedStyle(document.querySelector('header form')).display === 'none'")
        page.call("Emulation.setEmulatedMedia", media="")

        result["inboxPath"] = sign_in(caseworker, "/inbox")
        result["inboxHasReferral"] = page.evaluate(f"document.body.innerText.includes({json.dumps(referral)})")
        result["inboxButtons"] = page.evaluate("document.querySelectorAll('td.actions button').length")
        result["inboxBytes"] = page.screenshot(os.path.join(out, "inbox.png"))

        # Another site's page posts a form to the inbox: the browser does not send the
        # SameSite=Strict cookie, so the server sees no session.
        attack = ("data:text/html,<form method=post action='" + base + "/inbox/" + referral +
                  "/acknowledge'><input name=csrf value=guess></form><script>document.forms[0].submit()</script>")
        page.goto(attack)
        page.wait_load()
        result["crossSiteLandedOn"] = page.evaluate("location.pathname")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
