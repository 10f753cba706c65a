"""Reading a large dataset CSV: 10⁶ rows of 3 columns (60 MB), plain numbers and with one quoted
cell (which sends it to the careful, cell-by-cell reader). Prints seconds and rows/s.

    python bench/csv_read.py [ROWS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlpviz.core.files import read_csv  # noqa: E402


def timed(path, rows):
    start = time.perf_counter()
    table = read_csv(path, 3)
    seconds = time.perf_counter() - start
    assert table.values.shape == (rows, 3)
    return seconds


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    values = np.random.default_rng(0).normal(size=(rows, 3))
    with tempfile.TemporaryDirectory() as folder:
        plain, quoted = Path(folder) / "plain.csv", Path(folder) / "quoted.csv"
        with open(plain, "w") as f:
            f.write("a,b,c\n")
            np.savetxt(f, values, delimiter=",", fmt="%.17g")
        quoted.write_text(plain.read_text().replace("a,b,c\n", 'a,b,c\n"1",2,3\n', 1))
        size = plain.stat().st_size / 2**20
        fast = timed(plain, rows)
        careful = timed(quoted, rows + 1)
    print(f"{rows:,} rows × 3 columns ({size:.0f} MB)")
    print(f"  plain numbers (numpy reader):   {fast:6.2f} s  {rows / fast:>12,.0f} rows/s")
    print(f"  one quoted cell (csv module):   {careful:6.2f} s  {rows / careful:>12,.0f} rows/s")
    print(f"  ratio {careful / fast:.1f}×")


if __name__ == "__main__":
    main()
