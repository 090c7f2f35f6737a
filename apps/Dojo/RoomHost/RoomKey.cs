namespace PocTracker.Dojo.RoomHost;

/// <summary>A room is identified by its tenant and its id: the same id in another tenant is another (absent) room.</summary>
public readonly record struct RoomKey(Guid TenantId, Guid RoomId)
{
    /// <summary>The actor id a distributed room host would use.</summary>
    public override string ToString() => $"{TenantId:N}:{RoomId:N}";
}
