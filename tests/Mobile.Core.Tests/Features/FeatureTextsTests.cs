using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.PocEdit;
using PocTracker.Mobile.Core.Reports;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.YearVideo;

namespace PocTracker.Mobile.Core.Tests.Features;

public sealed class FeatureTextsTests
{
    private static readonly string[] FailureKeys = [FailureTexts.Offline, FailureTexts.SignedOut, FailureTexts.Unexpected, FailureTexts.TryAgainInMinutes];

    public static TheoryData<Type, string> KeysTheViewsUse()
    {
        var data = new TheoryData<Type, string>();
        foreach (var key in FailureKeys)
        {
            data.Add(typeof(ReportsText), key);
            data.Add(typeof(YearVideoText), key);
            data.Add(typeof(DojoText), key);
            data.Add(typeof(AccountText), key);
        }

        foreach (var status in new[] { ReportStatuses.Queued, ReportStatuses.Running, ReportStatuses.Succeeded, ReportStatuses.Failed })
        {
            data.Add(typeof(ReportsText), $"Status_{status}");
            data.Add(typeof(YearVideoText), $"Status_{status}");
        }

        foreach (var stage in new[] { "collecting", "writing", "rendering", "encoding", "storing" })
        {
            data.Add(typeof(YearVideoText), $"Stage_{stage}");
        }

        foreach (var culture in new[] { VideoCultures.Portuguese, VideoCultures.English })
        {
            data.Add(typeof(YearVideoText), $"Culture_{culture}");
        }

        foreach (var status in Enum.GetNames<RoomConnectionStatus>())
        {
            data.Add(typeof(DojoText), $"Connection_{status}");
        }

        foreach (var step in Enum.GetNames<TwoStepStep>())
        {
            data.Add(typeof(AccountText), $"TwoStep_{step}");
        }

        data.Add(typeof(AccountText), "DeleteConfirmationWord");

        // Every outcome of "from GitHub" the form can show (PocEdit/GitHubFill.MessageKey), and the labels around it.
        GitHubFill[] fills = [GitHubFill.Reading, new(GitHubFillStatus.Filled, ["name"], []), new(GitHubFillStatus.Filled, [], ["name"]),
            .. Enum.GetValues<GitHubFillStatus>().Select(status => new GitHubFill(status)), new(GitHubFillStatus.Unavailable, RetryInSeconds: 5)];
        foreach (var key in fills.Select(f => f.MessageKey).OfType<string>().Distinct().Append(PocEditText.GitHubKept).Append(PocEditText.FieldGitHubUrl).Append(PocEditText.FillFromGitHub))
        {
            data.Add(typeof(PocEditText), key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KeysTheViewsUse))]
    public void Every_key_the_views_use_is_in_english_and_portuguese(Type texts, string key)
    {
        var english = Text(texts, key, "en");
        var portuguese = Text(texts, key, "pt-BR");

        Assert.False(english.ResourceNotFound, $"{texts.Name}.{key} (en)");
        Assert.False(portuguese.ResourceNotFound, $"{texts.Name}.{key} (pt-BR)");
    }

    [Fact]
    public void The_deletion_word_is_the_persons_language()
    {
        Assert.Equal("DELETE", Text(typeof(AccountText), "DeleteConfirmationWord", "en").Value);
        Assert.Equal("EXCLUIR", Text(typeof(AccountText), "DeleteConfirmationWord", "pt-BR").Value);
    }

    private static LocalizedString Text(Type texts, string key, string culture)
    {
        // The app has logging; the localizer factory only needs a logger factory.
        using var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddLocalization().BuildServiceProvider();
        var localizer = (IStringLocalizer)services.GetRequiredService(typeof(IStringLocalizer<>).MakeGenericType(texts));
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return localizer[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
