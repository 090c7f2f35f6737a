namespace PocTracker.EndToEnd;

/// <summary>
/// For what the product does later, through an event (an account's deletion reaching pocs and video): asks again until
/// it holds or the deadline passes. The interval is the polling's pace, not a wait for something to happen.
/// </summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
