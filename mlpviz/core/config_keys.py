"""Config keys that are almost known ones: `LearningRate`, `learningrate`, `learningRte`.

Readers ignore unknown keys (SPEC section 3), so a key spelt slightly wrong was silently ignored and
its default used. A key that differs from a known one only in case, or by one typo (a letter
added, dropped, changed, or two neighbours swapped), gets a warning naming both; other unknown keys
stay quiet (SPEC section 10).
"""

from __future__ import annotations


def near_misses(doc, known):
    """One sentence per key of `doc` that is not in `known` but close to one that is."""
    found = []
    for key in doc:
        if not isinstance(key, str) or key in known:
            continue
        match = closest(key, known)
        if match is not None:
            found.append(f'unknown key "{key}" is ignored; did you mean "{match}"?')
    return found


def closest(key, known):
    """The known key that `key` misspells (case, or one edit), or None."""
    lowered = key.lower()
    for name in known:
        if name.lower() == lowered:
            return name
    if len(key) < 4:  # "lr" is one edit from many short words
        return None
    for name in known:
        if one_edit(lowered, name.lower()):
            return name
    return None


def one_edit(a, b):
    """Whether a and b differ by one insertion, deletion, substitution or adjacent swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    if a[i + 1:] == b[i + 1:]:
        return True
    return (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
            and a[i + 2:] == b[i + 2:])
