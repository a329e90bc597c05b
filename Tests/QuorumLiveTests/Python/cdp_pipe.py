"""A minimal Chrome DevTools Protocol client over --remote-debugging-pipe, standard library only.

Chromium reads commands from file descriptor 3 and writes replies and events to descriptor 4, each
message JSON ended by a NUL byte: no WebSocket, no port, no driver package to install.
"""
import base64
import json
import os
import select
import subprocess
import time


class Browser:
    def __init__(self, chromium, profile, log):
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def onto_3_and_4():
            # Descriptors from os.pipe() close on exec; the two dup2'ed here stay open for Chromium.
            os.dup2(commands_read, 3)
            os.dup2(replies_write, 4)

        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                 "--no-first-run", "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"]
        self.process = subprocess.Popen([chromium] + flags, stdout=log, stderr=log, close_fds=False, preexec_fn=onto_3_and_4)
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=60):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise TimeoutError("no reply from Chromium in time")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Page:
    """One tab: navigation, script, real keyboard and mouse input, screenshots."""

    def __init__(self, browser, width=1280, height=1000):
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.send(domain)
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method, params=None, timeout=60):
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def js(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, timeout=30, what=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.js(expression):
                return
            time.sleep(0.05)
        raise TimeoutError(f"waited {timeout}s for {what or expression}")

    def open(self, url, ready=False):
        self.send("Page.navigate", {"url": url})
        self.settle(url.split("#")[0], ready)

    def settle(self, url_prefix=None, ready=False):
        check = "document.readyState === 'complete'"
        if url_prefix:
            check += f" && location.href.startsWith({json.dumps(url_prefix)})"
        if ready:
            check += " && document.documentElement.getAttribute('data-ready') === 'true'"
        self.wait(check, what=f"the page {url_prefix or ''} to load")

    def click(self, selector):
        """A real mouse click at the middle of the element (scrolled into view first)."""
        box = self.js(f"""(function () {{
            var el = document.querySelector({json.dumps(selector)});
            if (!el) {{ return null; }}
            el.scrollIntoView({{block: 'center'}});
            var r = el.getBoundingClientRect();
            return {{x: r.left + r.width / 2, y: r.top + r.height / 2}};
        }})()""")
        if box is None:
            raise RuntimeError(f"nothing matches {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1})

    KEYS = {"Enter": (13, "\r"), "Escape": (27, ""), "ArrowDown": (40, ""), "ArrowUp": (38, ""), "ArrowRight": (39, ""),
            "ArrowLeft": (37, ""), "Tab": (9, "")}

    def press(self, key):
        # Not .get(key, default): the default would be built (ord of "Enter") before the lookup.
        code, text = self.KEYS[key] if key in self.KEYS else (ord(key.upper()), key)
        name = key if key in self.KEYS else (f"Digit{key}" if key.isdigit() else f"Key{key.upper()}")
        down = {"type": "keyDown", "key": key, "code": name, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": name, "windowsVirtualKeyCode": code})

    def type(self, text):
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path):
        height = self.js("Math.min(4000, Math.max(document.documentElement.scrollHeight, 600))")
        shot = self.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1}})
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))
        return path

    def problems(self):
        """Console errors, uncaught exceptions and logged errors (a refused script, say) so far."""
        found = []
        for event in self.browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                found.append(" ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found
