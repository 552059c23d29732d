"""Scoring quotes against gold annotations: matching, the textacy baseline, the command line.

``analysis.evaluate.evaluate`` scores a quotes table (or the baseline) against gold.
"""

from analysis.evaluate.cli import evaluate

__all__ = ["evaluate"]
