namespace PocTracker.Infra.Tests;

public sealed class SynthesisTests(SynthesisedApp app)
{
    [Fact]
    public void The_app_synthesises_offline_without_context_lookups() => Assert.Empty(app.MissingContext);

    [Fact]
    public void Every_stack_is_in_sa_east_1_and_protected_from_deletion()
    {
        foreach (var stack in new Amazon.CDK.Stack[] { app.Stacks.Network, app.Stacks.Data, app.Stacks.Messaging, app.Stacks.Registry, app.Stacks.Cluster, app.Stacks.Alarms })
        {
            Assert.Equal("sa-east-1", stack.Region);
            Assert.StartsWith("PocTracker-", stack.StackName, StringComparison.Ordinal);
            Assert.True(stack.TerminationProtection, stack.StackName);
        }
    }
}
