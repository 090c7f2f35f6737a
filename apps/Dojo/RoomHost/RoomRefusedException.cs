using PocTracker.Contracts.Dojo;

namespace PocTracker.Dojo.RoomHost;

/// <summary>A call the room refuses; <see cref="Code"/> is one of <see cref="DojoErrorCodes"/>. The room itself is unchanged.</summary>
public sealed class RoomRefusedException : Exception
{
    public RoomRefusedException()
        : this(DojoErrorCodes.MalformedOperation, "Refused.")
    {
    }

    public RoomRefusedException(string message)
        : this(DojoErrorCodes.MalformedOperation, message)
    {
    }

    public RoomRefusedException(string message, Exception innerException)
        : base(message, innerException) => Code = DojoErrorCodes.MalformedOperation;

    public RoomRefusedException(string code, string message)
        : base(message) => Code = code;

    public string Code { get; }
}
