import pytest
import torch

from nnbook.bnstudy import batchnorm_graph


@pytest.mark.parametrize("xs", [[1.0, 2.0, 4.0], [0.3, -1.2], [2.0, 2.5, -1.0, 0.0]])
def test_graph_values_and_gradients_are_torchs(xs):
    upstream = [1.0, -2.0, 0.5, 0.7][: len(xs)]
    loss, ys = batchnorm_graph(xs, 1.5, 0.5, upstream)
    loss.backward()
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    w = torch.tensor([1.5], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([0.5], dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.batch_norm(x[:, None], None, None, w, b, training=True, eps=1e-5)
    (y[:, 0] * torch.tensor(upstream, dtype=torch.float64)).sum().backward()
    assert [v.data for v in ys] == pytest.approx(y[:, 0].tolist(), abs=1e-14)
    leaves = {n.label: n for n in loss.graph() if not n.inputs}
    for i in range(len(xs)):
        assert leaves[f"x_{i + 1}"].grad == pytest.approx(x.grad[i].item(), abs=1e-13)
    assert leaves[r"\gamma"].grad == pytest.approx(w.grad.item(), abs=1e-13)
    assert leaves[r"\beta"].grad == pytest.approx(b.grad.item(), abs=1e-13)


def test_graph_needs_a_batch():
    with pytest.raises(ValueError, match="at least 2"):
        batchnorm_graph([1.0], 1.0, 0.0, [1.0])
