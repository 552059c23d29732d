"""The build: options, per-process set-up, cache, engines, sinks, report.

``analysis.build.build`` builds a data package; ``analysis.build.build_tables`` the same tables in memory.
"""

from analysis.build.run import BuildResult, build, build_tables

__all__ = ["BuildResult", "build", "build_tables"]
