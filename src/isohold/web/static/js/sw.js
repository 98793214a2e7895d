// Service worker: the session page and its assets stay available offline. Pages are fetched
// from the network first (fresh plan), falling back to the cache; static files come from the
// cache first. API writes are never cached: the page's own queue keeps them until online.
const CACHE = "isohold-__VERSION__"; // the static files' content hash, filled in by /sw.js
const ASSETS = [
  "/session",
  "/static/css/app.css",
  "/static/css/figures.css",
  "/static/js/app.js",
  "/static/js/coach.js",
  "/static/js/figure.js",
  "/static/js/heart_rate_panel.js",
  "/static/js/queue.js",
  "/static/js/timer.js",
  "/static/vendor/htmx-2.0.11.min.js",
  "/static/icons/isohold.svg",
  "/manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) {
    if (url.pathname.startsWith("/api/v1/today")) event.respondWith(networkFirst(request));
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch {
    const url = new URL(request.url);
    return (await cache.match(request)) || (await cache.match(url.pathname)) || Response.error();
  }
}
