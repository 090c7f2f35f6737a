using PocTracker.Distributed.Tests.Tools;
using PocTracker.Distributed.Tests.Topology;

namespace PocTracker.Distributed.Tests.Manifests;

/// <summary>
/// Renders a kustomization with <c>kubectl kustomize</c> (kubectl's built-in kustomize; ./test.sh checks kubectl is
/// there). Without kubectl the tests fail saying what to install, so a machine without it cannot pass by skipping.
/// </summary>
public static class Kustomize
{
    public const string Aws = "aws";

    public const string Local = "local";

    private static readonly Dictionary<string, Lazy<RenderedManifests>> Overlays = new(StringComparer.Ordinal)
    {
        [Aws] = new(() => RenderedManifests.Parse(Render(Path.Combine(Topologies.RepositoryRoot, "manifests", "overlays", Aws)))),
        [Local] = new(RenderLocal),
    };

    /// <summary>The overlay <c>manifests/overlays/{name}</c> as kubectl renders it (once per test run).</summary>
    public static RenderedManifests Overlay(string name) => Overlays[name].Value;

    /// <summary>The objects <c>kubectl kustomize {directory}</c> prints.</summary>
    /// <exception cref="InvalidOperationException">kubectl is missing, or the kustomization does not render.</exception>
    public static string Render(string directory)
    {
        var (exitCode, output, error) = ExternalProcess.Run("kubectl", ["kustomize", directory], Topologies.RepositoryRoot,
            "the manifests' checks need kubectl (with its built-in kustomize, v5): the Debian package kubectl from the Kubernetes apt repository (pkgs.k8s.io); bookworm's kubernetes-client (1.20) is too old for kustomize replacements");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {directory} exited {exitCode}:{Environment.NewLine}{error}");
        }

        return output;
    }

    /// <summary>
    /// The local overlay reads the git-ignored secrets/ folder its prepare.sh writes: render a copy of manifests/ and
    /// components/ after running that script in the copy, so the repository's own folder is never written and the
    /// script is exercised too.
    /// </summary>
    private static RenderedManifests RenderLocal()
    {
        var copy = Directory.CreateTempSubdirectory("poctracker-manifests-");
        try
        {
            foreach (var folder in new[] { "manifests", "components" })
            {
                CopyFolder(Path.Combine(Topologies.RepositoryRoot, folder), Path.Combine(copy.FullName, folder));
            }

            var overlay = Path.Combine(copy.FullName, "manifests", "overlays", Local);
            var secrets = Path.Combine(overlay, "secrets");
            if (Directory.Exists(secrets))
            {
                Directory.Delete(secrets, recursive: true);
            }

            var (exitCode, _, error) = ExternalProcess.Run("bash", [Path.Combine(overlay, "prepare.sh")], overlay, "bash and openssl are needed to run manifests/overlays/local/prepare.sh");
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"manifests/overlays/local/prepare.sh exited {exitCode}:{Environment.NewLine}{error}");
            }

            return RenderedManifests.Parse(Render(overlay));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
