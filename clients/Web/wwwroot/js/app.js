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
    // A native modal <dialog>: the page behind is inert, focus stays inside, Escape closes it (its close event tells .NET).
    dialog: {
        open: element => { if (!element.open) { element.showModal(); } },
        close: element => { if (element.open) { element.close(); } },
    },
    // Files the app hands the person (docs/web.md, "Reports" and "Video"): no library, a Blob and an <a download>.
    files: {
        // Bytes .NET read through the SDK (a DotNetStreamReference), saved by the browser under the file's name.
        save: async (fileName, mediaType, streamRef) => {
            const url = URL.createObjectURL(new Blob([await streamRef.arrayBuffer()], { type: mediaType }));
            window.pocTracker.files.follow(url, fileName);
            // The click has handed the Blob to the download by now; a minute is ample on a slow phone.
            setTimeout(() => URL.revokeObjectURL(url), 60_000);
        },
        // A link the browser downloads itself (a report job's short-lived link needs no token): nothing passes through .NET.
        follow: (url, fileName) => {
            const link = document.createElement('a');
            link.href = url;
            link.download = fileName || '';
            link.rel = 'noopener';
            document.body.appendChild(link);
            link.click();
            link.remove();
        },
        // An object URL for bytes the page shows (the year video in a <video>); the caller revokes it.
        objectUrl: async (mediaType, streamRef) => URL.createObjectURL(new Blob([await streamRef.arrayBuffer()], { type: mediaType })),
        revoke: url => URL.revokeObjectURL(url),
        // The recovery codes to the clipboard; false when the browser refuses (no permission, not a secure context).
        copyText: async text => {
            try {
                await navigator.clipboard.writeText(text);
                return true;
            } catch {
                return false;
            }
        },
    },
};

// Enter in an input marked data-enter-adds (the POC form's tag entry) adds what was typed instead of submitting the
// form; the component still receives the key. Blazor's preventDefault cannot depend on which key was pressed.
document.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.isComposing && event.target instanceof HTMLElement && event.target.matches('[data-enter-adds]')) {
        event.preventDefault();
    }
}, true);

if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('service-worker.js', { updateViaCache: 'none' });
}
