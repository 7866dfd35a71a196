"""Reading a user's text and YAML files without a traceback for the usual mistakes.

Councils' files arrive saved by Excel or Notepad in Windows-1252, as a folder where a file
was meant, or with a key written twice (a second ``gaps:`` block silently replacing the
first). :func:`read_text` and :func:`load_yaml` turn each of these into a
:class:`~evidence.problems.Problem` with the file, the line and the fix, and return
``None``, so that ``evidence validate`` reports it with everything else.

:func:`load_yaml` returns :class:`YamlMap` mappings that remember the line of each key,
so that a problem found later in a setting can name its line (:func:`line_of`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evidence.problems import Problems

__all__ = ["YamlMap", "line_of", "load_yaml", "read_text"]


def _utf8_fix(path: Path) -> str:
    if path.suffix.lower() == ".csv":
        return ("Save it as UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited)'; in Notepad, "
                "Save As with Encoding 'UTF-8'.")
    return "Save it as UTF-8 (in Notepad: Save As, Encoding 'UTF-8'; in VS Code: 'Save with Encoding', UTF-8)."


def read_text(path: Path, problems: Problems, *, what: str = "file", doc: str | None = None) -> str | None:
    """The text of ``path`` decoded as UTF-8 (a byte-order mark is dropped), or ``None``.

    A missing file, a folder, an unreadable file or one that is not UTF-8 is recorded in
    ``problems`` with its file, the line of the first bad byte and what to do.
    """
    see = f" (see {doc})" if doc else ""
    if not path.exists():
        problems.error(f"The {what} '{path.name}' does not exist.",
                       f"Check the path (it is relative to the project folder){see}.", file=path)
        return None
    if path.is_dir():
        problems.error(f"The {what} '{path.name}' is a folder, not a file.",
                       f"Point the setting at the file itself, or move the folder and save the file there{see}.",
                       file=path)
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(f"The {what} '{path.name}' cannot be read: {exc.strerror or exc}.",
                       "Check that the file is not open elsewhere with a lock and that you may read it.", file=path)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start:exc.start + 1]
        guess = ""
        try:
            char = byte.decode("cp1252")
            guess = f" ('{char}' in Windows-1252, which it was probably saved in)"
        except UnicodeDecodeError:
            pass
        problems.error(f"The {what} '{path.name}' is not UTF-8 text: byte 0x{byte.hex()} on line {line}{guess}.",
                       _utf8_fix(path), file=path, place=f"line {line}")
        return None


class YamlMap(dict):
    """A YAML mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, first: int, second: int):
        super().__init__(f"duplicate key {key!r}")
        self.key, self.first, self.second = key, first, second


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    key_lines: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in key_lines:
            raise _DuplicateKey(key, key_lines[key], line)
        key_lines[key] = line
    result = YamlMap(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + 1
    result.key_lines = key_lines
    return result


class _BadDate(yaml.YAMLError):
    def __init__(self, text: str, line: int):
        super().__init__(f"impossible date {text!r}")
        self.text, self.line = text, line


def _construct_date(loader: _LineLoader, node: yaml.ScalarNode) -> object:
    """A YAML date, or :class:`_BadDate` for one that does not exist (``2021-09-31``)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        raise _BadDate(str(node.value), node.start_mark.line + 1) from None


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)


def load_yaml(path: Path, problems: Problems, *, what: str = "file", doc: str | None = None,
              top: str = "settings", allow_list: bool = False) -> YamlMap | list | None:
    """Parse ``path`` as YAML into :class:`YamlMap` mappings, or record why not and return ``None``.

    Besides what :func:`read_text` reports: invalid YAML (with its line and column), a key
    given twice in one mapping (the second would silently replace the first), a date
    that does not exist (``2021-09-31``, which PyYAML would raise on) and a top level that
    is not a mapping of ``top`` (or, with ``allow_list``, a list of them).
    """
    text = read_text(path, problems, what=what, doc=doc)
    if text is None:
        return None
    see = f" (see {doc})" if doc else ""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except _DuplicateKey as exc:
        problems.error(f"'{exc.key}' is given twice, on lines {exc.first} and {exc.second}: the second would "
                       "silently replace the first.",
                       f"Merge the two into one '{exc.key}' entry, or delete the one you do not want.",
                       file=path, place=f"line {exc.second}")
        return None
    except _BadDate as exc:
        problems.error(f"'{exc.text}' is not a real date.",
                       "Write a real date as YYYY-MM-DD: check the month (01-12) and that the day exists in it.", file=path, place=f"line {exc.line}")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        fix = ("Check the indentation and quoting there: nested settings are indented by the same number "
               "of spaces, and text containing ': ' or '#' is put in quotes.")
        if "'\\t'" in problem:  # PyYAML: "found character '\t' that cannot start any token"
            fix = "Indent with spaces, not tabs: replace the tab at the start of that line with spaces."
        problems.error(f"Not valid YAML: {problem}.", fix, file=path, place=where)
        return None
    if allow_list and isinstance(data, list):
        return data
    if not isinstance(data, YamlMap):
        problems.error(f"Expected a mapping of {top} at the top level, not {type(data).__name__}.",
                       f"Write one '{top.rstrip('s')}: value' per line{see}.", file=path, place="line 1")
        return None
    return data


def line_of(data: Any, dotted: str) -> int | None:
    """The line of the setting ``dotted`` (``"gaps.max_missing_share"``; list items by index), if known."""
    node, line = data, None
    for part in dotted.split("."):
        if isinstance(node, YamlMap):
            key = part if part in node else next((k for k in node if str(k) == part), None)
            if key is None:
                return line
            line, node = node.key_lines.get(key, node.line), node[key]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
            line = getattr(node, "line", line)
        else:
            return line
    return line
