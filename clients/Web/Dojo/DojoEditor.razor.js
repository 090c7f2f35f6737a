// The dojo editor's glue between Monaco and .NET (docs/web.md, "Dojo").
//
// Monaco (about 3 MB) is loaded when a room opens, never with the app's first page. BlazorMonaco's component creates the
// editor; everything that keeps its text equal to the room's lives here and in the SDK's EditorBinding:
// - local changes go to .NET synchronously (DotNet invokeMethod) from Monaco's own change event, so the session has
//   them before anything else can run on the page's one thread;
// - remote changes come from .NET synchronously (IJSInProcessObjectReference) and are applied with model.applyEdits
//   while `applying` is set: Monaco raises its change events synchronously inside applyEdits, so the flag tells them
//   apart from the user's exactly (a flag in .NET could not: BlazorMonaco's events re-enter .NET asynchronously).
// Numbers and strings travel as flat arrays: no object shapes for the trimmer or the JSON serialiser to lose.

const monacoRoot = '_content/BlazorMonaco/';
const bound = new Map();
let loading = null;

function addScript(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`${src} could not be loaded`));
        document.head.appendChild(script);
    });
}

/** Loads Monaco once: BlazorMonaco's interop (it sets the AMD loader's paths, so it goes first), the loader, the editor. */
export function loadMonaco() {
    loading ??= (async () => {
        if (typeof window.monaco !== 'undefined') {
            return;
        }

        await addScript(`${monacoRoot}jsInterop.js`);
        // jsInterop.js configures the loader with a relative path. Monaco starts its workers from a blob: URL whose
        // script imports the worker's code by that path, and inside a blob: a relative path resolves nowhere (Monaco
        // would fall back to running the worker on the page's thread): make it absolute, on this origin.
        window.require.paths.vs = new URL(`${monacoRoot}lib/monaco-editor/min/vs`, document.baseURI).href;
        await addScript(`${monacoRoot}lib/monaco-editor/min/vs/loader.js`);
        // Through the loader rather than a script tag: it resolves once the editor and its localised strings and
        // styles have all been loaded and `monaco` exists, not when one file has.
        await new Promise((resolve, reject) => window.require(['vs/editor/editor.main'], resolve, reject));
    })().catch(error => {
        loading = null; // a later room may try again (the network came back)
        throw error;
    });
    return loading;
}

/** Starts forwarding the editor's changes and cursor to `dotnet` (its OnEdits, OnTextReplaced, OnSelections). */
export function attach(id, dotnet) {
    const editor = window.blazorMonaco.editor.getEditor(id);
    const model = editor.getModel();
    const state = { editor, model, dotnet, applying: false, decorations: [], names: new Map() };
    state.applying = true;
    try {
        model.setEOL(monaco.editor.EndOfLineSequence.LF); // room documents are LF-only; offsets must agree
    } finally {
        state.applying = false;
    }

    state.subscriptions = [
        model.onDidChangeContent(event => {
            if (state.applying) {
                return;
            }

            if (event.isFlush) {
                dotnet.invokeMethod('OnTextReplaced', model.getValue());
                return;
            }

            const numbers = [];
            const texts = [];
            for (const change of event.changes) {
                numbers.push(change.rangeOffset, change.rangeLength);
                texts.push(change.text);
            }

            dotnet.invokeMethod('OnEdits', numbers, texts);
        }),
        editor.onDidChangeCursorSelection(() => {
            if (!state.applying && editor.hasTextFocus()) {
                sendSelections(state);
            }
        }),
        editor.onDidFocusEditorText(() => sendSelections(state)),
        editor.onDidBlurEditorText(() => dotnet.invokeMethod('OnSelections', [])),
    ];
    bound.set(id, state);
    // Created read-only (DojoEditor.razor): nothing typed before this point could reach the session.
    editor.updateOptions({ readOnly: false });
    editor.getContainerDomNode().dataset.bound = 'true';
}

/**
 * Stops forwarding and disposes the editor with its model: BlazorMonaco keeps editors by id and would hand this one's
 * text to the next room's editor of the same id.
 */
export function detach(id) {
    const state = bound.get(id);
    if (!state) {
        return;
    }

    bound.delete(id);
    state.subscriptions.forEach(subscription => subscription.dispose());
    const editors = window.blazorMonaco.editors;
    const index = editors.findIndex(item => item.id === id);
    if (index >= 0) {
        editors.splice(index, 1);
    }

    state.editor.dispose();
}

