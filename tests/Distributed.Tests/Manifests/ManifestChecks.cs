using System.Globalization;
using System.Text.RegularExpressions;
using PocTracker.Contracts.Apps;
using PocTracker.Distributed.Tests.Topology;
using PocTracker.ServiceDefaults.Sidecar;
using YamlDotNet.RepresentationModel;

namespace PocTracker.Distributed.Tests.Manifests;

/// <summary>
/// The policies issue 17 sets for the manifests, each a function from rendered objects to findings (one line per
/// problem, empty when the policy holds), so the tests can run them on the overlays and on a broken manifest alike.
/// </summary>
public static partial class ManifestChecks
{
    public const string Namespace = "poctracker";

    /// <summary>
    /// Every PocTracker workload: probes on /health/live and /health/ready, requests and limits, non-root, a read-only
    /// root file system without privileges, seccomp RuntimeDefault, spread across zones, a PodDisruptionBudget selecting
    /// it and a HorizontalPodAutoscaler targeting it with at least <paramref name="minReplicas"/>.
    /// </summary>
    public static List<string> WorkloadPolicies(RenderedManifests manifests, int minReplicas)
    {
        var findings = new List<string>();
        var workloads = manifests.Workloads.ToList();
        if (workloads.Count == 0)
        {
            findings.Add("no PocTracker workload (Deployment or StatefulSet labelled app.kubernetes.io/part-of: poctracker)");
        }

        foreach (var workload in workloads)
        {
            var pod = workload.PodTemplate;
            var labels = KubeObject.Map(pod, "metadata", "labels");
            var containers = KubeObject.Items(pod, "spec", "containers").ToList();
            if (containers.Count == 0)
            {
                findings.Add($"{workload}: no container");
            }

            var podSecurity = KubeObject.Get(pod, "spec", "securityContext");
            foreach (var container in containers)
            {
                var name = $"{workload} container {KubeObject.ScalarAt(container, "name")}";
                if (KubeObject.ScalarAt(container, "livenessProbe", "httpGet", "path") != "/health/live")
                {
                    findings.Add($"{name}: no liveness probe on /health/live");
                }

                if (KubeObject.ScalarAt(container, "readinessProbe", "httpGet", "path") != "/health/ready")
                {
                    findings.Add($"{name}: no readiness probe on /health/ready");
                }

                findings.AddRange(ResourceFindings(name, container));
                findings.AddRange(ContainerSecurityFindings(name, container, podSecurity));
            }

            if (KubeObject.ScalarAt(podSecurity, "seccompProfile", "type") != "RuntimeDefault")
            {
                findings.Add($"{workload}: the pod's seccompProfile is not RuntimeDefault");
            }

            var spreadsOverZones = KubeObject.Items(pod, "spec", "topologySpreadConstraints").Any(c =>
                KubeObject.ScalarAt(c, "topologyKey") == "topology.kubernetes.io/zone" && Selects(KubeObject.Map(c, "labelSelector", "matchLabels"), labels));
            if (!spreadsOverZones)
            {
                findings.Add($"{workload}: no topology spread across topology.kubernetes.io/zone selecting its pods");
            }

            if (!manifests.OfKind("PodDisruptionBudget").Any(p => p.Namespace == workload.Namespace && Selects(KubeObject.Map(p["spec", "selector", "matchLabels"]), labels)))
            {
                findings.Add($"{workload}: no PodDisruptionBudget selects its pods");
            }

            var autoscalers = manifests.OfKind("HorizontalPodAutoscaler")
                .Where(h => h.Namespace == workload.Namespace && h.Scalar("spec", "scaleTargetRef", "kind") == workload.Kind && h.Scalar("spec", "scaleTargetRef", "name") == workload.Name)
                .ToList();
            if (autoscalers.Count == 0)
            {
                findings.Add($"{workload}: no HorizontalPodAutoscaler targets it");
            }

            foreach (var autoscaler in autoscalers)
            {
                var min = int.Parse(autoscaler.Scalar("spec", "minReplicas") ?? "1", CultureInfo.InvariantCulture);
                if (min < minReplicas)
                {
                    findings.Add($"{workload}: {autoscaler} has minReplicas {min}, under {minReplicas}");
                }
            }
        }

        return findings;
    }

