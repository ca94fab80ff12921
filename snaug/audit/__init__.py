"""``snaug inspect``: check shards against their manifest, summarise them, render diffs, write the HTML report.

check.py (is the output whole and unmodified?), summary.py (what is in it?), diff.py (one negative shown as an
edit of its rationale), html.py (the self-contained report). The CLI prints; these modules compute.
"""
