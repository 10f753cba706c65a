"""Reading a large dataset CSV, side by side: 10⁶ rows of 3 columns (60 MB) written plainly, with a
quoted header, with every cell quoted, as a European spreadsheet writes it (semicolons, decimal
commas), with CR line ends, and with one odd cell (True) that sends it to the careful, cell-by-cell
reader. Each is read in a fresh process, best of three; prints seconds, the ratio to the plain file, and the peak
memory the read added (Linux's VmHWM) as a multiple of the file's size (SPEC section 10: quoted ≤ 1.5× the time,
≤ 3× the file size in memory).

    python bench/csv_read.py [ROWS]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from mlpviz.core.files import read_csv

def status(key):  # kB, from Linux's /proc
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key + ":"))

before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak (VmHWM) starts again from here
start = time.perf_counter()
table = read_csv({path!r}, 3)
seconds = time.perf_counter() - start
after = status("VmHWM")
print(json.dumps({{"seconds": seconds, "added_kb": after - before, "rows": len(table.values)}}))
"""


def measured(path, repeats=3):
    """(seconds, bytes of peak memory added, rows): the best of `repeats` reads of `path`, each in
    a new process (the machine is shared: the fastest run is the least disturbed)."""
    return min(measured_once(path) for _ in range(repeats))


def measured_once(path):
    done = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path))],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    return result["seconds"], result["added_kb"] * 1024, result["rows"]


def variants(folder, values):
    plain = folder / "plain.csv"
    with open(plain, "w") as f:
        f.write("a,b,c\n")
        np.savetxt(f, values, delimiter=",", fmt="%.17g")
    text = plain.read_text()
    body = text.split("\n", 1)[1]
    files = {"plain numbers": plain}
    written = {
        "quoted header": '"a","b","c"\n' + body,
        "every cell quoted": '"a","b","c"\n' + "\n".join(
            '"' + line.replace(",", '","') + '"' for line in body.splitlines()) + "\n",
        "semicolons, decimal commas": text.replace(",", ";").replace(".", ","),
        "CR line ends": text.replace("\n", "\r"),
        "one True cell (careful)": text.replace("\n", "\nTrue,0,0\n", 1),
    }
    for name, content in written.items():
        path = folder / (name.split()[0] + ".csv")
        path.write_text(content)
        files[name] = path
    return files


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    values = np.random.default_rng(0).normal(size=(rows, 3))
    with tempfile.TemporaryDirectory() as folder:
        files = variants(Path(folder), values)
        print(f"{rows:,} rows × 3 columns ({files['plain numbers'].stat().st_size / 2**20:.0f} MB)")
        base = None
        for name, path in files.items():
            seconds, added, count = measured(path)
            base = base or seconds
            size = path.stat().st_size
            print(f"  {name:<28} {seconds:6.2f} s  {count / seconds:>11,.0f} rows/s  "
                  f"time ×{seconds / base:4.2f}  memory {added / size:4.2f}× the file")


if __name__ == "__main__":
    main()
