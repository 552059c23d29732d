"""Trained models shipped with the package: their features, their shipped files, and how they are trained.

- :mod:`analysis.models.frames`: the sentence frame classifier (features, the shipped model, prediction).
- :mod:`analysis.models.frame_training`: ``python -m analysis train-frames`` (labels -> model file).
- :mod:`analysis.models.frame_labels`: the labelled sentences, read from their corpus at run time.
"""
