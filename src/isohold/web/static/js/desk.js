// Desk breaks in the browser: counts down to the next break, can notify through the
// Notification API while the page is open, guides the holds on the drift-free timer and
// records each break (done with pain, skipped or snoozed) through the local queue; once the
// queue has sent it, the next break and the weekly table are read again.
import { Beeper, PhaseTimer } from "./timer.js";
import { enqueue, onChange } from "./queue.js";
import { untilText } from "./wording.js";

const $ = (id) => document.getElementById(id);
const root = $("desk");
const scale = Number(root.dataset.timeScale || "1");
const READY_S = 5;
const painLimit = Number(root.dataset.painLimit);
let status = JSON.parse(root.dataset.status);
let timer = null;
let notified = null;
let unsynced = false; // a break was recorded and the queue has not sent it yet

function clock(ms) {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}` : String(s);
}

function showNext() {
  if (!$("desk-next")) return;
  if (!status.next_at) { $("desk-next").textContent = "No work time in the next two weeks"; return; }
  const at = new Date(status.next_at);
  const ms = at - Date.now();
  const zone = status.settings.tz;
  let when = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone });
  const day = (d) => d.toLocaleDateString([], { timeZone: zone, weekday: "short", day: "numeric", month: "short" });
  if (day(at) !== day(new Date())) when = `${day(at)}, ${when}`; // not today: name the day
  const due = ms <= 0;
  $("desk-next").textContent = due ? `Due now (${when})` : `${when}, ${untilText(ms)}`;
  $("desk-due").hidden = !due;
  if (due && notified !== status.next_at && "Notification" in window && Notification.permission === "granted") {
    notified = status.next_at;
    const body = status.holds.map((h) => `${h.name}: ${h.hold_s} s`).join("\n");
    new Notification("Time for a desk break", { body, tag: "isohold-desk" });
  }
}

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const weekOf = (iso) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}`; // "30 Nov"

function showWeeks(weeks) {
  // as templates/_desk_weeks.html: newest first, weeks with a break, and always this week
  const body = $("desk-weeks");
  if (!body) return;
  const rows = [...weeks].reverse().filter((w, i) => i === 0 || w.done || w.skipped || w.snoozed)
    .map((w) => {
      const tr = document.createElement("tr");
      tr.append(cell(weekOf(w.week)), cell(String(w.done)), cell(String(w.skipped)), cell(String(w.snoozed)),
        cell(w.adherence === null ? "-" : `${Math.round(100 * w.adherence)}%`),
        cell(w.worst_pain === null ? "-" : `${w.worst_pain}/10`));
      return tr;
    });
  body.replaceChildren(...rows);
}

async function refresh() {
  try {
    const response = await fetch("/api/v1/desk");
    if (response.ok) {
      const doc = await response.json();
      status = doc.status;
      showWeeks(doc.weeks);
    }
  } catch { /* offline: keep the last known schedule */ }
  showNext();
}

function record(outcome, pain = null) {
  unsynced = true;
  enqueue("/api/v1/desk/breaks", {
    uuid: crypto.randomUUID(), outcome, due_at: status.next_at || new Date().toISOString(),
    holds: status.holds.map((h) => h.exercise), pain,
  });
  const words = { done: "Break done and saved. Back to work.", skipped: "Break skipped.", snoozed: "Snoozed for 5 minutes." };
  $("desk-saved").textContent = words[outcome];
  $("desk-saved").hidden = false;
}

onChange((waiting) => {
  // the queue has sent every break recorded here: show the schedule and the weeks it now has
  if (waiting === 0 && unsynced) {
    unsynced = false;
    refresh();
  }
});

function phases() {
  const out = [];
  for (const h of status.holds) {
    for (const side of h.side === "each" ? ["left", "right"] : ["both"]) {
      out.push({ kind: "ready", seconds: READY_S, hold: h, side });
      out.push({ kind: "hold", seconds: h.hold_s, hold: h, side });
    }
  }
  return out;
}

function say(text) {
  if ("speechSynthesis" in window) { speechSynthesis.cancel(); speechSynthesis.speak(new SpeechSynthesisUtterance(text)); }
  if (navigator.vibrate) navigator.vibrate(150);
}

