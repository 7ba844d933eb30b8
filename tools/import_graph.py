#!/usr/bin/env python3
"""The import graph of `src/`: rooms (module files), floors, arrows, circles and upward arrows.

    python3 tools/import_graph.py [--edges]

A room is a module file; an arrow is "file A names an item of module file B" (through `use`,
or a path such as `crate::sort::by`), test modules left out. Floors are the levels of the graph
once circles are merged (a room on floor 0 imports no other room). A circle is a set of two or
more rooms that import each other. An upward arrow goes from a lower pipeline stage to a higher
one (stages below, from `STAGES`); a room in no stage is not counted.
"""
import re
import sys
from pathlib import Path

# Pipeline stages, lowest first: a room may import its own stage and those below.
STAGES = [
    ("util", ["util/", "sort.rs", "caseless.rs"]),
    ("colour", ["colour/", "theme.rs"]),
    # The layout knows nothing of datasets: it lays out any `Graph`.
    ("layout", ["layout/"]),
    ("data", ["data/", "model.rs", "period.rs", "policy.rs"]),
    ("validate", ["validate/", "sources.rs"]),
    ("view", ["view/", "view.rs", "accounting.rs", "options.rs"]),
    ("picture", ["picture/", "scene.rs", "draw.rs", "chart.rs"]),
    ("reader", ["reader/", "hit.rs", "nav.rs", "inspect.rs", "url_state.rs"]),
    ("export", ["export/", "export.rs", "benchmark/", "plain_graph.rs"]),
    ("front", ["web/", "cli.rs", "main.rs", "lib.rs"]),
]


def stage(rel):
    for rank, (_, prefixes) in enumerate(STAGES):
        if any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in prefixes):
            return rank
    return None


def module_path(rel):
    parts = rel[:-3].split("/")
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def strip_tests(text):
    m = re.search(r"#\[cfg\(test\)\]\s*mod tests", text)
    return text[: m.start()] if m else text


def expand(path):
    """`a::{b, c::{d}}` → [a::b, a::c::d] (one nesting level is all the crate uses)."""
    m = re.match(r"([\w:]*?)::\{(.*)\}$", path, re.S)
    if not m:
        return [path]
    head, body = m.groups()
    items, depth, cur = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            items.append(cur.strip())
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    items.append(cur.strip())
    return [p for i in items if i for p in expand(f"{head}::{i}")]


def references(text):
    text = re.sub(r"//[^\n]*", "", strip_tests(text))
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        yield from expand(re.sub(r"\s+", "", m.group(1)))
    for m in re.finditer(r"(?<![\w:])((?:crate|super)(?:::\w+)+)", text):
        yield m.group(1)


def main():
    src = Path(__file__).resolve().parent.parent / "src"
    files = sorted(str(p.relative_to(src)) for p in src.rglob("*.rs"))
    by_module = {module_path(f): f for f in files}
    edges = set()
    for f in files:
        here = module_path(f)
        for ref in references((src / f).read_text()):
            parts = ref.split("::")
            if parts[0] == "crate":
                target = parts[1:]
            elif parts[0] == "super":
                # `super` is the parent of this file's module (for mod.rs, of its folder's).
                depth = 0
                while parts and parts[0] == "super":
                    parts, depth = parts[1:], depth + 1
                base = list(here)[: len(here) - depth]
                target = base + parts
            else:
                continue
            # the longest prefix that is a module file
            for n in range(len(target), -1, -1):
                t = by_module.get(tuple(target[:n]))
                if t is not None:
                    break
            if t and t != f and module_path(t) != ():
                edges.add((f, t))
    # circles: strongly connected components (Tarjan)
    index, low, on, stack, comps, counter = {}, {}, set(), [], [], [0]
    graph = {f: sorted(t for (a, t) in edges if a == f) for f in files}

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for f in files:
        if f not in index:
            strong(f)
    comp_of = {f: i for i, c in enumerate(comps) for f in c}
    floor = {}

    def floor_of(c):
        if c not in floor:
            floor[c] = 0
            below = {comp_of[t] for f in comps[c] for t in graph[f]} - {c}
            floor[c] = 1 + max((floor_of(b) for b in below), default=-1)
        return floor[c]

    floors = 1 + max(floor_of(c) for c in range(len(comps)))
    circles = [c for c in comps if len(c) > 1]
    upward = sorted(
        (a, t) for (a, t) in edges
        if stage(a) is not None and stage(t) is not None and stage(t) > stage(a)
    )
    print(f"rooms {len(files)}, floors {floors}, arrows {len(edges)}, "
          f"circles {len(circles)}, upward arrows {len(upward)}")
    for c in circles:
        print("  circle: " + " ⇄ ".join(c))
    for a, t in upward:
        print(f"  upward: {a} ({STAGES[stage(a)][0]}) → {t} ({STAGES[stage(t)][0]})")
    if "--edges" in sys.argv:
        for a, t in sorted(edges):
            print(f"  {a} → {t}")


if __name__ == "__main__":
    main()
