namespace Slotted.Routing;

/// <summary>One node's answer to a fanned-out command: its reply (possibly an error reply), or the error that kept it from answering.</summary>
internal readonly record struct NodeReply(string EndPoint, RedisResult? Reply, RedisException? Error);
