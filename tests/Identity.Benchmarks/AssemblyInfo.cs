using System.Runtime.Versioning;

// Like LocalPostgres, its PostgreSQL starter (runuser, chown): Linux only.
[assembly: SupportedOSPlatform("linux")]
