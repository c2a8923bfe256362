"""The performance benchmark: data, baselines, load driver and report (docs/performance.md)."""
