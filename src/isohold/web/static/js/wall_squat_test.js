// The wall-squat test in the browser: one WebSocket run (message format:
// web/routes/wall_squat.py). The server keeps the stage clock, reads the strap and applies the
// stop rules; this page shows the stage, its figure, the clock and the heart rate, and sends
// what the person reports (cannot hold on, a warning sign, pain, effort, a typed rate).
const $ = (id) => document.getElementById(id);
const root = $("wst");
const mode = root.dataset.mode;

let socket = null;
let ready = null;
let stage = 0;
let frames = 0;

const controls = ["wst-fatigue", "wst-pain", "wst-pain-save", "wst-symptom", "wst-symptom-stop", "wst-quit"];

function setBusy(busy) {
  $("wst-start").disabled = busy;
  if ($("wst-device")) $("wst-device").disabled = busy;
  for (const id of controls) $(id).disabled = !busy;
  if ($("wst-effort")) $("wst-effort").disabled = !busy;
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function showStage(n) {
  for (let i = 1; i <= 5; i++) {
    const fig = $(`wst-figure-${i}`);
    if (fig) fig.hidden = i !== n;
  }
}

function onFrame(frame) {
  frames += 1;
  root.dataset.frames = String(frames);
  if (frame.stage !== stage) {
    stage = frame.stage;
    root.dataset.stage = String(stage);
    showStage(stage);
    $("wst-stage").textContent = `Stage ${stage} of 5: knees at ${frame.angle_deg}°`;
  }
  $("wst-clock").textContent = clock(frame.stage_remaining_s);
  if (mode === "heart_rate" && $("wst-bpm")) {
    $("wst-bpm").textContent = frame.bpm === null ? "--" : String(Math.round(frame.bpm));
    $("wst-contact").hidden = frame.contact !== false;
  }
}

function row(term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  return [dt, dd];
}

function sentence(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : "";
}

function day(iso) {
  return new Date(`${iso}T12:00:00`).toLocaleDateString("en-GB", { day: "numeric", month: "long" });
}

function onResult(result) {
  const body = $("wst-result-body");
  const lines = [];
  const advice = document.createElement("p");
  advice.textContent = result.advice;
  lines.push(advice);
  const headline = document.createElement("p");
  const strong = document.createElement("strong");
  if (result.angle_deg === null) {
    strong.textContent = "No angle set.";
  } else {
    strong.textContent = `Your wall-squat angle: ${result.angle_deg}° at the knee.`;
  }
  headline.append(strong, ` ${sentence(result.reason)}`);
  lines.push(headline);
  const facts = document.createElement("dl");
  facts.className = "wst-facts";
  for (const s of result.stages) {
    const what = s.hr !== null ? `${Math.round(s.hr)} beats a minute` : s.effort !== null ? `effort ${s.effort}` : "-";
    facts.append(...row(`${s.angle_deg}°, ${Math.round(s.held_s)} s${s.full ? "" : " (ended early)"}`, what));
  }
  if (result.peak_hr !== null && result.band_bpm) {
    facts.append(...row("Peak heart rate", `${Math.round(result.peak_hr)} beats a minute`));
    facts.append(...row("Training band", `${result.band_bpm[0]}-${result.band_bpm[2]} (aim at ${result.band_bpm[1]})`));
  }
  lines.push(facts);
  if (result.saved) {
    const saved = document.createElement("p");
    saved.textContent = `Saved in your plan: your wall squats use this angle. Repeat the test between ${day(result.retest_from)} and ${day(result.retest_by)}.`;
    const link = document.createElement("a");
    link.href = "/plan";
    link.textContent = "See your plan";
    lines.push(saved, link);
  }
  body.replaceChildren(...lines);
  $("wst-result").hidden = false;
  $("wst-stage").textContent = "Done";
  $("wst-clock").textContent = "--";
}

function start() {
  const device = mode === "effort" ? "none" : $("wst-device").value;
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws/heart-rate`);
  stage = 0;
  frames = 0;
  $("wst-result").hidden = true;
  $("wst-sensor-help").hidden = true;
  $("wst-note").textContent = "Connecting...";
  if ($("wst-hr-form")) $("wst-hr-form").hidden = device !== "none";
  setBusy(true);
  socket.onopen = () => send({ run: "wall-squat-test", device });
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "ready") {
      ready = message;
      $("wst-note").textContent = ready.device ? `Connected: ${ready.device}.` : "";
    } else if (message.type === "frame") {
      onFrame(message);
    } else if (message.type === "noted") {
      $("wst-note").textContent = `Noted (${message.what}, stage ${message.stage}).`;
    } else if (message.type === "result") {
      onResult(message);
    } else if (message.type === "error" && message.kind === "sensor") {
      $("wst-sensor-summary").textContent = message.summary;
      $("wst-sensor-detail").textContent = message.detail;
      $("wst-sensor-help").hidden = false;
      $("wst-stage").textContent = "Strap not connected";
      $("wst-note").textContent = "";
    } else if (message.type === "error") {
      $("wst-note").textContent = message.detail;
    }
  };
  socket.onclose = () => { setBusy(false); socket = null; };
}

$("wst-start").addEventListener("click", start);
$("wst-fatigue").addEventListener("click", () => send({ stop: "fatigue" }));
$("wst-quit").addEventListener("click", () => send({ stop: "quit" }));
$("wst-symptom-stop").addEventListener("click", () => send({ symptom: $("wst-symptom").value }));
$("wst-pain-save").addEventListener("click", () => {
  const pain = Number($("wst-pain").value);
  if ($("wst-pain").value !== "" && pain >= 0 && pain <= 10) send({ pain });
});
if ($("wst-effort")) {
  for (const button of $("wst-effort").querySelectorAll("button[data-effort]")) {
    button.addEventListener("click", () => send({ effort: Number(button.dataset.effort) }));
  }
}
if ($("wst-hr-form")) {
  $("wst-hr-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const hr = Number($("wst-hr").value);
    if (hr >= 30 && hr <= 240) send({ hr });
  });
}
window.addEventListener("pagehide", () => { if (socket) socket.close(); });
