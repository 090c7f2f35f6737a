using PocTracker.Contracts.Dojo;

namespace PocTracker.Dojo.Rooms;

/// <summary>A row of <c>rooms</c> as read by Dapper (timestamps come back as UTC <see cref="DateTime"/>s), and its API shape.</summary>
internal sealed class RoomRow
{
    public const string Columns = "id, name, language, poc_id as PocId, created_by as CreatedBy, created_at as CreatedAt, closed_at as ClosedAt";

    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Language { get; init; } = "";
    public Guid? PocId { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ClosedAt { get; init; }

    public RoomDto ToDto() => new(Id, Name, Language, PocId, CreatedBy, Utc(CreatedAt), ClosedAt is { } closed ? Utc(closed) : null);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