    /// <summary>Every Job and CronJob (migrations, key rotation) runs as locked down as the apps, with requests and limits.</summary>
    public static List<string> JobPolicies(RenderedManifests manifests)
    {
        var findings = new List<string>();
        foreach (var job in manifests.Objects.Where(o => o.Kind is "Job" or "CronJob"))
        {
            var pod = job.PodTemplate;
            var podSecurity = KubeObject.Get(pod, "spec", "securityContext");
            foreach (var container in KubeObject.Items(pod, "spec", "containers"))
            {
                var name = $"{job} container {KubeObject.ScalarAt(container, "name")}";
                findings.AddRange(ResourceFindings(name, container));
                findings.AddRange(ContainerSecurityFindings(name, container, podSecurity));
            }

            if (KubeObject.ScalarAt(podSecurity, "seccompProfile", "type") != "RuntimeDefault")
            {
                findings.Add($"{job}: the pod's seccompProfile is not RuntimeDefault");
            }
        }

        return findings;
    }

    /// <summary>
    /// The workloads with a Dapr sidecar are exactly dapr.yaml's apps, each with its app id, its app port (the
    /// container's http port, where the app listens), its Configuration (in the overlay), sidecar resources, metrics on, its own ServiceAccount,
    /// the app API token's Secret (every app but the gateway, which nothing invokes), and its metrics port (where the
    /// app serves /metrics) kept out of every Service.
    /// </summary>
    public static List<string> DaprApps(RenderedManifests manifests, IReadOnlyCollection<string> appIds)
    {
        var findings = new List<string>();
        var daprWorkloads = manifests.Objects.Where(o => o.IsWorkload && Annotation(o, "dapr.io/enabled") == "true").ToList();
        var ids = daprWorkloads.Select(w => Annotation(w, "dapr.io/app-id") ?? $"(no app-id on {w})").ToList();
        findings.AddRange(appIds.Except(ids, StringComparer.Ordinal).Select(id => $"dapr.yaml's app {id} has no workload with dapr.io/app-id: {id}"));
        findings.AddRange(ids.Except(appIds, StringComparer.Ordinal).Select(id => $"a workload's dapr.io/app-id {id} is not an app of dapr.yaml"));
        findings.AddRange(ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"dapr.io/app-id {g.Key} is on {g.Count()} workloads"));

