using System.Text.Json;
using System.Text.Json.Serialization;

namespace PocTracker.Dojo.Ot;

/// <summary>
/// ot.js's JSON form of a <see cref="TextOperation"/>: <c>[5, "abc", -2]</c> retains 5, inserts
/// "abc", deletes 2. Reading normalises like ot.js's <c>fromJSON</c> (<c>[-1, "a"]</c> reads as
/// <c>["a", -1]</c>) and refuses what ot.js refuses (0, non-numbers) plus inserts with a carriage
/// return or a lone surrogate. A refusal is a <see cref="JsonException"/> whose inner exception is
/// the <see cref="TextOperationException"/> that says why.
/// </summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Refuse(TextOperationError.InvalidComponent, "A text operation is a JSON array.");
        }

        var writer = new OperationWriter();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.EndArray:
                        return writer.ToOperation();
                    case JsonTokenType.Number:
                        var count = ReadCount(ref reader);
                        if (count > 0)
                        {
                            writer.Retain(count);
                        }
                        else
                        {
                            writer.Delete(-count);
                        }

                        break;
                    case JsonTokenType.String:
                        var text = ReadText(ref reader);
                        TextOperation.ThrowIfError(DocumentText.Check(text));
                        writer.Insert(text);
                        break;
                    default:
                        throw Refuse(TextOperationError.InvalidComponent, $"Unknown text operation component ({reader.TokenType}): expected a non-zero integer or a string.");
                }
            }
        }
        catch (TextOperationException exception)
        {
            throw new JsonException(exception.Message, exception);
        }

        throw Refuse(TextOperationError.InvalidComponent, "The text operation's array is not closed.");
    }

    public override void Write(Utf8JsonWriter writer, TextOperation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        var buffer = default(TextOperation.SpliceComponents);
        foreach (var component in value.ReadComponents(ref buffer))
        {
            if (component.Text is { } text)
            {
                writer.WriteStringValue(text);
            }
            else
            {
                writer.WriteNumberValue(component.IsRetain ? component.Length : -component.Length);
            }
        }

        writer.WriteEndArray();
    }

    private static string ReadText(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate ("\ud83d") into a string.
            throw Refuse(TextOperationError.LoneSurrogate, DocumentText.Describe(TextOperationError.LoneSurrogate));
        }
    }

    private static int ReadCount(ref Utf8JsonReader reader)
    {
        // JSON has one number type: JavaScript reads 3.0 as 3, so an integral value in any
        // notation is accepted; fractions, 0 and values beyond 32 bits are not.
        if (reader.TryGetInt32(out var count) || (reader.TryGetDouble(out var real) && double.IsInteger(real) && Math.Abs(real) <= int.MaxValue && (count = (int)real) == real))
        {
            if (count != 0)
            {
                return count;
            }
        }

        throw Refuse(TextOperationError.InvalidComponent, "A retain or delete is a non-zero 32-bit integer.");
    }

    private static JsonException Refuse(TextOperationError error, string message) =>
        new(message, new TextOperationException(error, message));
}
