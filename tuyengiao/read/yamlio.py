"""PyYAML entry points: the libyaml-accelerated classes where present, pure Python otherwise."""

from __future__ import annotations

import yaml

try:  # libyaml makes composing several times faster; it is optional in PyYAML wheels.
    from yaml import CSafeDumper as SafeDumper
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper, SafeLoader  # type: ignore[assignment]

__all__ = ["SafeDumper", "SafeLoader", "load_trusted_yaml"]


def load_trusted_yaml(text: str) -> object:
    """Load YAML that ships with the package (catalogues, messages): safe, no positions kept."""
    return yaml.load(text, Loader=SafeLoader)
