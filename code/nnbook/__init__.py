"""nnbook: the tested code behind the chapters of the book.

Every algorithm a chapter teaches lives here, is shown in the chapter from this source, and is
checked by ``tests/``.  The folder tree is the architecture: the top level holds what the
chapters teach and readers import, and draws nothing; :mod:`nnbook.figures` and
:mod:`nnbook.animation` draw; :mod:`nnbook.site` turns results into pages.  Every module, with
the chapter that teaches or uses it (``tests/test_package_map.py`` fails when one is missing):

What the chapters teach

- :mod:`nnbook.runtime` -- seeds and the device (CPU or CUDA); 1 Training a network.
- :mod:`nnbook.checks` -- the argument rules every function applies; all chapters.
- :mod:`nnbook.data` -- synthetic data, train/validation/test splits, scikit-learn's digits;
  1, 2 and after.
- :mod:`nnbook.idx` -- reading and writing IDX files (MNIST, Fashion-MNIST); 9 VAEs.
- :mod:`nnbook.models` -- the multi-layer perceptron (dropout, batch or layer norm, residual
  connections, initialization scheme); 1 Training a network and after.
- :mod:`nnbook.training` -- the training loop ``fit``, ``predict``, ``evaluate``; 1 and after.
- :mod:`nnbook.metrics` -- regression metrics, mean and spread over seeds; 1, 5, 6.
- :mod:`nnbook.classification` -- probabilities, reports, confusion; 2 Classification.
- :mod:`nnbook.logistic` -- logistic regression trained three ways; 2 Classification.
- :mod:`nnbook.autodiff` -- a scalar engine, reverse (``Value``) and forward (``Dual``) mode;
  3 Backpropagation.
- :mod:`nnbook.ops` -- the table of the engine's operations (how each is written, drawn and
  recorded from PyTorch); 3 Backpropagation and every graph figure.
- :mod:`nnbook.derivatives` -- Jacobians by either mode, finite differences; 3.
- :mod:`nnbook.optim` -- SGD, Adagrad, RMSprop, Adam, AdamW from their equations, with
  :mod:`nnbook.optim.sgd`, :mod:`nnbook.optim.adagrad`, :mod:`nnbook.optim.rmsprop`,
  :mod:`nnbook.optim.adam`, their shared checks :mod:`nnbook.optim._shared`, and learning-rate
  schedules :mod:`nnbook.optim.schedules`; 5 Optimizers.
- :mod:`nnbook.testproblems` -- 2-D test surfaces and the path an optimizer takes; 5.
- :mod:`nnbook.gradient_noise` -- the noise of a mini-batch gradient; 5 Optimizers.
- :mod:`nnbook.sweeps` -- learning-rate sweeps on validation data, seeds compared; 5, 7.
- :mod:`nnbook.layers` -- dropout and batch normalization (hand-written backward); 6, 7.
- :mod:`nnbook.layernorm` -- layer normalization (hand-written backward); 4 Initialization
  and gradient flow.
- :mod:`nnbook.init` -- Xavier/Glorot and He/Kaiming initialization from their variances; 4
  Initialization and gradient flow, 7.
- :mod:`nnbook.flowstats` -- per-layer statistics of activations and gradients (hooks); 4
  Initialization and gradient flow.
- :mod:`nnbook.matrixbackprop` -- a linear layer's backward as two matrix products, a two-layer
  network trained with it; 4 Initialization and gradient flow.
- :mod:`nnbook.residual` -- a residual block; 4 Initialization and gradient flow.
- :mod:`nnbook.uncertainty` -- Monte-Carlo dropout; 6 Dropout.
- :mod:`nnbook.autoencoders` -- autoencoder, VAE, latent grids, PCA baseline; 8, 9.
- :mod:`nnbook.codespace` -- a code space against the prior: prior draws in its gaps, the
  Gaussian fit's KL to N(0, I), standardized codes; 8, 9.
- :mod:`nnbook.elbo` -- the VAE's loss, ELBO and log-likelihood estimates; 9 VAEs.
- :mod:`nnbook.selfcheck` -- the check a reader runs on an exercise's implementation
  (against PyTorch, float64); the exercises of every chapter.

Figures (:mod:`nnbook.figures`)

- :mod:`nnbook.figures.style` -- the book style and reproducible SVG; every chapter.
- :mod:`nnbook.figures.curves` -- metrics per epoch, step or setting; 1-9.
- :mod:`nnbook.figures.regression` -- parity, one-feature fits, uncertainty bands; 1, 6.
- :mod:`nnbook.figures.classification` -- decision surfaces, confusion, galleries; 2.
- :mod:`nnbook.figures.images` -- image galleries, reconstructions, decoded grids; 8, 9.
- :mod:`nnbook.figures.latent` -- latent-space scatters; 8, 9.
- :mod:`nnbook.figures.flow` -- per-layer statistics of activations and gradients; 4.

Animations (:mod:`nnbook.animation`)

- :mod:`nnbook.animation.steps` -- the steps and captions of a recorded computation; 3, 6, 7, 9.
- :mod:`nnbook.animation.layout` -- where each node of a graph sits; 3, 6, 7, 9.
- :mod:`nnbook.animation.stepped` -- the base of every animated figure; 3, 5, 6, 7, 9.
- :mod:`nnbook.animation.graph` -- animated computation graphs (``animate``); 3, 6, 7, 9.
- :mod:`nnbook.animation.composite` -- composite operations, one node when collapsed; 3, 7.
- :mod:`nnbook.animation.views` -- a graph's collapsed and expanded views, one switch; 3, 7.
- :mod:`nnbook.animation.trajectories` -- optimizer paths, animated; 5 Optimizers.
- :mod:`nnbook.animation.render` -- SVG, PNG, frames and GIF of a figure; 3, 5-9.
- :mod:`nnbook.animation.player` -- the page's player; 3, 5-9.
- :mod:`nnbook.animation.captions` -- step captions broken to fit a phone; 3, 5-9.
- :mod:`nnbook.animation.slides` -- each figure's files for slides (offline player page, GIF
  and key frames >= 1600 px, SVG), rendered after execution; 3, 5-9.
- :mod:`nnbook.animation.theme` -- the figures' colours in the light and the dark theme; 3, 5-9.
- :mod:`nnbook.animation.labels` -- the player's words in each language of the book (the
  Japanese edition's players); 3, 5-9.
- :mod:`nnbook.animation.torchtrace` -- a PyTorch computation recorded as a graph; 3.
- :mod:`nnbook.animation.scalar_graphs` -- dropout, batch norm and reparameterization on a
  few numbers, built to be drawn; 6, 7, 9.

The site (:mod:`nnbook.site`)

- :mod:`nnbook.site.tables` -- Markdown tables of computed numbers for glue; 2-9.
- :mod:`nnbook.site.citation` -- BibTeX for the book and each chapter; How to cite.
- :mod:`nnbook.site.stamp` -- the reproducibility stamp that ends each chapter; 1-9.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nnbook")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
