"""What the tests and the benchmarks share: the server they start, the protocol client, AppTest helpers.

Imported as ``tests.support`` by pytest (the repository root is on its path) and by the benchmarks,
which run as modules from the repository root (``python -m bench.bench_rerun``), so neither edits
``sys.path``.
"""
