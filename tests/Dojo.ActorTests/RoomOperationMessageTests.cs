using System.Text.Json;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.DistributedRoomHost;

namespace PocTracker.Dojo.ActorTests;

public sealed class RoomOperationMessageTests
{
    [Fact]
    public void The_wire_form_carries_the_operation_once_in_ot_js_json_and_reads_back_equal()
    {
        var message = new RoomOperationMessage(Guid.NewGuid(), Guid.NewGuid(), 7, "client", 3, TextOperation.Splice(4, 1, 2, "é😀"), "connection", 5);

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
}
