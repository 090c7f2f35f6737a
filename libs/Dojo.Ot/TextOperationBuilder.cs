namespace PocTracker.Dojo.Ot;

/// <summary>
/// Builds a <see cref="TextOperation"/> step by step, as ot.js's <c>retain</c> / <c>insert</c> /
/// <c>delete</c> chain does, normalising as it goes (so the result equals ot.js's).
/// </summary>
public sealed class TextOperationBuilder
{
    private OperationWriter _writer;
    private bool _built;

    /// <summary>Skips <paramref name="count"/> code units (0 does nothing).</summary>
    public TextOperationBuilder Retain(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ThrowIfBuilt();
        _writer.Retain(count);
        return this;
    }

    /// <summary>Inserts <paramref name="text"/> at the cursor ("" does nothing).</summary>
    /// <exception cref="TextOperationException">The text holds a carriage return or a lone surrogate.</exception>
    public TextOperationBuilder Insert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfBuilt();
        DocumentText.Validate(text);
        _writer.Insert(text);
        return this;
    }

    /// <summary>Deletes <paramref name="count"/> code units at the cursor (0 does nothing).</summary>
    public TextOperationBuilder Delete(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ThrowIfBuilt();
        _writer.Delete(count);
        return this;
    }

    /// <summary>The operation built so far. The builder cannot be used afterwards.</summary>
    public TextOperation Build()
    {
        ThrowIfBuilt();
        _built = true;
        return _writer.ToOperation();
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has already built its operation.");
        }
    }
}
