using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PocTracker.Web.BrowserTests;

/// <summary>
/// The dojo in two phone-sized browsers against the real product (Standalone with the demo data): Ana opens a room on one
/// of her POCs, Bruno joins it from the rooms list, both type at once and their Monaco models converge; each sees the
/// other's cursor with a name; a remote insert never drags the local cursor anywhere the others would not see it; the
/// room's text is saved to the POC.
/// </summary>
public sealed class DojoTests(RunningProduct product) : ProductInBrowser(product)
{
    private const string Password = "jabuticaba-no-quintal-1987";
    private const string EditorText = "() => blazorMonaco.editor.getEditor('dojo-editor').getModel().getValue()";

    /// <summary>The local cursor: its offset and whether it selects anything.</summary>
    private const string Cursor = """
        () => {
            const editor = blazorMonaco.editor.getEditor('dojo-editor');
            const selection = editor.getSelection();
            return [editor.getModel().getOffsetAt(selection.getPosition()), selection.isEmpty() ? 0 : 1];
        }
        """;

    /// <summary>What the browser said about the page's CSP refusing something, or Monaco running its workers on the page.</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> complaints = new();

    [Fact]
    public async Task Two_people_type_in_one_room_at_once_converge_see_each_other_and_save_to_the_poc()
    {
        var ana = await SignedInAsync("ana@demo.poctracker.dev");
        var bruno = await SignedInAsync("bruno@demo.poctracker.dev");

        // Ana opens a room on one of her POCs.
        await ana.GotoAsync("/dojo");
        await ana.GetByRole(AriaRole.Button, new() { Name = "New room" }).ClickAsync();
        await ana.GetByLabel("Name", new() { Exact = true }).FillAsync("Pairing on the parser");
        var poc = ana.Locator(".room-form select").Nth(1);
        await Expect(poc.Locator("option").Nth(1)).ToBeAttachedAsync(); // her POCs have arrived
        await poc.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await ana.GetByRole(AriaRole.Button, new() { Name = "Open the room" }).ClickAsync();
        await ana.WaitForURLAsync(new Regex("/dojo/[0-9a-f-]{36}$"));
        await EditorReadyAsync(ana);
        await Expect(ana.Locator(".connection")).ToHaveTextAsync("Connected");

        // Bruno finds it in the rooms list and joins.
        await bruno.GotoAsync("/dojo");
        var card = bruno.Locator(".card", new() { HasText = "Pairing on the parser" });
        await Expect(card).ToBeVisibleAsync();
        await Screenshots.SaveAsync(bruno, "dojo-rooms");
        await card.GetByRole(AriaRole.Link).ClickAsync();
        await EditorReadyAsync(bruno);
        await Expect(bruno.Locator(".participants li", new() { HasText = "Ana" })).ToBeVisibleAsync();

        // Both type at once, each on a line of their own (Ana on the first, Bruno on the second).
        await ana.Locator("#dojo-editor .view-lines").ClickAsync();
        await ana.Keyboard.PressAsync("Enter");
        await ConvergedAsync(ana, bruno, "\n");
        await PlaceCursorAsync(ana, 0);
        await PlaceCursorAsync(bruno, 1);
        const string AnasLine = "ana typed this line";
        const string BrunosLine = "bruno typed this one";
        await Task.WhenAll(
            ana.Keyboard.TypeAsync(AnasLine, new() { Delay = 20 }),
            bruno.Keyboard.TypeAsync(BrunosLine, new() { Delay = 20 }));
        Assert.Equal($"{AnasLine}\n{BrunosLine}", await ConvergedAsync(ana, bruno, AnasLine, BrunosLine));

        // Each sees the other's cursor, in the other's colour, with the other's name.
        await Expect(ana.Locator("#dojo-editor .dojo-name", new() { HasText = "Bruno Lima" })).ToBeVisibleAsync();
        await Expect(ana.Locator("#dojo-editor .dojo-cursor")).Not.ToHaveCountAsync(0);
        await Expect(bruno.Locator("#dojo-editor .dojo-name", new() { HasText = "Ana" })).ToBeVisibleAsync();

        // Ana's cursor is where she stopped; Bruno types before it and then exactly at it: her cursor moves with the
        // text as ot.js moves it for everyone else (pushed right), never selecting his text.
        var (anaAt, _) = await CursorAsync(ana);
        Assert.Equal(AnasLine.Length, anaAt);
        await PlaceCursorAsync(bruno, 0);
        await bruno.Keyboard.TypeAsync("BB");
        await ConvergedAsync(ana, bruno, "BB" + AnasLine);
        Assert.Equal((anaAt + 2, 0), await CursorAsync(ana));
        await PlaceCursorAsync(bruno, anaAt + 2);
        await bruno.Keyboard.TypeAsync("!");
        await ConvergedAsync(ana, bruno, AnasLine + "!");
        Assert.Equal((anaAt + 3, 0), await CursorAsync(ana));
        await ana.Keyboard.TypeAsync("?");
        var text = await ConvergedAsync(ana, bruno, AnasLine + "!?");
        Assert.Equal($"BB{AnasLine}!?\n{BrunosLine}", text);

        await Expect(ana.Locator("#dojo-editor .dojo-name", new() { HasText = "Bruno Lima" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(ana, "dojo-room");

        // Save to POC: the room's text becomes a code note of the POC.
        await ana.GetByRole(AriaRole.Button, new() { Name = "Save to POC" }).ClickAsync();
        await Expect(ana.Locator(".saved")).ToContainTextAsync("Saved as the code note “Pairing on the parser”");
        Assert.Equal(text, await ana.EvaluateAsync<string>(EditorText));

        // Monaco ran under the app's Content-Security-Policy with its workers off the page's thread.
        Assert.Empty(complaints);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await Browser.NewPhonePageAsync(Standalone.BaseAddress);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("web worker", StringComparison.OrdinalIgnoreCase))
            {
                complaints.Enqueue(message.Text);
            }
        };
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.Locator("#tenant").FillAsync("demo");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your POCs" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Monaco has loaded and the editor is bound to the room's session (it is writable from then on).</summary>
    private static Task EditorReadyAsync(IPage page) =>
        Expect(page.Locator("#dojo-editor[data-bound=true] .monaco-editor[role=code]")).ToBeVisibleAsync();

    /// <summary>Waits until both editors hold every marker and the same text; returns it.</summary>
    private static async Task<string> ConvergedAsync(IPage one, IPage other, params string[] markers)
    {
        const string holds = "markers => { const v = blazorMonaco.editor.getEditor('dojo-editor').getModel().getValue(); return markers.every(m => v.includes(m)); }";
        await one.WaitForFunctionAsync(holds, markers);
        await other.WaitForFunctionAsync(holds, markers);
        var text = await one.EvaluateAsync<string>(EditorText);
        await other.WaitForFunctionAsync($"expected => ({EditorText})() === expected", text);
        await one.WaitForFunctionAsync($"expected => ({EditorText})() === expected", text);
        return text;
    }

    /// <summary>Puts the page's cursor at an offset and the focus in the editor, as a tap there would.</summary>
    private static async Task PlaceCursorAsync(IPage page, int offset) => await page.EvaluateAsync(
        "at => { const e = blazorMonaco.editor.getEditor('dojo-editor'); e.focus(); e.setPosition(e.getModel().getPositionAt(at)); }", offset);

    private static async Task<(int Offset, int Selecting)> CursorAsync(IPage page)
    {
        var cursor = await page.EvaluateAsync<int[]>(Cursor);
        return (cursor[0], cursor[1]);
    }
}
