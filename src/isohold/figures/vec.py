"""Small 3-D vector and rotation helpers in plain Python (no numpy: a figure has ~60 points).

A body frame's columns are its forward (F), up (U) and right (R) axes, in that order; F x U = R,
so a frame is a right-handed basis.
"""

from __future__ import annotations

import math

Vec = tuple[float, float, float]
#: a 3x3 matrix as its three columns
Mat = tuple[Vec, Vec, Vec]

IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def unit(a: Vec) -> Vec:
    n = norm(a)
    return a if n == 0 else scale(a, 1.0 / n)


def apply(m: Mat, v: Vec) -> Vec:
    """m @ v."""
    c0, c1, c2 = m
    return (
        c0[0] * v[0] + c1[0] * v[1] + c2[0] * v[2],
        c0[1] * v[0] + c1[1] * v[1] + c2[1] * v[2],
        c0[2] * v[0] + c1[2] * v[1] + c2[2] * v[2],
    )


def mul(a: Mat, b: Mat) -> Mat:
    """a @ b."""
    return (apply(a, b[0]), apply(a, b[1]), apply(a, b[2]))


def rot(axis: int, deg: float) -> Mat:
    """Rotation by `deg` about local axis 0 (F), 1 (U) or 2 (R), right-handed."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    if axis == 0:
        return ((1.0, 0.0, 0.0), (0.0, c, s), (0.0, -s, c))
    if axis == 1:
        return ((c, 0.0, -s), (0.0, 1.0, 0.0), (s, 0.0, c))
    return ((c, s, 0.0), (-s, c, 0.0), (0.0, 0.0, 1.0))


def rot_z(deg: float) -> Mat:
    """Rotation about the world z axis (the camera's axis in the side and front views)."""
    return rot(2, deg)


def frame_from(bone: Vec, hint: Mat, bone_axis: int) -> Mat:
    """A right-handed frame whose axis `bone_axis` points along `bone`, turned as little as
    possible from `hint` (used when a hand is placed on a target)."""
    b = unit(bone)
    other = (bone_axis + 2) % 3
    ref = hint[other]
    ref = sub(ref, scale(b, dot(ref, b)))
    if norm(ref) < 1e-9:
        ref = hint[(bone_axis + 1) % 3]
        ref = sub(ref, scale(b, dot(ref, b)))
    ref = unit(ref)
    third = cross(ref, b)  # the axes stay cyclic: F x U = R, U x R = F, R x F = U
    cols: list[Vec] = [b, b, b]
    cols[bone_axis] = b
    cols[other] = ref
    cols[(bone_axis + 1) % 3] = third
    return (cols[0], cols[1], cols[2])
