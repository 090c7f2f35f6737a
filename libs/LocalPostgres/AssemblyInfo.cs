using System.Runtime.Versioning;

// Starts PostgreSQL from the machine's binaries with Unix tools (runuser, chown): Linux only.
[assembly: SupportedOSPlatform("linux")]
