namespace PocTracker.Dojo.Ot;

/// <summary>
/// One step of a <see cref="TextOperation"/>: retain (skip) n UTF-16 code units, insert a string, or
/// delete n code units. A struct of one reference and one integer, so an operation is one array and
/// walking it allocates nothing.
/// </summary>
public readonly struct TextOperationComponent : IEquatable<TextOperationComponent>
{
    // Insert: _text is the inserted string. Otherwise _count > 0 retains and _count < 0 deletes,
    // which is the ot.js JSON form itself.
    private readonly string? _text;
    private readonly int _count;

    private TextOperationComponent(string? text, int count)
    {
        _text = text;
        _count = count;
    }

    /// <summary>What this component does.</summary>
    public TextOperationComponentKind Kind =>
        _text is not null ? TextOperationComponentKind.Insert
        : _count > 0 ? TextOperationComponentKind.Retain
        : TextOperationComponentKind.Delete;

    public bool IsRetain => _text is null && _count > 0;

    public bool IsInsert => _text is not null;

    public bool IsDelete => _text is null && _count < 0;

    /// <summary>Code units retained, inserted or deleted (always positive).</summary>
    public int Length => _text?.Length ?? (_count > 0 ? _count : -_count);

    /// <summary>The inserted text, or null for a retain or a delete.</summary>
    public string? Text => _text;

    internal static TextOperationComponent Retain(int count) => new(null, count);

    internal static TextOperationComponent Insert(string text) => new(text, 0);

    internal static TextOperationComponent Delete(int count) => new(null, -count);

    public bool Equals(TextOperationComponent other) => _count == other._count && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TextOperationComponent other && Equals(other);

    public override int GetHashCode() => _text is null ? _count : StringComparer.Ordinal.GetHashCode(_text);

    public static bool operator ==(TextOperationComponent left, TextOperationComponent right) => left.Equals(right);

    public static bool operator !=(TextOperationComponent left, TextOperationComponent right) => !left.Equals(right);

    /// <summary>ot.js's notation: <c>retain 3</c>, <c>insert 'abc'</c>, <c>delete 2</c>.</summary>
    public override string ToString() => Kind switch
    {
        TextOperationComponentKind.Retain => $"retain {_count}",
        TextOperationComponentKind.Insert => $"insert '{_text}'",
        _ => $"delete {-_count}",
    };
}
