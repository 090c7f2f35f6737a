namespace PocTracker.Video.Story;

/// <summary>A calendar month of the period and how many POCs began in it.</summary>
/// <param name="Month">The month's first day.</param>
/// <param name="Count">POCs begun that month.</param>
public sealed record MonthTally(DateOnly Month, int Count);
