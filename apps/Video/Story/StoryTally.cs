namespace PocTracker.Video.Story;

/// <summary>A name and how many POCs carry it (a language, a tag).</summary>
public sealed record StoryTally(string Name, int Count);
