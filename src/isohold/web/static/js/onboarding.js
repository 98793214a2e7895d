// Getting started: safety questions that concern only some regions, and questions about one
// condition, are shown when one of those conditions is chosen (back and neck pain see every
// safety question), and on a narrow screen the form goes one short step at a time. Without
// JavaScript the whole form shows at once.
const form = document.getElementById("onboarding");
const regions = JSON.parse(form.dataset.flagRegions || "{}");

function chosen() {
  return [...form.querySelectorAll('input[name="conditions"]:checked')].map((x) => x.value);
}

function filterFlags() {
  const picked = chosen();
  for (const group of form.querySelectorAll("[data-flag-category]")) {
    const fits = regions[group.dataset.flagCategory];
    const ticked = group.querySelector("input:checked");
    group.hidden = Boolean(fits && picked.length && !picked.some((c) => fits.includes(c)) && !ticked);
  }
}

// Questions about one condition (which side hurts, the sport season, where an Achilles hurts)
// show once that condition is chosen, and stay while one of their answers is given.
function filterQuestions() {
  const picked = chosen();
  for (const part of form.querySelectorAll("[data-shown-with]")) {
    const fits = JSON.parse(part.dataset.shownWith);
    const answered = part.querySelector("input:checked");
    part.hidden = !answered && !picked.some((c) => fits.includes(c));
  }
}

form.querySelector("#conditions").addEventListener("change", () => { filterFlags(); filterQuestions(); });
filterFlags();
filterQuestions();

// One step at a time on a phone: Back / Next buttons, each step checked before moving on.
const steps = [...form.querySelectorAll(".step")];
const narrow = window.matchMedia("(max-width: 600px)");
let at = 0;

function show() {
  const stepping = narrow.matches;
  steps.forEach((step, i) => { step.hidden = stepping && i !== at; });
  nav.hidden = !stepping;
  back.disabled = at === 0;
  next.hidden = at === steps.length - 1;
  submit.hidden = stepping && at !== steps.length - 1;
  count.textContent = `Step ${at + 1} of ${steps.length}`;
}

const submit = form.querySelector('button[type="submit"]');
const nav = Object.assign(document.createElement("div"), { className: "controls" });
const back = Object.assign(document.createElement("button"), { type: "button", className: "button", textContent: "Back" });
const next = Object.assign(document.createElement("button"), { type: "button", className: "button primary", textContent: "Next" });
const count = Object.assign(document.createElement("p"), { className: "meta" });
count.setAttribute("aria-live", "polite");
nav.append(back, next, count);
submit.before(nav);
back.addEventListener("click", () => { at = Math.max(0, at - 1); show(); steps[at].querySelector("h2").focus(); });
next.addEventListener("click", () => {
  const fields = [...steps[at].querySelectorAll("input, select, textarea")];
  const bad = fields.find((f) => !f.checkValidity());
  if (bad) { bad.reportValidity(); return; }
  at = Math.min(steps.length - 1, at + 1);
  show();
  steps[at].querySelector("h2").setAttribute("tabindex", "-1");
  steps[at].querySelector("h2").focus();
});
narrow.addEventListener("change", show);
show();
