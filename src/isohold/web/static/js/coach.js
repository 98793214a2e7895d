// The guided session in the browser: phases from the server's schedule, a drift-free timer,
// beeps, speech, vibration and a wake lock; each set is saved locally first and synced.
import { Beeper, PhaseTimer } from "./timer.js";
import { enqueue, onChange, refusedFile, retryRefused } from "./queue.js";
import { setPose, showFigure } from "./figure.js";
import { heartRateFor, setUpHeartRate } from "./heart_rate_panel.js";

const $ = (id) => document.getElementById(id);
const root = $("coach");
const scale = Number(root.dataset.timeScale || "1");
const STATE_KEY = "isohold.session.v1";
let session = null;
let exerciseIndex = 0;
let timer = null;
let holds = {};
let currentTodo = [];
let wakeLock = null;
let beeper = null;

onChange((waiting, refused) => {
  const sync = $("coach-sync");
  $("coach-refused").hidden = refused.length === 0;
  if (refused.length) {
    sync.textContent = `${refused.length} not saved: the server said "${refused[refused.length - 1].detail}".`;
  } else {
    sync.textContent = waiting ? `${waiting} saved on this device, waiting to sync` : "All saved.";
  }
});
$("coach-retry").addEventListener("click", () => retryRefused());
$("coach-download").addEventListener("click", () => {
  const link = Object.assign(document.createElement("a"), {
    href: URL.createObjectURL(refusedFile()), download: "isohold-not-saved.json",
  });
  link.click();
  URL.revokeObjectURL(link.href);
});

function say(text) {
  if ($("coach-speech").checked && "speechSynthesis" in window) {
    speechSynthesis.cancel();
    speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  }
  if (navigator.vibrate) navigator.vibrate(150);
}

