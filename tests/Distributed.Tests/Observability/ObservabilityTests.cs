using System.Text.RegularExpressions;
using PocTracker.Distributed.Tests.Topology;

namespace PocTracker.Distributed.Tests.Observability;

/// <summary>
/// manifests/observability (issue 17) agrees with the code and the docs: every alert is complete and has its runbook in
/// docs/operations.md, every <c>poctracker_*</c> metric an alert or dashboard reads is an instrument an app defines (a
/// renamed instrument fails here, not silently on a cluster), every key operation of the issue has an alert, and every
/// app of dapr.yaml has a dashboard.
/// </summary>
public sealed partial class ObservabilityTests
{
    private static readonly Lazy<ObservabilityManifests> Rendered = new(() => ObservabilityManifests.Render(Topologies.RepositoryRoot));

    private static ObservabilityManifests Manifests => Rendered.Value;

    /// <summary>
    /// The issue's key operations and the series an alert must read to watch each (with what else its expression must
    /// say): an operation without such an alert is unwatched.
    /// </summary>
    public static readonly TheoryData<string, string, string[]> KeyOperations = new()
    {
        { "5xx rate per app", "http_server_request_duration_seconds_count", ["5..", "by (app)"] },
        { "p95 latency of search", "poctracker_pocs_search_duration_milliseconds_bucket", ["histogram_quantile(0.95"] },
        { "p95 latency of login", "http_server_request_duration_seconds_bucket", ["histogram_quantile(0.95", "/account/login"] },
        { "login failures spike", "poctracker_identity_logins_total", ["failed"] },
        { "lockouts spike", "poctracker_identity_lockouts_total", [] },
        { "refresh-token reuse", "poctracker_identity_refresh_token_reuses_total", [] },
        { "outbox lag", "poctracker_outbox_oldest_pending_age_seconds", [] },
        { "DLQ depth", "aws_sqs_approximate_number_of_messages_visible_maximum", ["poctracker-pubsub-dead-letters"] },
        { "video job failures", "poctracker_video_jobs_total", ["failed"] },
        { "video job queue age", "poctracker_video_job_queue_wait_seconds_bucket", [] },
        { "report job failures", "poctracker_reports_jobs_total", ["failed"] },
        { "report job queue age", "poctracker_reports_job_queue_wait_seconds_bucket", [] },
        { "dojo broadcast latency", "poctracker_dojo_broadcast_duration_milliseconds_bucket", [] },
        { "dojo rejected operations", "poctracker_dojo_refusals_total", [] },
        { "pod restarts", "kube_pod_container_status_restarts_total", [] },
        { "DB connection errors", "poctracker_outbox_relay_failures_total", [] },
    };

    [Fact]
    public void The_folder_renders_a_prometheus_rule_pod_monitors_dashboards_and_the_collector_config()
    {
        Assert.Contains("PrometheusRule", Manifests.Kinds);
        Assert.Contains("PodMonitor", Manifests.Kinds);
        Assert.NotEmpty(Manifests.Alerts);
        Assert.NotEmpty(Manifests.Dashboards);
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_description_and_a_runbook_heading_in_docs_operations()
    {
        var anchors = HeadingAnchors(File.ReadAllText(Path.Combine(Topologies.RepositoryRoot, "docs", "operations.md")));
        Assert.All(Manifests.Alerts, alert =>
        {
            Assert.True(alert.Labels.GetValueOrDefault("severity") is "critical" or "warning", $"{alert.Name}: severity is critical or warning");
            Assert.False(string.IsNullOrWhiteSpace(alert.Annotations.GetValueOrDefault("summary")), $"{alert.Name}: no summary");
            Assert.False(string.IsNullOrWhiteSpace(alert.Annotations.GetValueOrDefault("description")), $"{alert.Name}: no description");
            var runbook = RunbookUrl().Match(alert.Annotations.GetValueOrDefault("runbook_url") ?? "");
            Assert.True(runbook.Success, $"{alert.Name}: runbook_url is docs/operations.md#<anchor>");
            Assert.True(anchors.Contains(runbook.Groups["anchor"].Value), $"{alert.Name}: docs/operations.md has no heading #{runbook.Groups["anchor"].Value}");
        });
        Assert.Equal(Manifests.Alerts.Count, Manifests.Alerts.Select(a => a.Name).Distinct().Count());
    }

    [Fact]
    public void Every_poctracker_metric_an_alert_or_a_dashboard_reads_is_an_instrument_the_apps_define()
    {
        var instruments = AppInstruments.Read(Topologies.RepositoryRoot);
        var series = instruments.SelectMany(i => i.SeriesNames).ToHashSet(StringComparer.Ordinal);
        var queries = Manifests.Alerts.Select(a => ($"alert {a.Name}", a.Expression))
            .Concat(Manifests.Dashboards.SelectMany(d => ObservabilityManifests.PanelExpressions(d).Select(p => ($"dashboard {d.App}, panel '{p.Panel}'", p.Expression))))
            .ToList();

        var unknown = queries
            .SelectMany(q => PocTrackerMetric().Matches(q.Expression).Select(m => (Where: q.Item1, Metric: m.Value)))
            .Where(use => !series.Contains(use.Metric))
            .Select(use => $"{use.Where}: {use.Metric}")
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0,
            "Metrics no app defines (the apps export: " + string.Join(", ", instruments.Select(i => i.PrometheusName).Order()) + "):\n" + string.Join("\n", unknown));
        Assert.Contains(queries, q => PocTrackerMetric().IsMatch(q.Expression)); // the check reads something
    }

