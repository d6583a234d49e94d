// Centralise's service worker: the whole app offline, one version at a time.
// The build (Trunk post_build hook, scripts/precache.mjs) rewrites the two lines below with
// every file of that build and a version hashed from their contents.
// - install: fetches every file of the build into a cache named after the version. Nothing
//   else ever goes to the network from here.
// - fetch: those files are answered from the cache; a navigation gets the cached index.html.
// - A new version installs in the background and then waits: it takes over only when the page
//   asks ({type: 'skip-waiting'}, sent by boot.js when the patient chooses to reload), so a
//   session is never switched to another version halfway.
// - activate: every other cache of this scope (an older version) is deleted, and open pages
//   of this scope are taken over (clients.claim).
const VERSION = 'unbuilt';
const PRECACHE = [];

const scope = new URL(self.registration.scope);
// Named for the scope: two builds served from one origin (say /app/ and /test/) each keep and
// clear only their own caches.
const PREFIX = `centralise-${scope.pathname}-`;
const CACHE = `${PREFIX}${VERSION}`;
// Builds before caches were named for their scope named them `centralise-{version}`.
const UNSCOPED = /^centralise-[0-9a-f]{16}$/;
const url = (file) => new URL(file, scope).href;
const PRECACHED = new Set(PRECACHE.map(url));
const INDEX = url('index.html');

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    PRECACHE.map(async (file) => {
      // 'no-cache': revalidate with the server, so an older file in the HTTP cache never gets in.
      const response = await fetch(url(file), { cache: 'no-cache' });
      if (!response.ok) throw new Error(`precache ${file}: HTTP ${response.status}`);
      // A host may redirect index.html to ./; a redirected response cannot answer a navigation.
      const body = response.redirected
        ? new Response(await response.blob(), { status: response.status, headers: response.headers })
        : response;
      await cache.put(url(file), body);
    }),
  );
}

// Any failure fails the install: this version is not used, the current one stays.
self.addEventListener('install', (event) => event.waitUntil(precache()));

// The page of a first visit is not controlled by the worker it registered; claimed, it is,
// so what it loads later (the on-demand module) comes from the cache even if the network
// has gone meanwhile.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => (k.startsWith(PREFIX) || UNSCOPED.test(k)) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const address = new URL(request.url);
  address.search = '';
  address.hash = '';
  let key = null;
  if (PRECACHED.has(address.href)) key = address.href;
  else if (request.mode === 'navigate' && address.href.startsWith(scope.href)) key = INDEX;
  if (key === null) return; // not ours: the browser handles it as if there were no worker
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached ?? fetch(request)),
  );
});
