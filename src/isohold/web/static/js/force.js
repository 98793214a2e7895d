// Live force feedback: one WebSocket run (MVC test or %MVC hold) at a time; the server reads
// the sensor and sends a frame per sample (message format: web/routes/force.py). The bar and
// the force-time curve (the last CURVE_S seconds, with the target band) are drawn once per
// animation frame from the samples received; an optional tone follows the force.
const $ = (id) => document.getElementById(id);
const root = $("force");
const WIDTH = 400;
const KG = 9.80665;
const PHASES = { "get-ready": "Get ready", effort: "Pull", rest: "Rest", release: "Let go", hold: "Hold" };

let socket = null;
let ready = null;
let latest = null;
let frames = 0;
let bestN = 0;
let drawing = false;
let tone = null;
let recent = []; // [{t, v}] for the curve: sensor seconds and the value the bar shows

// the curve's plot area inside its viewBox (templates/force.html)
const CURVE_S = 10;
const CURVE = { left: 52, top: 24, width: 300, height: 160 };
const SVG_NS = "http://www.w3.org/2000/svg";
let curveTop = null; // the top of the curve's y axis, redrawn when it changes

class Tone {
  // Pitch follows force: 220-660 Hz across the bar; a steady 440 Hz while in the band.
  constructor() {
    this.ctx = new AudioContext();
    this.osc = this.ctx.createOscillator();
    this.gain = this.ctx.createGain();
    this.gain.gain.value = 0.06;
    this.osc.type = "sine";
    this.osc.connect(this.gain).connect(this.ctx.destination);
    this.osc.start();
  }
  set(fraction, inBand) {
    const hz = inBand ? 440 : 220 + 440 * Math.min(1, Math.max(0, fraction));
    this.osc.frequency.setTargetAtTime(hz, this.ctx.currentTime, 0.03);
  }
  stop() { this.osc.stop(); this.ctx.close(); }
}

function setBusy(busy) {
  $("force-start-mvc").disabled = busy;
  $("force-start-hold").disabled = busy || !root.dataset.mvcN;
  $("force-device").disabled = busy;
  $("force-stop").disabled = !busy;
}

function scaleMax() {
  // holds: % MVC up to twice the target (at least 20%); MVC test: newtons, growing with the best
  if (ready.run === "hold") return Math.max(ready.pct * 2, 20);
  return Math.max(bestN * 1.2, 100);
}

function drawScale() {
  const bar = $("force-band");
  if (ready.run === "hold") {
    const max = scaleMax();
    const lo = Math.max(0, ready.pct - ready.band_pct);
    bar.setAttribute("x", String((lo / max) * WIDTH));
    bar.setAttribute("width", String(((ready.pct + ready.band_pct - lo) / max) * WIDTH));
    const x = String((ready.pct / max) * WIDTH);
    $("force-target").setAttribute("x1", x);
    $("force-target").setAttribute("x2", x);
    $("force-scale").textContent = `Bar from 0 to ${max.toFixed(0)}% MVC; the band is ${lo.toFixed(0)}-${(ready.pct + ready.band_pct).toFixed(0)}% MVC.`;
    $("force-curve-unit").textContent = "% MVC";
  } else {
    bar.setAttribute("width", "0");
    $("force-target").setAttribute("x1", "-10");
    $("force-target").setAttribute("x2", "-10");
    $("force-scale").textContent = "Pull as hard as you can in each effort.";
    $("force-curve-unit").textContent = "N";
  }
}

function niceTicks(top) {
  // 0 to at least `top` in at most 5 steps of 1, 2, 2.5 or 5 times a power of ten
  const power = 10 ** Math.floor(Math.log10(top / 5));
  for (const scale of [power, power * 10]) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * scale;
      const n = Math.ceil(top / step - 1e-9);
      if (n <= 5) return Array.from({ length: n + 1 }, (_, k) => Number((k * step).toPrecision(12)));
    }
  }
  return [0, top];
}

function curveY(value, top) {
  const clamped = Math.min(top, Math.max(0, value));
  return CURVE.top + CURVE.height * (1 - clamped / top);
}

function drawCurveAxis(top) {
  const ticks = niceTicks(top);
  const axisTop = ticks[ticks.length - 1];
  if (axisTop === curveTop) return axisTop;
  curveTop = axisTop;
  const group = $("force-curve-ticks");
  group.replaceChildren();
  for (const tick of ticks) {
    const y = curveY(tick, axisTop);
    const line = document.createElementNS(SVG_NS, "line");
    Object.entries({ x1: CURVE.left, x2: CURVE.left + CURVE.width, y1: y, y2: y, class: "curve-grid" })
      .forEach(([k, v]) => line.setAttribute(k, String(v)));
    const label = document.createElementNS(SVG_NS, "text");
    Object.entries({ x: CURVE.left - 6, y: y + 5, "text-anchor": "end", class: "curve-tick" })
      .forEach(([k, v]) => label.setAttribute(k, String(v)));
    label.textContent = tick >= 1000 ? `${tick / 1000}k` : String(tick);
    group.append(line, label);
  }
  if (ready.run === "hold") {
    const band = $("force-curve-band");
    const high = curveY(ready.pct + ready.band_pct, axisTop);
    const low = curveY(Math.max(0, ready.pct - ready.band_pct), axisTop);
    band.setAttribute("y", String(high));
    band.setAttribute("height", String(low - high));
  }
  return axisTop;
}

function drawCurve(now) {
  const top = drawCurveAxis(scaleMax());
  const since = now - CURVE_S;
  while (recent.length && recent[0].t < since) recent.shift();
  const points = recent.map((p) => {
    const x = CURVE.left + ((p.t - since) / CURVE_S) * CURVE.width;
    return `${x.toFixed(1)},${curveY(p.v, top).toFixed(1)}`;
  });
  $("force-curve-line").setAttribute("points", points.join(" "));
}

