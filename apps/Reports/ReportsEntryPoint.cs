namespace PocTracker.Reports;

/// <summary>
/// Names the reports app's assembly for whoever hosts it from outside, e.g.
/// <c>WebApplicationFactory&lt;ReportsEntryPoint&gt;</c>.
/// </summary>
public sealed class ReportsEntryPoint
{
    private ReportsEntryPoint()
    {
    }
}
