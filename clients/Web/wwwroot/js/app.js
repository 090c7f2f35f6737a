// The page's own script (the CSP admits scripts from this origin only: no inline script, no eval).
// What .NET calls through IJSRuntime lives under window.pocTracker.
window.pocTracker = {
    storage: {
        get: (area, key) => window[area].getItem(key),
        set: (area, key, value) => window[area].setItem(key, value),
        remove: (area, key) => window[area].removeItem(key),
    },
    culture: {
        // The person's choice (the language switch), else the browser's first language.
        preferred: () => localStorage.getItem('poctracker.culture') || navigator.language || 'en',
        choose: culture => localStorage.setItem('poctracker.culture', culture),
        setDocumentLanguage: culture => { document.documentElement.lang = culture; },
    },
    // Calls the component back whenever the element scrolls into view (infinite scroll).
    observeVisible: (element, component) => {
        const observer = new IntersectionObserver(entries => {
            if (entries.some(entry => entry.isIntersecting)) {
                component.invokeMethodAsync('OnVisibleAsync');
            }
        }, { rootMargin: '400px 0px' });
        observer.observe(element);
        return { dispose: () => observer.disconnect() };
    },
    navigateAway: url => { window.location.assign(url); },
};

if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('service-worker.js', { updateViaCache: 'none' });
}
