using System.Text.Json;
using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.Presence;

namespace PocTracker.Dojo.ActorTests;

/// <summary>What goes on the dojo's pub/sub component, and how big it may get (SNS/SQS caps a message at 256 KiB).</summary>
public sealed class RoomOperationMessageTests
{
    private const int Threshold = DojoActorOptions.DefaultMaxInlineMessageBytes;

    private static RoomOperationMessage Message(TextOperation operation) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 7, "client", 3, operation, "connection", 5);

    private static int WireBytes(object message) => JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web).Length;

    [Fact]
    public void The_wire_form_carries_the_operation_once_in_ot_js_json_and_reads_back_equal()
    {
        var message = Message(TextOperation.Splice(4, 1, 2, "é😀"));

        var json = JsonSerializer.Serialize(message, JsonSerializerOptions.Web);
        using var document = JsonDocument.Parse(json);

        Assert.Equal(
            ["baseRevision", "clientId", "operation", "revision", "roomId", "seq", "submitterConnectionId", "tenantId"],
            document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var operation = document.RootElement.GetProperty("operation");
        Assert.Equal(JsonValueKind.Array, operation.ValueKind); // ot.js's form: [1, "é😀", -2, 1]
        Assert.Equal(message.Operation, operation.Deserialize<TextOperation>());
        Assert.Equal(message, JsonSerializer.Deserialize<RoomOperationMessage>(json, JsonSerializerOptions.Web));
    }

    [Fact]
    public void A_keystroke_goes_inline_and_a_big_paste_as_a_reference_that_names_it_without_carrying_it()
    {
        var keystroke = Message(TextOperation.Splice(10, 4, 0, "x"));
        var paste = Message(TextOperation.Splice(10, 4, 0, new string('a', 200_000)));

        var reference = paste.ForPublishing(Threshold);

        Assert.Same(keystroke, keystroke.ForPublishing(Threshold));
        Assert.True(reference.IsReference);
        Assert.Equal(paste with { Operation = null }, reference); // room, revision, client, seq, submitter, base: all there
        Assert.True(WireBytes(reference) < 1024, $"A reference is {WireBytes(reference)} bytes.");
        var read = JsonSerializer.Deserialize<RoomOperationMessage>(JsonSerializer.Serialize(reference, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;
        Assert.True(read.IsReference);
        Assert.Throws<InvalidOperationException>(() => read.Stored);
    }

    [Fact]
    public void The_threshold_counts_the_bytes_sent_not_the_characters_typed()
    {
        // 20,000 characters, far under 64 Ki of them; but the JSON escapes '<' as \u003C: 120,000 bytes.
        var markup = Message(TextOperation.Splice(0, 0, 0, new string('<', 20_000)));
        var oneCharacter = WireBytes(Message(TextOperation.Splice(0, 0, 0, "a")));
        var justUnder = Message(TextOperation.Splice(0, 0, 0, new string('a', Threshold - oneCharacter + 1)));
        var oneOver = justUnder with { Operation = TextOperation.Splice(0, 0, 0, justUnder.Operation!.Components[0].Text + "a") };

        Assert.True(markup.ForPublishing(Threshold).IsReference);
        Assert.Equal(Threshold, WireBytes(justUnder));
        Assert.Same(justUnder, justUnder.ForPublishing(Threshold));
        Assert.True(oneOver.ForPublishing(Threshold).IsReference);
    }

    [Fact]
    public async Task The_dapr_publisher_hands_the_sidecar_a_big_operation_as_a_reference_under_the_threshold_and_a_small_one_inline()
    {
        var dapr = Substitute.For<DaprClient>();
        var published = new List<RoomOperationMessage>();
        await dapr.PublishEventAsync("dojo-pubsub", "dojo-operations", Arg.Do<RoomOperationMessage>(published.Add), Arg.Any<CancellationToken>());
        var publisher = new DaprRoomOperationPublisher(dapr, Options.Create(new DojoActorOptions()));
        // A whole-text paste at the insert cap (262,144 code units), of code full of characters JSON escapes.
        var paste = Message(TextOperation.Splice(0, 0, 0, string.Concat(Enumerable.Repeat("if (a < b && c > \"d\") { é(); }\n", 262_144 / 32))));
        var keystroke = Message(TextOperation.Splice(1, 1, 0, "x"));

        await publisher.PublishAsync(paste, CancellationToken.None);
        await publisher.PublishAsync(keystroke, CancellationToken.None);

        Assert.True(WireBytes(paste) > 2 * 256 * 1024); // it would never have fitted in 256 KiB
        Assert.Equal([paste with { Operation = null }, keystroke], published); // equal records: the reference has no operation to print
        Assert.All(published, message => Assert.True(WireBytes(message) <= Threshold));
    }

    [Theory]
    [InlineData("300000", false)] // a 300 KB message would never pass SNS/SQS
    [InlineData("200", false)]    // a reference might not fit
    [InlineData("122880", true)]
    [InlineData(null, true)]      // not configured: the default
    public void A_threshold_the_broker_could_not_take_is_refused_at_start_up(string? configured, bool accepted)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(configured is null ? [] : new Dictionary<string, string?> { ["Dojo:Actors:MaxInlineMessageBytes"] = configured })
            .Build();
        using var services = new ServiceCollection().AddDojoActors(configuration).BuildServiceProvider();

        var options = () => services.GetRequiredService<IOptions<DojoActorOptions>>().Value;

        if (accepted)
        {
            Assert.Equal(configured is null ? Threshold : int.Parse(configured, System.Globalization.CultureInfo.InvariantCulture), options().MaxInlineMessageBytes);
        }
        else
        {
            Assert.Contains("MaxInlineMessageBytes", Assert.Throws<OptionsValidationException>(options).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_biggest_presence_message_stays_far_under_the_threshold()
    {
        // A 100-character name (identity's cap) of characters JSON escapes, and the most selections one presence may carry.
        var selections = Enumerable.Range(0, new PresenceOptions().MaxSelections).Select(_ => new PresenceSelection(1_048_576, 1_048_576)).ToList();
        var participant = new RoomParticipant(Guid.NewGuid(), new string('é', 100), new ParticipantPresence(int.MaxValue, selections));
        var message = new PresenceRelayMessage(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid().ToString(), long.MaxValue, participant, Refresh: true);

        Assert.True(WireBytes(message) < 4 * 1024, $"A presence message is {WireBytes(message)} bytes.");
    }
}
