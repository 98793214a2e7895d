"""The pain-monitoring zones for pain during exercise, on the 0-10 scale (reference row T6.2):
up to 3 is safe, 4-5 is acceptable, above 5 is too much. Prescription and review share them."""

from __future__ import annotations

SAFE_PAIN = 3
ACCEPTABLE_PAIN = 5
