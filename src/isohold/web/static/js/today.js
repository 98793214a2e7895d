// The daily training reminder while Today is open: at the chosen time, when a session is due,
// a browser notification (with permission) or, without it, a note on the page.
const card = document.getElementById("reminder");
const allow = document.getElementById("reminder-allow");
const state = document.getElementById("reminder-state");

function msUntil(hhmm, now = new Date()) {
  const [h, m] = hhmm.split(":").map(Number);
  const at = new Date(now);
  at.setHours(h, m, 0, 0);
  return at - now;
}

function remind() {
  const text = "Time for today's isohold session.";
  if ("Notification" in window && Notification.permission === "granted") {
    new Notification("isohold", { body: text, tag: "isohold-training" });
  }
  state.textContent = text;
}

if (card && card.dataset.at && card.dataset.due) {
  const wait = msUntil(card.dataset.at);
  if (wait > 0) {
    window.isoholdReminderInMs = wait; // for tests
    setTimeout(remind, wait);
    state.textContent = `Reminder set for ${card.dataset.at} today.`;
  }
  if ("Notification" in window && Notification.permission === "default") {
    allow.hidden = false;
    allow.addEventListener("click", async () => {
      await Notification.requestPermission();
      allow.hidden = Notification.permission !== "default";
    });
  }
}
