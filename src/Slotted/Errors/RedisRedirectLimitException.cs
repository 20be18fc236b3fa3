namespace Slotted;

/// <summary>
/// A command was redirected (MOVED/ASK/TRYAGAIN) more times than
/// <see cref="RedisClusterOptions.MaxRedirects"/> allows; the slot and the nodes tried are named.
/// </summary>
public sealed class RedisRedirectLimitException : RedisException
{
    /// <summary>Creates the error.</summary>
    public RedisRedirectLimitException(int slot, IReadOnlyList<string> nodesTried, int redirects)
        : base($"Slot {slot} was redirected {redirects} times without an answer; nodes tried: {string.Join(", ", nodesTried)}.")
    {
        Slot = slot;
        NodesTried = nodesTried;
    }

    /// <summary>The hash slot of the command.</summary>
    public int Slot { get; }

    /// <summary>The nodes ("host:port") the command was sent to, in order.</summary>
    public IReadOnlyList<string> NodesTried { get; }
}
