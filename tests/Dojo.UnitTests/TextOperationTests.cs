using System.Text.Json;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.UnitTests;

/// <summary>Examples, most of them ot.js's own unit tests (test/lib/test-text-operation.js) in C#.</summary>
public sealed class TextOperationTests
{
    private static TextOperation Json(string json) => JsonSerializer.Deserialize<TextOperation>(json)!;

    private static string Json(TextOperation operation) => JsonSerializer.Serialize(operation);

    [Fact]
    public void Lengths_count_utf16_code_units()
    {
        var operation = new TextOperationBuilder().Retain(5).Insert("abc").Delete(2).Insert("😀").Build();

        Assert.Equal(7, operation.BaseLength);
        Assert.Equal(10, operation.TargetLength);
    }

    [Fact]
    public void Adjacent_components_of_one_kind_merge_and_an_insert_goes_before_a_delete()
    {
        Assert.Equal("[5]", Json(new TextOperationBuilder().Retain(2).Retain(3).Build()));
        Assert.Equal("[\"abc\"]", Json(new TextOperationBuilder().Insert("a").Insert("bc").Build()));
        Assert.Equal("[-5]", Json(new TextOperationBuilder().Delete(2).Delete(3).Build()));
        Assert.Equal("[\"ab\",-3]", Json(new TextOperationBuilder().Delete(3).Insert("ab").Build()));
        Assert.Equal("[\"abc\",-3]", Json(new TextOperationBuilder().Insert("a").Delete(3).Insert("bc").Build()));
        Assert.Equal("[]", Json(new TextOperationBuilder().Retain(0).Insert("").Delete(0).Build()));
    }

    [Fact]
    public void Json_reading_normalises_like_ot_js_from_json()
    {
        Assert.Equal(Json("[\"a\",-1,2]"), Json("[-1,\"a\",2]"));
        Assert.Equal("[3,\"xy\",-2]", Json(Json("[1,2,\"x\",-1,\"y\",-1]")));
        Assert.Equal("[4]", Json(Json("[4.0]")));
    }

    [Fact]
    public void Apply_follows_the_components()
    {
        var operation = new TextOperationBuilder().Retain(6).Delete(5).Insert("Welt").Retain(1).Build();

        Assert.Equal("Hallo Welt!", operation.Apply("Hallo World!"));
    }

    [Fact]
    public void Equal_operations_are_equal_whatever_way_they_were_built()
    {
        var a = new TextOperationBuilder().Delete(1).Insert("lo").Retain(2).Retain(3).Build();
        var b = new TextOperationBuilder().Delete(-1 + 2).Insert("l").Insert("o").Retain(5).Build();

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new TextOperationBuilder().Delete(1).Insert("lo").Retain(4).Build());
    }

    [Fact]
    public void No_components_or_a_single_retain_is_a_noop()
    {
        Assert.True(TextOperation.Empty.IsNoop);
        Assert.True(new TextOperationBuilder().Retain(5).Build().IsNoop);
        Assert.False(new TextOperationBuilder().Retain(5).Retain(1).Insert("x").Build().IsNoop);
        Assert.False(new TextOperationBuilder().Delete(1).Build().IsNoop);
    }

    [Fact]
    public void ToString_uses_ot_js_notation()
    {
        var operation = new TextOperationBuilder().Retain(2).Insert("lorem").Delete(5).Retain(5).Build();

        Assert.Equal("retain 2, insert 'lorem', delete 5, retain 5", operation.ToString());
    }

    [Fact]
    public void Splice_is_one_edit_at_one_position()
    {
        Assert.Equal("[2,\"xy\",-1,3]", Json(TextOperation.Splice(6, 2, 1, "xy")));
        Assert.Equal("abXYf", TextOperation.Splice(6, 2, 3, "XY").Apply("abcdef"));
        Assert.Equal("[]", Json(TextOperation.Splice(0, 0, 0, "")));
    }

    [Fact]
    public void Compose_merges_consecutive_operations()
    {
        var a = Json("[3,\"abc\",-2]");
        var b = Json("[1,-4,\"XY\",1]");

        Assert.Equal("[1,\"XYc\",-4]", Json(a.Compose(b)));
        Assert.Equal(b.Apply(a.Apply("hello")), a.Compose(b).Apply("hello"));
    }

    [Fact]
    public void When_both_insert_at_one_position_the_client_operation_goes_first()
    {
        var client = Json("[1,\"C\",1]");
        var server = Json("[1,\"S\",1]");

        var (clientPrime, serverPrime) = TextOperation.Transform(client, server);

        Assert.Equal("aCSb", serverPrime.Apply(client.Apply("ab")));
        Assert.Equal("aCSb", clientPrime.Apply(server.Apply("ab")));
    }

    [Fact]
    public void Concurrent_deletes_of_the_same_text_delete_it_once()
    {
        var client = Json("[1,-3,1]");
        var server = Json("[2,-3]");

        var (clientPrime, serverPrime) = TextOperation.Transform(client, server);

        Assert.Equal("a", serverPrime.Apply(client.Apply("abcde")));
        Assert.Equal("[1,-1]", Json(clientPrime));
        Assert.Equal("[1,-1]", Json(serverPrime));
    }

    [Fact]
    public void Mismatched_lengths_are_refused_with_their_reason()
    {
        var three = Json("[3]");
        var two = Json("[2]");

        Assert.Equal(TextOperationError.BaseLengthMismatch, Assert.Throws<TextOperationException>(() => three.Apply("ab")).Error);
        Assert.Equal(TextOperationError.BaseLengthMismatch, Assert.Throws<TextOperationException>(() => three.Invert("ab")).Error);
        Assert.Equal(TextOperationError.ComposeLengthMismatch, Assert.Throws<TextOperationException>(() => three.Compose(two)).Error);
        Assert.Equal(TextOperationError.TransformLengthMismatch, Assert.Throws<TextOperationException>(() => TextOperation.Transform(three, two)).Error);
        Assert.Equal(TextOperationError.TransformLengthMismatch, Assert.Throws<TextOperationException>(() => TextOperation.TransformClient(three, two)).Error);
    }
}
