"""The one YAML loader for every curator file (sidecars, `.md` front matter, aliases.yml,
topics.yml, editions.yml): safe, bounded, and positional.

Why not `yaml.safe_load`: a curator file may come from a stranger's pull request, and
safe_load is only safe against code, not against size. A few hundred bytes of nested aliases
("nine levels of nine aliases") construct a structure that costs nothing to build but
billions of steps to walk or print, and an impossible date (`2024-02-30`) raises a bare
ValueError from deep in the constructor. This loader

- refuses a file larger than `MAX_BYTES` before reading it;
- composes the YAML to nodes first, counting aliases of lists and mappings as it goes
  (more than `MAX_ALIASES` is refused at once, naming the line of the one too many) and then
  measuring the expanded size of the node graph (more than `MAX_NODES`, or a node that
  contains itself, is refused), so no later step can walk an unbounded structure;
- constructs plain Python values from the nodes, where a date that does not exist or an
  integer too long to convert stays the text it was written as (the schema then says what
  is wrong with it, at its line), instead of raising;
- keeps the root node, so that every later problem can be placed at file:line:column
  (`node_at`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from digest.model import Problem

MAX_BYTES = 1_000_000  # a curator file is a few kilobytes; a sidecar far less
MAX_ALIASES = 16  # aliases (`*name`) of a list or mapping in one file
MAX_NODES = 100_000  # values in one file, aliases expanded
MAX_DEPTH = 60  # nesting of lists and mappings


class Refused(yaml.YAMLError):
    """The file is valid YAML, or might be, but too costly to take: named with its place."""

    def __init__(self, message: str, mark=None) -> None:
        super().__init__(message)
        self.problem = message
        self.problem_mark = mark


class _Composer(Composer):
    """PyYAML's composer, counting aliases of collections and the depth of nesting."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if isinstance(target, (MappingNode, SequenceNode)):
                self.collection_aliases += 1
                if self.collection_aliases > MAX_ALIASES:
                    raise Refused(f"more than {MAX_ALIASES} aliases (`*{event.anchor}`) of "
                                  "lists or mappings: refused, as a file built to expand "
                                  "without end would be; write the values out",
                                  event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise Refused(f"lists and mappings nested more than {MAX_DEPTH} deep: refused",
                              self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Constructor(SafeConstructor):
    """Safe construction where a value Python cannot represent stays the text it was; the
    node being built is kept, to place any other failure (`!!float abc`, `!!bool maybe`)."""

    current: Node | None = None

    def construct_object(self, node, deep=False):
        self.current = node
        return super().construct_object(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError, AttributeError):  # AttributeError: `!!timestamp x`
            return self.construct_scalar(node)

    def construct_yaml_int(self, node):
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # longer than Python's int-from-text limit
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


class Loader(Reader, Scanner, Parser, _Composer, _Constructor, Resolver):
    def __init__(self, stream) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        _Constructor.__init__(self)
        Resolver.__init__(self)
        self.collection_aliases = 0
        self.depth = 0


@dataclass
class Document:
    """A loaded curator file: its data, its root node (for positions), and its problems."""

    path: str
    data: Any = None
    root: Node | None = None
    problems: list[Problem] = field(default_factory=list)
    line_offset: int = 0  # lines before the YAML text (front matter starts after `---`)
    raw: bytes = b""

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def place(self, node: Node | None) -> tuple[int | None, int | None]:
        """1-based (line, column) of a node in the file."""
        if node is None:
            return None, None
        mark = node.start_mark
        return mark.line + 1 + self.line_offset, mark.column + 1


def _expanded_size(root: Node, where: str) -> None:
    """Refuse a node graph that expands beyond MAX_NODES or contains itself: aliases make
    it a graph, so each node's size is computed once (memoized by identity)."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise Refused("a value that contains itself (a recursive alias): refused",
                          node.start_mark)
        if isinstance(node, ScalarNode):
            sizes[key] = 1
            return 1
        active.add(key)
        total = 1
        children = (node.value if isinstance(node, SequenceNode)
                    else [n for pair in node.value for n in pair])
        for child in children:
            total += size(child)
            if total > MAX_NODES:
                raise Refused(f"more than {MAX_NODES:,} values once its aliases are expanded: "
                              "refused", child.start_mark)
        active.discard(key)
        sizes[key] = total
        return total

    size(root)


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of a file; the size is checked before reading, and the read
    itself is bounded too (a file may grow, or not say its size)."""
    size = os.stat(path).st_size
    if size > limit:
        raise Refused(f"{size:,} bytes: larger than the {limit:,} a curator file may have; "
                      "refused")
    with open(path, "rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise Refused(f"larger than the {limit:,} bytes a curator file may have; refused")
    return raw


def _problem(where: str, err: BaseException, what: str, offset: int) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 + offset if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    reason = getattr(err, "problem", None) or str(err)
    if isinstance(err, Refused):
        text = f"{reason}; {what}"
    else:
        text = f"malformed YAML, {what}: {reason}"
    return Problem(where, text, line=line, column=column, severity="error")


def loads(text: str, where: str, what: str = "file ignored", line_offset: int = 0) -> Document:
    """Parse YAML text (already read and decoded) into a Document. `what` says what happens
    to the file when it cannot be used, for the message."""
    doc = Document(where, line_offset=line_offset)
    if len(text) > MAX_BYTES:
        doc.problems.append(Problem(where, f"larger than the {MAX_BYTES:,} bytes a curator "
                                    f"file may have; refused, {what}", severity="error"))
        return doc
    loader = Loader(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            _expanded_size(root, where)
            doc.data = loader.construct_document(root)
            doc.root = root
    except yaml.YAMLError as err:
        doc.problems.append(_problem(where, err, what, line_offset))
    except RecursionError:
        doc.problems.append(Problem(where, f"nested too deeply: refused, {what}",
                                    severity="error"))
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError) as err:
        # PyYAML's own constructors fail this way on explicitly tagged values it cannot build.
        node = loader.current
        mark = node.start_mark if node is not None else None
        tag = (f" tagged {node.tag.replace('tag:yaml.org,2002:', '!!')}"
               if node is not None and node.tag else "")
        doc.problems.append(Problem(
            where, f"a value{tag} that YAML cannot build ({type(err).__name__}); {what}",
            line=mark.line + 1 + line_offset if mark else None,
            column=mark.column + 1 if mark else None, severity="error"))
        doc.data = doc.root = None
    finally:
        loader.dispose()
    return doc


def load(path: Path, what: str = "file ignored") -> Document:
    """Read and parse one curator file; a file that cannot be read, decoded or parsed is a
    Document with no data and an error naming it."""
    where = str(path)
    try:
        raw = read_bounded(path)
    except Refused as err:
        return Document(where, problems=[Problem(where, f"{err.problem}; {what}",
                                                 severity="error")])
    except OSError as err:
        return Document(where, problems=[Problem(where, f"cannot read: "
                                                 f"{err.strerror or err}", severity="error")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return Document(where, raw=raw, problems=[Problem(
            where, f"not UTF-8 text: {what}; save it as UTF-8", line=line, severity="error")])
    doc = loads(text.replace("\r\n", "\n"), where, what)
    doc.raw = raw
    return doc


def node_at(root: Node | None, loc: tuple, key_node: bool = False) -> Node | None:
    """The node at a path of mapping keys and list indexes, or the deepest one that exists.
    With `key_node`, a last mapping step gives the key's node (for "unknown key")."""
    node = root
    for n, step in enumerate(loc):
        last = n == len(loc) - 1
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.value == str(step):
                    node = key if (last and key_node) else value
                    break
            else:
                return node
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            if 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return node
        else:
            return node
    return node


def duplicate_keys(doc: Document) -> list[Problem]:
    """Keys given twice in one mapping: YAML keeps the last silently; the curator should
    know which one counts."""
    problems: list[Problem] = []
    seen_nodes: set[int] = set()

    def walk(node: Node, path: str) -> None:
        if id(node) in seen_nodes:
            return
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            keys: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in keys:
                        line, column = doc.place(key)
                        problems.append(Problem(doc.path, f"`{path}{key.value}` is given twice: "
                                                "the last one is used", line=line,
                                                column=column, key=f"{path}{key.value}"))
                    keys[key.value] = key
                    walk(value, f"{path}{key.value}.")
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}{i}.")

    if doc.root is not None:
        walk(doc.root, "")
    return problems
