namespace Slotted;

/// <summary>
/// One entry of a node's slow log (<c>SLOWLOG GET</c>, https://redis.io/docs/latest/commands/slowlog-get/):
/// a command that ran longer than <c>slowlog-log-slower-than</c>.
/// </summary>
public sealed class SlowlogEntry
{
    internal SlowlogEntry(long id, DateTimeOffset startTime, TimeSpan duration, IReadOnlyList<RedisValue> arguments, string? clientAddress, string? clientName)
    {
        Id = id;
        StartTime = startTime;
        Duration = duration;
        Arguments = arguments;
        ClientAddress = clientAddress;
        ClientName = clientName;
    }

    /// <summary>The entry's id, increasing on its node (reset by a restart, not by <c>SLOWLOG RESET</c>).</summary>
    public long Id { get; }

    /// <summary>When the command started (second precision).</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>How long the command ran (microsecond precision).</summary>
    public TimeSpan Duration { get; }

    /// <summary>The command and its arguments, as logged (long ones are cut short by the server).</summary>
    public IReadOnlyList<RedisValue> Arguments { get; }

    /// <summary>The client's "ip:port".</summary>
    public string? ClientAddress { get; }

    /// <summary>The client's name, when it has one.</summary>
    public string? ClientName { get; }

    /// <inheritdoc />
    public override string ToString() => $"#{Id} {StartTime:u} {Duration.TotalMilliseconds} ms: {string.Join(' ', Arguments)}";

    internal static IReadOnlyList<SlowlogEntry> ParseList(RedisResult reply)
    {
        var entries = new List<SlowlogEntry>(reply.Length);
        foreach (var e in reply.Elements)
        {
            var arguments = e.Length > 3 ? e[3].ToValueArray() : [];
            string? address = e.Length > 4 ? e[4].ToString() : null;
            string? name = e.Length > 5 ? e[5].ToString() : null;
            entries.Add(new SlowlogEntry(
                e[0].ToInt64(),
                DateTimeOffset.FromUnixTimeSeconds(e[1].ToInt64()),
                TimeSpan.FromMicroseconds(e[2].ToInt64()),
                arguments,
                string.IsNullOrEmpty(address) ? null : address,
                string.IsNullOrEmpty(name) ? null : name));
        }
        return entries;
    }
}
