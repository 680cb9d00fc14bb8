"""YAML loading that remembers where every key stood, so rule errors can say file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..core.problems import RuleError


class PosDict(dict):
    """A dict that knows the source line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class PosList(list):
    line: int = 0
    item_lines: list[int]


# libyaml's parser when PyYAML was built with it (several times faster on the rule files); it
# reports the same marks, so lines are the same
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> PosDict:
    loader.flatten_mapping(node)
    out = PosDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            first = out.key_lines.get(str(key))
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' (first on line {first})", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[str(key)] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> PosList:
    out = PosList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [n.start_mark.line + 1 for n in node.value]
    return out


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    """A date-shaped value that is no date (2023-13-45) stays a string, so the model that reads it
    reports it with its key and line; PyYAML would raise a bare ValueError that names neither (and
    that no caller expects: a bad date in waivers.yaml stopped the run)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_plain(text: str) -> Any:
    """yaml.safe_load with libyaml's parser when there is one (the same data, ten times faster): for
    the configuration files whose lines nobody needs (templates, scoring, deadlines)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_yaml(path: Path) -> Any:
    """The file's data with positions; text that is not UTF-8 is a YAML error at its line (callers
    report YAML errors as file:line; a bare UnicodeDecodeError stopped `rules check`)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        mark = yaml.Mark(str(path), exc.start, raw[: exc.start].count(b"\n"), 0, None, None)
        raise yaml.MarkedYAMLError(problem=f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", problem_mark=mark) from None
    return yaml.load(text, Loader=_Loader)


# What a parser was inside when it failed, for the errors where that is the line to fix: a bracket or
# quote left open, or a key without its colon, is only noticed where the next line begins (or at the
# end of the file), so the failure's own mark is one or more lines late.
_OPENED = ("flow sequence", "flow mapping", "quoted scalar", "simple key")


def yaml_error(file: str, exc: Exception) -> RuleError:
    """A YAML syntax error (or a duplicate key) as file:line with a 1-based line: the line of what
    was left open when that is what went wrong, else the line where the parser stopped; the message
    names both lines when they differ."""
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    what = getattr(exc, "context", None) or ""
    text = str(getattr(exc, "problem", None) or exc).strip()
    line = problem.line + 1 if problem is not None else 1
    if context is not None and any(w in what for w in _OPENED) and context.line + 1 < line:
        text = f"{text} ({what} that begins on this line; noticed on line {line})"
        line = context.line + 1
    return RuleError(file, line, "(yaml)", text)


def line_of(data: Any, loc: tuple) -> int:
    """Best line for a pydantic error location inside `data`."""
    line = getattr(data, "line", 1) or 1
    node = data
    for part in loc:
        if isinstance(node, PosDict):
            if str(part) in node.key_lines:
                line = node.key_lines[str(part)]
            if part in node:
                node = node[part]
                line = getattr(node, "line", line) or line
            else:
                break
        elif isinstance(node, PosList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
