#!/usr/bin/env python3
"""Which folders (namespaces) of an app use which others, and the cycles among them.

    scripts/namespace-graph.py apps/Identity            # the graph and its cycles
    scripts/namespace-graph.py apps/Identity --files    # and the files behind each edge

A folder of apps/<App> is the namespace PocTracker.<App>.<Folder> (nested folders count as their top folder).
Folder F uses folder G when a file of F has `using PocTracker.<App>.G…;` or names `PocTracker.<App>.G.…` in full.
Types of the app's root namespace (the module, its settings) are in scope everywhere without a using, so a
file that names one of them uses "(root)". The root is the composition root: it wires every folder, so its
edges are listed but left out of the cycle search (a folder using a root type is reported on its own line).

A using that names no type or extension method declared in that folder is reported as unused (it still counts as an edge).
Exit code 1 when there is a cycle. Text-based (regexes over the source), no build needed.
"""
import os
import re
import sys
from collections import defaultdict

ROOT = "(root)"
TYPE_DECL = re.compile(r"\b(?:class|record(?:\s+struct|\s+class)?|struct|interface|enum|delegate\s+[\w<>\[\]?,\s]+?)\s+([A-Z]\w*)")
EXTENSION_DECL = re.compile(r"\bstatic\s+[\w<>\[\]?,. ]+?\s+([A-Z]\w*)\s*(?:<[^>]*>)?\s*\(\s*this\b")
NAMESPACE = re.compile(r"^\s*namespace\s+([\w.]+)", re.M)


def strip_comments(text):
    # Drops // and /* */ comments (XML docs included) and keeps string literals: interpolation holes and raw
    # strings hold code (`{{ForgotPasswordPage.Path}}`), and "https://" must not start a comment.
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif text.startswith('"""', i):
            quotes = len(text[i:]) - len(text[i:].lstrip('"'))
            j = text.find('"' * quotes, i + quotes)
            j = n if j < 0 else j + quotes
            out.append(text[i:j])
            i = j
        elif text[i] == '"' or text[i] == "'":
            verbatim = i > 0 and text[i - 1] == "@" or text[max(0, i - 2):i] in ("@$", "$@")
            quote, j = text[i], i + 1
            while j < n:
                if verbatim and text.startswith('""', j):
                    j += 2
                elif not verbatim and text[j] == "\\":
                    j += 2
                elif text[j] == quote or (not verbatim and text[j] == "\n"):
                    j += 1
                    break
                else:
                    j += 1
            out.append(text[i:j])
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def unit_of(namespace, root_ns):
    if namespace == root_ns:
        return ROOT
    if namespace.startswith(root_ns + "."):
        return namespace[len(root_ns) + 1:].split(".")[0]
    return None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show_files = "--files" in sys.argv
    app_dir = os.path.normpath(args[0] if args else "apps/Identity")
    root_ns = "PocTracker." + os.path.basename(app_dir)

    files = {}  # path -> (unit, code)
    for dirpath, dirnames, filenames in os.walk(app_dir):
        dirnames[:] = [d for d in dirnames if d not in ("bin", "obj")]
        for name in filenames:
            if name.endswith(".cs"):
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8-sig") as f:
                    code = strip_comments(f.read())
                m = NAMESPACE.search(code)
                unit = unit_of(m.group(1), root_ns) if m else ROOT
                folder = os.path.relpath(dirpath, app_dir).split(os.sep)[0]
                folder = ROOT if folder == "." else folder
                if unit != folder:
                    print(f"note: {path} is in namespace unit {unit} but folder {folder}", file=sys.stderr)
                files[path] = (unit, code)

    types = defaultdict(set)  # unit -> type names declared there
    extensions = defaultdict(set)  # unit -> extension methods declared there (reached through a using alone)
    for unit, code in files.values():
        types[unit].update(TYPE_DECL.findall(code))
        extensions[unit].update(EXTENSION_DECL.findall(code))

    edges = defaultdict(lambda: defaultdict(set))  # from -> to -> files
    names = defaultdict(set)  # (file, to) -> the names of `to` the file uses
    unused = []
    using_re = re.compile(r"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?" + re.escape(root_ns) + r"\.(\w+)[\w.]*\s*;", re.M)
    qualified_re = re.compile(r"(?<![\w.])(?:global::)?" + re.escape(root_ns) + r"\.(\w+)\.")
    for path, (unit, code) in sorted(files.items()):
        body = re.sub(r"^\s*(?:global\s+)?using\s[^;]*;|^\s*namespace\s[^;{]*[;{]", " ", code, flags=re.M)
        words = set(re.findall(r"\b[A-Z]\w*\b", body))
        for target in using_re.findall(code):
            # PocTracker.Dojo.Ot is a project of its own (libs/Dojo.Ot), not a folder of the dojo app.
            if target != unit and target in types:
                edges[unit][target].add(path)
                names[path, target] |= (types[target] | extensions[target]) & words
                if not ((types[target] | extensions[target]) & words):
                    unused.append(f"{path}: using {root_ns}.{target} names none of its types")
        for target in qualified_re.findall(body):
            if target != unit and target in types:
                edges[unit][target].add(path)
        # Inside PocTracker.<App>.X, `Y.Type` already means PocTracker.<App>.Y.Type.
        for target, name in re.findall(r"(?<![\w.])(\w+)\.([A-Z]\w*)", body):
            if target != unit and name in types.get(target, ()):
                edges[unit][target].add(path)
                names[path, target].add(name)
        if unit != ROOT and types[ROOT] & words:
            edges[unit][ROOT].add(path)
            names[path, ROOT] |= types[ROOT] & words

    units = sorted(set(types) | set(edges), key=lambda u: (u != ROOT, u))
    print(f"{root_ns}: folder -> folders it uses")
    for u in units:
        targets = sorted(edges[u], key=lambda t: (t != ROOT, t))
        print(f"  {u:<18} -> {', '.join(targets) if targets else '(nothing)'}")
        if show_files:
            for t in targets:
                for p in sorted(edges[u][t]):
                    print(f"      {t:<16} {os.path.relpath(p, app_dir)}: {', '.join(sorted(names[p, t]))}")

    # Cycles among folders, the composition root left out.
    graph = {u: {t for t in edges[u] if t != ROOT} for u in units if u != ROOT}
    index, low, on_stack, stack, sccs = {}, {}, set(), [], []

    def strongconnect(v, counter=[0]):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                sccs.append(sorted(scc))

    for v in graph:
        if v not in index:
            strongconnect(v)

    print()
    if not sccs:
        print("No cycles between folders.")
    for scc in sccs:
        print("Cycle among: " + ", ".join(scc))
        for a in scc:
            for b in sorted(graph[a] & set(scc)):
                print(f"  {a} -> {b}: " + ", ".join(os.path.relpath(p, app_dir) for p in sorted(edges[a][b])))
    for line in unused:
        print("unused: " + line)
    sys.exit(1 if sccs else 0)


if __name__ == "__main__":
    main()