function resetCurve() {
  recent = [];
  curveTop = null;
  $("force-curve-line").setAttribute("points", "");
  $("force-curve-band").setAttribute("height", "0");
  $("force-curve-ticks").replaceChildren();
}

function draw() {
  drawing = false;
  const f = latest;
  if (!f || !ready) return;
  const value = ready.run === "hold" ? f.pct_mvc : f.force_n;
  drawCurve(Math.min(f.t_s, ready.total_s));
  const fraction = Math.min(1, Math.max(0, value / scaleMax()));
  const bar = $("force-bar");
  bar.setAttribute("width", String(fraction * WIDTH));
  bar.classList.toggle("in-band", f.in_band === true);
  root.dataset.frames = String(frames);
  let phase = PHASES[f.phase] || f.phase;
  if (ready.run === "mvc" && f.phase !== "release") phase += `: effort ${f.effort} of ${ready.efforts}`;
  if ($("force-phase").textContent !== phase) $("force-phase").textContent = phase;
  $("force-clock").textContent = String(Math.ceil(f.remaining_s));
  $("force-value").textContent = ready.run === "hold"
    ? `${f.pct_mvc.toFixed(1)}% MVC${f.in_band ? " - in the band" : ""}`
    : `${f.force_n.toFixed(0)} N (${(f.force_n / KG).toFixed(1)} kg)`;
  if (tone) tone.set(fraction, f.in_band === true);
}

function figure(list, term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  list.append(dt, dd);
}

function showResult(r) {
  const body = $("force-result-body");
  body.replaceChildren();
  const list = document.createElement("dl");
  list.className = "result-figures";
  const note = document.createElement("p");
  if (r.run === "mvc") {
    r.efforts_n.forEach((n, i) => figure(list, `Effort ${i + 1}`, `${n.toFixed(0)} N (${(n / KG).toFixed(1)} kg)`));
    figure(list, "Your MVC", `${r.mvc_n.toFixed(0)} N (${(r.mvc_n / KG).toFixed(1)} kg)`);
    note.textContent = "Saved. Your holds now use this MVC.";
    root.dataset.mvcN = String(r.mvc_n);
    $("force-mvc-now").textContent = `Your latest MVC: ${r.mvc_n.toFixed(0)} N (${(r.mvc_n / KG).toFixed(1)} kg).`;
    $("force-hold-note").hidden = true;
  } else {
    figure(list, "Time in the band", `${r.time_in_band_s.toFixed(1)} of ${r.seconds} s`);
    figure(list, "Mean force", `${r.mean_pct_mvc.toFixed(1)}% MVC (target ${r.target_pct_mvc}%)`);
    figure(list, "Steadiness (CV)", `${r.cv_percent.toFixed(1)}% (lower is steadier)`);
    note.textContent = "Saved with your log.";
    $("force-value").textContent = `Mean ${r.mean_pct_mvc.toFixed(1)}% MVC`;
  }
  body.append(list, note);
  $("force-result").hidden = false;
}

function finish(text) {
  latest = null; // a draw still queued must not write over the closing words
  if (tone) { tone.stop(); tone = null; }
  if (text) $("force-phase").textContent = text;
  $("force-clock").textContent = "--";
  socket = null;
  setBusy(false);
}

function showSensorHelp(m) {
  $("force-sensor-summary").textContent = m.summary || "The sensor could not be reached.";
  $("force-sensor-detail").textContent = m.detail;
  $("force-sensor-help").hidden = false;
}

function start(request) {
  $("force-result").hidden = true;
  $("force-sensor-help").hidden = true;
  ready = null; latest = null; frames = 0; bestN = 0;
  resetCurve();
  setBusy(true);
  $("force-phase").textContent = "Connecting to the sensor";
  $("live-title").scrollIntoView({ block: "start" });
  if ($("force-sound").checked && "AudioContext" in window) tone = new Tone();
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws/force`);
  let done = false;
  socket.onopen = () => socket.send(JSON.stringify({ ...request, device: $("force-device").value }));
  socket.onmessage = (event) => {
    const m = JSON.parse(event.data);
    if (m.type === "frame") {
      frames += 1;
      latest = m;
      // the curve ends with the run: samples sent while the sensor stops are not part of it
      if (m.t_s <= ready.total_s) recent.push({ t: m.t_s, v: ready.run === "hold" ? m.pct_mvc : m.force_n });
      if (ready.run === "mvc" && m.force_n > bestN) bestN = m.force_n;
      if (!drawing) { drawing = true; requestAnimationFrame(draw); }
    } else if (m.type === "ready") {
      ready = m;
      drawScale();
      $("force-caution").hidden = !m.note;
      $("force-caution").textContent = m.note ? `Note: ${m.note}.` : "";
    } else if (m.type === "result") {
      done = true;
      draw();
      showResult(m);
      finish("Done");
    } else if (m.type === "error") {
      done = true;
      if (m.kind === "sensor") {
        showSensorHelp(m);
        finish("Sensor not connected");
      } else {
        finish(`Could not finish: ${m.detail}`);
      }
    }
  };
  socket.onclose = () => { if (!done) finish("Stopped. Nothing was saved."); };
}

$("force-start-mvc").addEventListener("click", () => start({
  run: "mvc", exercise: $("force-exercise").value || null,
}));
$("force-start-hold").addEventListener("click", () => start({
  run: "hold",
  pct: Number($("force-pct").value),
  seconds: Number($("force-seconds").value),
  exercise: $("force-exercise").value || null,
}));
$("force-stop").addEventListener("click", () => { if (socket) socket.close(); });
