"""Issue 11, left over: the gradient-descent views (five pyqtgraph plots) were built at once
150 ms after the window showed, which stalled the event loop 0.5–0.7 s (measured with a 20 ms
timer: `python tools/startup_stalls.py`). Now they are built one view per turn of the event
loop; something that needs them at once (`window.descent`) gets the rest built there and then."""

from PySide6.QtCore import QSettings, QTimer

from mlpviz.core.examples import config_path
from mlpviz.gui.descent import tabs
from mlpviz.gui.descent.descent_view import DescentView


def fresh_window(qtbot, tmp_path):
    """The window as the app shows it: its views not built yet (conftest's open_window builds
    them at once)."""
    from mlpviz.gui.main_window import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w, before_close_func=lambda w: w.model.shutdown())
    assert w.open_config(config_path("worked-example"))
    return w


def test_the_views_are_built_a_slice_at_a_time(qtbot, tmp_path):
    """Each turn of the dock's timer builds one view (the first: the modules) and hands the
    event loop back (the timer is started again); the last assembles them."""
    w = fresh_window(qtbot, tmp_path)
    dock = w.descent_dock
    w.show()
    timer = dock.findChild(QTimer, "build views")
    assert timer is not None and timer.isActive() and not dock.built()
    timer.stop()  # turn by turn, by hand (what the timer does)
    counts = []
    while not dock.built():
        dock._build_slice()
        counts.append(len(dock._parts))
        assert dock.built() or timer.isActive()  # the event loop gets its turn first
        assert len(counts) <= len(tabs.PARTS) + 2
    assert counts == [0, 1, 2, 3, 4, 5, 5]  # the modules, each view, then all together
    views = w.descent
    assert [views.tabText(k) for k in range(views.count())] == [t for _, t in tabs.PARTS.values()]
    assert all(isinstance(getattr(views, name), DescentView) or name == "output"
               for name in tabs.PARTS)
    qtbot.waitUntil(lambda: views.state is not None)


def test_asked_for_half_way_the_rest_is_built_at_once(qtbot, tmp_path):
    w = fresh_window(qtbot, tmp_path)
    dock = w.descent_dock
    w.show()
    qtbot.waitUntil(lambda: len(dock._parts) >= 2, timeout=20_000)
    made = dict(dock._parts)
    views = w.descent  # e.g. File ▸ Export of a descent view, or a recording
    assert dock.built() and views.count() == len(tabs.PARTS)
    assert all(getattr(views, name) is view for name, view in made.items())  # kept, not rebuilt
    assert views.state is not None  # it shows the experiment open
