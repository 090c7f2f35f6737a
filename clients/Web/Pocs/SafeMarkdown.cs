using Markdig;
using Markdig.Syntax;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace PocTracker.Web.Pocs;

/// <summary>
/// A POC's notes (markdown anyone in the tenant may have written) as HTML that is safe to put in the page: raw HTML in
/// the markdown is written out as text (Markdig's <c>DisableHtml</c>), and a link or image whose address is not
/// <c>http</c>, <c>https</c> or <c>mailto</c> (<c>javascript:</c>, <c>data:</c>, <c>vbscript:</c>, a relative path) keeps only
/// its text. Every other piece of HTML is Markdig's own, with text escaped.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks() // www.… and https://… in running text become links (then checked like any other)
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsSafe(link.Url))
            {
                if (!link.IsImage)
                {
                    link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
                }
            }
            else
            {
                KeepTextOnly(link);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        return Markdown.ToHtml(document, Pipeline);
    }

    /// <summary>Only an absolute address with one of the safe schemes (a browser ignores case and leading blanks there; so does this).</summary>
    public static bool IsSafe(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var address)
        && SafeSchemes.Contains(address.Scheme, StringComparer.OrdinalIgnoreCase);

    /// <summary>The link goes, its text stays (an image becomes its alternative text).</summary>
    private static void KeepTextOnly(LinkInline link)
    {
        if (link.IsImage)
        {
            link.ReplaceBy(new LiteralInline(string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()))), copyChildren: false);
            return;
        }

        var children = link.ToList();
        Inline position = link;
        foreach (var child in children)
        {
            child.Remove();
            position.InsertAfter(child);
            position = child;
        }

        link.Remove();
    }
}
