"""nnbook.animation.layout: nodes never overlap and leaves sit left of their consumers."""

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from nnbook.animation.graph import _DX, _R
from nnbook.animation.layout import layout
from nnbook.autodiff import Value

SVG = "{http://www.w3.org/2000/svg}"


graphs = st.lists(
    st.tuples(st.sampled_from(["+", "*", "tanh", "neg", "exp"]), st.integers(0, 50),
              st.integers(0, 50)),
    min_size=1, max_size=15,
)  # fmt: skip


def build(instructions, n_leaves=3):
    nodes = [Value(0.1 * (k + 1), f"x_{k}") for k in range(n_leaves)]
    for op, i, j in instructions:
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        nodes.append({"+": a + b, "*": a * b}.get(op) if op in "+*" else getattr(a, op)()
                     if op != "neg" else -a)  # fmt: skip
    return nodes[-1]


@settings(max_examples=100, deadline=None)
@given(graphs)
def test_no_two_nodes_overlap(instructions):
    pos = layout(build(instructions))
    for (c1, r1), (c2, r2) in combinations(pos.values(), 2):
        # nodes are at most 2 R wide and tall; columns are _DX apart, rows at least 1
        assert abs(c1 - c2) * _DX >= 2 * _R + 0.5 or abs(r1 - r2) >= 2 * _R + 0.4


@settings(max_examples=50, deadline=None)
@given(graphs)
def test_leaves_left_of_consumers(instructions):
    out = build(instructions)
    pos = layout(out)
    for node in out.graph():
        for inp in node.inputs:
            assert pos[inp.id][0] < pos[node.id][0]
