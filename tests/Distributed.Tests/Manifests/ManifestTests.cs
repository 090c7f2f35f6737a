using System.Text.RegularExpressions;
using PocTracker.Distributed.Tests.Topology;
using PocTracker.ServiceDefaults.Sidecar;

namespace PocTracker.Distributed.Tests.Manifests;

/// <summary>
/// manifests/overlays/aws and manifests/overlays/local as kubectl renders them (issue 17): every workload follows the
/// pod policies, the Dapr apps are dapr.yaml's, every component the code needs is there and scoped, every app with a
/// database has its migrate Job; on AWS the IRSA roles, no literal secret, the ALB Ingress. Each check is also run on
/// a broken manifest (<see cref="BrokenManifestTests"/>), so none passes by finding nothing to look at.
/// </summary>
public sealed partial class ManifestTests
{
    public static TheoryData<string> Overlays => [Kustomize.Aws, Kustomize.Local];

    private static readonly DaprTopology Topology = Topologies.Read(Topologies.Repository);

    private static IReadOnlyList<string> AppIds => [.. Topology.Apps.Select(a => a.AppId)];

    /// <summary>The apps with a database: the ones whose code needs the secret store (their connection strings).</summary>
    private static IEnumerable<string> AppsWithDatabase => AppIds.Where(id => AppsRequirements.Of(id).Any(r => r.Kind == DaprComponentKind.SecretStore));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_overlay_renders_in_namespace_poctracker(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);

        Assert.Contains(manifests.Objects, o => o.Kind == "Namespace" && o.Name == ManifestChecks.Namespace);
        var elsewhere = manifests.Objects.Where(o => o.Kind != "Namespace" && o.Namespace != ManifestChecks.Namespace && !(o.Kind == "Configuration" && o.Namespace == "dapr-system"));
        Assert.True(!elsewhere.Any(), "outside namespace poctracker: " + string.Join(", ", elsewhere.Select(o => $"{o} ({o.Namespace ?? "none"})")));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_workload_has_probes_resources_a_locked_down_pod_zone_spread_a_PDB_and_an_HPA(string overlay)
    {
        // A local cluster may run one replica of each app (its overlay says why); EKS runs at least two.
        var findings = ManifestChecks.WorkloadPolicies(Kustomize.Overlay(overlay), minReplicas: overlay == Kustomize.Aws ? 2 : 1);

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_job_runs_locked_down_with_requests_and_limits(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);
        var findings = ManifestChecks.JobPolicies(manifests);

        Assert.Contains(manifests.Objects, o => o.Kind == "CronJob");
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_Dapr_workloads_are_dapr_yamls_apps_with_their_configuration_token_and_sidecar_resources(string overlay)
    {
        var findings = ManifestChecks.DaprApps(Kustomize.Overlay(overlay), AppIds);

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_component_the_apps_code_needs_is_a_Component_of_the_overlay_scoped_to_the_app(string overlay)
    {
        var findings = ManifestChecks.Components(Kustomize.Overlay(overlay), AppIds, AppsRequirements.Of);

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_overlay_includes_its_components_folder(string overlay)
    {
        // The aws overlay takes components/aws as it is; the local one patches components/local's types for a cluster.
        var findings = overlay == Kustomize.Aws
            ? ManifestChecks.IncludesComponentsFolder(Kustomize.Overlay(overlay), Topology.Aws, typesUnchanged: true)
            : ManifestChecks.IncludesComponentsFolder(Kustomize.Overlay(overlay), Topology.Local, typesUnchanged: false);

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_app_with_a_database_has_a_migrate_job(string overlay)
    {
        var apps = AppsWithDatabase.ToList();
        var findings = ManifestChecks.MigrateJobs(Kustomize.Overlay(overlay), apps);

        Assert.NotEmpty(apps);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Only_the_gateway_takes_outside_traffic_and_metrics_only_the_monitoring_namespace(string overlay)
    {
        var findings = ManifestChecks.NetworkPolicies(Kustomize.Overlay(overlay));

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void On_AWS_every_apps_ServiceAccount_has_its_IRSA_role()
    {
        var findings = ManifestChecks.IrsaRoles(Kustomize.Overlay(Kustomize.Aws), AppIds);

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void On_AWS_no_Secret_holds_a_literal_value()
    {
        var manifests = Kustomize.Overlay(Kustomize.Aws);

        Assert.NotEmpty(manifests.OfKind("ExternalSecret"));
        var findings = ManifestChecks.NoLiteralSecrets(manifests);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void On_AWS_the_External_Secrets_objects_use_the_API_current_operators_serve()
    {
        // External Secrets 0.17 stopped serving v1beta1: such an object would be refused by a current operator.
        var objects = Kustomize.Overlay(Kustomize.Aws).Objects.Where(o => o.Scalar("apiVersion")?.StartsWith("external-secrets.io/", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.Equal("external-secrets.io/v1", o.Scalar("apiVersion")));
    }

    [Fact]
    public void On_AWS_the_ALB_ingress_goes_to_the_gateway_over_TLS_with_a_sticky_dojo_hub()
    {
        var findings = ManifestChecks.AlbIngress(Kustomize.Overlay(Kustomize.Aws));

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void On_AWS_every_image_is_the_apps_ECR_repository()
    {
        var images = Kustomize.Overlay(Kustomize.Aws).Objects
            .Select(o => (Object: o, Pod: o.PodTemplate)).Where(p => p.Pod is not null)
            .SelectMany(p => KubeObject.Items(p.Pod, "spec", "containers").Select(c => (p.Object, Image: KubeObject.ScalarAt(c, "image") ?? "")))
            .ToList();

        Assert.NotEmpty(images);
        var elsewhere = images.Where(i => !EcrImage().IsMatch(i.Image)).Select(i => $"{i.Object}: {i.Image}");
        Assert.True(!elsewhere.Any(), "not an ECR image of sa-east-1: " + string.Join("; ", elsewhere));
    }

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr\.sa-east-1\.amazonaws\.com/poctracker/[a-z]+:[A-Za-z0-9_.-]+$")]
    private static partial Regex EcrImage();
}
