namespace Slotted.Connections;

/// <summary>Takes the replies nobody awaits (the <c>+OK</c> of an <c>ASKING</c> written before a command) off the queue.</summary>
internal sealed class DiscardWaiter : ReplyWaiter
{
    public static DiscardWaiter Instance { get; } = new();

    private DiscardWaiter()
    {
    }

    public override void OnReply(RedisResult reply, int token)
    {
    }

    public override void OnConnectionLost(RedisConnectionException error, int token)
    {
    }

    public override void OnTimeout(RedisTimeoutException error, int token)
    {
    }

    public override bool IsWaiting(int token) => false;
}
