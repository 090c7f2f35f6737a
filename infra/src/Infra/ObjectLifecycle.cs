using Amazon.CDK;
using Amazon.CDK.AWS.S3;

namespace PocTracker.Infra;

/// <summary>
/// How long objects stay in the bucket. Keys start with the tenant ({tenant}/reports/{job}/{file},
/// {tenant}/videos/{video}/year-video.mp4), and a lifecycle rule can filter only by a key's beginning or by tags, so
/// report files are found by their tag (poctracker:kind=reports: ServiceDefaults' S3ObjectStorage tags every object with
/// its key's second segment).
/// - report files: the app's sweep deletes them after 24 hours (docs/reports.md, "Expiry"); the rule is the backstop
///   for a file the sweep missed (a job row lost with its file still stored);
/// - videos are kept until their owner's account is deleted (docs/video.md): no expiry rule, by design;
/// - uploads that never completed (a pod that died mid-upload) cost storage and are never visible: gone after a day.
/// </summary>
public static class ObjectLifecycle
{
    public const string KindTag = "poctracker:kind";

    public const string ReportKind = "reports";

    public static readonly ILifecycleRule[] Rules =
    [
        new LifecycleRule
        {
            Id = "expire-report-files",
            TagFilters = new Dictionary<string, object> { [KindTag] = ReportKind },
            Expiration = Duration.Days(2),
        },
        new LifecycleRule
        {
            Id = "abort-incomplete-uploads",
            AbortIncompleteMultipartUploadAfter = Duration.Days(1),
        },
    ];
}
