"""Defect 13: the math panel wrapped mid-formula at its default width (breaking the "=" column)
and kept its scroll position, hiding the new selection's heading."""

from mlpviz.gui.panels.math_panel import MathPanel
from conftest import open_window

LINES = ["∂E/∂w5 = δ_o1 · out_h1 = 0.138498562 · 0.593269992 = 0.082167041"]


def test_rows_that_fit_are_kept_whole(qtbot):
    panel = MathPanel()
    panel.resize(900, 400)
    panel.show_lines("weight w5", LINES)
    assert "white-space:nowrap'>= " in panel.text()


def test_a_narrow_panel_shrinks_the_formulas_to_fit(qtbot):
    panel = MathPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.resize(900, 400)
    panel.show_lines("weight w5", LINES)
    wide = panel.font_pt()
    panel.resize(230, 400)
    qtbot.waitUntil(lambda: panel.font_pt() < wide)
    assert panel.font_pt() >= 0.8 * panel._preferred_pt() - 0.5  # smaller, still readable


def test_a_new_selection_shows_its_heading(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from mlpviz.gui.graph.style import Selection

    window = open_window(qtbot, tmp_path)
    window.setWindowState(Qt.WindowNoState)
    window.resize(900, 420)  # a short panel: the computation scrolls
    window.model.select(Selection("weight", 2, 0, 0))
    area = window.side_tabs.currentWidget()
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    window.model.select(Selection("neuron", 1, 0))
    qtbot.waitUntil(lambda: window.details.title == "neuron h1")
    assert area.verticalScrollBar().value() == 0


def test_a_weights_heading_spans_the_table_and_does_not_widen_it(qtbot):
    """Defect 13: the first row of a weight's table, "w5 connects h1 → o1: w5 = 0.4", was one
    left side: its width pushed the "=" column so far right that the rows wrapped mid-formula
    at the panel's default width on 1024×768 and 1280×720."""
    from mlpviz.gui.panels.math_panel import table_rows

    lines = ["w5 connects h1 → o1: w5 = 0.4", LINES[0],
             "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648"]
    rows = table_rows(lines)
    assert rows[:2] == [("heading", "", "w5 connects h1 → o1"), ("formula", "w5", "0.4")]
    assert all(kind == "formula" for kind, _, _ in rows[1:])
    assert table_rows(["∂E/∂w5: not computed yet (the backward pass through layer 2)"]) == [
        ("prose", "", "∂E/∂w5: not computed yet (the backward pass through layer 2)")]
    panel = MathPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.resize(300, 400)  # the side panel at 1024×768
    panel.show_lines("weight w5", lines)
    qtbot.wait(20)
    assert "<td colspan='2'><i>w</i><sub>5</sub> connects" in panel.text()
    assert panel._nowrap  # every formula row whole, at a readable size
    assert panel.font_pt() >= 0.8 * panel._preferred_pt() - 0.5


def test_presentation_mode_in_a_narrow_panel_keeps_rows_whole(qtbot):
    """On a 1024×768 projector presentation mode's large bold formulas were cut off at the
    panel's edge (a horizontal scroll bar): the panel may shrink them to the normal size."""
    panel = MathPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.resize(420, 500)  # 21 pt bold needs ~500 px
    panel.set_presentation(True)
    lines = ["w5 connects h1 → o1: w5 = 0.4", LINES[0]]
    panel.show_lines("weight w5", lines)
    qtbot.wait(20)
    assert panel._nowrap and panel.font_pt() >= panel._normal_pt - 0.5
    panel.resize(200, 500)  # narrower still: rows wrap, but only after a "·"
    qtbot.waitUntil(lambda: not panel._nowrap)
    assert "·\u200b" in panel.text()