function clock(ms) {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}` : String(s);
}

// Today's gate first: with hypertension, holds that raise blood pressure need a resting reading.
async function begin() {
  $("coach-start").disabled = true;
  try {
    const gate = await (await fetch("/api/v1/gate")).json();
    if (gate.code === "measure_first" && !$("coach-bp").dataset.answered) {
      $("coach-bp-text").textContent = gate.text;
      $("coach-bp").hidden = false;
      $("coach-bp-reading").focus();
      return;
    }
  } catch { /* offline: the server decides again when the session starts */ }
  await startSession();
}

async function saveReading(event) {
  event.preventDefault();
  const match = /^\s*(\d{2,3})\s*\/\s*(\d{2,3})\s*$/.exec($("coach-bp-reading").value);
  if (!match) { $("coach-bp-error").textContent = "Type it like 128/82."; return; }
  const response = await fetch("/api/v1/bp", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ uuid: crypto.randomUUID(), systolic: Number(match[1]), diastolic: Number(match[2]) }),
  });
  if (!response.ok) { $("coach-bp-error").textContent = "That reading does not look right; please check it."; return; }
  $("coach-bp").dataset.answered = "yes";
  $("coach-bp").hidden = true;
  await startSession();
}

function skipReading() {
  $("coach-bp").dataset.answered = "skipped";
  $("coach-bp").hidden = true;
  startSession();
}

async function startSession() {
  const resume = root.dataset.resume || null;
  const body = resume ? { resume } : { uuid: crypto.randomUUID() };
  try {
    const response = await fetch("/api/v1/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error((await response.json()).detail || response.statusText);
    session = await response.json();
    localStorage.setItem(STATE_KEY, JSON.stringify(session));
    showGate(session);
  } catch (error) {
    $("coach-phase").textContent = `Could not start: ${error.message}`;
    $("coach-start").disabled = false;
    return;
  }
  try { wakeLock = await navigator.wakeLock?.request("screen"); } catch { wakeLock = null; }
  beeper = new Beeper();
  for (const b of ["coach-pause", "coach-skip", "coach-end"]) $(b).disabled = false;
  exerciseIndex = 0;
  nextExercise();
}

function showGate(state) {
  const lines = state.left_out.map((x) => `${x.name}: left out today (${x.text}).`);
  if (state.gate.text && state.gate.code !== "go") lines.unshift(state.gate.text);
  $("coach-gate").textContent = lines.join(" ");
  $("coach-gate").hidden = lines.length === 0;
}

const PHASE_WORDS = { ready: "Get ready", hold: "Hold", rest: "Rest" };

// A repetition of an exercise that moves (slow lifts, hops) is called "Move", not "Hold".
function phaseWord(ex, p) { return p.kind === "hold" && ex.rep_word ? ex.rep_word : PHASE_WORDS[p.kind]; }

function showPhase(ex, p) {
  const side = p.side === "both" ? "" : ` · ${p.side} side`;
  $("coach-phase").textContent = phaseWord(ex, p).toUpperCase();
  $("coach-phase").className = `phase phase-${p.kind}`;
  $("coach-counters").textContent = `Set ${p.set_number}/${p.sets} · Rep ${p.rep}/${p.reps}${side}`;
}

// Phase changes are read out by screen readers through one polite-but-prompt live region.
function announce(text) { $("coach-announce").textContent = text; }

function isDone(p) {
  return session.done.some(([e, s, side]) => e === p.exercise && s === p.set_number && side === p.side);
}

function nextExercise() {
  while (exerciseIndex < session.exercises.length) {
    const ex = session.exercises[exerciseIndex];
    const todo = ex.phases.filter((p) => !isDone(p));
    if (todo.some((p) => p.kind === "hold")) return runExercise(ex, todo);
    exerciseIndex += 1;
  }
  finish("complete", "Session complete. Well done: tomorrow morning, record how you feel.");
}

// The figure beside the countdown: the phase's side, in the start pose until the hold begins.
function showPose(ex, p) {
  $("coach-figure").dataset.exercise = ex.block.exercise;
  setPose(showFigure($("coach-figure"), ex.figures || {}, p.side), p.kind === "hold");
}

function runExercise(ex, todo) {
  $("coach-exercise").textContent = `${ex.name} (${exerciseIndex + 1}/${session.exercises.length})`;
  if (todo.length) showPose(ex, todo[0]);
  $("coach-step-list").replaceChildren(...ex.steps.map((s) => Object.assign(document.createElement("li"), { textContent: s })));
  holds = {};
  currentTodo = todo;
  heartRateFor(ex);
  timer = new PhaseTimer(todo.map((p) => p.duration_s * 1000 * scale), {
    audio: beeper,
    onTick: (ms) => {
      const p = todo[timer.index];
      if (!p) return;
      $("coach-clock").textContent = clock(ms / scale);
      const total = p.duration_s * 1000 * scale;
      $("coach-bar").style.width = `${Math.min(100, 100 * (1 - ms / total))}%`;
    },
    onPhase: (i, ended) => {
      if (ended !== null) phaseEnded(ex, todo[ended], ended);
      if (i >= todo.length) return askReport(ex);
      const p = todo[i];
      showPhase(ex, p);
      showPose(ex, p);
      $("coach-cue").textContent = p.kind === "hold" && ex.cues.length ? ex.cues[(p.rep - 1) % ex.cues.length] : "";
      const words = phaseWord(ex, p);
      announce(`${words}: set ${p.set_number} of ${p.sets}, rep ${p.rep} of ${p.reps}${p.side === "both" ? "" : `, ${p.side} side`}.`);
      say(p.kind === "ready" && p.side !== "both" ? `Get ready, ${p.side} side` : words);
    },
  });
  window.isoholdTimer = timer;
  timer.start();
}

function phaseEnded(ex, p, index, partial = false) {
  const key = `${p.set_number}:${p.side}`;
  if (p.kind === "hold") (holds[key] ||= []).push(timer.elapsedMs(index) / scale / 1000);
  if ((p.kind === "hold" && p.ends_set) || (partial && holds[key])) {
    const achieved = holds[key];
    delete holds[key];
    const uuid = crypto.randomUUID();
    enqueue(`/api/v1/sessions/${session.uuid}/sets`, {
      uuid, exercise: p.exercise, set_number: p.set_number, side: p.side,
      reps_done: achieved.length,
      hold_s: Math.round((achieved.reduce((a, b) => a + b, 0) / achieved.length) * 10) / 10,
      load_value: ex.block.intensity.value,
    });
    session.done.push([p.exercise, p.set_number, p.side]);
    localStorage.setItem(STATE_KEY, JSON.stringify(session));
  }
}

function askReport(ex) {
  $("coach-phase").textContent = "Exercise done";
  $("coach-clock").textContent = "✓";
  const form = $("coach-report");
  form.hidden = false;
  announce("Exercise done. How was it?");
  form.querySelector('input[name="pain"]').focus();
  form.onsubmit = async (event) => {
    event.preventDefault();
    const picked = (name) => Number(form.querySelector(`input[name="${name}"]:checked`).value);
    const body = {
      uuid: crypto.randomUUID(), exercise: ex.block.exercise,
      pain_during: picked("pain"), effort: picked("effort"),
      warning: $("report-warning").checked,
    };
    form.hidden = true;
    form.reset();
    const verdict = await report(body);
    if (verdict.action !== "go_on") return finish("stopped", verdict.text);
    exerciseIndex += 1;
    nextExercise();
  };
}

// The server decides whether the session goes on (the same escalation rules as the terminal
// coach). Offline, the report waits in the queue and the page stops on the plan's limits.
async function report(body) {
  const url = `/api/v1/sessions/${session.uuid}/reports`;
  try {
    const response = await fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    if (response.ok) return (await response.json()).verdict;
    if (response.status < 500) return { action: "go_on", text: "" };
  } catch { /* offline */ }
  enqueue(url, body);
  const stop = session.stop_rules;
  if (body.warning) return { action: "stop_warning", text: stop.warning };
  if (body.pain_during >= stop.severe_pain) return { action: "stop_severe", text: stop.severe };
  if (body.pain_during > session.max_pain_during) return { action: "stop_pain", text: stop.pain };
  return { action: "go_on", text: "" };
}

function finish(status, text) {
  if (timer) timer.stop();
  heartRateFor(null);
  enqueue(`/api/v1/sessions/${session.uuid}/finish`, { status, note: status === "complete" ? null : text });
  for (const b of ["coach-pause", "coach-skip", "coach-end"]) $(b).disabled = true;
  $("coach-report").hidden = true;
  for (const id of ["coach-running", "coach-figure", "coach-keys", "coach-steps", "coach-length"]) if ($(id)) $(id).hidden = true;
  $("coach-start").parentElement.hidden = true;
  $("coach-counters").textContent = "";
  $("coach-phase").textContent = "";
  $("coach-cue").textContent = "";
  $("coach-done").hidden = false;
  $("coach-done-title").textContent = { complete: "Session complete", partial: "Session saved", stopped: "Session stopped" }[status];
  $("coach-done-text").textContent = text;
  $("coach-done").scrollIntoView({ block: "center" });
  $("coach-done-title").focus({ preventScroll: true });
  say($("coach-done-title").textContent);
  localStorage.removeItem(STATE_KEY);
  if (wakeLock) wakeLock.release().catch(() => {});
}

$("coach-start").addEventListener("click", begin);
$("coach-bp").addEventListener("submit", saveReading);
$("coach-bp-skip").addEventListener("click", skipReading);
$("coach-pause").addEventListener("click", () => {
  if (!timer || timer.done) return;
  if (timer.paused) {
    timer.resume();
    $("coach-pause").textContent = "Pause";
    const p = currentTodo[timer.index];
    if (p) showPhase(session.exercises[exerciseIndex], p);
    announce("Resumed.");
  } else {
    timer.pause();
    $("coach-pause").textContent = "Resume";
    $("coach-phase").textContent = "PAUSED";
    announce("Paused.");
  }
});
$("coach-skip").addEventListener("click", () => timer && timer.skip());
setUpHeartRate();
$("coach-end").addEventListener("click", () => {
  if (!timer || !session || !$("coach-done").hidden) return;
  const phase = currentTodo[timer.index];
  if (phase) phaseEnded(session.exercises[exerciseIndex], phase, timer.index, true);
  finish("partial", "Session ended early; every completed set is saved.");
});
// Space and S act on the timer, never on a focused control (a checkbox, a button, a scale);
// Q ends and saves from anywhere, the pain form included.
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key === "q") { event.preventDefault(); $("coach-end").click(); return; }
  if (event.target.closest("input, button, select, textarea, label, form, summary")) return;
  if (key === " ") { event.preventDefault(); $("coach-pause").click(); }
  if (key === "s") $("coach-skip").click();
});