export function readText(id) {
    return bound.get(id)?.model.getValue() ?? '';
}

/**
 * Applies edits (offset, removed length pairs in `numbers`, inserted texts in `texts`; every offset against the text
 * before the batch) without reporting them back and without an undo stop, then puts the local selections (anchor, head
 * offset pairs of the text after the batch) where the room's transform puts them.
 */
export function applyRemote(id, numbers, texts, selections) {
    const state = bound.get(id);
    if (!state) {
        return;
    }

    const { editor, model } = state;
    const edits = texts.map((text, i) => ({
        range: monaco.Range.fromPositions(model.getPositionAt(numbers[2 * i]), model.getPositionAt(numbers[2 * i] + numbers[2 * i + 1])),
        text,
    }));
    state.applying = true;
    try {
        model.applyEdits(edits);
        if (selections.length > 0) {
            editor.setSelections(toSelections(model, selections));
        }
    } finally {
        state.applying = false;
    }
}

export function useLfLineEndings(id) {
    const state = bound.get(id);
    if (!state) {
        return;
    }

    state.applying = true;
    try {
        state.model.setEOL(monaco.editor.EndOfLineSequence.LF);
    } finally {
        state.applying = false;
    }
}

/**
 * Draws the others: per participant (user ids, names, palette indexes in `colours`) `counts[p]` selections as anchor,
 * head offset pairs in `offsets`. A selection is a tinted range, a cursor a bar in the person's colour; the name
 * floats above the primary cursor as a content widget (an injected text would push the line's characters aside).
 */
export function showParticipants(id, userIds, names, colours, counts, offsets) {
    const state = bound.get(id);
    if (!state) {
        return;
    }

    const { editor, model } = state;
    const decorations = [];
    const shown = new Set();
    let k = 0;
    for (let p = 0; p < userIds.length; p++) {
        const colour = `dojo-colour-${colours[p]}`;
        for (let s = 0; s < counts[p]; s++, k += 2) {
            const anchor = model.getPositionAt(offsets[k]);
            const head = model.getPositionAt(offsets[k + 1]);
            const options = { stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges };
            if (offsets[k] !== offsets[k + 1]) {
                decorations.push({ range: monaco.Range.fromPositions(anchor, head), options: { ...options, className: `dojo-selection ${colour}` } });
            }

            decorations.push({
                range: monaco.Range.fromPositions(head, head),
                options: { ...options, beforeContentClassName: `dojo-cursor ${colour}`, hoverMessage: { value: names[p] } },
            });
            if (s === 0) {
                showName(state, userIds[p], names[p], colour, head);
                shown.add(userIds[p]);
            }
        }
    }

    state.decorations = editor.deltaDecorations(state.decorations, decorations);
    for (const [userId, widget] of state.names) {
        if (!shown.has(userId)) {
            editor.removeContentWidget(widget);
            state.names.delete(userId);
        }
    }
}

function showName(state, userId, name, colour, position) {
    let widget = state.names.get(userId);
    if (!widget) {
        const node = document.createElement('div');
        widget = {
            node,
            position,
            getId: () => `dojo-name-${userId}`,
            getDomNode: () => node,
            getPosition: () => ({
                position: widget.position,
                preference: [monaco.editor.ContentWidgetPositionPreference.ABOVE, monaco.editor.ContentWidgetPositionPreference.BELOW],
            }),
        };
        state.names.set(userId, widget);
        state.editor.addContentWidget(widget);
    }

    widget.node.className = `dojo-name ${colour}`;
    widget.node.textContent = name;
    widget.position = position;
    state.editor.layoutContentWidget(widget);
}

function sendSelections(state) {
    const { editor, model, dotnet } = state;
    const offsets = [];
    for (const selection of editor.getSelections() ?? []) {
        offsets.push(
            model.getOffsetAt({ lineNumber: selection.selectionStartLineNumber, column: selection.selectionStartColumn }),
            model.getOffsetAt(selection.getPosition()));
    }

    dotnet.invokeMethod('OnSelections', offsets);
}

function toSelections(model, offsets) {
    const selections = [];
    for (let k = 0; k < offsets.length; k += 2) {
        const anchor = model.getPositionAt(offsets[k]);
        const head = model.getPositionAt(offsets[k + 1]);
        selections.push(new monaco.Selection(anchor.lineNumber, anchor.column, head.lineNumber, head.column));
    }

    return selections;
}
