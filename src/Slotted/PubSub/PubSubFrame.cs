namespace Slotted.PubSub;

/// <summary>
/// One frame read on a subscriber connection, classified. RESP3 sends messages and (un)subscribe
/// confirmations as push frames; RESP2 subscriber mode sends the same shapes as arrays:
/// <c>[message, channel, payload]</c>, <c>[pmessage, pattern, channel, payload]</c>,
/// <c>[smessage, channel, payload]</c>, <c>[subscribe|unsubscribe|..., channel, count]</c>
/// (Redis docs, "Pub/Sub": "Format of pushed messages").
/// </summary>
internal readonly struct PubSubFrame
{
    private PubSubFrame(PubSubFrameKind kind, RedisValue channel = default, RedisValue payload = default, RedisValue pattern = default, long count = 0)
    {
        Kind = kind;
        Channel = channel;
        Payload = payload;
        Pattern = pattern;
        Count = count;
    }

    public PubSubFrameKind Kind { get; }

    /// <summary>The channel (or pattern, for psubscribe/punsubscribe confirmations); null for an unsubscribe with nothing left.</summary>
    public RedisValue Channel { get; }

    /// <summary>The message payload; for an error, the server's message.</summary>
    public RedisValue Payload { get; }

    /// <summary>The matching pattern of a pmessage.</summary>
    public RedisValue Pattern { get; }

    /// <summary>For confirmations, how many subscriptions the connection holds afterwards.</summary>
    public long Count { get; }

    public bool IsMessage => Kind is PubSubFrameKind.Message or PubSubFrameKind.PatternMessage or PubSubFrameKind.ShardMessage;

    public bool IsUnsubscribe => Kind is PubSubFrameKind.Unsubscribe or PubSubFrameKind.PUnsubscribe or PubSubFrameKind.SUnsubscribe;

    public bool IsSubscribe => Kind is PubSubFrameKind.Subscribe or PubSubFrameKind.PSubscribe or PubSubFrameKind.SSubscribe;

    public PubSubMessage ToMessage() => Kind switch
    {
        PubSubFrameKind.PatternMessage => new PubSubMessage(PubSubMessageKind.PatternMessage, Channel, Payload, Pattern),
        PubSubFrameKind.ShardMessage => new PubSubMessage(PubSubMessageKind.ShardMessage, Channel, Payload),
        _ => new PubSubMessage(PubSubMessageKind.Message, Channel, Payload),
    };

    public static PubSubFrame Parse(RedisResult frame)
    {
        switch (frame.Type)
        {
            case RedisResultType.Error:
                return new PubSubFrame(PubSubFrameKind.Error, payload: frame.Value);
            case RedisResultType.SimpleString when IsWord(frame.Value, "PONG"u8):
                return new PubSubFrame(PubSubFrameKind.Pong);
            case RedisResultType.Push or RedisResultType.Array when frame.Length >= 2:
                break;
            default:
                return default;
        }
        var verb = frame[0].Value;
        int n = frame.Length;
        if (n == 3 && IsWord(verb, "message"u8)) return new PubSubFrame(PubSubFrameKind.Message, frame[1].Value, frame[2].Value);
        if (n == 3 && IsWord(verb, "smessage"u8)) return new PubSubFrame(PubSubFrameKind.ShardMessage, frame[1].Value, frame[2].Value);
        if (n == 4 && IsWord(verb, "pmessage"u8)) return new PubSubFrame(PubSubFrameKind.PatternMessage, frame[2].Value, frame[3].Value, frame[1].Value);
        if (n == 2 && IsWord(verb, "pong"u8)) return new PubSubFrame(PubSubFrameKind.Pong);
        if (n != 3) return default;
        PubSubFrameKind kind =
            IsWord(verb, "subscribe"u8) ? PubSubFrameKind.Subscribe :
            IsWord(verb, "psubscribe"u8) ? PubSubFrameKind.PSubscribe :
            IsWord(verb, "ssubscribe"u8) ? PubSubFrameKind.SSubscribe :
            IsWord(verb, "unsubscribe"u8) ? PubSubFrameKind.Unsubscribe :
            IsWord(verb, "punsubscribe"u8) ? PubSubFrameKind.PUnsubscribe :
            IsWord(verb, "sunsubscribe"u8) ? PubSubFrameKind.SUnsubscribe :
            PubSubFrameKind.Other;
        if (kind == PubSubFrameKind.Other || frame[2].Type != RedisResultType.Integer) return default;
        return new PubSubFrame(kind, frame[1].Value, count: frame[2].ToInt64());
    }

    private static bool IsWord(RedisValue value, ReadOnlySpan<byte> word)
    {
        switch (value.RawObject)
        {
            case byte[] bytes:
                return bytes.AsSpan().SequenceEqual(word);
            case string text:
                if (text.Length != word.Length) return false;
                for (int i = 0; i < text.Length; i++) if (text[i] != word[i]) return false;
                return true;
            default:
                return false;
        }
    }
}
