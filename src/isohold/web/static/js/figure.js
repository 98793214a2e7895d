// The coach's exercise figure: the SVG for the phase's side, moved between its start pose and
// its hold pose. Each body path carries the hold shape in data-hold; CSS (figures.css) eases
// the change of its `d` and honours prefers-reduced-motion.
const parser = new DOMParser();

// Show the figure for `side` ("left", "right" or "both") in `box`; returns the SVG element.
export function showFigure(box, figures, side) {
  const key = figures[side] ? side : Object.keys(figures || {})[0];
  if (!key) {
    box.replaceChildren();
    box.dataset.shown = "";
    return null;
  }
  const shown = `${box.dataset.exercise || ""}:${key}`;
  if (box.dataset.shown === shown && box.firstElementChild) return box.firstElementChild;
  const doc = parser.parseFromString(figures[key], "image/svg+xml");
  const svg = document.importNode(doc.documentElement, true);
  box.replaceChildren(svg);
  box.dataset.shown = shown;
  return svg;
}

// Move every path of `svg` to the hold pose (true) or back to the start pose (false).
export function setPose(svg, hold) {
  if (!svg) return;
  for (const path of svg.querySelectorAll("path[data-hold]")) {
    const shape = hold ? path.dataset.hold : path.getAttribute("d");
    path.style.d = `path("${shape}")`;
  }
  svg.classList.toggle("at-hold", hold);
}
