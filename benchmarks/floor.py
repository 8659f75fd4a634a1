"""The floor tuyengiao is measured against: compose every YAML file of a folder, nothing else.

`python benchmarks/floor.py FOLDER` walks FOLDER like `tuyengiao check` does (sorted,
recursive, `*.yaml`) and composes each file's node tree with libyaml (PyYAML's
`CSafeLoader`), the parser tuyengiao itself uses. A checker cannot read YAML with
positions for less, so `check` time divided by this time says what checking costs
beyond parsing. Run as a subprocess, so interpreter start-up is in both times.
"""

import os
import sys

import yaml


def compose_all(root: str) -> int:
    """Compose every `*.yaml` file under `root`; return how many there were."""
    count = 0
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".yaml"):
                # Plain `os` and `open`, as in the definition of the floor.
                path = os.path.join(folder, name)  # noqa: PTH118
                with open(path, encoding="utf-8") as stream:  # noqa: PTH123
                    yaml.compose(stream.read(), Loader=yaml.CSafeLoader)
                count += 1
    return count


if __name__ == "__main__":
    compose_all(sys.argv[1])
