"""Fitting the graph to its pixels: the data range with room for labels, neuron sizes that
follow the pixel spacing, and which numbers fit without overlapping."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QFont, QFontMetricsF

from .edge_labels import EdgeLabelsPart
from .style import MAX_LABELLED_NEURONS

MIN_PT = 8  # numbers smaller than this are hidden instead
# The share of the gap between layers a neuron may take (×0.66) so that its number fits at
# the edge numbers' size; otherwise 0.45.
GAP_FOR_NUMBERS = 0.62


class FittingPart(EdgeLabelsPart):
    """The NetworkView's sizes in pixels."""

    def _pixels_per_unit(self):
        """Pixels per data unit, from the view's scene transform (the view box's range in
        its size): viewPixelSize() also counts the graphics view's own scaling, which lags
        behind a resize until the next paint: numbers placed with it overlapped (issue 11,
        defect 15)."""
        self.vb.updateMatrix()  # the range just set (pyqtgraph updates it lazily)
        t = self.vb.childGroup.transform()
        sx, sy = abs(t.m11()), abs(t.m22())
        return (sx if sx else 1.0), (sy if sy else 1.0)

    def _text_size(self, sample="−0.0000", small=False, pt=None):
        font = QFont(self.font())
        font.setPointSizeF(pt or (self._style.small_font_pt if small else self._style.font_pt))
        fm = QFontMetricsF(font)
        return fm.horizontalAdvance(sample) + 8, fm.height() + 4

    def _largest_fitting_pt(self, base_pt, fits):
        """The largest font size from `base_pt` down (to 70 %, at least 8 pt) for which
        `fits(width, height)` of a number holds, or None: on a small screen the numbers get
        smaller before they are hidden (defect 2: at 1024×768 the 2-2-2 graph showed none)."""
        # Zoomed text (gui/zoom.py) may fall back as far as unzoomed text would: a zoom that
        # did not fit pushed the numbers out of the neurons and shrank the graph.
        pt, smallest = base_pt, max(MIN_PT, 0.7 * base_pt / max(self._zoom, 1.0))
        while pt >= smallest - 1e-9:
            if fits(*self._text_size(pt=pt)):
                return pt
            pt -= 0.5
        return None

    def _on_resized(self):
        if self._auto_fit:
            self.fit()
        self._update_pixel_layout()

    def _stop_auto_fit(self):
        self._auto_fit = False

    def fit(self):
        """Show the whole network with room for labels and captions (and keep doing so on resize)."""
        if self.sizes is None:
            return
        self._auto_fit = True
        L = len(self.sizes) - 1
        w, h = max(self.vb.width(), 50.0), max(self.vb.height(), 50.0)
        _, text_h = self._text_size()
        r = self._style.neuron_px / 2 + self._style.ring_px
        ppy = h - 2 * r - 3 * text_h

        def label_w(labels, l, values):
            if self._spacing[l] * ppy < text_h * 0.95:
                return 0  # too dense: the labels are hidden
            # room for "label = value": the value goes there when it does not fit in the neuron
            tail = " = -0.0000" if values else ""
            return max((self._text_size(s + tail)[0] for s in labels), default=0)

        def margins(captions, values):
            half = [self._text_size(c)[0] / 2 + 4 for c in (captions[0], captions[-1])]
            return (max(r + 12 + label_w(self.printed_labels[0], 0, values), half[0]),
                    max(r + 12 + label_w(self.printed_labels[1], L, values), half[1]))

        def values_fit_inside(left, right, top, bottom):
            """With these margins, would the input and output numbers fit in their neurons?"""
            ppx = (w - left - right) / L
            diameters = self._diameters(ppx, h - top - bottom)
            inside = self._fits_inside(diameters)
            return inside[0] and inside[L]

        # captions on two lines ("hidden 1" over "sigmoid") when one line is wider than a layer gap
        names = self._caption_names
        one_line = [n if l == 0 else f"{n} ({self.activation(l)})" for l, n in enumerate(names)]
        left, right = margins(one_line, True)
        two_lines = max(self._text_size(c)[0] for c in one_line) + 16 > (w - left - right) / L
        captions = names if two_lines else one_line
        left, right = margins(captions, True)
        # Labels alone ("i1") need less room than "i1 = 0.05": the room saved makes the neurons
        # larger, and if the numbers then fit inside them, so be it (presentation mode at 1024).
        short = margins(captions, False)
        if values_fit_inside(*short, r + (2 if two_lines else 1) * text_h + 10, r + 6):
            left, right = short
        texts = [f"{names[l]}\n{self.activation(l)}" if two_lines and l > 0 else one_line[l]
                 for l in range(L + 1)]
        caption_pt = self._caption_pt(texts, (w - left - right) / L)
        for l, t in enumerate(self._captions):
            t.textItem.setTextWidth(-1)
            self._set_point_size(t, caption_pt)
            t.setText(texts[l])
            t.setTextWidth(t.textItem.document().idealWidth())  # so that the lines centre
        top, bottom = r + (2 if two_lines else 1) * text_h + 10, r + 6
        # solve for the data range that leaves exactly these pixel margins around [0, L] × [0, 1]
        span_x = L / max(1 - (left + right) / w, 0.2)
        span_y = 1.0 / max(1 - (top + bottom) / h, 0.2)
        x0 = -left * span_x / w
        y0 = -top * span_y / h
        self.vb.setRange(xRange=(x0, x0 + span_x), yRange=(y0, y0 + span_y), padding=0)

    def _caption_pt(self, texts, gap):
        """The largest size (down to MIN_PT) at which neighbouring captions, `gap` pixels apart,
        do not run into each other (zoomed text in a narrow graph printed "hidden 1" over
        "output")."""
        pt = self._style.font_pt
        while pt > MIN_PT:
            fm = self._metrics(pt, bold=True)
            widths = [max(fm.horizontalAdvance(line) for line in text.split("\n")) for text in texts]
            if all((a + b) / 2 + 8 <= gap for a, b in zip(widths, widths[1:])):
                break
            pt -= 0.5
        return pt

    def _diameters(self, ppx, ppy):
        """Neuron diameter (px) per layer: most of the spacing between neighbours, up to a
        maximum; in a narrow graph a layer that shows numbers may take more of the layer gap,
        as much as its numbers need at full size (presentation mode at 1024×768: the
        activations were 11.5 pt in 62 px circles beside 15 pt edge numbers)."""
        # Room for a number at the edge numbers' size (the `_fits_inside` rule); zoomed, in a
        # narrow graph, the edge numbers then give way first.
        need = np.ceil(self._text_size(pt=self._style.small_font_pt)[0]) - 12
        out = []
        for l, n in enumerate(self.sizes):
            room_y = self._spacing[l] * ppy
            d = 0.66 * min(room_y, 0.45 * ppx)
            if n <= MAX_LABELLED_NEURONS:
                d = max(d, 0.66 * min(need / 0.66, room_y, GAP_FOR_NUMBERS * ppx))
            out.append(int(np.clip(d, 3, self._style.neuron_px)))
        return out

    def _fits_inside(self, diameters):
        """Per layer: do numbers fit inside its neurons (at some size: `_inside_pt`)?"""
        self._inside_pt = [
            self._largest_fitting_pt(self._style.font_pt, lambda w, h, d=d: d >= w - 12)
            if n <= MAX_LABELLED_NEURONS else None for d, n in zip(diameters, self.sizes)]
        return [pt is not None for pt in self._inside_pt]

    def _set_point_size(self, item, pt):
        if pt is not None and item.textItem.font().pointSizeF() != pt:
            font = QFont(item.textItem.font())
            font.setPointSizeF(pt)
            item.setFont(font)

    def _update_pixel_layout(self):
        """Neuron sizes follow the pixel spacing; numbers are hidden where they would overlap."""
        if self.sizes is None:
            return
        ppx, ppy = self._pixels_per_unit()
        style = self._style
        sizes = self._diameters(ppx, ppy)
        self._ring_width = [float(np.clip(round(d / 9), 1, style.ring_px)) for d in sizes]
        self._layer_px = sizes
        per_neuron = np.repeat(sizes, self.sizes)
        key = tuple(sizes)
        if key != self._neuron_sizes:
            self._neuron_sizes = key
            rings = np.repeat(self._ring_width, self.sizes)
            self.neurons.setSize(per_neuron)
            self.outline.setSize(per_neuron + rings + 2)
            bias = [min(sizes[l - 1], 0.6 * style.neuron_px) for l in range(1, len(self.sizes))]
            self.bias_nodes.setSize(np.array(bias, dtype=float))
            self._neuron_key = None  # ring pens depend on the sizes
            self._refresh_neurons()
            self._refresh_highlight()
            self._refresh_selection()

        text_w, text_h = self._text_size()
        r_max = max(sizes) / 2 + max(self._ring_width)
        top_y = min(xy[:, 1].min() for xy in self._neuron_xy)
        for l, t in enumerate(self._captions):
            t.setPos(float(l), top_y - (r_max + 6) / ppy)
        for l, xy in ((0, self._neuron_xy[0]), (len(self.sizes) - 1, self._neuron_xy[-1])):
            offset = (sizes[l] / 2 + self._ring_width[l] + 8) / ppx
            texts = self._input_texts if l == 0 else self._output_texts
            fits = bool(self._spacing[l] * ppy >= text_h * 0.95)
            for k, t in enumerate(texts):
                t.setPos(xy[k, 0] + (-offset if l == 0 else offset), xy[k, 1])
                t.setVisible(fits)
        inside = self._fits_inside(sizes)
        if inside != self._inside:
            self._inside = inside
            if self._state["params"] is not None:
                self._refresh_texts()
        for (l, j), t in self._neuron_texts.items():
            self._set_point_size(t, self._inside_pt[l])
            t.setVisible(inside[l])
        for t, l in zip(self._bias_texts, range(1, len(self.sizes))):
            t.setVisible(bool(sizes[l - 1] >= text_h))
        self._place_edge_texts(ppx, ppy, sizes)
