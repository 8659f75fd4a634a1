"""The one exception family that reaches the CLI edge, where it becomes exit code 2."""


class TuyengiaoError(Exception):
    """A usage problem the user must fix (bad option, missing path); its text is user-facing."""

    exit_code = 2
