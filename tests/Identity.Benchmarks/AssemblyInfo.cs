using System.Runtime.Versioning;

// Like Standalone, whose PostgreSQL starter (runuser, chown) is compiled in: Linux only.
[assembly: SupportedOSPlatform("linux")]
