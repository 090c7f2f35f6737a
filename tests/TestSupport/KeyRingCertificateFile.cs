using PocTracker.ServiceDefaults.DataProtection;

namespace PocTracker.TestSupport;

/// <summary>
/// Key-encryption certificates for an app's Data Protection key ring (<c>KeyRing:CertificateFile</c>),
/// made the way Standalone makes its own (<see cref="KeyRingCertificate"/>). Every app with a key ring
/// needs one to run in Production.
/// </summary>
public static class KeyRingCertificateFile
{
    private static readonly Lazy<string> TestRuns = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("poctracker-test-key-ring-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return Create(folder);
    });

    /// <summary>One certificate for the whole test run (in a folder removed when the run ends), for apps whose ring a test does not look into.</summary>
    public static string OfThisTestRun => TestRuns.Value;

    /// <summary>Writes a new one into <paramref name="folder"/> (readable by its owner only) and returns its path.</summary>
    public static string Create(string folder)
    {
        var path = Path.Combine(folder, $"key-ring-{Guid.NewGuid():N}.pem");
        KeyRingCertificate.CreateFile(path);
        return path;
    }
}
