"""YAML for plan files, with a line for every value so errors can name it.

PyYAML's SafeLoader, changed in two ways a clerk needs: integers are always decimal
(`010` is ten, not octal eight; `08` is eight, not a string) and a key written twice in
the same mapping is an error instead of silently keeping the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from chitieu.errors import PlanError, PlanIssue

# libyaml's C parser when present (10× faster on a 3,321-unit plan), else pure Python.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlanLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


# Replace the YAML 1.1 int resolver (octal, sexagesimal) by plain decimal integers.
_PlanLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:int"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlanLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9][0-9_]*$"), list("-+0123456789")
)


def _decimal_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    return int(str(loader.construct_scalar(node)).replace("_", ""), 10)  # type: ignore[arg-type]


_PlanLoader.add_constructor("tag:yaml.org,2002:int", _decimal_int)


@dataclass
class YamlDocument:
    data: Any
    root: yaml.Node | None
    issues: list[PlanIssue] = field(default_factory=list)

    def line_of(self, loc: tuple[Any, ...], key: bool = False) -> int | None:
        """1-based line of the value at `loc` (or of its key), or of the nearest parent found."""
        node = self.root
        line = 1 if node is not None else None
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if str(k.value) == str(part):
                        line = (k if (key and last) else v).start_mark.line + 1
                        node = v
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def _duplicates(node: yaml.Node | None, path: tuple[Any, ...] = ()) -> list[PlanIssue]:
    out: list[PlanIssue] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for k, v in node.value:
            name = str(k.value)
            if name in seen:
                dotted = ".".join(str(p) for p in (*path, name))
                out.append(
                    PlanIssue(
                        f"khóa {name!r} được viết hai lần (lần đầu ở dòng {seen[name]}); chỉ giữ một",
                        k.start_mark.line + 1,
                        dotted,
                    )
                )
            else:
                seen[name] = k.start_mark.line + 1
            out.extend(_duplicates(v, (*path, name)))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            out.extend(_duplicates(v, (*path, i)))
    return out


# Nodes that aliases (`*name`) may add beyond the written ones. A plan that reuses a block
# of defaults in every one of 3,321 units stays far below; nine lines of a "billion
# laughs" alias bomb would expand to 10^9 nodes and hang every walk over the plan.
ALIAS_BUDGET = 100_000


def _check_aliases(root: yaml.Node, source: Path) -> None:
    """Refuse a node tree whose aliases expand past ALIAS_BUDGET, or refer to themselves.

    The composer shares an aliased node; its expanded size is computed once per node
    (iteratively: no recursion limit), so this check is linear in the written nodes.
    """
    size: dict[int, int] = {}
    refs: dict[int, int] = {}
    nodes: dict[int, yaml.Node] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        refs[key] = refs.get(key, 0) + 1
        if key in on_path:
            line = node.start_mark.line + 1
            raise PlanError(
                source,
                [
                    PlanIssue(
                        "bí danh (alias) tham chiếu vòng tới chính khối chứa nó; bỏ bí danh này",
                        line,
                    )
                ],
            )
        if key in nodes:
            continue
        nodes[key] = node
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(_children(node)))
    extra = size[id(root)] - len(nodes)
    if extra > ALIAS_BUDGET:
        worst = max((k for k in nodes if refs[k] > 1), key=lambda k: (refs[k] - 1) * size[k])
        line = nodes[worst].start_mark.line + 1
        raise PlanError(
            source,
            [
                PlanIssue(
                    f"các bí danh YAML (alias, *tên) mở rộng thành hơn {_vn(ALIAS_BUDGET)} mục "
                    f"(khối neo ở dòng {line} được dùng lại {_vn(refs[worst] - 1)} lần); "
                    "tệp kế hoạch không được dùng bí danh lồng nhau như vậy",
                    line,
                )
            ],
        )


def _vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for kv in node.value for n in kv]
    return []


def parse_yaml(text: str, source: Path) -> YamlDocument:
    """Parse plan YAML; malformed YAML raises PlanError naming the line the parser stopped at."""
    try:
        # Parse once: compose the node tree (it carries the lines), then construct from it.
        loader = _PlanLoader(text)
        try:
            root = loader.get_single_node()
            if root is not None:
                _check_aliases(root, source)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "cú pháp không hợp lệ"
        raise PlanError(
            source,
            [
                PlanIssue(
                    f"lỗi cú pháp YAML ({what}); kiểm tra thụt lề, dấu ':' và dấu ngoặc kép", line
                )
            ],
        ) from None
    except yaml.YAMLError as exc:
        raise PlanError(source, [PlanIssue(f"lỗi cú pháp YAML: {exc}")]) from None
    if root is None:
        raise PlanError(source, [PlanIssue("tệp kế hoạch rỗng.", 1)])
    return YamlDocument(data, root, _duplicates(root))
