// The page's own script (CSP: scripts come from this origin only, no inline script).
if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('service-worker.js', { updateViaCache: 'none' });
}
