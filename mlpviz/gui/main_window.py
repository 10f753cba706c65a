"""The main window: network graph in the middle, controls above, loss plot below, details beside.

It only builds the window from its parts and wires them (layout: gui/LAYOUT.md):
- run/model.py, the experiment shown, which the views follow through its signals;
- controllers/ (files, running and stepping, settings), which the actions call;
- graph/, panels/, descent/ and bars/, the views, each following the model itself.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtWidgets import (QDockWidget, QLabel, QMainWindow, QMessageBox, QScrollArea,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from mlpviz.core import examples

from . import screen_fit
from .actions import make_actions
from .bars.alert import AlertBar
from .bars.status import StatusLine
from .bars.timeline import TimelineBar
from .bars.training import training_bar
from .controllers.exports import ExportController
from .controllers.files import FilesController
from .controllers.hands_on import HandsOnController
from .controllers.running import RunningController
from .controllers.autoplay import Autoplay
from .controllers.preparing import PreparingNote
from .controllers.settings import SettingsController
from .descent.dock import DescentDock
from .tab_heights import TabHeights
from .graph.follow import GraphFollower
from .graph.network_view import NetworkView
from .descent.grid_job import GridJob
from .graph.neuron_maps import NeuronMaps
from .graph.shape_bar import ShapeBar
from .panels import credits
from .panels.about import about_html
from .panels.accuracy_plot import AccuracyPlot
from .panels.class_follow import ClassFollower
from .panels.confusion_view import ConfusionView
from .panels.data_tab import DataTab
from .panels.image_follow import ImageFollower
from .panels.image_view import ImagePanel
from .panels.loss_follow import LossPlotFollower
from .panels.loss_plot import LossPlot
from .panels.math_follow import MathPanelFollower
from .panels.math_panel import MathPanel
from .panels.settings_editor import ExperimentEditor
from .panels.start_page import StartPage
from .presentation import Presentation, key_map_html
from .run.model import ExperimentModel
from .typing_guard import TypingGuard
from .zoom import FontZoom


DESCENT_AFTER_MS = 150  # the gradient-descent views are built this long after the window shows


class MainWindow(QMainWindow):
    SELECTION_TAB = 2  # the side tab with the math panel

    def __init__(self, settings=None):
        super().__init__()
        self.settings = settings or QSettings("mlpviz", "mlpviz")
        self.model = ExperimentModel(self)
        self.session = self.model.session
        self.files = FilesController(self.model, self)
        self.running = RunningController(self.model, self)
        self._build_views()
        self.configuring = SettingsController(self.model, self, self.editor, self.files)
        self.exports = ExportController(self.model, self)
        self.act = make_actions(self, self.running, self.files)
        self.autoplay = Autoplay(self.model, self.running, self)  # the phases at a pace
        self.run_action = self.act.run
        self.descent_dock = DescentDock(self, self.model)  # its views: after the window shows
        self.tab_heights = TabHeights(self, self.findChild(QDockWidget, "Loss"), self.descent_dock)
        self.presentation = Presentation(self)
        self.zoom = FontZoom(self)  # Ctrl+= / Ctrl+− / Ctrl+0, remembered
        self._build_bars()
        self._build_menus()
        self.typing_guard = TypingGuard(self, focus_after=self.graph)  # keys in fields: theirs
        self.model.replaced.connect(self.show_title)
        self.model.selection_changed.connect(self._on_selected)
        screen_fit.first_size(self, self.settings)  # fits the screen; remembered layout

    @property
    def descent(self):
        """The gradient-descent views (slice, trajectory plane, output, surfaces)."""
        return self.descent_dock.views()

    def showEvent(self, event):
        super().showEvent(event)
        self.descent_dock.build_soon(DESCENT_AFTER_MS)  # once the window is on screen, painted

    # -- building ------------------------------------------------------------------------

    def _build_views(self):
        self.graph = NetworkView()
        GraphFollower(self.graph, self.model)
        self.neuron_maps = NeuronMaps(self.graph, self.model, GridJob())  # maps in the circles
        self.hands_on = HandsOnController(self.model, self)
        self.graph.value_requested.connect(self.hands_on.ask_value)
        self.shape_bar = ShapeBar()
        for signal in (self.model.replaced, self.model.edited):
            signal.connect(lambda: self.shape_bar.set_sizes(self.model.config.sizes))
        self.shape_bar.add_neuron.connect(self.hands_on.add_neuron)
        self.shape_bar.remove_neuron.connect(self.hands_on.remove_neuron)
        self.shape_bar.add_layer.connect(self.hands_on.add_layer)
        self.shape_bar.remove_layer.connect(self.hands_on.remove_layer)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.shape_bar)
        column.addWidget(self.graph, 1)
        self.setCentralWidget(central)
        self.data_tab = DataTab()
        self.data_tab.chosen.connect(self.open_generated)
        self.loss_plot = LossPlot()
        LossPlotFollower(self.loss_plot, self.model)
        self.details = MathPanel()
        MathPanelFollower(self.details, self.model)
        self.details.value_requested.connect(lambda: self.hands_on.ask_value(self.model.selection))
        self.about = QLabel(wordWrap=True, alignment=Qt.AlignTop | Qt.AlignLeft, margin=8)
        self.about.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.editor = ExperimentEditor()
        self.editor.learning_rate_changed.connect(self.running.set_learning_rate)
        self.start_page = StartPage(examples.describe())
        self.start_page.chosen.connect(
            lambda name: self.files.open_config(examples.config_path(name)))
        self.accuracy_plot = AccuracyPlot()
        self.accuracy_plot.setMinimumWidth(180)
        self.confusion = ConfusionView()
        self.images = ImagePanel()
        self._build_docks()
        ClassFollower(self.accuracy_plot, self.confusion, self.model, self._show_classes)
        ImageFollower(self.images, self.model, self.image_dock.setVisible)

    def _build_docks(self):
        side = QTabWidget()
        side.addTab(self._scroll(self.start_page), "Examples")
        side.addTab(self._scroll(self.about), "Experiment")
        side.addTab(self._scroll(self.details), "Selection")
        side.addTab(self._scroll(self.editor), "Settings")
        self.classes_tab = side.addTab(self.confusion, "Classes")
        self.data_tab_index = side.addTab(self._scroll(self.data_tab), "Data")
        self.side_tabs = side
        self.loss_split = QSplitter(Qt.Horizontal)  # the loss, and a classifier's accuracy
        self.loss_split.addWidget(self.loss_plot)
        self.loss_split.addWidget(self.accuracy_plot)
        self.loss_split.setStretchFactor(0, 3)
        self.loss_split.setStretchFactor(1, 2)
        for title, widget, area in (("Experiment", side, Qt.RightDockWidgetArea),
                                    ("Loss", self.loss_split, Qt.BottomDockWidgetArea)):
            dock = QDockWidget(title, self)
            dock.setObjectName(title)
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
            self.addDockWidget(area, dock)
        self.image_dock = QDockWidget("Image", self)  # image inputs, beside the graph
        self.image_dock.setObjectName("Image")
        self.image_dock.setWidget(self.images)
        self.image_dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.image_dock)
        self.image_dock.hide()
        self.resizeDocks([self.image_dock], [300], Qt.Horizontal)
        self.resizeDocks([self.findChild(QDockWidget, "Experiment")], [380], Qt.Horizontal)
        self.resizeDocks([self.findChild(QDockWidget, "Loss")], [260], Qt.Vertical)

    def _show_classes(self, on):
        """A classifier's accuracy plot and confusion tab are shown; other experiments hide them."""
        self.accuracy_plot.setVisible(on)
        self.side_tabs.setTabVisible(self.classes_tab, on)

    @staticmethod
    def _scroll(widget):
        area = QScrollArea()
        area.setWidget(widget)
        area.setWidgetResizable(True)
        return area

    def _build_bars(self):
        act = self.act
        bars, self.rate_box, self.speed_box = training_bar(
            [act.phase_back, act.phase, act.back, act.step, act.epoch, act.run, act.reset],
            self.running, act.gradients)
        self.running.speed_box = self.speed_box
        for bar in bars:
            self.addToolBar(bar)
        self.timeline_bar = TimelineBar(self.model, self.running, act.start, act.end, self)
        self.timeline_slider = self.timeline_bar.slider
        self.phase_label = self.timeline_bar.phase_label
        self.step_label = self.timeline_bar.step_label
        self.addToolBarBreak()
        self.addToolBar(self.timeline_bar)
        self.alert_bar = AlertBar(self.model, self)
        self.alert = self.alert_bar.label
        self.addToolBarBreak()
        self.addToolBar(self.alert_bar)
        self.alert_bar.hide()
        self.status = StatusLine(self.model, self.statusBar())
        self.running.preparing = PreparingNote(self.model, self.statusBar())

    def _build_menus(self):
        act = self.act
        menu = self.menuBar().addMenu("&File")
        menu.addAction(act.new_from_csv)
        menu.addAction(act.open)
        self.examples_menu = menu.addMenu("Open example")
        for name, title, description in examples.describe():
            action = self.examples_menu.addAction(f"{title}")
            action.setToolTip(description)
            action.triggered.connect(lambda _=False, n=name: self.files.open_config(
                examples.config_path(n)))
        menu.addMenu(self.files.recent.menu)
        for group in ((act.save, act.save_as),
                      (act.open_weights, act.save_weights, act.open_minmax, act.save_minmax),
                      (act.train_csv, act.save_training, act.test_csv, act.test,
                       act.predict)):
            menu.addSeparator()
            for action in group:
                menu.addAction(action)
        menu.addSeparator()
        self.export_menu = self.exports.build_menu(menu.addMenu("Export"))
        menu.addSeparator()
        menu.addAction(act.quit)
        menu = self.menuBar().addMenu("&Train")
        for action in (act.phase, act.phase_back, act.step, act.back, act.epoch, act.run,
                       act.start, act.end, act.faster, act.slower, act.reset, act.undo):
            menu.addAction(action)
        self.autoplay.install(menu)
        menu = self.menuBar().addMenu("&View")
        menu.addAction(act.gradients)
        menu.addAction(act.neuron_maps)
        menu.addAction(self.presentation.action)
        for action in (self.zoom.zoom_in, self.zoom.zoom_out, self.zoom.zoom_reset):
            menu.addAction(action)
        menu.addSeparator()
        screen_fit.panel_actions(self, menu)
        menu = self.menuBar().addMenu("&Help")
        menu.addAction(act.keys)
        menu.addAction(act.about)

    # -- what the window itself shows -------------------------------------------------------

    def open_config(self, path=None):
        """Open a config (asks for one when `path` is None). Returns whether it opened."""
        return self.files.open_config(path)

    def open_generated(self, experiment):
        """Open an experiment on generated data (the Data tab's Open)."""
        if self.files.attempt(lambda: self.session.replace(experiment)):
            self.model.say(f"Opened {experiment.config.title}: "
                           f"{'-'.join(map(str, experiment.config.sizes))}, "
                           f"{len(experiment.train.values)} training points", 8000)

    def report_error(self, text):
        QMessageBox.warning(self, "mlpviz", text)

    @Slot()
    def show_title(self):
        session = self.session
        config = session.config
        title = config.title or (session.path.stem if session.path else "untitled")
        where = f" — {session.path.name}" if session.path else ""
        self.setWindowTitle(f"{title}{where} — mlpviz")
        self.about.setText(about_html(session))

    @Slot(object)
    def _on_selected(self, selection):
        if selection is not None:
            self.side_tabs.setCurrentIndex(self.SELECTION_TAB)

    def on_edge_mode(self):
        self.graph.set_edge_mode("gradients" if self.act.gradients.isChecked() else "weights")

    def show_keys(self):
        QMessageBox.information(self, "Keys", key_map_html())

    def show_about(self):
        QMessageBox.about(self, "About mlpviz", credits.about_html())

    def closeEvent(self, event):
        self.model.shutdown()
        screen_fit.remember(self, self.settings, self.presentation.layout_before())
        self.settings.sync()
        super().closeEvent(event)