        var secrets = manifests.SecretNames;
        foreach (var workload in daprWorkloads)
        {
            var appId = Annotation(workload, "dapr.io/app-id");
            var pod = workload.PodTemplate;
            var app = KubeObject.Items(pod, "spec", "containers").FirstOrDefault();
            var httpPort = KubeObject.Items(app, "ports").FirstOrDefault(p => KubeObject.ScalarAt(p, "name") == "http");
            if (httpPort is null || Annotation(workload, "dapr.io/app-port") != KubeObject.ScalarAt(httpPort, "containerPort"))
            {
                findings.Add($"{workload}: dapr.io/app-port {Annotation(workload, "dapr.io/app-port")} is not its container's http port");
            }

            var environment = KubeObject.Items(app, "env").ToDictionary(e => KubeObject.ScalarAt(e, "name") ?? "", e => KubeObject.ScalarAt(e, "value"), StringComparer.Ordinal);
            if (environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") != Annotation(workload, "dapr.io/app-port"))
            {
                findings.Add($"{workload}: the app does not listen on dapr.io/app-port (ASPNETCORE_HTTP_PORTS)");
            }

            var config = Annotation(workload, "dapr.io/config");
            if (config is null || manifests.Find("Configuration", config) is not { } configuration || configuration.Namespace != workload.Namespace)
            {
                findings.Add($"{workload}: dapr.io/config {config} names no Dapr Configuration of the overlay in its namespace");
            }

            foreach (var key in new[] { "dapr.io/sidecar-cpu-request", "dapr.io/sidecar-memory-request", "dapr.io/sidecar-cpu-limit", "dapr.io/sidecar-memory-limit" })
            {
                if (string.IsNullOrEmpty(Annotation(workload, key)))
                {
                    findings.Add($"{workload}: no {key}");
                }
            }

            if (Annotation(workload, "dapr.io/enable-metrics") != "true")
            {
                findings.Add($"{workload}: the sidecar's metrics are off (dapr.io/enable-metrics)");
            }

            var token = Annotation(workload, "dapr.io/app-token-secret");
            if (appId != AppIds.Gateway && token is null)
            {
                findings.Add($"{workload}: no dapr.io/app-token-secret (the sidecar's APP_API_TOKEN)");
            }

            if (token is not null && !secrets.Contains(token))
            {
                findings.Add($"{workload}: dapr.io/app-token-secret {token} is no Secret of the overlay");
            }

            var serviceAccount = KubeObject.ScalarAt(pod, "spec", "serviceAccountName");
            if (serviceAccount is null || serviceAccount != appId || manifests.Find("ServiceAccount", serviceAccount) is null)
            {
                findings.Add($"{workload}: runs as ServiceAccount {serviceAccount ?? "default"}, not its own {appId}");
            }

            var metrics = KubeObject.Items(app, "ports").FirstOrDefault(p => KubeObject.ScalarAt(p, "name") == "metrics");
            if (metrics is null || environment.GetValueOrDefault("Metrics__Port") != KubeObject.ScalarAt(metrics, "containerPort"))
            {
                findings.Add($"{workload}: no container port named metrics that the app serves /metrics on (Metrics__Port)");
            }

            var labels = KubeObject.Map(pod, "metadata", "labels");
            foreach (var service in manifests.OfKind("Service").Where(s => Selects(KubeObject.Map(s["spec", "selector"]), labels)))
            {
                if (KubeObject.Items(service.Root, "spec", "ports").Any(p => KubeObject.ScalarAt(p, "targetPort") is "metrics" || KubeObject.ScalarAt(p, "targetPort") == KubeObject.ScalarAt(metrics, "containerPort")))
                {
                    findings.Add($"{service} exposes {workload}'s metrics port");
                }
            }
        }

        return findings;
    }

    /// <summary>
    /// Every component an app's code needs (<paramref name="requirements"/>, read from the app) is a Dapr Component of
    /// the overlay in namespace poctracker, of its kind and scoped to the app; and every secret a component reads from
    /// the Kubernetes secret store is a Secret of the overlay.
    /// </summary>
    public static List<string> Components(RenderedManifests manifests, IReadOnlyCollection<string> appIds, Func<string, IReadOnlyList<RequiredDaprComponent>> requirements)
    {
        var findings = new List<string>();
        var components = manifests.OfKind("Component").ToList();
        findings.AddRange(components.Where(c => c.Namespace != Namespace).Select(c => $"{c} is in namespace {c.Namespace ?? "(none)"}, not {Namespace}"));
        foreach (var appId in appIds)
        {
            foreach (var required in requirements(appId))
            {
                var candidates = components.Where(c => (c.Scalar("spec", "type") ?? "").StartsWith(required.TypePrefix, StringComparison.Ordinal) && c.Namespace == Namespace);
                candidates = required.Kind == DaprComponentKind.ActorStateStore
                    ? candidates.Where(c => KubeObject.Items(c.Root, "spec", "metadata").Any(m => KubeObject.ScalarAt(m, "name") == "actorStateStore" && string.Equals(KubeObject.ScalarAt(m, "value"), "true", StringComparison.OrdinalIgnoreCase)))
                    : candidates.Where(c => c.Name == required.Name);
                if (!candidates.Any(c => c.Scopes.Contains(appId, StringComparer.Ordinal)))
                {
                    findings.Add($"{appId} needs {required.KindName} {required.Name ?? "(any)"} for {required.NeededFor}: no such Component in {Namespace} scoped to it");
                }
            }
        }

        var secrets = manifests.SecretNames;
        foreach (var component in components.Where(c => (c.Scalar("auth", "secretStore") ?? "kubernetes") == "kubernetes"))
        {
            foreach (var reference in KubeObject.Items(component.Root, "spec", "metadata").Select(m => KubeObject.ScalarAt(m, "secretKeyRef", "name")).OfType<string>())
            {
                if (!secrets.Contains(reference))
                {
                    findings.Add($"{component} reads Secret {reference}, which the overlay does not make");
                }
            }
        }

        return findings;
    }

