"""Classification in the window (SPEC section 8, 12): accuracy beside the loss, the confusion
matrix, decision regions on the output view, output neurons named by class, image inputs."""

import numpy as np
import pytest

from mlpviz.gui.class_colors import UNSURE, class_colour, region_rgb
from mlpviz.gui.descent.class_regions import compute_regions
from mlpviz.gui.descent.output_view import RESOLUTION, padded_range
from mlpviz.gui.graph.style import Selection
from conftest import open_window


def steps_to(qtbot, window, step):
    window.session.worker.request_steps(step - window.model.snapshot.step)
    qtbot.waitUntil(lambda: (window.model.refresh(), window.model.snapshot.step == step)[1],
                    timeout=10000)


def test_iris_shows_accuracy_and_the_confusion_matrix(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, "iris")
    assert window.side_tabs.isTabVisible(window.classes_tab)
    assert window.graph.output_labels == ["setosa", "versicolor", "virginica"]
    window.side_tabs.setCurrentIndex(window.classes_tab)
    steps_to(qtbot, window, 360)  # three epochs of 120 flowers
    view = window.confusion
    qtbot.waitUntil(lambda: "after step 360" in view.caption.text(), timeout=5000)
    assert view.table.rowCount() == 3 and view.matrix.sum() == 30  # the test split
    assert view.table.verticalHeaderItem(1).text() == "versicolor"
    # the engine's own accuracy of the network shown
    experiment = window.model.experiment
    network = window.model.network(window.model.snapshot.params)
    X, _ = experiment.normalized(experiment.test)
    right = np.sum(experiment.classes.predicted(network.predict(X)) == experiment.test.truth)
    assert int(np.trace(view.matrix)) == right
    assert f"{right} of 30 right" in view.caption.text()
    plot = window.accuracy_plot
    assert plot.isVisible() and plot.steps and plot.steps[-1] == 360
    assert plot.last("test") == pytest.approx(100 * right / 30)


def test_a_regression_example_hides_the_class_views(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, "xor")
    assert not window.side_tabs.isTabVisible(window.classes_tab)
    assert not window.accuracy_plot.isVisible() and not window.image_dock.isVisible()


def test_the_output_neuron_explains_delta_is_y_minus_z(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, "iris")
    steps_to(qtbot, window, 1)
    window.model.select(Selection("neuron", 2, 0))
    text = window.details.text_lines()
    assert "δ_setosa = ∂E/∂net_setosa = out_setosa − z_setosa = " in text
    assert "why so simple" in text and "E = −Σ_k z_k ln out_k" in text


def test_the_spiral_draws_decision_regions_and_the_half_boundary(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, "spiral")
    views = window.descent
    views.setCurrentWidget(views.output)
    view = views.output
    assert view.output_box.currentText() == "classes (decision regions)"
    steps_to(qtbot, window, 50)
    qtbot.waitUntil(lambda: (view.tick(), view.shown_key == (50, -1))[1], timeout=10000)
    image = view.heat.image.image
    assert image.ndim == 3 and image.shape[2] == 3 and image.dtype == np.uint8
    assert len(view.heat.contours.xData) > 0  # the y = 0.5 line of the one sigmoid output
    brushes = view.train_points.data["brush"]
    truth = window.model.experiment.train.truth
    assert brushes[0].color().getRgb()[:3] == class_colour(int(truth[0]))
    # the image is the engine's prediction over the grid, coloured by class
    experiment = window.model.experiment
    inputs = np.vstack([experiment.train.values[:, :2], experiment.test.values[:, :2]])
    xs = np.linspace(*padded_range(inputs[:, 0]), RESOLUTION)
    ys = np.linspace(*padded_range(inputs[:, 1]), RESOLUTION)
    regions = compute_regions(experiment, window.model.network(window.model.snapshot.params),
                              xs, ys)
    assert np.array_equal(image, regions.rgb.transpose(1, 0, 2))


def test_region_colours_are_the_winner_s_paler_where_unsure():
    # sure of class 1: its full colour; a tie: the winner (first) mixed 20 % into near-white
    rgb = region_rgb(np.array([[[0.0, 1.0], [0.5, 0.5]]]))
    assert tuple(rgb[0, 0]) == class_colour(1)
    expected = np.rint(UNSURE + (np.array(class_colour(0)) - UNSURE) * 0.2)
    assert tuple(rgb[0, 1]) == tuple(expected.astype(int))


def test_digits_draw_the_sample_and_the_hidden_weights_as_images(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, "digits")
    assert window.image_dock.isVisible()
    panel = window.images
    steps_to(qtbot, window, 3)
    qtbot.waitUntil(lambda: panel.sample.image is not None, timeout=5000)
    shown = window.model.shown
    assert panel.sample.image.shape == (8, 8)
    assert np.array_equal(panel.sample.image.T.ravel(), shown.forward.out[0][0])
    assert panel.layer.image.shape == (6 * 9 - 1, 6 * 9 - 1)  # 32 tiles in a 6 × 6 grid
    W = window.model.network(window.model.snapshot.params).W[1]
    window.model.select(Selection("neuron", 1, 5))
    expected = (W[5] / np.max(np.abs(W[5]))).reshape(8, 8)
    assert np.allclose(panel.neuron.image.T, expected)


def test_test_and_predict_in_the_window_for_a_classifier(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from mlpviz.core.examples import resources_folder
    window = open_window(qtbot, tmp_path, "iris")
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    window.files.test_on_csv(str(resources_folder() / "iris" / "testing.csv"))
    assert "30 samples" in shown[-1] and "accuracy" in shown[-1]
    assert "true \\ predicted" in shown[-1]
    dialog = window.files.predict_csv(str(resources_folder() / "iris" / "testing.csv"),
                                      show=False)
    header = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert header[4:] == ["setosa", "versicolor", "virginica", "class", "species"]
    assert dialog.table.item(0, 7).text() in ("setosa", "versicolor", "virginica")
    dialog.close()


def test_the_settings_keep_softmax_off_the_hidden_layers(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, "iris")
    editor = window.editor
    hidden = [editor.hidden_activation.itemText(i) for i in range(editor.hidden_activation.count())]
    assert "softmax" not in hidden
    assert editor.output_activation.findText("softmax") >= 0
    assert editor.loss.findText("cross-entropy") >= 0
