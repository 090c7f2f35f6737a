using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PocTracker.Infra.Tests;

public sealed partial class MessagingTests(SynthesisedApp app)
{
    [Fact]
    public void The_dead_letter_queue_is_the_one_the_pubsub_component_names()
    {
        var queueNames = app.Resources(app.Stacks.Messaging, "AWS::SQS::Queue").Select(q => q.Properties.GetProperty("QueueName").GetString());

        Assert.Contains(PubSubMetadata("pubsub.yaml")["sqsDeadLettersQueueName"], queueNames);
        Assert.Equal(AppCatalogue.DeadLetterQueueName, PubSubMetadata("pubsub.yaml")["sqsDeadLettersQueueName"]);
    }

    [Fact]
    public void Every_other_queue_hands_failing_messages_to_the_dead_letter_queue_after_the_components_receive_limit()
    {
        var queues = app.Json(app.Stacks.Messaging).GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::SQS::Queue").ToList();
        var deadLetters = Assert.Single(queues, q => q.Value.GetProperty("Properties").GetProperty("QueueName").GetString() == AppCatalogue.DeadLetterQueueName);
        var others = queues.Where(q => q.Name != deadLetters.Name).ToList();

        Assert.NotEmpty(others);
        Assert.All(others, q =>
        {
            var redrive = q.Value.GetProperty("Properties").GetProperty("RedrivePolicy");
            Assert.Equal("${" + deadLetters.Name + ".Arn}", Cfn.Render(redrive.GetProperty("deadLetterTargetArn")));
            Assert.Equal(int.Parse(PubSubMetadata("pubsub.yaml")["messageReceiveLimit"], System.Globalization.CultureInfo.InvariantCulture),
                redrive.GetProperty("maxReceiveCount").GetInt32());
        });
    }

    [Fact]
    public void Every_queue_is_encrypted()
    {
        Assert.All(app.Resources(app.Stacks.Messaging, "AWS::SQS::Queue"), q => Assert.True(q.Properties.GetProperty("SqsManagedSseEnabled").GetBoolean()));
    }

    [Fact]
    public void Each_consumer_queue_is_subscribed_to_exactly_the_topics_its_app_consumes()
    {
        var topicNames = app.Json(app.Stacks.Messaging).GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::SNS::Topic")
            .ToDictionary(r => "${" + r.Name + "}", r => r.Value.GetProperty("Properties").GetProperty("TopicName").GetString()!, StringComparer.Ordinal);
        var queueNames = app.Json(app.Stacks.Messaging).GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::SQS::Queue")
            .ToDictionary(r => "${" + r.Name + ".Arn}", r => r.Value.GetProperty("Properties").GetProperty("QueueName").GetString()!, StringComparer.Ordinal);
        var subscriptions = app.Resources(app.Stacks.Messaging, "AWS::SNS::Subscription")
            .Select(s => (Queue: queueNames[Cfn.Render(s.Properties.GetProperty("Endpoint"))], Topic: topicNames[Cfn.Render(s.Properties.GetProperty("TopicArn"))]))
            .ToList();

        foreach (var consumer in AppCatalogue.Consumers)
        {
            Assert.Equal(consumer.Consumes.Order(StringComparer.Ordinal), subscriptions.Where(s => s.Queue == consumer.AppId).Select(s => s.Topic).Order(StringComparer.Ordinal));
        }

        Assert.Equal(subscriptions.Count, AppCatalogue.Consumers.Sum(c => c.Consumes.Count));
    }

    [Fact]
    public void A_topic_exists_for_every_integration_event_and_dojo_fan_out_topic()
    {
        var topics = app.Resources(app.Stacks.Messaging, "AWS::SNS::Topic").Select(t => t.Properties.GetProperty("TopicName").GetString()).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(AppCatalogue.IntegrationTopics.Concat(AppCatalogue.DojoTopics).ToHashSet(StringComparer.Ordinal), topics!);
    }

    [Fact]
    public void The_catalogue_matches_the_events_the_apps_declare()
    {
        // The apps say what they publish and consume in their modules; the topics, queues and roles follow the catalogue.
        var apps = Path.Combine(RepositoryRoot(), "apps");
        var declared = Directory.EnumerateDirectories(apps)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*Module.cs"))
            .SelectMany(f => Declarations().Matches(File.ReadAllText(f)).Select(m => (
                App: Path.GetFileName(Path.GetDirectoryName(f))!.ToLowerInvariant(), Kind: m.Groups["kind"].Value, Event: m.Groups["event"].Value)))
            .ToList();

        Assert.NotEmpty(declared);
        foreach (var app in AppCatalogue.Apps)
        {
            Assert.Equal(declared.Where(d => d.App == app.AppId && d.Kind == "Publisher").Select(d => d.Event).Order(StringComparer.Ordinal), app.Publishes.Order(StringComparer.Ordinal));
            Assert.Equal(declared.Where(d => d.App == app.AppId && d.Kind == "Handler").Select(d => d.Event).Order(StringComparer.Ordinal), app.Consumes.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("pubsub.yaml", "true")] // CDK owns topics, queues and subscriptions
    [InlineData("dojo-pubsub.yaml", "false")] // a queue per pod, made by Dapr
    public void The_components_entity_management_matches_who_owns_the_entities(string component, string disableEntityManagement) =>
        Assert.Equal(disableEntityManagement, PubSubMetadata(component)["disableEntityManagement"]);

    [GeneratedRegex(@"AddIntegrationEvent(?<kind>Publisher|Handler)<(?<event>\w+IntegrationEvent)\b")]
    private static partial Regex Declarations();

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PocTracker.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PocTracker.sln not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> PubSubMetadata(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot(), "components", "aws", file)));
        yaml.Load(reader);
        var metadata = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["spec"])["metadata"];
        return metadata.Children.Cast<YamlMappingNode>().ToDictionary(m => ((YamlScalarNode)m["name"]).Value!, m => ((YamlScalarNode)m["value"]).Value!, StringComparer.Ordinal);
    }
}