    /// <summary>Each resource of a components folder is in the overlay, of the same kind, name and scopes (and, unpatched, type).</summary>
    public static List<string> IncludesComponentsFolder(RenderedManifests manifests, IReadOnlyList<DaprResource> folder, bool typesUnchanged)
    {
        var findings = new List<string>();
        foreach (var resource in folder)
        {
            if (manifests.Objects.FirstOrDefault(o => o.Kind == resource.Kind && o.Name == resource.Name && o.Root.Children.ContainsKey(new YamlScalarNode("apiVersion")) && (o.Scalar("apiVersion") ?? "").StartsWith("dapr.io/", StringComparison.Ordinal)) is not { } rendered)
            {
                findings.Add($"{resource.Kind} {resource.Name} ({resource.File}) is not in the overlay");
                continue;
            }

            if (!rendered.Scopes.SequenceEqual(resource.Scopes, StringComparer.Ordinal))
            {
                findings.Add($"{rendered}: scopes [{string.Join(", ", rendered.Scopes)}], not [{string.Join(", ", resource.Scopes)}] as in {resource.File}");
            }

            if (typesUnchanged && rendered.Scalar("spec", "type") != resource.Type)
            {
                findings.Add($"{rendered}: type {rendered.Scalar("spec", "type")}, not {resource.Type} as in {resource.File}");
            }
        }

        return findings;
    }

    /// <summary>
    /// Every app with a database (the ones that need the secret store: their connection strings) has a migrate Job: its
    /// image, its ServiceAccount, argument <c>migrate</c>, <c>ConnectionStrings__{app}-migrations</c> from a Secret of the
    /// overlay, labelled for the deploy's first phase.
    /// </summary>
    public static List<string> MigrateJobs(RenderedManifests manifests, IEnumerable<string> appsWithDatabase)
    {
        var findings = new List<string>();
        var secrets = manifests.SecretNames;
        foreach (var appId in appsWithDatabase)
        {
            var jobs = manifests.OfKind("Job").Where(j => KubeObject.Items(j.PodTemplate, "spec", "containers").Any(c =>
                IsImageOf(KubeObject.ScalarAt(c, "image"), appId) && KubeObject.Get(c, "args") is YamlSequenceNode { Children: [YamlScalarNode { Value: "migrate" }] })).ToList();
            if (jobs.Count != 1)
            {
                findings.Add($"{appId}: {jobs.Count} Jobs run its image with argument migrate, not one");
                continue;
            }

            var job = jobs[0];
            var pod = job.PodTemplate;
            if (KubeObject.ScalarAt(pod, "spec", "serviceAccountName") != appId)
            {
                findings.Add($"{job}: does not run as ServiceAccount {appId}");
            }

            var variable = KubeObject.Items(pod, "spec", "containers").SelectMany(c => KubeObject.Items(c, "env")).FirstOrDefault(e => KubeObject.ScalarAt(e, "name") == $"ConnectionStrings__{appId}-migrations");
            var secret = KubeObject.ScalarAt(variable, "valueFrom", "secretKeyRef", "name");
            if (secret is null || !secrets.Contains(secret))
            {
                findings.Add($"{job}: ConnectionStrings__{appId}-migrations does not come from a Secret of the overlay");
            }

            if (job.Scalar("metadata", "labels", "poctracker.dev/deploy-phase") != "migrate")
            {
                findings.Add($"{job}: not labelled poctracker.dev/deploy-phase=migrate (the deploy applies and waits for those first)");
            }
        }

        return findings;
    }

