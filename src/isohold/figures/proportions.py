"""How long each body segment is, as a fraction of standing height (H = 1).

The lengths and heights come from the segment-length figure of Drillis and Contini (1966) as
reproduced in Winter DA, *Biomechanics and Motor Control of Human Movement*, 4th ed., Wiley
2009, Fig. 4.1 (catalogue source `winter2009`, reference row `F1`): heights of the ankle
(0.039 H), knee (0.285 H), hip (0.530 H), shoulder (0.818 H) and chin (0.870 H); upper arm
0.186 H, forearm 0.146 H, hand 0.108 H; shoulder breadth 0.259 H, hip breadth 0.191 H; foot
length 0.152 H and breadth 0.055 H. The thigh, shank, trunk, neck and head lengths are the
differences between those heights.

Everything else here (how thick a limb is drawn, where the spine bends, where the heel sits
behind the ankle) is a drawing choice, not a measured value.
"""

from __future__ import annotations

from typing import Final

# --- from the table (fractions of height) ----------------------------------------------------
ANKLE_HEIGHT: Final = 0.039
KNEE_HEIGHT: Final = 0.285
HIP_HEIGHT: Final = 0.530
SHOULDER_HEIGHT: Final = 0.818
CHIN_HEIGHT: Final = 0.870
UPPER_ARM: Final = 0.186
FOREARM: Final = 0.146
HAND: Final = 0.108
SHOULDER_BREADTH: Final = 0.259
HIP_BREADTH: Final = 0.191
FOOT_LENGTH: Final = 0.152
FOOT_BREADTH: Final = 0.055

# --- differences of those heights ------------------------------------------------------------
THIGH: Final = HIP_HEIGHT - KNEE_HEIGHT  # 0.245
SHANK: Final = KNEE_HEIGHT - ANKLE_HEIGHT  # 0.246
TRUNK: Final = SHOULDER_HEIGHT - HIP_HEIGHT  # 0.288
NECK: Final = CHIN_HEIGHT - SHOULDER_HEIGHT  # 0.052
HEAD: Final = 1.0 - CHIN_HEIGHT  # 0.130

# --- drawing choices -------------------------------------------------------------------------
#: where the spine bends (the `trunk` joint), as a fraction of the trunk from the hips
WAIST_FRACTION: Final = 0.35
PELVIS: Final = TRUNK * WAIST_FRACTION
CHEST: Final = TRUNK - PELVIS
#: the heel's back edge behind the ankle, as a fraction of the foot's length
HEEL_FRACTION: Final = 0.2
#: half-thicknesses drawn (front-back, along the bone, side to side), fractions of height
UPPER_ARM_R: Final = 0.03
THIGH_R: Final = 0.05
HAND_THICKNESS: Final = 0.011
#: the joint centres sit one limb radius inside the breadths of the table
SHOULDER_OFFSET: Final = SHOULDER_BREADTH / 2 - UPPER_ARM_R
HIP_OFFSET: Final = HIP_BREADTH / 2 - 0.046
