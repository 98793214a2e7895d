// The offline queue: every write is stored in the browser first (localStorage) with its UUID,
// then sent in order. A network failure or server error keeps it for later; the server stores
// each UUID once, so a write that was sent but not acknowledged is safely sent again. A write
// the server refuses (4xx) is never dropped: it moves to a list of refused writes, shown to the
// person with the server's reason, which can be tried again or downloaded.
const KEY = "isohold.queue.v1";
const REFUSED = "isohold.refused.v1";
let flushing = false;
const listeners = new Set();

function read(key) {
  try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch { return []; }
}
function load() { return read(KEY); }
function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); notify(); }
function notify() { for (const fn of listeners) fn(pending(), refused()); }

export function pending() { return load().length; }
export function refused() { return read(REFUSED); }
export function onChange(fn) { listeners.add(fn); fn(pending(), refused()); }

export function enqueue(url, body) {
  const items = load();
  items.push({ id: crypto.randomUUID(), url, body });
  save(items);
  return flush();
}

// Put the refused writes back in the queue (after the person has fixed what was wrong).
export function retryRefused() {
  const back = refused().map(({ id, url, body }) => ({ id, url, body }));
  localStorage.setItem(REFUSED, "[]");
  save([...load(), ...back]);
  return flush();
}

// The refused writes as a JSON file to keep or to show a clinician.
export function refusedFile() {
  return new Blob([JSON.stringify({ refused: refused() }, null, 2)], { type: "application/json" });
}

async function reason(response) {
  try { return (await response.json()).detail || response.statusText; } catch { return response.statusText; }
}

export async function flush() {
  if (flushing) return;
  flushing = true;
  try {
    for (;;) {
      const items = load();
      if (!items.length) return;
      const item = items[0];
      let response;
      try {
        response = await fetch(item.url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(item.body),
        });
      } catch {
        return; // offline: keep it, try again later
      }
      if (response.status >= 500 || response.status === 0) return;
      if (!response.ok) {
        const kept = { ...item, status: response.status, detail: await reason(response) };
        localStorage.setItem(REFUSED, JSON.stringify([...refused(), kept]));
      }
      save(load().filter((x) => x.id !== item.id));
    }
  } finally {
    flushing = false;
  }
}

window.addEventListener("online", () => flush());
setInterval(() => flush(), 3000);