function start() {
  const todo = phases();
  $("desk-guide").hidden = false;
  $("desk-saved").hidden = true;
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  $("desk-guide").scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
  for (const b of ["desk-start", "desk-skip", "desk-snooze"]) $(b).disabled = true;
  timer = new PhaseTimer(todo.map((p) => p.seconds * 1000 * scale), {
    audio: new Beeper(),
    onTick: (ms) => {
      const p = todo[timer.index];
      if (!p) return;
      $("desk-clock").textContent = clock(ms / scale);
      $("desk-bar").style.width = `${Math.min(100, 100 * (1 - ms / (p.seconds * 1000 * scale)))}%`;
    },
    onPhase: (i) => {
      if (i >= todo.length) return finished();
      const p = todo[i];
      const side = p.side === "both" ? "" : ` (${p.side} side)`;
      $("desk-exercise").textContent = `${p.hold.name}${side}`;
      $("desk-phase").textContent = p.kind === "ready" ? "GET READY" : "HOLD";
      $("desk-phase").className = `phase phase-${p.kind}`;
      $("desk-cue").textContent = p.kind === "hold" ? "Breathe normally. Keep it comfortable." : "";
      say(p.kind === "ready" ? `Get ready${side}` : "Hold");
    },
  });
  window.isoholdDeskTimer = timer;
  timer.start();
}

function finished() {
  $("desk-guide").hidden = true;
  $("desk-pain").hidden = false;
  $("desk-pain-value").focus();
  say("Release");
}

function endButtons() {
  for (const b of ["desk-start", "desk-skip", "desk-snooze"]) $(b).disabled = false;
}

if ($("desk-start")) {
  $("desk-start").addEventListener("click", start);
  $("desk-skip").addEventListener("click", () => record("skipped"));
  $("desk-snooze").addEventListener("click", () => record("snoozed"));
  $("desk-stop").addEventListener("click", () => {
    if (timer) timer.stop();
    $("desk-guide").hidden = true;
    endButtons();
    record("skipped");
  });
  $("desk-pain").addEventListener("submit", (event) => {
    event.preventDefault();
    const pain = Number($("desk-pain-value").value);
    $("desk-pain").hidden = true;
    $("desk-pain").reset();
    endButtons();
    record("done", pain);
    if (pain > painLimit) {
      $("desk-saved").textContent = `Saved. That was above ${painLimit}/10: leave the break holds for today; the weekly review will ease them. If the pain does not settle by tomorrow, or keeps coming back, see a physiotherapist or doctor.`;
    }
  });
  $("desk-notify").addEventListener("click", async () => {
    if (!("Notification" in window)) { $("desk-notify-state").textContent = "This browser cannot show notifications."; return; }
    const answer = await Notification.requestPermission();
    $("desk-notify-state").textContent = answer === "granted"
      ? "This browser will notify you while this page is open."
      : "Notifications are blocked for this page in the browser's settings.";
  });
  setInterval(showNext, 1000);
  setInterval(refresh, 60000);
  showNext();
}

function defaultZone() {
  // nothing saved yet: offer this browser's time zone (saving the schedule makes it count)
  const input = $("desk-tz");
  if (!input || input.dataset.saved === "true") return;
  let zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch { /* none */ }
  if (!zone || zone === input.value) return;
  input.value = zone;
  $("desk-tz-note").hidden = false;
}
defaultZone();

$("desk-settings")?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const quiet = String(form.get("quiet") || "").split(",").map((x) => x.trim()).filter(Boolean).map((x) => x.split("-").map((t) => t.trim()));
  const body = {
    work_days: form.getAll("work_days"), start: form.get("start"), end: form.get("end"),
    interval_min: Number(form.get("interval_min")), duration_s: Number(form.get("duration_s")),
    quiet, calendar: String(form.get("calendar") || "").trim() || null, tz: String(form.get("tz")).trim(),
  };
  const response = await fetch("/api/v1/desk/settings", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const answer = await response.json();
  $("desk-settings-state").textContent = response.ok ? "Saved." : `Not saved: ${answer.detail}`;
  if (response.ok) {
    $("desk-tz").dataset.saved = "true";
    $("desk-tz-note").hidden = true;
    refresh();
  }
});
