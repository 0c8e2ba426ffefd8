"""Animated figures: a computation recorded once, drawn once, played step by step.

:mod:`~nnbook.animation.steps` and :mod:`~nnbook.animation.layout` read the steps and positions
off a recorded :class:`nnbook.autodiff.Value`; :mod:`~nnbook.animation.graph` and
:mod:`~nnbook.animation.trajectories` draw figures on the common base
:mod:`~nnbook.animation.stepped`; :mod:`~nnbook.animation.render` renders them and
:mod:`~nnbook.animation.player` (with ``assets/``) plays them in the page, its captions laid
out by :mod:`~nnbook.animation.captions`, and
:mod:`~nnbook.animation.slides` saves them for slides; :mod:`~nnbook.animation.theme` gives
their colours in the reader's light or dark theme;
:mod:`~nnbook.animation.torchtrace` records a PyTorch computation as the same graph, and
:mod:`~nnbook.animation.scalar_graphs` builds the small computations drawn only as figures.
"""
