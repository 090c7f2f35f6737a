using System.Runtime.Versioning;

// Starts PostgreSQL through libs/LocalPostgres and writes files with Unix modes: Linux only.
[assembly: SupportedOSPlatform("linux")]
