"""Fuzz the file readers with hostile and broken files; print how many cases were tried and failed.

    python tools/fuzz_files.py                 # 10 000 cases per format (a few minutes)
    python tools/fuzz_files.py -n 500 csv      # fewer cases, some formats
    python tools/fuzz_files.py classcsv inspect pair   # the readers issue 12 added

Formats: csv, weights, minmax, config (tests/hostile_files.py); classcsv, inspect, pair
(tests/hostile_readers.py).

Every case must either load correctly or raise InputError naming the file (tests/hostile_files.py
says exactly what is checked). Failures are grouped by kind; the first example of each is kept.
Exit status 1 if any case failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from hostile_files import prepare_folder  # noqa: E402
from hostile_readers import FORMATS, hostile_case, violation  # noqa: E402


def fuzz(fmt, cases, folder, seed):
    tried, failures, examples = 0, Counter(), {}

    @settings(max_examples=cases, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=seed is None)
    @given(hostile_case(fmt))
    def one(case):
        nonlocal tried
        data, args = case
        tried += 1
        problem = violation(fmt, data, args, folder)
        if problem:
            kind = problem.split(":")[0]
            failures[kind] += 1
            examples.setdefault(kind, (problem, data[:300], args))

    if seed is not None:
        from hypothesis import seed as hypothesis_seed
        one = hypothesis_seed(seed)(one)
    one()
    return tried, failures, examples


def limit_memory(gigabytes=4):
    """A reader that swallows memory (say, /dev/zero read to the end) then fails with MemoryError,
    counted as a failure, instead of taking the machine down."""
    try:
        import resource
    except ImportError:  # not POSIX
        return
    limit = gigabytes << 30
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("formats", nargs="*", help=f"some of {', '.join(FORMATS)} (default: all)")
    parser.add_argument("-n", "--cases", type=int, default=10_000, help="cases per format")
    parser.add_argument("--seed", type=int, help="a seed (default: the same cases every run)")
    args = parser.parse_args(argv)
    unknown = set(args.formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown format(s) {', '.join(sorted(unknown))}")
    limit_memory()
    total_failed = 0
    with tempfile.TemporaryDirectory(prefix="mlpviz-fuzz-") as tmp:
        folder = prepare_folder(tmp)
        for fmt in args.formats or FORMATS:
            start = time.perf_counter()
            tried, failures, examples = fuzz(fmt, args.cases, folder, args.seed)
            failed = sum(failures.values())
            total_failed += failed
            print(f"{fmt:<8} {tried:>7,} cases tried, {failed:>5,} failed "
                  f"({time.perf_counter() - start:.1f} s)", flush=True)
            for kind, count in failures.most_common():
                problem, data, case_args = examples[kind]
                print(f"    {count:>6,} × {problem}\n           args {case_args}, "
                      f"file starts {data[:120]!r}")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
