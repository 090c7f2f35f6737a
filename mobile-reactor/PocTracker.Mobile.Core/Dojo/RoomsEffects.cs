using System.Runtime.CompilerServices;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.Dojo;

/// <summary>Runs the rooms page's effects against the server.</summary>
public sealed class RoomsEffects(IRoomsApi rooms) : IEffects<RoomsEffect, RoomsMessage>
{
    public async IAsyncEnumerable<RoomsMessage> RunAsync(RoomsEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case ListRooms:
                yield return new RoomsListed(await rooms.ListAsync(cancellationToken).ConfigureAwait(false));
                break;
            case CreateRoom create:
                yield return new RoomCreated(await rooms.CreateAsync(create.Request, cancellationToken).ConfigureAwait(false));
                break;
            case CloseRoom close:
                await rooms.CloseAsync(close.RoomId, cancellationToken).ConfigureAwait(false);
                yield return new RoomClosed(close.RoomId);
                break;
            case SaveRoomToPoc save:
                yield return new RoomSavedToPoc(save.RoomId, await rooms.SaveToPocAsync(save.RoomId, cancellationToken).ConfigureAwait(false));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a rooms effect.");
        }
    }
}
