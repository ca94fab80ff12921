"""How the pipeline's arithmetic runs on the CPU: numpy's BLAS for its matrix products, one thread per process.

spaCy's CPU ops multiply matrices with blis. The numpy wheels bring OpenBLAS, which does the same products (the
tok2vec and tagger layers, the parser's precomputed features) in less CPU: on the 2-core machine class a parse of
ScienceQA rationales takes about a tenth less CPU, one thread each, and gave the same annotations on the shared
files (docs/scale.md; bench/generate_speed.py prints both). The parser's transition loop calls blis itself and does
not change.

OpenBLAS starts a thread per core on its own. Next to snaug's worker processes (one per core), or Ray's and
datasets', that oversubscribes the cores, and a "one worker" run would quietly use them all, so ``Engine.run``
holds BLAS to one thread while it parses, whoever calls it, and gives the caller's limits back after.
"""
from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def pipeline_ops():
    """Build models under numpy-BLAS ops (thinc models keep the ops current when they are built), unless the
    caller chose other ops than spaCy's default (a GPU, thinc-apple-ops): theirs stay."""
    from thinc.api import NumpyOps, get_current_ops, use_ops

    current = get_current_ops()
    if type(current) is NumpyOps and getattr(current, "use_blis", False):
        with use_ops("numpy", use_blis=False):
            yield
    else:
        yield


def one_blas_thread():
    """BLAS libraries run one thread from this call on; used as a context, the old limits come back at its end
    (called bare: one thread until restored). A no-op when no BLAS is loaded."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")
