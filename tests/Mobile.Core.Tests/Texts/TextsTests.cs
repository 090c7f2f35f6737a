using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PocTracker.Mobile.Core.PocEdit;

namespace PocTracker.Mobile.Core.Tests.Texts;

public sealed class TextsTests
{
    private static readonly string CoreFolder = Path.Combine(TestSupport.StandaloneProcess.RepositoryRoot(), "mobile-reactor", "PocTracker.Mobile.Core");

    public static TheoryData<string> EnglishFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(CoreFolder, "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".pt-BR.resx", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            files.Add(Path.GetRelativePath(CoreFolder, file));
        }

        return files;
    }

    [Fact]
    public void EveryFolderWithAPageHasItsTexts()
    {
        // A page is a type implementing IPage; its feature folder is its namespace's last part (PocTracker.Mobile.Core.PocList).
        var features = typeof(Core.Mvu.IPage<,,>).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Core.Mvu.IPage<,,>)))
            .Select(t => t.Namespace!.Split('.')[^1]).Distinct().ToList();

        Assert.True(features.Count >= 8, $"only {features.Count} features with pages: {string.Join(", ", features)}");
        Assert.All(features, feature => Assert.True(
            File.Exists(Path.Combine(CoreFolder, feature, feature + "Text.resx")),
            $"{feature} has a page but no {feature}/{feature}Text.resx"));
    }

    [Theory]
    [MemberData(nameof(EnglishFiles))]
    public void EveryTextHasAPortugueseTwinWithTheSameKeysAndNoEmptyValue(string englishFile)
    {
        var english = Texts(Path.Combine(CoreFolder, englishFile));
        var portuguese = Texts(Path.Combine(CoreFolder, englishFile.Replace(".resx", ".pt-BR.resx", StringComparison.Ordinal)));

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), portuguese.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(english.Concat(portuguese), pair => string.IsNullOrWhiteSpace(pair.Value));
    }

    [Fact]
    public void TheLocalizerReadsTheKeysTheStateCarriesInBothLanguages()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var texts = new StringLocalizer<PocEditText>(factory);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("pt-BR");
            Assert.Equal("O nome é obrigatório.", texts[PocEditText.NameRequired].Value);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("The name is required.", texts[PocEditText.NameRequired].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
