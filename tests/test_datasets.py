"""Generated datasets (SPEC section 11): shapes from their definitions, counts, seeds, the CLI."""

import csv

import numpy as np
import pytest

from mlpviz.cli import main
from mlpviz.core.datasets import CLASS_KINDS, KINDS, NOISE_SCALE, generate
from mlpviz.core.errors import InputError
from mlpviz.core.playground import dataset_config, open_dataset


def radius(x):
    return np.hypot(x[:, 0], x[:, 1])


def test_circle_classes_are_separated_by_radius():
    d = generate("circle", points=400, seed=3)
    r, c = radius(d.inputs), d.targets[:, 0]
    assert r[c == 0].max() <= 0.5 and r[c == 1].min() >= 0.7 - 1e-6 and r.max() <= 1 + 1e-6
    assert sorted(np.unique(c)) == [0, 1] and (c == 0).sum() == 200


def test_xor_class_is_where_the_signs_differ():
    d = generate("xor", points=300, seed=1)
    x, c = d.inputs, d.targets[:, 0]
    assert np.all((x[:, 0] * x[:, 1] < 0) == (c == 1))
    assert np.abs(x).min() >= 0.1 - 1e-6 and np.abs(x).max() <= 1


def test_spiral_points_lie_on_their_arms():
    # arm k: r = t, θ = 3.5π t + 2πk/K, so θ − 3.5π r ≡ πk (mod 2π) for K = 2
    d = generate("spiral", points=200, seed=5)
    x, c = d.inputs, d.targets[:, 0]
    r = radius(x)
    offset = np.angle(np.exp(1j * (np.arctan2(x[:, 1], x[:, 0]) - 3.5 * np.pi * r - np.pi * c)))
    far = r > 0.05  # near the centre the 6-decimal rounding moves the angle visibly
    assert np.abs(offset[far]).max() < 1e-3


def test_spiral_with_three_arms():
    d = generate("spiral", points=300, seed=5, classes=3)
    assert d.classes == 3 and sorted(np.unique(d.targets)) == [0, 1, 2]


def test_moons_lie_on_their_half_circles():
    # undo the centring and scaling (x − (½, ¼))·⅔, then the upper moon has |x| = 1 and y ≥ 0
    d = generate("moons", points=200, seed=2)
    x = d.inputs * 1.5 + [0.5, 0.25]
    c = d.targets[:, 0]
    upper, lower = x[c == 0], x[c == 1]
    assert np.allclose(radius(upper), 1, atol=1e-5) and upper[:, 1].min() >= -1e-5
    assert np.allclose(radius(lower - [1, 0.5]), 1, atol=1e-5) and lower[:, 1].max() <= 0.5 + 1e-5


def test_gaussians_centres_and_spread():
    d = generate("gaussians", points=4000, seed=0)
    for k, centre in enumerate([(-0.6 / np.sqrt(2),) * 2, (0.6 / np.sqrt(2),) * 2]):
        cloud = d.inputs[d.targets[:, 0] == k]
        assert np.allclose(cloud.mean(axis=0), centre, atol=0.02)
        assert np.allclose(cloud.std(axis=0), 0.15, atol=0.01)


def test_plane_and_bumps_targets():
    d = generate("plane", points=100, seed=0)
    assert np.allclose(d.targets[:, 0], d.inputs.sum(axis=1) / 2, atol=1e-6)
    b = generate("bumps", points=2000, seed=0)
    near = np.hypot(*(b.inputs - [0.5, 0.5]).T) < 0.03  # on the top of the (+) bump at (½, ½)
    assert np.all(b.targets[near, 0] > 0.95) and b.targets.max() <= 1.01
    near = np.hypot(*(b.inputs - [0.5, -0.5]).T) < 0.03  # the hollow at (½, −½)
    assert np.all(b.targets[near, 0] < -0.95)


def test_noise_has_the_stated_spread():
    # the same seed draws the same clean points, then adds N(0, (X·¼)²) to each coordinate
    clean = generate("spiral", points=20000, seed=9)
    noisy = generate("spiral", points=20000, seed=9, noise=0.4)
    assert np.std(noisy.inputs - clean.inputs) == pytest.approx(0.4 * NOISE_SCALE, rel=0.02)
    clean, noisy = generate("plane", 5000, seed=9), generate("plane", 5000, 0.4, seed=9)
    assert np.array_equal(clean.inputs, noisy.inputs)
    assert np.std(noisy.targets - clean.targets) == pytest.approx(0.1, rel=0.05)


@pytest.mark.parametrize("kind", KINDS)
def test_counts_split_and_determinism(kind):
    a = generate(kind, points=101, noise=0.3, test_fraction=0.2, seed=7)
    b = generate(kind, points=101, noise=0.3, test_fraction=0.2, seed=7)
    c = generate(kind, points=101, noise=0.3, test_fraction=0.2, seed=8)
    assert len(a.inputs) == 81 and len(a.test_inputs) == 20  # 101 − round(20.2)
    assert np.array_equal(a.rows(), b.rows()) and np.array_equal(a.rows(True), b.rows(True))
    assert not np.array_equal(a.rows(), c.rows())
    if kind in CLASS_KINDS:  # 101 points in two classes: 51 and 50
        all_classes = np.concatenate([a.targets, a.test_targets])[:, 0]
        assert sorted(np.bincount(all_classes.astype(int))) == [50, 51]


