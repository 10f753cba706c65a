"""The side panel's Experiment tab: what is open, in a small table."""

from __future__ import annotations


def about_html(session):
    c, s = session.config, session
    rows = [("network", "-".join(map(str, c.sizes))),
            ("activations", f"{c.activationFunction} hidden, {c.outputActivationFunction} output"),
            ("loss", c.lossFunction), ("learning rate", f"{c.learningRate:g}"),
            ("batch", "full batch" if s.trainer.batch == s.trainer.samples else
             ("online (1 sample)" if s.trainer.batch == 1 else str(s.trainer.batch))),
            ("training rows", str(s.trainer.samples)),
            ("test rows", str(len(s.experiment.test.values)) if s.experiment.test else "none"),
            ("biases", "trained" if c.trainBiases else "frozen"),
            ("file", str(s.path) if s.path else "not saved")]
    table = "".join(f"<tr><td style='color:#555'>{k}&nbsp;</td><td>{v}</td></tr>"
                    for k, v in rows)
    return (f"<h3>{c.title or 'Untitled experiment'}</h3><p>{c.description}</p>"
            f"<table>{table}</table>")
