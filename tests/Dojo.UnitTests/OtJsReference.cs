using System.Diagnostics;
using System.Reflection;

namespace PocTracker.Dojo.UnitTests;

/// <summary>
/// ot.js itself (the npm package <c>ot</c>, pinned in tests/ot-js/package-lock.json), run under node.
/// Installing it is part of the test: without node the tests that use it fail with a message saying
/// what to install, so a machine without node cannot pass by skipping the comparison.
/// </summary>
public sealed class OtJsReference
{
    public OtJsReference()
    {
        Directory = typeof(OtJsReference).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "OtJsDirectory").Value!;
        var (exitCode, _, error) = Run("bash", [Path.Combine(Directory, "install.sh")], input: null);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not install ot.js (tests/ot-js/install.sh exited {exitCode}); these tests compare the OT engine with it and need node and npm " +
                $"(Debian packages nodejs and npm; ./test.sh installs them as root).{Environment.NewLine}{error}");
        }
    }

    /// <summary>tests/ot-js in the source tree.</summary>
    public string Directory { get; }

    /// <summary>Runs <paramref name="script"/> (a file in tests/ot-js) under node with <paramref name="input"/> on stdin; returns stdout.</summary>
    public string RunScript(string script, string input)
    {
        var (exitCode, output, error) = Run("node", [Path.Combine(Directory, script)], input);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited {exitCode}:{Environment.NewLine}{error}");
        }

        return output;
    }

    private (int ExitCode, string Output, string Error) Run(string program, string[] arguments, string? input)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"'{program}' could not be started ({exception.Message}). The ot.js comparison needs node and npm: " +
                "install the Debian packages nodejs and npm (./test.sh does so as root).", exception);
        }

        using (process)
        {
            // Read both pipes while writing stdin, so a large batch cannot deadlock on full buffers.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
            process.WaitForExit();
            return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }
}
