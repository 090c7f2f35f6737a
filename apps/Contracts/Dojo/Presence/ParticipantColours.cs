namespace PocTracker.Contracts.Dojo.Presence;

/// <summary>
/// A user's colour: one of a fixed palette, chosen from the user id, so a user keeps it in every
/// room, across reconnects and on every client without anyone storing it. Twelve colours readable
/// on light and dark editor themes; two users of one room may share one (names tell them apart).
/// </summary>
public static class ParticipantColours
{
    private static readonly string[] Palette =
    [
        "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#2a9d8f",
        "#f032e6", "#9a6324", "#008080", "#800000", "#808000", "#000075",
    ];

    /// <summary>The palette, in order.</summary>
    public static IReadOnlyList<string> All => Palette;

    /// <summary>
    /// The colour of <paramref name="userId"/>: FNV-1a (32 bits) over the id's lowercase text form
    /// (<c>0f8fad5b-d9cb-469f-a165-70867728950e</c>, ASCII), modulo the palette's size. Text, not
    /// <see cref="Guid.GetHashCode"/> or the byte layout, so a JavaScript client computes the same.
    /// </summary>
    public static string Of(Guid userId)
    {
        Span<char> text = stackalloc char[36];
        userId.TryFormat(text, out _, "D");
        uint hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619;
        }

        return Palette[hash % (uint)Palette.Length];
    }
}
