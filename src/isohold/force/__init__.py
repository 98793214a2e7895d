"""Force-time analysis (pure numpy/scipy): readers, trial segmentation and metrics.

Definitions follow DESIGN.md contract 4 and ../shared/clinical/force-methods.md; every choice
the contract leaves open is stated where it is made (see metrics.py and trials.py).
"""
