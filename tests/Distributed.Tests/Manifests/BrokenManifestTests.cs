using PocTracker.ServiceDefaults.Sidecar;

namespace PocTracker.Distributed.Tests.Manifests;

/// <summary>
/// The manifest checks find what they look for: each runs on a small manifest that breaks its policy, and on the
/// kustomize error of a broken kustomization.
/// </summary>
public sealed class BrokenManifestTests
{
    /// <summary>One app (pocs) done wrong in every way the checks know of.</summary>
    private const string Broken = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: pocs
          namespace: poctracker
          labels: {app.kubernetes.io/part-of: poctracker}
        spec:
          selector: {matchLabels: {app.kubernetes.io/name: pocs}}
          template:
            metadata:
              labels: {app.kubernetes.io/name: pocs}
              annotations:
                dapr.io/enabled: "true"
                dapr.io/app-id: pocs
                dapr.io/app-port: "5101"
                dapr.io/config: pocs
                dapr.io/app-token-secret: pocs-token
            spec:
              topologySpreadConstraints:
                - {maxSkew: 1, topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app.kubernetes.io/name: pocs}}}
              containers:
                - name: app
                  image: poctracker/pocs
                  ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9464}]
                  livenessProbe: {httpGet: {path: /healthz, port: http}}
                  resources: {requests: {cpu: 100m, memory: 128Mi}}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: pocs, namespace: poctracker}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: pocs}
          minReplicas: 1
          maxReplicas: 3
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: pocs, namespace: poctracker}
        spec:
          selector: {app.kubernetes.io/name: pocs}
          ports: [{name: http, port: 8080, targetPort: http}, {name: metrics, port: 9464, targetPort: metrics}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: pocs
          namespace: poctracker
          annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/poctracker-video"}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: pocs-token, namespace: poctracker}
        stringData: {token: not-from-ssm}
        ---
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata: {name: pubsub, namespace: default}
        spec:
          type: pubsub.redis
          version: v1
          metadata: [{name: redisHost, value: "localhost:6379"}]
        scopes: [identity]
        ---
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata: {name: pocs-actorstate, namespace: poctracker}
        spec:
          type: state.postgresql
          version: v2
          metadata: [{name: connectionString, secretKeyRef: {name: pocs-actorstate, key: connectionString}}]
        scopes: [pocs]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: pocs-migrate, namespace: poctracker}
        spec:
          template:
            spec:
              containers:
                - name: migrate
                  image: poctracker/pocs:abc123
                  args: [migrate]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: pocs-open, namespace: poctracker}
        spec:
          podSelector: {matchLabels: {app.kubernetes.io/name: pocs}}
          policyTypes: [Ingress]
          ingress:
            - ports: [{port: 8080}]
            - from: [{podSelector: {}}]
              ports: [{port: 9464}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: gateway
          namespace: poctracker
          annotations: {alb.ingress.kubernetes.io/load-balancer-attributes: idle_timeout.timeout_seconds=10}
        spec:
          rules:
            - http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: pocs, port: {name: http}}}}
        """;

    private static readonly RenderedManifests Manifests = RenderedManifests.Parse(Broken);

    [Fact]
    public void The_workload_policies_name_each_missing_piece()
    {
        var findings = ManifestChecks.WorkloadPolicies(Manifests, minReplicas: 2);

        Assert.Equal(
            [
                "Deployment pocs container app: no liveness probe on /health/live",
                "Deployment pocs container app: no readiness probe on /health/ready",
                "Deployment pocs container app: no cpu limits",
                "Deployment pocs container app: no memory limits",
                "Deployment pocs container app: may run as root (runAsNonRoot)",
                "Deployment pocs container app: the root file system is writable (readOnlyRootFilesystem)",
                "Deployment pocs container app: allows privilege escalation",
                "Deployment pocs container app: does not drop ALL capabilities",
                "Deployment pocs: the pod's seccompProfile is not RuntimeDefault",
                "Deployment pocs: no topology spread across topology.kubernetes.io/zone selecting its pods",
                "Deployment pocs: no PodDisruptionBudget selects its pods",
                "Deployment pocs: HorizontalPodAutoscaler pocs has minReplicas 1, under 2",
            ],
            findings);
    }

    [Fact]
    public void The_Dapr_apps_check_finds_missing_apps_wrong_ports_and_an_exposed_metrics_port()
    {
        var findings = ManifestChecks.DaprApps(Manifests, ["pocs", "video"]);

        Assert.Equal(
            [
                "dapr.yaml's app video has no workload with dapr.io/app-id: video",
                "Deployment pocs: dapr.io/app-port 5101 is not its container's http port",
                "Deployment pocs: the app does not listen on dapr.io/app-port (ASPNETCORE_HTTP_PORTS)",
                "Deployment pocs: dapr.io/config pocs names no Dapr Configuration of the overlay in its namespace",
                "Deployment pocs: no dapr.io/sidecar-cpu-request",
                "Deployment pocs: no dapr.io/sidecar-memory-request",
                "Deployment pocs: no dapr.io/sidecar-cpu-limit",
                "Deployment pocs: no dapr.io/sidecar-memory-limit",
                "Deployment pocs: the sidecar's metrics are off (dapr.io/enable-metrics)",
                "Deployment pocs: runs as ServiceAccount default, not its own pocs",
                "Deployment pocs: no container port named metrics that the app serves /metrics on (Metrics__Port)",
                "Service pocs exposes Deployment pocs's metrics port",
            ],
            findings);
    }

    [Fact]
    public void The_components_check_finds_a_component_out_of_scope_in_another_namespace_and_an_unmade_secret()
    {
        IReadOnlyList<RequiredDaprComponent> Requirements(string appId) =>
            [RequiredDaprComponent.PubSub("pubsub", "its events"), RequiredDaprComponent.SecretStore("secretstore", "its connection strings"), RequiredDaprComponent.ActorStateStore("its workflows")];

        var findings = ManifestChecks.Components(Manifests, ["pocs"], Requirements);

        Assert.Equal(
            [
                "Component pubsub is in namespace default, not poctracker",
                "pocs needs pub/sub pubsub for its events: no such Component in poctracker scoped to it",
                "pocs needs secret store secretstore for its connection strings: no such Component in poctracker scoped to it",
                "pocs needs actor state store (any) for its workflows: no such Component in poctracker scoped to it",
                "Component pocs-actorstate reads Secret pocs-actorstate, which the overlay does not make",
            ],
            findings);
    }

    [Fact]
    public void The_migrate_job_check_finds_a_missing_job_and_a_job_without_its_service_account_secret_and_label()
    {
        var findings = ManifestChecks.MigrateJobs(Manifests, ["pocs", "video"]);

        Assert.Equal(
            [
                "Job pocs-migrate: does not run as ServiceAccount pocs",
                "Job pocs-migrate: ConnectionStrings__pocs-migrations does not come from a Secret of the overlay",
                "Job pocs-migrate: not labelled poctracker.dev/deploy-phase=migrate (the deploy applies and waits for those first)",
                "video: 0 Jobs run its image with argument migrate, not one",
            ],
            findings);
    }

    [Fact]
    public void The_job_check_finds_a_job_without_limits_that_may_run_as_root()
    {
        Assert.Equal(
            [
                "Job pocs-migrate container migrate: no cpu requests",
                "Job pocs-migrate container migrate: no memory requests",
                "Job pocs-migrate container migrate: no cpu limits",
                "Job pocs-migrate container migrate: no memory limits",
                "Job pocs-migrate container migrate: may run as root (runAsNonRoot)",
                "Job pocs-migrate container migrate: the root file system is writable (readOnlyRootFilesystem)",
                "Job pocs-migrate container migrate: allows privilege escalation",
                "Job pocs-migrate container migrate: does not drop ALL capabilities",
                "Job pocs-migrate: the pod's seccompProfile is not RuntimeDefault",
            ],
            ManifestChecks.JobPolicies(Manifests));
    }

    [Fact]
    public void The_IRSA_check_finds_another_apps_role_and_a_missing_account()
    {
        var findings = ManifestChecks.IrsaRoles(Manifests, ["pocs", "video"]);

        Assert.Equal(
            [
                "ServiceAccount pocs: eks.amazonaws.com/role-arn is arn:aws:iam::123456789012:role/poctracker-video, not arn:aws:iam::<12 digits>:role/poctracker-pocs",
                "ServiceAccount video: eks.amazonaws.com/role-arn is missing, not arn:aws:iam::<12 digits>:role/poctracker-video",
            ],
            findings);
    }

    [Fact]
    public void The_secrets_check_finds_a_literal_secret()
    {
        Assert.Equal(["Secret pocs-token holds literal data"], ManifestChecks.NoLiteralSecrets(Manifests));
    }

    [Fact]
    public void The_network_policy_check_finds_no_default_deny_an_open_app_and_metrics_from_pods()
    {
        Assert.Equal(
            [
                "no default-deny ingress NetworkPolicy (podSelector {}, policyTypes [Ingress], no rule)",
                "NetworkPolicy pocs-open: admits any source to pods other than the gateway's",
                "NetworkPolicy pocs-open: admits a metrics port from outside the monitoring namespace",
            ],
            ManifestChecks.NetworkPolicies(Manifests));
    }

    [Fact]
    public void The_ingress_check_finds_no_TLS_no_redirect_a_short_idle_timeout_another_backend_and_no_sticky_hub()
    {
        Assert.Equal(
            [
                "Ingress gateway: no TLS with an ACM certificate",
                "Ingress gateway: HTTP is not redirected to HTTPS (alb.ingress.kubernetes.io/ssl-redirect)",
                "Ingress gateway: the load balancer's idle timeout is not set above SignalR's 15 s keep-alive",
                "Ingress gateway: path / does not go to a Service of the gateway's pods",
                "Ingress gateway: /hubs/dojo has no target group with stickiness.enabled=true",
            ],
            ManifestChecks.AlbIngress(Manifests));
    }

    [Fact]
    public void A_kustomization_that_does_not_render_fails_with_kubectls_error()
    {
        var folder = Directory.CreateTempSubdirectory("poctracker-kustomize-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "kustomization.yaml"), "resources:\n  - missing.yaml\n");

            var error = Assert.Throws<InvalidOperationException>(() => Kustomize.Render(folder.FullName));

            Assert.Contains("missing.yaml", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
