using Microsoft.Extensions.Logging;

namespace Slotted.Diagnostics;

/// <summary>
/// Every message the client logs, through the LoggerMessage source generator (no boxing, no
/// message parsing, nothing done while the level is off). Event ids are stable: 1xx connections,
/// 2xx topology, 3xx pub/sub. docs/architecture.md ("Diagnostics") lists them.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Connection to {EndPoint} lost: {Error}")]
    public static partial void ConnectionLost(this ILogger logger, string endPoint, string error);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Closed the connection to {EndPoint}: it is no longer in the cluster")]
    public static partial void DepartedNodeClosed(this ILogger logger, string endPoint);

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Slot map refreshed: {Shards} shards, {Slots} slots covered")]
    public static partial void SlotMapRefreshed(this ILogger logger, int shards, int slots);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Topology from {EndPoint} failed: {Error}")]
    public static partial void TopologyLoadFailed(this ILogger logger, string endPoint, string error);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{EndPoint} dropped channel {Channel} (its slot moved); resubscribing")]
    public static partial void ChannelDropped(this ILogger logger, string endPoint, string channel);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Subscription connection to {EndPoint} lost ({Error}); resubscribing")]
    public static partial void SubscriptionConnectionLost(this ILogger logger, string endPoint, string error);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Subscription restored: {Count} channel(s) on {EndPoints}")]
    public static partial void SubscriptionRestored(this ILogger logger, int count, string endPoints);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Resubscribing failed ({Error}); retrying")]
    public static partial void ResubscribeFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Resubscribing was refused ({Error}); the subscription ends")]
    public static partial void ResubscribeRefused(this ILogger logger, string error);
}
