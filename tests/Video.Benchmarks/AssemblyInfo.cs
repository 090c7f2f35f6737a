using System.Runtime.Versioning;

// Reads /proc and getrusage for load and the ffmpeg children's memory: Linux only, like the film's tools.
[assembly: SupportedOSPlatform("linux")]
