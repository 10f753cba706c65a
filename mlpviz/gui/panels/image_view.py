"""Image inputs (8×8, 28×28 or the config's inputImage): the displayed sample drawn as the image it
is, and what each neuron of the first hidden layer looks for — its incoming weights drawn as an
image of the same shape, one tile per neuron, blue negative, red positive, each tile scaled to its
own largest weight. The neuron selected in the graph is drawn large beside the sample."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

import pyqtgraph as pg

INK = pg.ColorMap([0.0, 1.0], [(255, 255, 255), (0, 0, 0)])  # 0 white paper, 1 black ink
WEIGHTS = pg.ColorMap([0.0, 0.5, 1.0], [(33, 102, 172), (247, 247, 247), (215, 72, 31)])
GAP = 1  # pixels between tiles
MAX_TILES = 400


def tile_grid(count):
    """(rows, columns) of a near-square grid for `count` tiles."""
    columns = int(np.ceil(np.sqrt(count)))
    return int(np.ceil(count / columns)), columns


def weight_mosaic(W, shape):
    """Rows of W (one per neuron) as shape-d tiles, each scaled to [−1, 1] by its largest |w|;
    NaN between tiles (drawn as the background)."""
    h, w = shape
    W = np.asarray(W, dtype=float)[:MAX_TILES]
    scale = np.max(np.abs(W), axis=1, keepdims=True)
    W = W / np.where(scale > 0, scale, 1.0)
    rows, columns = tile_grid(len(W))
    mosaic = np.full((rows * (h + GAP) - GAP, columns * (w + GAP) - GAP), np.nan)
    for j, row in enumerate(W):
        r, c = divmod(j, columns)
        mosaic[r * (h + GAP): r * (h + GAP) + h, c * (w + GAP): c * (w + GAP) + w] = \
            row.reshape(h, w)
    return mosaic


class ImagePanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.shape = None
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.sample_box = self._image_box(0, 0)
        self.neuron_box = self._image_box(0, 1)
        self.layer_box = self._image_box(1, 0, colspan=2)
        self.graphics.ci.layout.setRowStretchFactor(1, 2)
        self.sample = self._image(self.sample_box, INK, (0.0, 1.0))
        self.neuron = self._image(self.neuron_box, WEIGHTS, (-1.0, 1.0))
        self.layer = self._image(self.layer_box, WEIGHTS, (-1.0, 1.0))
        self.caption = QLabel("blue: negative weight · red: positive (each tile scaled to its "
                              "largest weight)", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.caption)

    def _image_box(self, row, column, colspan=1):
        return self.graphics.addViewBox(row=row, col=column, colspan=colspan, lockAspect=True,
                                        invertY=True, enableMouse=False)

    @staticmethod
    def _image(box, cmap, levels):
        item = pg.ImageItem()
        item.setColorMap(cmap)
        item.setLevels(levels)
        box.addItem(item)
        return item

    def reset(self, shape):
        """A new experiment: its inputs' image shape (None: not an image)."""
        self.shape = shape
        for item in (self.sample, self.neuron, self.layer):
            item.clear()

    def show_sample(self, inputs, low=0.0, high=1.0):
        """The displayed sample's (normalized) inputs as an image."""
        image = np.asarray(inputs, dtype=float).reshape(self.shape)
        self.sample.setImage(image.T, levels=(low, high), autoLevels=False)
        self.sample_box.autoRange(padding=0.02)

    def show_weights(self, W, selected=0, name="h1"):
        """Hidden layer 1's incoming weights (rows of W): the layer's mosaic and one neuron large."""
        self.layer.setImage(weight_mosaic(W, self.shape).T, levels=(-1.0, 1.0), autoLevels=False)
        self.layer_box.autoRange(padding=0.02)
        row = np.asarray(W[selected], dtype=float)
        scale = np.max(np.abs(row)) or 1.0
        self.neuron.setImage((row / scale).reshape(self.shape).T, levels=(-1.0, 1.0),
                             autoLevels=False)
        self.neuron_box.autoRange(padding=0.02)
        self.caption.setText(f"Top: the sample, and the weights into {name} (select another "
                             f"hidden neuron in the graph). Below: every neuron of the first "
                             f"hidden layer. Blue: negative weight · red: positive; each tile "
                             f"is scaled to its own largest weight.")
