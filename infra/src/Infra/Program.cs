using Amazon.CDK;
using PocTracker.Infra;

// `cdk synth` / `cdk deploy --all` run this (infra/cdk.json); the stacks are described in docs/aws.md.
var app = new App();
PocTrackerStacks.Create(app, DeploymentSettings.From(app));
app.Synth();
