"""Every menu and key action of the window, made once and bound to its controller. A new action:
add it here (text, slot, key, tip) and place it in a menu or bar in main_window.py; its key goes
in presentation.KEYS too if a demo uses it."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


def make_actions(window, running, files):
    def a(text, slot, shortcut=None, tip=None):
        action = QAction(text, window)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            # The window's, not the application's: a key typed in a dialog (a file name, then
            # Return) is the dialog's. Typing in the window's own fields: typing_guard.py.
            action.setShortcutContext(Qt.WindowShortcut)
        if tip:
            action.setToolTip(tip)
        window.addAction(action)
        return action

    acts = SimpleNamespace(
        phase=a("Phase ▶", running.step_phase, "Right",
                "One phase of the update: forward or backward through one layer, or the update "
                "itself (→)"),
        phase_back=a("◀ Phase", running.back_phase, "Left", "Back one phase (←)"),
        step=a("Step", running.step, "Space", "One update (Space)"),
        back=a("Back", running.back, "Backspace", "Back one update (Backspace)"),
        start=a("To step 0", lambda: running.go_to(0), "Home",
                "Back to the start of the run, keeping it to scrub through (Home)"),
        end=a("To the end", running.go_to_end, "End", "To the furthest step of the run (End)"),
        faster=a("Faster", lambda: running.change_speed(+1), "+", "Faster (+)"),
        slower=a("Slower", lambda: running.change_speed(-1), "-", "Slower (−)"),
        epoch=a("Epoch", running.step_epoch, "E", "Train to the end of this epoch (E)"),
        run=a("Run", running.toggle_run, "Return", "Run or pause (Return)"),
        reset=a("Reset", running.reset, "Ctrl+R", "Back to the initial weights and step 0 (Ctrl+R)"),
        undo=a("Undo change by hand", running.undo, QKeySequence.Undo,
               "Back to just before the last change by hand (a typed weight, a neuron, points) "
               "or the last Reset (Ctrl+Z)"),
        open=a("Open config…", lambda: files.open_config(), QKeySequence.Open),
        new_from_csv=a("New experiment from CSV…", lambda: files.new_from_csv(), "Ctrl+N",
                       "Pick a CSV, choose its inputs and targets (or a class column): no JSON"),
        save=a("Save config", files.save_config, QKeySequence.Save),
        save_as=a("Save config as…", lambda: files.save_config_as(), "Ctrl+Shift+S"),
        open_weights=a("Open weights…", lambda: files.open_weights()),
        save_weights=a("Save weights…", lambda: files.save_weights(), "Ctrl+W"),
        open_minmax=a("Open min-max…", lambda: files.open_minmax()),
        save_minmax=a("Save min-max…", lambda: files.save_minmax()),
        train_csv=a("Load training CSV…", lambda: files.load_training_csv(), "Ctrl+L"),
        save_training=a("Save training data as CSV…",
                        lambda: window.hands_on.save_training_data(), None,
                        "The training points as they are now, points added by hand too"),
        test_csv=a("Load test CSV…", lambda: files.load_test_csv()),
        test=a("Test on a CSV…", lambda: files.test_on_csv(), "Ctrl+T"),
        predict=a("Predict from a CSV…", lambda: files.predict_csv(), "Ctrl+P"),
        export_handout=a("Worked example of this update…",
                         lambda: window.exports.export_worked_example(), "Ctrl+Shift+E",
                         "The update shown, every number of it, as an HTML page that prints "
                         "well or as Markdown with LaTeX (what mlpviz explain writes)"),
        export_torch=a("For PyTorch…", lambda: window.exports.export_torch(), None,
                       "The network shown as one Python file that needs only PyTorch"),
        export_history=a("Loss history (CSV)…", lambda: window.exports.export_history(), None,
                         "The loss of every step (and the test loss) as CSV"),
        export_graph=a("Network graph as a figure…",
                       lambda: window.exports.export_figure(window.graph, "network graph")),
        export_loss=a("Loss plot as a figure…",
                      lambda: window.exports.export_figure(window.loss_plot, "loss plot")),
        export_math=a("Math panel as a figure…",
                      lambda: window.exports.export_figure(window.details, "math panel")),
        export_descent=a("Gradient-descent view as a figure…",
                         lambda: window.exports.export_descent_figure()),
        record=a("Record an animation (GIF, MP4)…", lambda: window.exports.record_animation(),
                 None, "A run or a phase walk of a view, frame by frame, as an animated GIF or "
                 "an MP4"),
        record_race=a("Record the optimizer race (GIF, MP4)…",
                      lambda: window.exports.record_race(), None,
                      "The optimizers racing on a textbook surface, a picture every few steps"),
        quit=a("Quit", window.close, QKeySequence.Quit),
        gradients=a("Edges show gradients", window.on_edge_mode, "G",
                    "Edges and their numbers show each gradient ∂E/∂w instead of the weight (G)"),
        neuron_maps=a("Neuron maps", lambda: window.neuron_maps.set_enabled(
            window.act.neuron_maps.isChecked()), None,
            "Each hidden neuron's output over the input plane, inside its circle (2 inputs)"),
        keys=a("Keys", window.show_keys, "F1"),
        about=a("About mlpviz", window.show_about),
    )
    acts.gradients.setCheckable(True)
    acts.neuron_maps.setCheckable(True)
    acts.neuron_maps.setChecked(True)
    return acts
