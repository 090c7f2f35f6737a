namespace PocTracker.Dojo.Ot;

/// <summary>The three kinds of <see cref="TextOperationComponent"/>.</summary>
public enum TextOperationComponentKind
{
    /// <summary>Skip code units, keeping them.</summary>
    Retain,

    /// <summary>Insert a string at the cursor.</summary>
    Insert,

    /// <summary>Remove code units at the cursor.</summary>
    Delete,
}
