using PocTracker.DaprPrepare;
using PocTracker.LocalPostgres;
using Serilog;
using Serilog.Extensions.Logging;

// scripts/dapr-prepare.sh [stop]: `prepare <repository root>` or `stop <repository root>`.
if (args is not [("prepare" or "stop") and var command, var root])
{
    await Console.Error.WriteLineAsync("Usage: DaprPrepare prepare|stop <repository root>");
    return 2;
}

using var loggerFactory = new SerilogLoggerFactory(new LoggerConfiguration()
    .WriteTo.Console(outputTemplate: "{Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateLogger(), dispose: true);
var preparation = new DaprPreparation(root, PostgresBinaries.Find(Environment.GetEnvironmentVariable("Postgres__BinDirectory")), loggerFactory.CreateLogger("dapr-prepare"));
if (command == "stop")
{
    await preparation.StopAsync();
}
else
{
    await preparation.PrepareAsync();
}

return 0;
