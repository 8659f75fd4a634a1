"""The rules: every kind of finding, by its stable name, and the functions that find them."""

from tuyengiao.rules.registry import RULES, Rule

__all__ = ["RULES", "Rule"]
