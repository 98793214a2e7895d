// The offline queue: every write is stored in the browser first (localStorage) with its UUID,
// then sent in order. A network failure or server error keeps it for later; the server stores
// each UUID once, so a write that was sent but not acknowledged is safely sent again.
const KEY = "isohold.queue.v1";
let flushing = false;
const listeners = new Set();

function load() {
  try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch { return []; }
}
function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); notify(items.length); }
function notify(n) { for (const fn of listeners) fn(n); }

export function pending() { return load().length; }
export function onChange(fn) { listeners.add(fn); fn(pending()); }

export function enqueue(url, body) {
  const items = load();
  items.push({ id: crypto.randomUUID(), url, body });
  save(items);
  return flush();
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
      if (!response.ok) console.warn("isohold: write refused", item.url, response.status);
      save(load().filter((x) => x.id !== item.id));
    }
  } finally {
    flushing = false;
  }
}

window.addEventListener("online", () => flush());
setInterval(() => flush(), 3000);
