"""The tinted patches over the working muscles, as shapes that move with their segment."""

from __future__ import annotations

from isohold.domain.models import Exercise
from isohold.figures.muscles import LIMB_SEGMENTS, Patch, patches
from isohold.figures.project import ellipse, outline
from isohold.figures.scene import Scene, Shape
from isohold.figures.skeleton import Blob, Segment
from isohold.figures.vec import add, scale

#: how much smaller than its segment a patch is drawn, and how far it moves to its face
SHRINK = 0.68
SHIFT = 0.34


def wanted(exercise: Exercise, one_sided: bool) -> list[tuple[str, Patch]]:
    """(segment key, patch) for every working muscle; one-sided limbs tint the working side."""
    out: list[tuple[str, Patch]] = []
    for muscle in exercise.muscles:
        for patch in patches(muscle):
            if patch.segment in LIMB_SEGMENTS:
                for side in ("work",) if one_sided else ("work", "other"):
                    out.append((f"{patch.segment}.{side}", patch))
            else:
                out.append((patch.segment, patch))
    return out


def _blend(a: Blob, b: Blob, t: float) -> Blob:
    centre = add(scale(a.centre, 1 - t), scale(b.centre, t))
    axes = tuple(add(scale(x, 1 - t), scale(y, t)) for x, y in zip(a.axes, b.axes, strict=True))
    return Blob(centre, (axes[0], axes[1], axes[2]))


def _at(seg: Segment, t: float) -> Blob:
    blobs = seg.blobs
    if len(blobs) == 1:
        return blobs[0]
    pos = t * (len(blobs) - 1)
    i = min(int(pos), len(blobs) - 2)
    return _blend(blobs[i], blobs[i + 1], pos - i)


def _patch_blob(seg: Segment, patch: Patch, t: float) -> Blob:
    blob = _at(seg, t)
    face = {"front": 1.0, "back": -1.0}.get(patch.face, 0.0)
    front_axis = blob.axes[0]
    centre = add(blob.centre, scale(front_axis, face * SHIFT))
    axes = (
        scale(blob.axes[0], SHRINK),
        scale(blob.axes[1], SHRINK * 0.9),
        scale(blob.axes[2], SHRINK),
    )
    return Blob(centre, axes)


def shapes(scene: Scene, chosen: list[tuple[str, Patch]]) -> list[Shape]:
    """Patch outlines in the scene's drawing, each just above its segment in depth order."""
    out: list[Shape] = []
    by_key = {s.key: s for s in scene.body.segments}
    drawn = {s.key: s for s in scene.shapes}
    for key, patch in chosen:
        seg = by_key.get(key)
        if seg is None or key not in drawn:
            continue
        ends = [_patch_blob(seg, patch, patch.start), _patch_blob(seg, patch, patch.end)]
        mid = _patch_blob(seg, patch, (patch.start + patch.end) / 2)
        ells = [ellipse(scene.view, b) for b in (ends[0], mid, ends[1])]
        base = drawn[key]
        out.append(Shape(key, seg.name, seg.side, base.depth, base.order, tuple(outline(ells))))
    return out
