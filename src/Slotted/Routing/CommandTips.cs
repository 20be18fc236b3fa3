namespace Slotted.Routing;

/// <summary>
/// The command tips other than the request and response policies
/// (https://redis.io/docs/reference/command-tips/).
/// </summary>
[Flags]
internal enum CommandTips
{
    None = 0,

    /// <summary>The reply may differ between calls with the same arguments and data set.</summary>
    NondeterministicOutput = 1 << 0,

    /// <summary>The reply is a collection whose order may differ between calls.</summary>
    NondeterministicOutputOrder = 1 << 1,
}
