using Amazon.CDK;

namespace PocTracker.Infra;

/// <summary>Every stack of the app (ids: PocTracker-*), wired together; the tests synthesise exactly this.</summary>
public sealed record PocTrackerStacks(
    NetworkStack Network, DataStack Data, MessagingStack Messaging, RegistryStack Registry, ClusterStack Cluster, AlarmsStack Alarms)
{
    public static PocTrackerStacks Create(App app, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        // The VPC checks the AZs it is given against the account's, which CDK would otherwise look up in AWS
        // (credentials at synthesis): they are known, so say them. A cdk.context.json entry still wins.
        var azContextKey = $"availability-zones:account={settings.Account}:region={DeploymentSettings.Region}";
        if (app.Node.TryGetContext(azContextKey) is null)
        {
            app.Node.SetContext(azContextKey, DeploymentSettings.AvailabilityZones.ToArray());
        }

        var props = new StackProps { Env = settings.Environment, TerminationProtection = true };
        var network = new NetworkStack(app, "PocTracker-Network", props);
        var data = new DataStack(app, "PocTracker-Data", props, network.Vpc, settings.PublicHost);
        var messaging = new MessagingStack(app, "PocTracker-Messaging", props);
        var registry = new RegistryStack(app, "PocTracker-Registry", props, settings);
        var cluster = new ClusterStack(app, "PocTracker-Cluster", props, network.Vpc, data, RegistryStack.DeployRoleName);
        cluster.AddDependency(registry, "the deploy role's access entry names the role");
        cluster.AddDependency(messaging, "the apps' roles name the topics and queues");
        var alarms = new AlarmsStack(app, "PocTracker-Alarms", props, settings);
        alarms.AddDependency(data, "alarms on the DB cluster");
        alarms.AddDependency(messaging, "alarms on the queues");
        Tags.Of(app).Add("project", "poctracker");
        return new PocTrackerStacks(network, data, messaging, registry, cluster, alarms);
    }
}
