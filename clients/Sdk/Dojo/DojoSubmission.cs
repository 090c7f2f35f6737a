using PocTracker.Dojo.Ot;

namespace PocTracker.Sdk.Dojo;

/// <summary>A submission leaving the session, or its acknowledgement.</summary>
/// <param name="Seq">The session's sequence number of the operation (its id with the client id).</param>
/// <param name="Revision">On send: the revision the operation was made on. On acknowledgement: the revision it produced.</param>
/// <param name="Operation">The operation sent (null on acknowledgement).</param>
/// <param name="IsResubmission">Sent again after a reconnect, with the same seq.</param>
public sealed record DojoSubmission(long Seq, int Revision, TextOperation? Operation, bool IsResubmission = false);
