"""numba keeps a compiled function until its own file changes; the online loop holds functions
and constants of other modules too (online_inplace, online_variants, optimizers_compiled,
optimizers), so core/compile_cache.forget_stale empties the loop's caches when any of those
sources changed (an upgrade, an edit): otherwise the old loop, with the old numbers, is used.
Run in a process of its own on a cache of its own, so the suite's cache is left alone."""

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    import numpy as np
    from mlpviz.core import compile_cache
    from mlpviz.core.online import online_steps   # importing it checks the fingerprint
    from mlpviz.core import Network, Trainer

    stamp = Path(online_steps._cache.cache_path) / compile_cache.STAMP
    step = sys.argv[1]
    if step == "fill":
        Trainer(Network((1, 1), "sigmoid"), np.zeros((1, 1)), np.zeros((1, 1))).run(1)
        print(stamp.read_text().strip() == compile_cache.fingerprint())
    elif step == "variant":  # what `mlpviz train` caches for a long run: not the window's loop
        trainer = Trainer(Network((1, 1), "sigmoid"), np.zeros((1, 1)), np.zeros((1, 1)))
        trainer.specialized = True
        trainer.run(1)
        print(compile_cache.cached())
        trainer.specialized = False
        trainer.run(1)
        print(compile_cache.cached())
    elif step == "check":
        print(bool(online_steps._cache._cache_file._load_index()))
        print(compile_cache.forget_stale(online_steps))
    """)


def run(step, cache):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-c", SCRIPT, step], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_changed_source_empties_the_loops_cache(tmp_path):
    assert run("fill", tmp_path) == ["True"]  # compiled, cached, fingerprint written
    assert run("check", tmp_path) == ["True", "False"]  # same sources: the cache is kept
    stamps = list(tmp_path.rglob("mlpviz-online-sources.sha1"))
    assert len(stamps) == 1
    stamps[0].write_text("the fingerprint of other sources\n")
    # at import the fingerprint differs: the caches are emptied (the index of online_steps is
    # then empty) and the new fingerprint written; a second check keeps it
    assert run("check", tmp_path) == ["False", "False"]
    assert stamps[0].read_text().strip() != "the fingerprint of other sources"


def test_the_fingerprint_covers_the_modules_the_loop_is_compiled_from():
    from mlpviz.core.compile_cache import kernel_sources

    sources = kernel_sources()
    for name in ("online.py", "online_inplace.py", "online_variants.py", "optimizers.py",
                 "optimizers_compiled.py"):
        assert name in sources


def test_a_cache_holding_only_a_variant_is_not_the_windows_loop(tmp_path):
    # the window compiles the general loop in a process of its own when it is not cached
    # (gui/run/warm_up.py); a cache filled by `mlpviz train` with a variant must not count
    assert run("variant", tmp_path) == ["False", "True"]
