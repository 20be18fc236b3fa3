namespace Slotted.Connections;

/// <summary>One entry of a connection's reply queue: who waits, with which token, until when, and the command's place in the write order.</summary>
internal readonly record struct QueuedReply(ReplyWaiter Waiter, int Token, long Deadline, long Sequence);
