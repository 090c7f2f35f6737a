// PocTracker's service worker (docs/web.md, "Service worker"): Blazor's published worker, adapted.
// - install: caches the app shell, every file of the build's asset manifest (service-worker-assets.js), and the
//   offline page; a new build is a new manifest version, so a new cache (the old ones go at activation).
// - navigation: network first (the page is no-cache: a new version reaches people at once), the offline page when
//   the network is gone.
// - the app's files: from the cache, else the network.
// - the servers' paths (APIs, sign-in, login pages, the dojo hub): never cached, never touched.
self.importScripts('./service-worker-assets.js');
self.addEventListener('install', event => event.waitUntil(onInstall()));
self.addEventListener('activate', event => event.waitUntil(onActivate()));
self.addEventListener('fetch', onFetch);

const cacheNamePrefix = 'poctracker-shell-';
const cacheName = `${cacheNamePrefix}${self.assetsManifest.version}`;
const offlinePage = 'offline.html';
const shellIncludes = [/\.dll$/, /\.pdb$/, /\.wasm/, /\.html/, /\.js$/, /\.json$/, /\.css$/, /\.woff2?$/, /\.png$/, /\.svg$/, /\.ico$/, /\.blat$/, /\.dat$/, /\.webmanifest$/];
const shellExcludes = [/^service-worker\.js$/, /^_content\/BlazorMonaco\//];
const serverPaths = ['/api', '/connect', '/account', '/.well-known', '/hubs', '/docs', '/openapi', '/health'];

function isServerPath(pathname) {
    return serverPaths.some(prefix => pathname === prefix || pathname.startsWith(prefix + '/'));
}

async function onInstall() {
    const shell = self.assetsManifest.assets
        .filter(asset => shellIncludes.some(pattern => pattern.test(asset.url)))
        .filter(asset => !shellExcludes.some(pattern => pattern.test(asset.url)))
        .map(asset => new Request(asset.url, { integrity: asset.hash, cache: 'no-cache' }));
    const cache = await caches.open(cacheName);
    await cache.addAll(shell);
    await cache.add(new Request(offlinePage, { cache: 'no-cache' }));
}

async function onActivate() {
    const keys = await caches.keys();
    await Promise.all(keys.filter(key => key.startsWith(cacheNamePrefix) && key !== cacheName).map(key => caches.delete(key)));
}

function onFetch(event) {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== self.location.origin || isServerPath(url.pathname)) {
        return; // the browser's own handling: the servers' answers are never cached here
    }

    event.respondWith(request.mode === 'navigate' ? fromNetworkElseOffline(request) : fromCacheElseNetwork(request));
}

async function fromNetworkElseOffline(request) {
    try {
        return await fetch(request);
    } catch {
        const cache = await caches.open(cacheName);
        return (await cache.match(offlinePage)) || Response.error();
    }
}

async function fromCacheElseNetwork(request) {
    const cache = await caches.open(cacheName);
    return (await cache.match(request)) || fetch(request);
}
