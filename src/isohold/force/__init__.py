"""Force-time analysis (pure numpy/scipy, pandas' C reader for files).

One concept a module: readers (files to a recording) over tables (finding and parsing the
table), signal (the recording, units, filter), levels (resting level, noise, contraction
levels), trials (contractions and their baseline windows), windows and search (vectorised
window statistics and searches for all trials at once), metrics (contract 4 per trial) and
analysis (the whole recording, body weight, time in band, fatigue).

Definitions follow DESIGN.md contract 4 and ../shared/clinical/force-methods.md; every choice
the contract leaves open is stated where it is made.
"""
