"""YAML that remembers where everything was written.

PyYAML's safe loader (no object-constructing tags) with mappings and sequences that keep
the line of each key and item, so a story file's problem is reported as `FILE:LINE`;
duplicate keys are refused, and dates stay text so a bad date gets our own message.
"""

from __future__ import annotations

from typing import Any

import yaml


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


class StoryYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader (no object-constructing tags), keeping line numbers, refusing
    duplicate keys, and leaving dates as text so a bad date is our message, not a crash."""

    line_offset = 0


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
