"""Optimizers written from their update equations, step for step equal to ``torch.optim``.

Each is a ``torch.optim.Optimizer`` subclass with torch's constructor arguments, defaults
and state names, so it drops into any training loop (``fit(..., optimizer=nnbook.optim.Adam)``)
and its ``state_dict`` round-trips.  torch's implementation-selection flags (``foreach``,
``fused``, ``capturable``, ``differentiable``) are left out: there is one implementation here,
the readable one.  Taught in "Optimizers" (``book/optimizers.md``).
"""

from .adagrad import Adagrad
from .adam import Adam, AdamW
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["SGD", "Adagrad", "Adam", "AdamW", "RMSprop"]