    /// <summary>Each app's ServiceAccount (named as the app) carries the IRSA role arn:aws:iam::&lt;account&gt;:role/poctracker-&lt;app id&gt;.</summary>
    public static List<string> IrsaRoles(RenderedManifests manifests, IEnumerable<string> appIds)
    {
        var findings = new List<string>();
        foreach (var appId in appIds)
        {
            var role = manifests.Find("ServiceAccount", appId)?.Annotation("eks.amazonaws.com/role-arn");
            if (role is null || !RoleArn().IsMatch(role) || !role.EndsWith($":role/poctracker-{appId}", StringComparison.Ordinal))
            {
                findings.Add($"ServiceAccount {appId}: eks.amazonaws.com/role-arn is {role ?? "missing"}, not arn:aws:iam::<12 digits>:role/poctracker-{appId}");
            }
        }

        return findings;
    }

    /// <summary>No Secret carries a value: on AWS every Secret is written by External Secrets from SSM.</summary>
    public static List<string> NoLiteralSecrets(RenderedManifests manifests) =>
        [.. manifests.OfKind("Secret").Where(s => s["data"] is YamlMappingNode { Children.Count: > 0 } || s["stringData"] is YamlMappingNode { Children.Count: > 0 })
            .Select(s => $"{s} holds literal data")];

    /// <summary>
    /// Ingress is denied unless allowed: a default-deny policy; a rule open to any source (no <c>from</c>) only on the
    /// gateway; the metrics ports (9464, the sidecars' 9090) only from the monitoring namespace.
    /// </summary>
    public static List<string> NetworkPolicies(RenderedManifests manifests)
    {
        var findings = new List<string>();
        var policies = manifests.OfKind("NetworkPolicy").ToList();
        if (!policies.Any(p => p["spec", "podSelector"] is YamlMappingNode { Children.Count: 0 } && p["spec", "ingress"] is null &&
            KubeObject.Get(p.Root, "spec", "policyTypes") is YamlSequenceNode types && types.Children.OfType<YamlScalarNode>().Any(t => t.Value == "Ingress")))
        {
            findings.Add("no default-deny ingress NetworkPolicy (podSelector {}, policyTypes [Ingress], no rule)");
        }

        foreach (var policy in policies)
        {
            var selected = KubeObject.Map(policy["spec", "podSelector", "matchLabels"]);
            foreach (var rule in KubeObject.Items(policy.Root, "spec", "ingress"))
            {
                var from = KubeObject.Items(rule, "from").ToList();
                if (from.Count == 0 && !(selected.TryGetValue("app.kubernetes.io/name", out var name) && name == AppIds.Gateway))
                {
                    findings.Add($"{policy}: admits any source to pods other than the gateway's");
                }

                var ports = KubeObject.Items(rule, "ports").Select(p => KubeObject.ScalarAt(p, "port")).ToList();
                var metricsOnly = from.Count > 0 && from.All(f => KubeObject.ScalarAt(f, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") == "monitoring" && KubeObject.Get(f, "podSelector") is null);
                if ((ports.Contains("9464") || ports.Contains("9090") || ports.Contains("metrics")) && !metricsOnly)
                {
                    findings.Add($"{policy}: admits a metrics port from outside the monitoring namespace");
                }
            }
        }

        return findings;
    }

    /// <summary>
    /// The ALB Ingress: only to the gateway's pods, TLS with a certificate, HTTP redirected, an idle timeout above
    /// SignalR's 15 s keep-alive, and /hubs/dojo on a target group with stickiness.
    /// </summary>
    public static List<string> AlbIngress(RenderedManifests manifests)
    {
        var findings = new List<string>();
        var ingresses = manifests.OfKind("Ingress").ToList();
        if (ingresses.Count == 0)
        {
            return ["no Ingress"];
        }

        foreach (var ingress in ingresses)
        {
            if (ingress["spec", "tls"] is not YamlSequenceNode { Children.Count: > 0 } || string.IsNullOrEmpty(ingress.Annotation("alb.ingress.kubernetes.io/certificate-arn")))
            {
                findings.Add($"{ingress}: no TLS with an ACM certificate");
            }

            if (ingress.Annotation("alb.ingress.kubernetes.io/ssl-redirect") is null)
            {
                findings.Add($"{ingress}: HTTP is not redirected to HTTPS (alb.ingress.kubernetes.io/ssl-redirect)");
            }

            var idle = IdleTimeout().Match(ingress.Annotation("alb.ingress.kubernetes.io/load-balancer-attributes") ?? "");
            if (!idle.Success || int.Parse(idle.Groups[1].Value, CultureInfo.InvariantCulture) <= 15)
            {
                findings.Add($"{ingress}: the load balancer's idle timeout is not set above SignalR's 15 s keep-alive");
            }

            var paths = KubeObject.Items(ingress.Root, "spec", "rules").SelectMany(r => KubeObject.Items(r, "http", "paths")).ToList();
            foreach (var path in paths)
            {
                var service = manifests.Find("Service", KubeObject.ScalarAt(path, "backend", "service", "name") ?? "");
                if (service is null || KubeObject.Map(service["spec", "selector"]).GetValueOrDefault("app.kubernetes.io/name") != AppIds.Gateway)
                {
                    findings.Add($"{ingress}: path {KubeObject.ScalarAt(path, "path")} does not go to a Service of the gateway's pods");
                }
            }

            var hub = paths.FirstOrDefault(p => KubeObject.ScalarAt(p, "path") == "/hubs/dojo");
            var hubService = manifests.Find("Service", KubeObject.ScalarAt(hub, "backend", "service", "name") ?? "");
            var attributes = (hubService?.Annotation("alb.ingress.kubernetes.io/target-group-attributes") ?? "") + "," + (ingress.Annotation("alb.ingress.kubernetes.io/target-group-attributes") ?? "");
            if (hub is null || !attributes.Contains("stickiness.enabled=true", StringComparison.Ordinal))
            {
                findings.Add($"{ingress}: /hubs/dojo has no target group with stickiness.enabled=true");
            }
        }

        return findings;
    }

    private static IEnumerable<string> ResourceFindings(string name, YamlNode container)
    {
        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                if (string.IsNullOrEmpty(KubeObject.ScalarAt(container, "resources", kind, resource)))
                {
                    yield return $"{name}: no {resource} {kind}";
                }
            }
        }
    }

