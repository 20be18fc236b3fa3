using System.Collections.ObjectModel;

namespace Slotted.Routing;

/// <summary>
/// What the server says about one command or subcommand (<c>COMMAND INFO</c> and <c>COMMAND DOCS</c>):
/// its arity, flags, key specifications and cluster routing tips. Instances come from the generated
/// <see cref="CommandTable"/> and are immutable.
/// </summary>
internal sealed class CommandInfo
{
    private static readonly Dictionary<string, CommandInfo> NoSubcommands = new(StringComparer.OrdinalIgnoreCase);

    private readonly KeySpec[] _keySpecs;
    private readonly Dictionary<string, CommandInfo> _subcommands;
    private readonly Dictionary<string, CommandInfo>.AlternateLookup<ReadOnlySpan<char>> _subcommandLookup;

    /// <summary>Creates the description of a command; the generated table is the only caller.</summary>
    /// <param name="name">The upper-case name; "CONTAINER|SUB" for a subcommand.</param>
    /// <param name="arity">The argument count including the name; negative means "at least".</param>
    /// <param name="flags">The command flags.</param>
    /// <param name="firstKey">The legacy first key index (0 for none).</param>
    /// <param name="lastKey">The legacy last key index (negative counts from the end).</param>
    /// <param name="keyStep">The legacy step between keys.</param>
    /// <param name="requestPolicy">The <c>request_policy</c> tip.</param>
    /// <param name="responsePolicy">The <c>response_policy</c> tip.</param>
    /// <param name="tips">The other command tips.</param>
    /// <param name="docFlags">The <c>doc_flags</c> from <c>COMMAND DOCS</c>.</param>
    /// <param name="keySpecs">The key specifications, in the server's order.</param>
    /// <param name="subcommands">The subcommands of a container command (CONFIG, CLIENT, ...).</param>
    public CommandInfo(
        string name,
        int arity,
        CommandFlags flags,
        int firstKey,
        int lastKey,
        int keyStep,
        RequestPolicy requestPolicy,
        ResponsePolicy responsePolicy,
        CommandTips tips,
        CommandDocFlags docFlags,
        KeySpec[] keySpecs,
        CommandInfo[]? subcommands = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(keySpecs);
        Name = name;
        Arity = arity;
        Flags = flags;
        FirstKey = firstKey;
        LastKey = lastKey;
        KeyStep = keyStep;
        RequestPolicy = requestPolicy;
        ResponsePolicy = responsePolicy;
        Tips = tips;
        DocFlags = docFlags;
        _keySpecs = keySpecs;
        KeySpecs = new ReadOnlyCollection<KeySpec>(keySpecs);

        _subcommands = NoSubcommands;
        if (subcommands is { Length: > 0 })
        {
            _subcommands = new Dictionary<string, CommandInfo>(subcommands.Length, StringComparer.OrdinalIgnoreCase);
            foreach (CommandInfo sub in subcommands)
            {
                int bar = sub.Name.IndexOf('|', StringComparison.Ordinal);
                if (bar <= 0 || !sub.Name.AsSpan(0, bar).Equals(name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Subcommand '{sub.Name}' does not belong to '{name}'.", nameof(subcommands));
                }
                sub.Parent = this;
                _subcommands.Add(sub.Name[(bar + 1)..], sub);
            }
        }
        _subcommandLookup = _subcommands.GetAlternateLookup<ReadOnlySpan<char>>();

        bool incomplete = false;
        bool hasKeys = false;
        foreach (KeySpec spec in keySpecs)
        {
            if (spec.IsNotKey) continue;
            hasKeys = true;
            incomplete |= spec.IsIncomplete;
        }
        HasKeys = hasKeys;
        KeysIncomplete = incomplete || ((flags & CommandFlags.MovableKeys) != 0 && !hasKeys);
    }

    /// <summary>The upper-case name; a subcommand's is "CONTAINER|SUB", for example "CONFIG|GET".</summary>
    public string Name { get; }

    /// <summary>
    /// The number of arguments, the name (and subcommand name) included; a negative value -N means
    /// "at least N".
    /// </summary>
    public int Arity { get; }

    /// <summary>The command flags.</summary>
    public CommandFlags Flags { get; }

    /// <summary>The legacy first key index (0 when the command takes no keys at fixed positions).</summary>
    public int FirstKey { get; }

    /// <summary>The legacy last key index; negative counts from the end.</summary>
    public int LastKey { get; }

    /// <summary>The legacy step between keys.</summary>
    public int KeyStep { get; }

    /// <summary>Where the command goes in a cluster when its keys do not decide (the <c>request_policy</c> tip).</summary>
    public RequestPolicy RequestPolicy { get; }

    /// <summary>How replies of a fanned-out call combine (the <c>response_policy</c> tip).</summary>
    public ResponsePolicy ResponsePolicy { get; }

    /// <summary>The other command tips (non-deterministic output).</summary>
    public CommandTips Tips { get; }

    /// <summary>The documentation flags (deprecated, system command).</summary>
    public CommandDocFlags DocFlags { get; }

    /// <summary>The key specifications, in the server's order.</summary>
    public IReadOnlyList<KeySpec> KeySpecs { get; }

    /// <summary>
    /// The subcommands of a container command, by the name after the '|' ("GET" for CONFIG|GET),
    /// ignoring case; empty for other commands.
    /// </summary>
    public IReadOnlyDictionary<string, CommandInfo> Subcommands => _subcommands;

    /// <summary>The container command of a subcommand; null for a top-level command.</summary>
    public CommandInfo? Parent { get; private set; }

    /// <summary>True when the command never writes: flagged readonly and not write (safe to send to a replica).</summary>
    public bool IsReadOnly => (Flags & (CommandFlags.ReadOnly | CommandFlags.Write)) == CommandFlags.ReadOnly;

    /// <summary>True when the command may block its connection (BLPOP, XREAD ... BLOCK, WAIT ...).</summary>
    public bool IsBlocking => (Flags & CommandFlags.Blocking) != 0;

    /// <summary>True when some key specification names real keys (shard channels do not count).</summary>
    public bool HasKeys { get; }

    /// <summary>
    /// True when the key specifications may miss keys (SORT, MIGRATE), so a router must ask the
    /// server with <c>COMMAND GETKEYS</c>; <see cref="CommandTable.TryGetKeyIndexes"/> then returns false.
    /// </summary>
    public bool KeysIncomplete { get; }

    internal KeySpec[] KeySpecArray => _keySpecs;

    /// <summary>True when <paramref name="argumentCount"/> (the name included) satisfies <see cref="Arity"/>.</summary>
    public bool AcceptsArgumentCount(int argumentCount) =>
        Arity >= 0 ? argumentCount == Arity : argumentCount >= -Arity;

    /// <summary>The subcommand named <paramref name="name"/> (the part after '|', any case), or null.</summary>
    public CommandInfo? FindSubcommand(ReadOnlySpan<char> name) =>
        _subcommands.Count != 0 && _subcommandLookup.TryGetValue(name, out CommandInfo? sub) ? sub : null;

    /// <inheritdoc />
    public override string ToString() => Name;
}
