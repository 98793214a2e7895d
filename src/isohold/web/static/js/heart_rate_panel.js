// Live heart rate on the session page while a hold paced by heart rate runs (the blood-pressure
// wall squat): a strap, or the simulated one, over the WebSocket /ws/heart-rate (message format:
// web/routes/wall_squat.py), shown against the band from the latest wall-squat test.
const $ = (id) => document.getElementById(id);

let socket = null;
let band = null;
let exercise = null;

function close() {
  if (socket) socket.close();
  socket = null;
}

function showBand() {
  if (band) {
    $("coach-hr-band").textContent = `Aim for about ${band.target} beats a minute by the end of each hold (band ${band.low}-${band.high}, ${band.pct}% of the peak ${band.peak} in your test). The rate climbs during a hold; rise a little out of the squat if it goes above the band. Stop if you feel dizzy or unwell.`;
  } else {
    $("coach-hr-band").textContent = "No wall-squat test yet, so there is no band: do the test first (the link is on Today).";
  }
}

function onBeat(beat) {
  $("coach-hr-bpm").textContent = String(Math.round(beat.bpm));
  const state = $("coach-hr-state");
  if (beat.contact === false) state.textContent = "no skin contact: moisten the strap";
  else if (!band) state.textContent = "";
  else if (beat.bpm > band.high) state.textContent = "above the band";
  else if (beat.bpm >= band.low) state.textContent = "in the band";
  else state.textContent = "below the band";
  $("coach-hr").dataset.beats = String(Number($("coach-hr").dataset.beats || "0") + 1);
}

function connect() {
  close();
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws/heart-rate`);
  const sent = socket;
  $("coach-hr-state").textContent = "connecting...";
  socket.onopen = () => sent.send(JSON.stringify({ run: "monitor", device: $("coach-hr-device").value, exercise }));
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "ready") {
      band = message.band;
      showBand();
      $("coach-hr-state").textContent = `connected: ${message.device}`;
    } else if (message.type === "beat") {
      onBeat(message);
    } else if (message.type === "error") {
      // a strap that cannot be reached: its likely cause, not the system's words
      $("coach-hr-state").textContent = message.kind === "sensor"
        ? `${message.summary} Check the strap is worn and moistened and Bluetooth is on, or choose the simulated strap.`
        : message.detail;
    }
  };
}

// Show the panel for an exercise paced by % of peak heart rate, hide it (and stop) otherwise.
export function heartRateFor(ex) {
  const panel = $("coach-hr");
  if (!panel) return;
  const paced = ex && ex.block.intensity && ex.block.intensity.kind === "pct_hr_peak";
  if (!paced) {
    close();
    panel.hidden = true;
    return;
  }
  if (exercise !== ex.block.exercise) close();
  exercise = ex.block.exercise;
  panel.hidden = false;
}

export function setUpHeartRate() {
  const button = $("coach-hr-connect");
  if (button) button.addEventListener("click", connect);
  window.addEventListener("pagehide", close);
}