    private static IEnumerable<string> ContainerSecurityFindings(string name, YamlNode container, YamlNode? podSecurity)
    {
        var security = KubeObject.Get(container, "securityContext");
        if ((KubeObject.ScalarAt(security, "runAsNonRoot") ?? KubeObject.ScalarAt(podSecurity, "runAsNonRoot")) != "true")
        {
            yield return $"{name}: may run as root (runAsNonRoot)";
        }

        if (KubeObject.ScalarAt(security, "readOnlyRootFilesystem") != "true")
        {
            yield return $"{name}: the root file system is writable (readOnlyRootFilesystem)";
        }

        if (KubeObject.ScalarAt(security, "allowPrivilegeEscalation") != "false")
        {
            yield return $"{name}: allows privilege escalation";
        }

        if (KubeObject.Get(security, "capabilities", "drop") is not YamlSequenceNode drop || !drop.Children.OfType<YamlScalarNode>().Any(c => c.Value == "ALL"))
        {
            yield return $"{name}: does not drop ALL capabilities";
        }
    }

    private static string? Annotation(KubeObject workload, string key) => KubeObject.ScalarAt(workload.PodTemplate, "metadata", "annotations", key);

    /// <summary>A selector selects the labels when it is not empty and each of its pairs is among them.</summary>
    private static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>Whether an image is the app's: repository poctracker/{app id}, on any registry, with any tag or digest.</summary>
    private static bool IsImageOf(string? image, string appId)
    {
        if (image is null)
        {
            return false;
        }

        var withoutDigest = image.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        var repository = colon > lastSlash ? withoutDigest[..colon] : withoutDigest;
        return repository == $"poctracker/{appId}" || repository.EndsWith($"/poctracker/{appId}", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^arn:aws:iam::\d{12}:role/[A-Za-z0-9+=,.@_-]+$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"idle_timeout\.timeout_seconds=(\d+)")]
    private static partial Regex IdleTimeout();
}
