"""A weights file and a min-max file saved together carry the same `pairId`, so that a pair parted
by a crash between its two renames (or files mixed up by hand) is refused, never used together.

The id is the first 16 hex digits of the SHA-256 of the two texts, added as the last key of each
JSON object: readers ignore unknown keys (SPEC section 3; Go's encoding/json does too), so both
files keep the cheat sheet's format. A pair is written weights first (core/outputs.py), so a kill
between the renames leaves new weights beside the old min-max file, which this check refuses:
- both files carry an id: the ids must be equal;
- only the weights carry one: refused (the min-max file is not the one saved with them);
- only the min-max file carries one: accepted (hand-written or Go weights with a trained
  min-max file, as the tutorials do); neither: accepted (the cheat sheet's own files).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import InputError

PAIR_KEY = "pairId"


def paired(weights_text, minmax_text):
    """The two files' texts, each with the same pairId."""
    digest = hashlib.sha256(f"{weights_text}\0{minmax_text}".encode("utf-8")).hexdigest()[:16]
    return _with_id(weights_text, digest), _with_id(minmax_text, digest)


def _with_id(text, digest):
    body = text.rstrip()
    if not body.endswith("}"):
        raise ValueError("expected the text of a JSON object")
    body = body[:-1].rstrip()
    comma = "" if body.endswith("{") else ","
    return f'{body}{comma}\n  "{PAIR_KEY}": "{digest}"\n}}\n'


def check_pair(weights, weights_doc, minmax, minmax_doc):
    """An InputError when the weights file `weights` and the min-max file `minmax` (their JSON
    documents given) were not saved together."""
    ours = weights_doc.get(PAIR_KEY) if isinstance(weights_doc, dict) else None
    theirs = minmax_doc.get(PAIR_KEY) if isinstance(minmax_doc, dict) else None
    if ours is None or ours == theirs:
        return
    found = "it has none" if theirs is None else f"it has {theirs!r}"
    raise InputError(minmax, PAIR_KEY, f"not the min-max file saved with {weights} (whose "
                     f"pairId is {ours!r}; {found}): give the min-max file written together with "
                     "those weights (--minmax), or train again; to use the two anyway, delete the "
                     "pairId line from the weights file")


def minmax_beside(config, weights):
    """Where the min-max file of weights saved to `weights` goes (the window's Save weights): the
    config's min-max file name when the weights take the config's weights file name, else
    `<weights name>-minmax.json`; always in the weights' folder. None when the config normalizes
    nothing (the weights are then a model on their own)."""
    if not (config.normalizeInputData or config.normalizeOutputData):
        return None
    weights = Path(weights)
    named = config.trainedWeightsBiasesJSONFile, config.minMaxJSONFile
    if named[0] and named[1] and Path(named[0]).name == weights.name:
        beside = weights.with_name(Path(named[1]).name)
        if beside != weights:
            return beside
    return weights.with_name(f"{weights.stem}-minmax.json")