    [Fact]
    public void The_instrument_scan_maps_names_as_the_exporter_does()
    {
        var instruments = AppInstruments.Read(Topologies.RepositoryRoot).ToDictionary(i => i.Name, i => i.PrometheusName, StringComparer.Ordinal);

        // As scraped from a running app's /metrics (docs/operations.md, "Endpoints for the platform").
        Assert.Equal("poctracker_pocs_searches_total", instruments["poctracker.pocs.searches"]);
        Assert.Equal("poctracker_pocs_search_duration_milliseconds", instruments["poctracker.pocs.search.duration"]);
        Assert.Equal("poctracker_outbox_oldest_pending_age_seconds", instruments["poctracker.outbox.oldest_pending.age"]);
        Assert.Equal("poctracker_pocs_search_index_pocs", instruments["poctracker.pocs.search_index.pocs"]);
    }

    [Theory]
    [MemberData(nameof(KeyOperations))]
    public void Every_key_operation_of_the_issue_has_an_alert(string operation, string series, string[] alsoSays)
    {
        Assert.True(
            Manifests.Alerts.Any(a => ReadsSeries(a.Expression, series) && alsoSays.All(s => a.Expression.Contains(s, StringComparison.Ordinal))),
            $"No alert watches '{operation}': none reads {series}" + (alsoSays.Length > 0 ? $" with {string.Join(", ", alsoSays)}" : "") + ".");
    }

    [Fact]
    public void Every_dashboard_parses_and_has_panels_with_queries()
    {
        Assert.All(Manifests.Dashboards, dashboard =>
        {
            var expressions = ObservabilityManifests.PanelExpressions(dashboard);
            Assert.True(expressions.Count > 0, $"{dashboard.FileName}: no panel with a query");
            Assert.All(expressions, e => Assert.False(string.IsNullOrWhiteSpace(e.Expression), $"{dashboard.FileName}, panel '{e.Panel}': empty query"));
        });
    }

    [Fact]
    public void The_apps_with_a_dashboard_are_the_apps_of_dapr_yaml()
    {
        var apps = Topologies.Read(Topologies.Repository).Apps.Select(a => a.AppId).Order().ToList();

        Assert.Equal(apps, Manifests.Dashboards.Select(d => d.App).Order().ToList());
    }

    private static bool ReadsSeries(string expression, string series) =>
        Regex.IsMatch(expression, $@"(?<![A-Za-z0-9_:]){Regex.Escape(series)}(?![A-Za-z0-9_:])");

    /// <summary>The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> HeadingAnchors(string markdown) =>
        Heading().Matches(markdown)
            .Select(m => Regex.Replace(m.Groups["text"].Value.Trim().ToLowerInvariant(), "[^a-z0-9 _-]", "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^docs/operations\.md#(?<anchor>[a-z0-9_-]+)$")]
    private static partial Regex RunbookUrl();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:])poctracker_[a-z0-9_]+")]
    private static partial Regex PocTrackerMetric();
}
