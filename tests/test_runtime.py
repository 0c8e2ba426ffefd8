import numpy as np
import pytest
import torch

from nnbook.runtime import get_device, seed_everything


def test_seed_everything_repeats_all_generators():
    seed_everything(3)
    a = (np.random.rand(), torch.rand(2))  # noqa: NPY002 -- the legacy global state is seeded
    g = seed_everything(3)
    b = (np.random.rand(), torch.rand(2))  # noqa: NPY002
    assert a[0] == b[0]
    assert torch.equal(a[1], b[1])
    fresh = torch.Generator().manual_seed(3)
    assert torch.equal(torch.rand(3, generator=g), torch.rand(3, generator=fresh))


@pytest.mark.parametrize("bad", [-1, 1.5, "0", True])
def test_seed_everything_rejects_bad_seeds(bad):
    with pytest.raises((ValueError, TypeError), match="seed"):
        seed_everything(bad)


def test_get_device_defaults_to_cuda_when_available():
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert get_device().type == expected
    assert get_device("cpu") == torch.device("cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_get_device_refuses_missing_cuda():
    with pytest.raises(ValueError, match="CUDA is not available"):
        get_device("cuda")


def test_get_device_refuses_nonsense():
    with pytest.raises(ValueError, match="Invalid device"):
        get_device("gpu please")
