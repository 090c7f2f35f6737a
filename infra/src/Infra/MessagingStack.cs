using Amazon.CDK;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace PocTracker.Infra;

/// <summary>
/// What Dapr's SNS/SQS pub/sub (components/aws/pubsub.yaml) uses: an SNS topic per integration event (named after
/// the event type), an SQS queue per consuming app (named after its app id, Dapr's consumerID) subscribed to the
/// topics it consumes, and the dead-letter queue every such queue hands a message to after 10 receives.
/// CDK owns these entities and the component runs with disableEntityManagement: "true", so the apps' roles need no
/// sns:CreateTopic, sqs:CreateQueue, sqs:SetQueueAttributes or sns:Subscribe, and the dead-letter queue exists
/// (with its alarm) before the first message fails. The dojo's fan-out topics are made here too; its per-pod
/// queues (dojo-{podName}) are made by Dapr (components/aws/dojo-pubsub.yaml): pods come and go.
/// </summary>
public sealed class MessagingStack : Stack
{
    /// <summary>pubsub.yaml's messageReceiveLimit: receives before SQS moves a message to the dead-letter queue.</summary>
    public const int MaxReceiveCount = 10;

    public Queue DeadLetters { get; }

    public IReadOnlyDictionary<string, Queue> ConsumerQueues { get; }

    public MessagingStack(Construct scope, string id, IStackProps props) : base(scope, id, props)
    {
        DeadLetters = new Queue(this, "DeadLetters", new QueueProps
        {
            QueueName = AppCatalogue.DeadLetterQueueName,
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = Duration.Days(14), // SQS's longest: time for ops to fix the cause and redrive
        });

        var topics = new Dictionary<string, Topic>(StringComparer.Ordinal);
        foreach (var name in AppCatalogue.IntegrationTopics.Concat(AppCatalogue.DojoTopics))
        {
            topics[name] = new Topic(this, name, new TopicProps { TopicName = name, EnforceSSL = true });
        }

        var queues = new Dictionary<string, Queue>(StringComparer.Ordinal);
        foreach (var consumer in AppCatalogue.Consumers)
        {
            var queue = new Queue(this, $"{consumer.AppId}-queue", new QueueProps
            {
                QueueName = consumer.AppId,
                Encryption = QueueEncryption.SQS_MANAGED,
                EnforceSSL = true,
                VisibilityTimeout = Duration.Seconds(30), // pubsub.yaml's messageVisibilityTimeout
                RetentionPeriod = Duration.Days(4),
                DeadLetterQueue = new DeadLetterQueue { Queue = DeadLetters, MaxReceiveCount = MaxReceiveCount },
            });
            foreach (var topic in consumer.Consumes)
            {
                // Not raw: Dapr reads the SNS envelope.
                topics[topic].AddSubscription(new SqsSubscription(queue));
            }

            queues[consumer.AppId] = queue;
        }

        ConsumerQueues = queues;
    }
}
