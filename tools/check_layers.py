#!/usr/bin/env python3
"""Checks core's layering (docs/architecture.md) from the #include lines.

Every folder of core/src has a layer; a file may include headers of its own
folder, of lower layers, and the public headers (core/include/gapscore),
whose own layer is given below. An include that points up a layer, or two
folders that include each other, fails the check. Exit 1 on any finding.
Run: python3 tools/check_layers.py
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SRC = os.path.join(ROOT, "core", "src")
PUBLIC = os.path.join(ROOT, "core", "include", "gapscore")

# Bottom to top. Folders on one line share a layer and must not include each other.
LAYERS = [
    ["base"],
    ["model"],
    ["stats", "config", "generate"],
    ["ingest"],
    ["usage", "activity"],
    ["dataset", "detect"],
    ["metrics", "docs"],
    ["analysis"],
    ["privacy"],
    ["insights", "usage_analysis"],
    ["report"],
    ["session"],
    ["verify"],
]
# Public headers declare the API; each belongs where it is implemented (or lower).
PUBLIC_LAYER = {
    "status": "base", "diagnostic_codes": "base", "version": "base", "inputs": "base",  # declared low, some implemented higher
    "config": "config", "generate": "generate", "catalog": "metrics", "docs": "docs",
    "session": "session", "verify": "verify",
}

rank = {folder: i for i, line in enumerate(LAYERS) for folder in line}
include_re = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of_include(path, including_folder):
    if path.startswith("gapscore/"):
        name = os.path.splitext(path[len("gapscore/"):])[0]
        return PUBLIC_LAYER.get(name, "?public:" + name)
    if "/" in path:
        return path.split("/")[0]
    return including_folder  # a header next to the file


def main():
    problems = []
    edges = {}
    for folder in sorted(os.listdir(SRC)):
        full = os.path.join(SRC, folder)
        if not os.path.isdir(full):
            problems.append(f"core/src/{folder}: files belong in a layer folder, not in core/src itself")
            continue
        if folder not in rank:
            problems.append(f"core/src/{folder}: folder has no layer in tools/check_layers.py")
            continue
        for dirpath, _, files in os.walk(full):
            for name in sorted(files):
                rel = os.path.relpath(os.path.join(dirpath, name), ROOT)
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    for n, line in enumerate(f, 1):
                        m = include_re.match(line)
                        if not m:
                            continue
                        target = folder_of_include(m.group(1), folder)
                        if target not in rank:
                            problems.append(f"{rel}:{n}: includes {m.group(1)}, which is in no layer")
                            continue
                        if target == folder:
                            continue
                        edges.setdefault((folder, target), f"{rel}:{n}")
                        if rank[target] >= rank[folder] and not m.group(1).startswith("gapscore/"):
                            problems.append(f"{rel}:{n}: {folder} (layer {rank[folder]}) includes {m.group(1)} "
                                            f"from {target} (layer {rank[target]}): that points up or sideways")
                        elif m.group(1).startswith("gapscore/") and rank[target] > rank[folder]:
                            problems.append(f"{rel}:{n}: {folder} includes the public {m.group(1)}, "
                                            f"which belongs to the higher layer {target}")
    for (a, b), where in sorted(edges.items()):
        if (b, a) in edges and a < b:
            problems.append(f"{a} and {b} include each other ({where} and {edges[(b, a)]})")
    for name in sorted(os.listdir(PUBLIC)):
        stem = os.path.splitext(name)[0]
        if stem not in PUBLIC_LAYER:
            problems.append(f"core/include/gapscore/{name}: public header without a layer")
        with open(os.path.join(PUBLIC, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = include_re.match(line)
                if m and not m.group(1).startswith("gapscore/"):
                    problems.append(f"core/include/gapscore/{name}:{n}: a public header includes the internal {m.group(1)}")
    public_count = len(os.listdir(PUBLIC))
    if public_count > 10:
        problems.append(f"core/include/gapscore holds {public_count} headers; the public API stays at 10 or fewer")
    for p in problems:
        print("layering:", p)
    if problems:
        print(f"layering: {len(problems)} problem(s); see docs/architecture.md", file=sys.stderr)
        return 1
    print(f"layering: ok ({len(edges)} folder dependencies, all downward; {public_count} public headers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
