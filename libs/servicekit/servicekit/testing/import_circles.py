"""Import circles among a package's modules, found from its source, so each package's tests can assert it
has none."""
from __future__ import annotations

import grimp


def import_circles(package: str) -> list[tuple[str, ...]]:
    """One circle for each knot of modules of the installed `package` that import one another, as the
    modules in the order they import, the first named again at the end: the shortest circle through the
    knot's first module by name. An empty list when there is none.

    An import inside a function counts (it still ties the two modules together, only later); one under
    `if TYPE_CHECKING:` does not, since it never runs. Relative imports count as what they name.
    """
    graph = grimp.build_graph(package, exclude_type_checking_imports=True, cache_dir=None)
    knots: list[set[str]] = []
    for module in sorted(graph.modules):
        if any(module in knot for knot in knots):
            continue
        # What this module reaches and what reaches it back: the modules it sits in a circle with.
        knot = graph.find_upstream_modules(module) & graph.find_downstream_modules(module)
        if knot:
            knots.append(knot | {module})
    circles = []
    for knot in knots:
        first = min(knot)
        ways_back = [
            graph.find_shortest_chain(importer=imported, imported=first)
            for imported in sorted(graph.find_modules_directly_imported_by(first) & knot)
        ]
        circles.append((first, *min(ways_back, key=len)))
    return circles
