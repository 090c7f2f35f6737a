using PocTracker.Contracts.Dojo;

namespace PocTracker.Dojo.RoomHost;

/// <summary>A connection joining a room, and who is behind it.</summary>
public sealed record RoomConnection(string ConnectionId, RoomParticipant Participant);
