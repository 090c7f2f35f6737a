using PocTracker.Web.Pocs;

namespace PocTracker.Web.Tests.Pocs;

/// <summary>Notes are markdown anyone in the tenant may write: what reaches the page must be inert.</summary>
public sealed class SafeMarkdownTests : WebTestContext
{
    [Fact]
    public void Raw_html_is_written_out_as_text()
    {
        var view = Render<MarkdownView>(p => p.Add(x => x.Markdown, "Before\n\n<script>alert(1)</script>\n\ninline <img src=x onerror=alert(2)> too"));

        Assert.Empty(view.FindAll("script"));
        Assert.Empty(view.FindAll("img"));
        Assert.Contains("<script>alert(1)</script>", view.Find(".markdown").TextContent, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(2)>", view.Find(".markdown").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", "click")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "click")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)", "click")]
    [InlineData("[click](vbscript:msgbox)", "click")]
    [InlineData("[click](/relative/path)", "click")]
    [InlineData("[**bold** click][ref]\n\n[ref]: javascript:alert(1)", "bold click")]
    [InlineData("![a cat](javascript:alert(1))", "a cat")]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    public void A_link_that_is_not_http_https_or_mailto_keeps_only_its_text(string markdown, string text)
    {
        var view = Render<MarkdownView>(p => p.Add(x => x.Markdown, markdown));

        Assert.Empty(view.FindAll("a"));
        Assert.Empty(view.FindAll("img"));
        Assert.Equal(text, view.Find(".markdown p").TextContent);
    }

    [Theory]
    [InlineData("[docs](https://learn.microsoft.com/)", "https://learn.microsoft.com/")]
    [InlineData("[plain](http://example.com/a?b=c)", "http://example.com/a?b=c")]
    [InlineData("[write](mailto:ana@demo.poctracker.dev)", "mailto:ana@demo.poctracker.dev")]
    [InlineData("<https://github.com/ana/nfe>", "https://github.com/ana/nfe")]
    public void Http_https_and_mailto_links_stay_links(string markdown, string href)
    {
        var view = Render<MarkdownView>(p => p.Add(x => x.Markdown, markdown));

        var link = view.Find(".markdown a");
        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Fact]
    public void Markdown_is_rendered()
    {
        var view = Render<MarkdownView>(p => p.Add(x => x.Markdown, "## Plan\n\n- **XML** first\n- then `code`\n\n```\nvar x = 1 < 2;\n```"));

        Assert.Equal("Plan", view.Find("h2").TextContent);
        Assert.Equal("XML", view.Find("li strong").TextContent);
        Assert.Equal("code", view.Find("li code").TextContent);
        Assert.Equal("var x = 1 < 2;\n", view.Find("pre code").TextContent);
    }
}