def test_rows_are_shuffled_not_grouped_by_class():
    c = generate("circle", points=200, seed=0).targets[:, 0]
    assert 0 < c[:100].mean() < 1


@pytest.mark.parametrize("settings, key", [
    (dict(kind="square"), "kind"), (dict(points=1), "points"), (dict(noise=-0.1), "noise"),
    (dict(noise=float("nan")), "noise"), (dict(test_fraction=1.0), "test fraction"),
    (dict(points=2, test_fraction=0.9), "test fraction"), (dict(seed=-1), "seed"),
    (dict(classes=1), "classes")])
def test_bad_settings_are_named(settings, key):
    settings = {"kind": "circle", **settings}
    with pytest.raises(InputError) as e:
        generate(**settings)
    assert e.value.where == key


# -- experiments on generated data ----------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_each_dataset_opens_as_an_experiment(kind):
    e = open_dataset(kind, points=50, noise=0.1, test_fraction=0.2, seed=4)
    classes = kind in CLASS_KINDS
    assert e.config.sizes[0] == 2 and e.config.sizes[-1] == (2 if classes else 1)
    assert len(e.train.values) == 40 and len(e.test.values) == 10
    assert e.config.outputActivationFunction == ("softmax" if classes else "linear")
    assert e.config.lossFunction == ("cross-entropy" if classes else "half-sse")
    t = e.trainer()
    t.run(5)
    assert t.step == 5


def test_spiral_is_the_2_8_8_2_network():
    assert dataset_config("spiral").sizes == (2, 8, 8, 2)
    assert dataset_config("spiral", classes=3).outputClasses == ["0", "1", "2"]


def test_circle_trains_to_separate_its_classes():
    e = open_dataset("circle", points=200, seed=0)
    t = e.trainer()
    t.run_epochs(150)
    predicted = e.classes.predicted(t.network.predict(t.X))
    assert np.mean(predicted == e.train.truth) > 0.95


# -- the command line -------------------------------------------------------------------------

def read(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def test_cli_writes_the_csv_and_its_test_part(tmp_path, capsys):
    out = tmp_path / "spiral.csv"
    assert main(["dataset", "spiral", "--points", "100", "--noise", "0.2",
                 "--test-fraction", "0.25", "--seed", "3", "--out", str(out)]) == 0
    train, test = read(out), read(tmp_path / "spiral-test.csv")
    assert train[0] == test[0] == ["x1", "x2", "class"]
    assert len(train) - 1 == 75 and len(test) - 1 == 25
    assert {row[2] for row in train[1:] + test[1:]} == {"0", "1"}
    expected = generate("spiral", 100, 0.2, 0.25, 3)
    assert np.array_equal(np.array(train[1:], dtype=float), expected.rows())
    first = out.read_bytes()
    main(["dataset", "spiral", "--points", "100", "--noise", "0.2", "--test-fraction", "0.25",
          "--seed", "3", "--out", str(out)])
    assert out.read_bytes() == first
    assert "spiral-test.csv" in capsys.readouterr().out


def test_cli_regression_header_and_no_test_file(tmp_path):
    out = tmp_path / "plane.csv"
    assert main(["dataset", "plane", "--out", str(out)]) == 0
    rows = read(out)
    assert rows[0] == ["x1", "x2", "y"] and len(rows) == 201
    assert not (tmp_path / "plane-test.csv").exists()


def test_cli_config_out_trains(tmp_path, capsys):
    out, config = tmp_path / "moons.csv", tmp_path / "moons.json"
    assert main(["dataset", "moons", "--test-fraction", "0.2", "--out", str(out),
                 "--config-out", str(config)]) == 0
    assert main(["train", str(config), "--epochs", "3", "--quiet"]) == 0
    assert main(["test", str(config), "--weights",
                 str(tmp_path / "moons-trained-weights-biases.json"), "--json"]) == 0
    assert '"samples": 40' in capsys.readouterr().out


@pytest.mark.parametrize("argv, flag", [
    (["dataset", "spirals", "--out", "x.csv"], "KIND"),
    (["dataset", "circle", "--noise", "3", "--out", "x.csv"], "--noise"),
    (["dataset", "circle", "--test-fraction", "1", "--out", "x.csv"], "--test-fraction"),
    (["dataset", "circle", "--points", "0", "--out", "x.csv"], "--points"),
    (["dataset", "circle", "--out", "missing-folder/x.csv"], "missing-folder"),
    (["dataset", "circle"], "--out")])
def test_cli_bad_input(tmp_path, monkeypatch, capsys, argv, flag):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert flag in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()
