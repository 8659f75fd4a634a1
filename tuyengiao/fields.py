"""What a model field accepts, said once and enforced by both readers of the models.

The models (`tuyengiao.models`) are plain dataclasses whose annotations carry these
markers: `Annotated[str, Exact(), Check(_check_text)]` is text that is not blank. Two
readers enforce them:

- `tuyengiao.read.fast` reads a valid file's YAML nodes straight into the models, with no
  pydantic at all (the usual case, and the fast one);
- pydantic, through each marker's `__get_pydantic_core_schema__`, validates a file the
  fast reader gave up on and names every error with its place (and generates the JSON
  Schema). pydantic is imported only then, inside those methods.

A check fails by raising `FieldError`; for pydantic it becomes a `PydanticCustomError` of
the same kind, which `tuyengiao.read.validate` maps to a rule and a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


#: Whole numbers are read up to this many digits. Python refuses to turn more than
#: 4,300 digits into an int (or back), which stopped every command: `members:` with
#: 4,301 digits was "Lỗi nội bộ (ValueError …)". Longer ones are refused where they
#: are read (`tuyengiao.read.scalars.HugeNumber`); the models' `Bounds` keep the rest
#: in a sane range.
MAX_DIGITS = 18


class FieldError(ValueError):
    """A value a field refuses; `kind` is the error type the messages know, `ctx` fills it."""

    def __init__(self, kind: str, **ctx: object) -> None:
        super().__init__(kind)
        self.kind = kind
        self.ctx = ctx


# Plain classes, not dataclasses: they are made at every start-up, and a dataclass
# costs about 0.6 ms to create.


class Exact:
    """The value must already be of the annotated type: no `"1"` for 1, no `true` for 1."""

    __slots__ = ()

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The annotated type's schema, in strict mode."""
        schema: Any = {**handler(source), "strict": True}
        return schema  # type: ignore[no-any-return]


class _Function:
    """A marker that runs a function of the models on the value."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], object]) -> None:
        self.function = function


class Convert(_Function):
    """`function` turns what YAML gave (text, a date, a number) into the field's value."""

    __slots__ = ()

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """A before-validator running `function`, then the annotated type's schema."""
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(
            _pydantic(self.function), handler(source)
        )


class Check(_Function):
    """`function` checks a value already of the annotated type (and may return it changed)."""

    __slots__ = ()

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The annotated type's schema, then an after-validator running `function`."""
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            _pydantic(self.function), handler(source)
        )


class Bounds:
    """A whole number from `ge` to `le` (either may be open)."""

    __slots__ = ("ge", "le")

    def __init__(self, ge: int | None = None, le: int | None = None) -> None:
        self.ge = ge
        self.le = le

    def __contains__(self, value: int) -> bool:
        return (self.ge is None or value >= self.ge) and (self.le is None or value <= self.le)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The integer schema with its limits (pydantic's `greater_than_equal` errors)."""
        limits = {
            key: value for key, value in (("ge", self.ge), ("le", self.le)) if value is not None
        }
        schema: Any = {**handler(source), **limits}
        return schema  # type: ignore[no-any-return]


def _pydantic(function: Callable[[Any], object]) -> Callable[[Any], object]:
    """`function`, raising pydantic's error type instead of `FieldError`."""
    from pydantic_core import PydanticCustomError

    def validator(value: Any) -> object:
        try:
            return function(value)
        except FieldError as error:
            raise PydanticCustomError(error.kind, error.kind, error.ctx) from None

    validator.__wrapped__ = function  # type: ignore[attr-defined]  # found by tuyengiao.schema
    return validator
