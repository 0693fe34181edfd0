"""YAML that remembers where everything was written.

PyYAML's safe loader (no object-constructing tags) with mappings and sequences that keep
the line of each key and item, so a story file's problem is reported as `FILE:LINE`;
duplicate keys are refused, and dates stay text so a bad date gets our own message.

Anchors and aliases (`&name`, `*name`) are refused: no story or collection needs them,
and nine levels of aliases make a few lines into billions of nodes for every reader after
the loader. Nesting is capped at `MAX_DEPTH` levels, far beyond any real file, so a file
of thousands of `[` is a `FILE:LINE` message rather than Python's recursion limit.
"""

from __future__ import annotations

from typing import Any

import yaml

# A story's deepest value is a field inside an outcome in the outcomes list (3 levels).
MAX_DEPTH = 20


class LineDict(dict):
    """A mapping that remembers the line of each key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}
        self.line = 1


class LineList(list):
    """A sequence that remembers the line of each item."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: list[int] = []
        self.line = 1


class DuplicateKey(yaml.MarkedYAMLError):
    pass


class RefusedStructure(yaml.MarkedYAMLError):
    """An alias, or nesting deeper than MAX_DEPTH: refused where it is written."""


class StoryYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader (no object-constructing tags), keeping line numbers, refusing
    duplicate keys, aliases and deep nesting, and leaving dates as text so a bad date is
    our message, not a crash."""

    line_offset = 0
    depth = 0

    def compose_node(self, parent, index):
        # The composer builds the node tree recursively, one call per level: the one
        # place where an alias and the depth are seen before anything is built.
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise RefusedStructure(
                None,
                None,
                f"YAML-aliaser (*{event.anchor}) er ikke tilladt; skriv værdien ud",
                event.start_mark,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise RefusedStructure(
                None,
                None,
                f"YAML-ankre (&{event.anchor}) er ikke tilladt; skriv værdien ud",
                event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise RefusedStructure(
                None,
                None,
                f"værdierne er indlejret mere end {MAX_DEPTH} niveauer dybt",
                event.start_mark,
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _construct_mapping(loader: StoryYamlLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1 + loader.line_offset
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "en nøgle skal være tekst", key_node.start_mark
            )
        if key in mapping:
            raise DuplicateKey(
                None, None, f"feltet '{key}' står mere end én gang", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1 + loader.line_offset
    return mapping


def _construct_sequence(loader: StoryYamlLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList()
    sequence.line = node.start_mark.line + 1 + loader.line_offset
    for item_node in node.value:
        sequence.append(loader.construct_object(item_node, deep=True))
        sequence.lines.append(item_node.start_mark.line + 1 + loader.line_offset)
    return sequence


def _construct_timestamp(loader: StoryYamlLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


StoryYamlLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
StoryYamlLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
StoryYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, line_offset: int) -> Any:
    loader = StoryYamlLoader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
