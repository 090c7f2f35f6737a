using System.Diagnostics;

namespace PocTracker.Distributed.Tests.Tools;

/// <summary>Runs a program of the machine (dotnet, node, kubectl, bash) to its end and hands back its exit code and output.</summary>
internal static class ExternalProcess
{
    /// <param name="whatToInstall">Said when the program cannot be started: which package brings it (a check never passes by skipping).</param>
    public static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments, string workingDirectory, string whatToInstall)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // MSBuild's server and node reuse would outlive the test as processes of their own.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"'{program}' could not be started ({exception.Message}): {whatToInstall}.", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }
}
