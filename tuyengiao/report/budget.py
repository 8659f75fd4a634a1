"""The budget a report template renders under: time, output size, and the size of values.

Jinja's sandbox keeps a template from Python's internals, not from spending the
machine: nested `range` loops, a macro calling itself twice, `(n+1) ** (n ** 7)` ran
until killed; `('a' * 2 * 10**9)|length` took 1.98 GB and exited 0. A template is a
file anyone who can push to the workspace may change, so every render is bounded:

- time: `SECONDS` of wall clock, checked at every call, operator, `range` step and
  output chunk, and by a timer signal (POSIX, main thread) for loops that do none;
- output: `OUTPUT_CHARS` characters, counted chunk by chunk as the template yields;
- values: `*`, `+`, `**` and `%` refuse a result past `ITEMS` items (text, lists) or
  `INT_BITS` bits (integers) before computing it;
- memory, as a last line: the process's address space may grow by `MEMORY_BYTES`
  while rendering (POSIX `RLIMIT_AS`); past it Python raises MemoryError, which the
  renderer reports like the rest.

Past any of them the render stops with `BudgetExceeded`: a message, exit 2, no file.
"""

from __future__ import annotations

import builtins
import contextlib
import operator
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages

#: Wall-clock seconds one report may take to render (the built-in reports on the
#: benchmark's 10,000 plans render in 1.4 s as HTML, 1.9 s as Markdown).
SECONDS = 30.0
#: Characters one report may hold (the built-in HTML report on 10,000 plans holds
#: 13.7 million, the Markdown one 5.1 million).
OUTPUT_CHARS = 256 * 1024 * 1024
#: Items (characters of text, elements of a list) one `*`, `+` or `%` may produce.
ITEMS = 10_000_000
#: Bits one integer `*` or `**` may produce (about 3,000 decimal digits).
INT_BITS = 10_000
#: Address space a render may add to the process (POSIX only).
MEMORY_BYTES = 2 * 1024 * 1024 * 1024
#: Characters per piece a render's output is measured and passed on in.
CHUNK = 1 << 16


class BudgetExceeded(BaseException):
    """A template went past its budget; `kind` names the message ("time", "output"…).

    A BaseException, so no `except Exception` inside Jinja or a filter can swallow it.
    """

    def __init__(self, kind: str, limit: object) -> None:
        super().__init__(kind, limit)
        self.kind = kind
        self.limit = limit


@dataclass(frozen=True, slots=True)
class Budget:
    """The limits of one render (the module's figures unless a test asks for less)."""

    seconds: float = SECONDS
    output_chars: int = OUTPUT_CHARS
    items: int = ITEMS
    int_bits: int = INT_BITS
    memory_bytes: int = MEMORY_BYTES


def default_budget() -> Budget:
    """The module's figures, read when a render starts (so a test may lower them)."""
    return Budget(SECONDS, OUTPUT_CHARS, ITEMS, INT_BITS, MEMORY_BYTES)


class Meter:
    """The budget of one render, spent as it goes."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.deadline = time.monotonic() + budget.seconds
        #: Characters written so far, over every `chunks` stream of the render (a Word
        #: template renders its body, headers and footers as separate streams).
        self.written = 0

    def tick(self) -> None:
        """Stop the render once its time is up."""
        if time.monotonic() > self.deadline:
            raise BudgetExceeded("time", self.budget.seconds)

    def binop(self, name: str, left: Any, right: Any) -> Any:
        """`left <name> right`, refused before it is computed when the result is too big."""
        self.tick()
        size = _result_size(name, left, right)
        if size is not None:
            kind, amount = size
            limit = self.budget.int_bits if kind == "number" else self.budget.items
            if amount > limit:
                raise BudgetExceeded(kind, limit)
        return _BINOPS[name](left, right)

    def iterate(self, values: range) -> Iterator[int]:
        """`range` for templates: the sandbox's size limit, and the clock every 1,024 steps."""
        for index, value in enumerate(values):
            if not index & 1023:
                self.tick()
            yield value

    def chunks(self, stream: Iterator[str], size: int) -> Iterator[str]:
        """The template's output joined into pieces of `size` characters or more (the
        last one shorter), stopped past the clock or the output budget.

        Measured once per piece: the report templates yield some 250,000 small strings
        for 1,000 plans, and measuring each one cost 0.3 s; the clock is also watched by
        a timer signal, so a check every 64 Ki characters loses nothing of the budget.
        The strings are gathered here, in the one loop over them (joining them in a
        second loop, in the renderer, cost 0.03 s more).
        """
        batch: list[str] = []
        gather = batch.append
        since = 0
        for chunk in stream:
            gather(chunk)
            since += len(chunk)
            if since >= size:
                self._count(since)
                self.tick()
                yield "".join(batch)
                batch.clear()
                since = 0
        self._count(since)
        yield "".join(batch)

    def _count(self, written: int) -> None:
        """Add `written` characters to the render's output; stop past the budget."""
        self.written += written
        if self.written > self.budget.output_chars:
            raise BudgetExceeded("output", self.budget.output_chars)

    def lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        """Jinja's `lipsum`, refused before it runs when it would pass the items budget.

        `{{ lipsum(1000000) }}` ran 83 s and took 4.1 GB: each paragraph is up to `max`
        words of about seven characters.
        """
        from jinja2.utils import generate_lorem_ipsum

        self.tick()
        if not (type(n) is int and type(min) is int and type(max) is int):
            raise TypeError("lipsum takes whole numbers")
        if n * builtins.max(max, min, 1) * 8 > self.budget.items:
            raise BudgetExceeded("lipsum", self.budget.items)
        return str(generate_lorem_ipsum(n, html, min, max))


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "*": operator.mul,
    "+": operator.add,
    "**": operator.pow,
    "%": operator.mod,
}
#: The operators the sandbox hands to `Meter.binop`.
INTERCEPTED = frozenset(_BINOPS)
_SEQUENCES = (str, bytes, list, tuple)
# A printf width or precision of 7 digits or more, or one taken from the arguments.
_WIDE_FORMAT = re.compile(r"%[^a-zA-Z%]*?(?:\d{7}|\*)")


