using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;

namespace PocTracker.Infra;

/// <summary>
/// CloudWatch alarms on the managed services, all notifying the topic poctracker-alarms (an e-mail subscription when
/// the context value alarmEmail is set; ops add a pager or chat integration to the topic). The metrics are named by
/// the fixed identifiers the other stacks give (the DB cluster, the queues), so this stack exports nothing back.
/// The apps' own alerts (5xx per app, latencies, outbox lag, …) are Prometheus rules in the manifests; the load
/// balancer's 5xx are not alarmed here: the AWS Load Balancer Controller makes it, and a CloudWatch alarm needs its
/// full id (app/name/hash), known only once the Ingress exists.
/// </summary>
public sealed class AlarmsStack : Stack
{
    public Topic Notifications { get; }

    public AlarmsStack(Construct scope, string id, IStackProps props, DeploymentSettings settings) : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Notifications = new Topic(this, "Notifications", new TopicProps { TopicName = "poctracker-alarms", EnforceSSL = true });
        if (settings.AlarmEmail.Length > 0)
        {
            Notifications.AddSubscription(new EmailSubscription(settings.AlarmEmail));
        }

        var cluster = new Dictionary<string, string> { ["DBClusterIdentifier"] = DataStack.ClusterIdentifier };
        Alarm("DatabaseCpu", "Aurora CPU above 80% for 15 minutes: scale up (max ACUs) or find the query",
            Metric("AWS/RDS", "CPUUtilization", cluster, "Average"), 80, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 3);
        Alarm("DatabaseFreeableMemory", "Aurora freeable memory below 256 MiB: the instances are short of memory",
            Metric("AWS/RDS", "FreeableMemory", cluster, "Minimum"), 256 * 1024 * 1024, ComparisonOperator.LESS_THAN_THRESHOLD, periods: 3);
        Alarm("DatabaseConnections", "Aurora connections above 800: a pool leak or too many replicas",
            Metric("AWS/RDS", "DatabaseConnections", cluster, "Maximum"), 800, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 3);
        Alarm("DatabaseReplicaLag", "Aurora reader more than 2 s behind the writer: reads are stale, failover would lose time",
            Metric("AWS/RDS", "AuroraReplicaLagMaximum", cluster, "Maximum"), 2000, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 3);

        var deadLetters = new Dictionary<string, string> { ["QueueName"] = AppCatalogue.DeadLetterQueueName };
        // One message is enough: each is an event an app failed 10 times (e.g. an LGPD deletion): docs/operations.md.
        Alarm("DeadLetterDepth", "Events in poctracker-pubsub-dead-letters: an app keeps failing an event; fix the cause and redrive",
            Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", deadLetters, "Maximum"), 0, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 1);
        Alarm("DeadLetterAge", "A dead-lettered event older than 3 days: it expires after 14",
            Metric("AWS/SQS", "ApproximateAgeOfOldestMessage", deadLetters, "Maximum"), 3 * 24 * 3600, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 1);
        foreach (var consumer in AppCatalogue.Consumers)
        {
            Alarm($"QueueAge-{consumer.AppId}", $"Events wait more than 5 minutes in the {consumer.AppId} queue: the app is down or too slow",
                Metric("AWS/SQS", "ApproximateAgeOfOldestMessage", new Dictionary<string, string> { ["QueueName"] = consumer.AppId }, "Maximum"),
                300, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 2);
        }

        // Container Insights (the cluster's amazon-cloudwatch-observability add-on).
        var eks = new Dictionary<string, string> { ["ClusterName"] = ClusterStack.ClusterName };
        Alarm("ClusterFailedNodes", "An EKS node is not ready: its pods are rescheduled; check the node group",
            Metric("ContainerInsights", "cluster_failed_node_count", eks, "Maximum"), 0, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 2);
        Alarm("ClusterNodeCpu", "EKS nodes above 80% CPU for 15 minutes: the node groups need to grow",
            Metric("ContainerInsights", "node_cpu_utilization", eks, "Average"), 80, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 3);
        // Every app runs at least 2 replicas (its HPA's minimum): fewer running pods means some cannot start.
        Alarm("AppPodsRunning", "Fewer app pods running in namespace poctracker than the HPAs' minimum (2 per app)",
            Metric("ContainerInsights", "namespace_number_of_running_pods",
                new Dictionary<string, string> { ["ClusterName"] = ClusterStack.ClusterName, ["Namespace"] = AppCatalogue.Namespace }, "Minimum"),
            2 * AppCatalogue.Apps.Count, ComparisonOperator.LESS_THAN_THRESHOLD, periods: 2);
    }

    private static Metric Metric(string metricNamespace, string name, Dictionary<string, string> dimensions, string statistic) => new(new MetricProps
    {
        Namespace = metricNamespace,
        MetricName = name,
        DimensionsMap = dimensions,
        Statistic = statistic,
        Period = Duration.Minutes(5),
    });

    private void Alarm(string id, string description, Metric metric, double threshold, ComparisonOperator comparison, int periods)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            AlarmName = $"poctracker-{id}",
            AlarmDescription = description,
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = comparison,
            EvaluationPeriods = periods,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(new SnsAction(Notifications));
        alarm.AddOkAction(new SnsAction(Notifications));
    }
}
