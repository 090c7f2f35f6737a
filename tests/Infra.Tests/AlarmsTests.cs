using System.Text.Json;

namespace PocTracker.Infra.Tests;

public sealed class AlarmsTests(SynthesisedApp app)
{
    [Fact]
    public void The_dead_letter_queue_depth_alarms_at_its_first_message()
    {
        var alarm = Alarm("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", AppCatalogue.DeadLetterQueueName);

        Assert.Equal(0, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal("GreaterThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
        NotifiesOps(alarm);
    }

    [Fact]
    public void Every_consumer_queue_alarms_on_the_age_of_its_oldest_message()
    {
        foreach (var consumer in AppCatalogue.Consumers)
        {
            NotifiesOps(Alarm("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", consumer.AppId));
        }
    }

    [Theory]
    [InlineData("CPUUtilization")]
    [InlineData("FreeableMemory")]
    [InlineData("DatabaseConnections")]
    [InlineData("AuroraReplicaLagMaximum")]
    public void Aurora_alarms_on(string metric) => NotifiesOps(Alarm("AWS/RDS", metric, "DBClusterIdentifier", DataStack.ClusterIdentifier));

    [Theory]
    [InlineData("cluster_failed_node_count")]
    [InlineData("node_cpu_utilization")]
    public void The_cluster_alarms_on(string metric) => NotifiesOps(Alarm("ContainerInsights", metric, "ClusterName", ClusterStack.ClusterName));

    [Fact]
    public void Too_few_running_app_pods_alarm()
    {
        var alarm = Alarm("ContainerInsights", "namespace_number_of_running_pods", "Namespace", "poctracker");

        Assert.Equal(12, alarm.GetProperty("Threshold").GetDouble()); // 6 apps, 2 replicas each at least
        Assert.Equal("LessThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
        NotifiesOps(alarm);
    }

    [Fact]
    public void The_DB_cluster_the_alarms_watch_is_the_one_made()
    {
        var cluster = Assert.Single(app.Resources(app.Stacks.Data, "AWS::RDS::DBCluster"));

        Assert.Equal(DataStack.ClusterIdentifier, cluster.Properties.GetProperty("DBClusterIdentifier").GetString());
    }

    private JsonElement Alarm(string metricNamespace, string metric, string dimension, string value) =>
        Assert.Single(app.Resources(app.Stacks.Alarms, "AWS::CloudWatch::Alarm").Select(a => a.Properties), a =>
            a.GetProperty("Namespace").GetString() == metricNamespace
            && a.GetProperty("MetricName").GetString() == metric
            && a.GetProperty("Dimensions").EnumerateArray().Any(d => d.GetProperty("Name").GetString() == dimension && d.GetProperty("Value").GetString() == value));

    private void NotifiesOps(JsonElement alarm)
    {
        var topicId = Assert.Single(app.Resources(app.Stacks.Alarms, "AWS::SNS::Topic"), t => t.Properties.GetProperty("TopicName").GetString() == "poctracker-alarms").Id;

        Assert.Contains("${" + topicId + "}", alarm.GetProperty("AlarmActions").EnumerateArray().Select(Cfn.Render));
    }
}
