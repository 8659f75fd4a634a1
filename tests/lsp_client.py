"""A minimal Language Server Protocol client over stdio, for `tests/test_lsp.py`.

Just enough of LSP 3.17 to drive `yaml-language-server` as an editor does: requests
with ids, notifications, and the server's own requests (`workspace/configuration`,
`client/registerCapability`) answered so that it never waits on us.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: How long one answer may take before the test says the server hangs (not a timing
#: assertion: a healthy server answers in milliseconds; this only stops a hung run).
PATIENCE = 60.0

Message = dict[str, Any]


def find_server(repo: Path) -> str | None:
    """`TUYENGIAO_YAML_LS`, else the repository's `.ci/node` install, else PATH."""
    named = os.environ.get("TUYENGIAO_YAML_LS")
    if named:
        return named if Path(named).is_file() else None
    local = repo / ".ci" / "node" / "node_modules" / ".bin" / "yaml-language-server"
    if local.is_file():
        return str(local)
    return shutil.which("yaml-language-server")


class Client:
    """One running server; `request` waits for its answer, `notify` does not."""

    def __init__(self, command: list[str], settings: dict[str, Any]) -> None:
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._settings = settings
        self._next = 0
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        self._diagnostics: dict[str, queue.Queue[list[Message]]] = {}
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    # --- the wire --------------------------------------------------------------------------

    def _send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        with self._lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        while True:
            length = None
            while True:
                line = stdout.readline()
                if not line:
                    self._inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            message: Message = json.loads(stdout.read(length))
            self._dispatch(message)

    def _dispatch(self, message: Message) -> None:
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            params = message["params"]
            self._queue(params["uri"]).put(params["diagnostics"])
        elif method is not None and "id" in message:  # the server asks us something
            self._send({"id": message["id"], "result": self._answer(method, message)})
        elif method is None:
            self._inbox.put(message)

    def _answer(self, method: str, message: Message) -> Any:
        if method == "workspace/configuration":
            items = message["params"]["items"]
            return [self._settings.get(item.get("section", ""), None) for item in items]
        return None

    def _queue(self, uri: str) -> queue.Queue[list[Message]]:
        with self._lock:
            return self._diagnostics.setdefault(uri, queue.Queue())

    # --- the protocol ----------------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        """Send a request and wait for its result (an error response fails the test)."""
        self._next += 1
        ident = self._next
        self._send({"id": ident, "method": method, "params": params})
        while True:
            message = self._inbox.get(timeout=PATIENCE)
            assert message is not None, f"the server exited while answering {method}"
            if message.get("id") == ident:
                assert "error" not in message, message["error"]
                return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        """Send a notification."""
        self._send({"method": method, "params": params})

    def initialize(self, root: Path) -> Message:
        """`initialize` as an editor with snippets and Markdown, then `initialized`."""
        capabilities = {
            "workspace": {"configuration": True, "didChangeConfiguration": {}},
            "textDocument": {
                "completion": {
                    "completionItem": {
                        "snippetSupport": True,
                        "documentationFormat": ["markdown", "plaintext"],
                    }
                },
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {},
            },
        }
        result: Message = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": capabilities,
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self._settings})
        return result

    def open(self, uri: str, text: str) -> list[Message]:
        """`didOpen` a YAML document; the diagnostics the server publishes for it."""
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        return self._queue(uri).get(timeout=PATIENCE)

    def close(self, uri: str) -> None:
        """`didClose` the document (the server then publishes an empty list for it)."""
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def completion(self, uri: str, line: int, character: int) -> list[Message]:
        """The completion items at a 0-based position."""
        result = self.request(
            "textDocument/completion",
            {
                "textDocument": {"uri": uri},
                "position": {"line": line, "character": character},
            },
        )
        items: list[Message] = result["items"] if isinstance(result, dict) else result or []
        return items

    def hover(self, uri: str, line: int, character: int) -> str:
        """The hover text at a 0-based position ("" when none)."""
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        return str(contents["value"] if isinstance(contents, dict) else contents)

    def shutdown(self) -> None:
        """`shutdown`, `exit`, and wait for the process."""
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self._process.wait(timeout=PATIENCE)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            for pipe in (self._process.stdin, self._process.stdout):
                if pipe is not None:
                    pipe.close()


@contextmanager
def running(server: str, root: Path, settings: dict[str, Any]) -> Iterator[Client]:
    """A server started with `--stdio`, initialised on `root`, shut down afterwards."""
    client = Client([server, "--stdio"], settings)
    try:
        client.initialize(root)
        yield client
    finally:
        client.shutdown()
