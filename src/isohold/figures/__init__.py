"""Exercise figures drawn from the prescription: a 2-D human figure posed by joint angles.

Pure Python (no I/O, no network, no images from elsewhere); it reads the domain's exercise
models only. `draw(exercise, joint_angle_deg=..., side=...)` returns a `Figure` with its SVG.
"""

from isohold.figures.draw import Figure, draw

__all__ = ["Figure", "draw"]