def _result_size(name: str, left: Any, right: Any) -> tuple[str, int] | None:
    """What `left <name> right` would make: ("items", n) or ("number", bits), if it grows."""
    if name == "*":
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, _SEQUENCES) and isinstance(count, int):
                return "items", len(sequence) * max(count, 0)
        if _integers(left, right):
            return "number", left.bit_length() + right.bit_length()
    elif name == "+":
        if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
            return "items", len(left) + len(right)
    elif name == "**":
        if _integers(left, right) and right > 0 and abs(left) > 1:
            return "number", right * abs(left).bit_length()
    elif name == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
        return "items", 2**63
    return None


def _integers(left: Any, right: Any) -> bool:
    return type(left) is int and type(right) is int


@contextlib.contextmanager
def bounded(meter: Meter) -> Iterator[None]:
    """Run the body under the meter's clock signal and memory limit, where the OS has them."""
    with _alarm(meter), _memory_limit(meter.budget.memory_bytes):
        yield


@contextlib.contextmanager
def _alarm(meter: Meter) -> Iterator[None]:
    # A loop over a long list with an empty body calls nothing the meter sees; the timer
    # interrupts it between two bytecodes. Only the main thread receives signals.
    main = threading.current_thread() is threading.main_thread()
    if not main or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded("time", meter.budget.seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, meter.budget.seconds + 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_limit(extra: int) -> Iterator[None]:
    try:
        import resource
    except ImportError:  # Windows: the value checks above still hold
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    if used is None:
        yield
        return
    wanted = used + extra
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already tighter than ours
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """The process's virtual memory size in bytes (Linux), or None where unknown."""
    try:
        pages = int(Path("/proc/self/statm").read_text("ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import resource

    return pages * resource.getpagesize()


def over_budget(error: BudgetExceeded, msg: Messages, name: str | None = None) -> str:
    """Which limit the template went past, and what the limit is: one message for every
    template. `name` is the template file when it has no lines of its own to point at
    (a Word template); a `.j2` template is named with the line it stopped at.
    """
    limit = error.limit
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    if isinstance(limit, int):
        limit = f"{limit:,}".replace(",", "." if msg.lang == "vi" else ",")
    detail = msg(f"safety.template.budget.{error.kind}", limit=limit)
    if name is not None:
        return msg("safety.template.over_budget_file", name=name, detail=detail)
    found, line = position(error)
    shown = shown_file(found) if found else "?"
    return msg("safety.template.over_budget", name=shown, line=line or "?", detail=detail)


def shown_file(filename: str) -> str:
    """A template's file as the user knows it: relative to the current folder when inside it."""
    path = Path(filename)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return filename


def position(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line: from a syntax error, else from the deepest template frame."""
    from jinja2 import TemplateSyntaxError

    if isinstance(error, TemplateSyntaxError):
        return error.filename or error.name, error.lineno
    found: tuple[str | None, int | None] = (None, None)
    trace: TracebackType | None = error.__traceback__
    while trace is not None:  # Jinja rewrites frames to the template's own file and line
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            # A BudgetExceeded is not rewritten: its frames run the compiled template, whose
            # lines the template maps back to its own.
            template = trace.tb_frame.f_globals.get("__jinja_template__")
            line = trace.tb_lineno
            if template is not None:
                line = template.get_corresponding_lineno(line)
            found = (filename, line)
        trace = trace.tb_next
    return found
