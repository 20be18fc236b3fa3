namespace Slotted.Routing;

/// <summary>
/// One key specification of a command: a rule that finds some of its key names among the arguments
/// (https://redis.io/docs/reference/key-specs/). <see cref="BeginSearch"/> finds where the keys start,
/// <see cref="FindKeys"/> how many follow and how far apart. Indexes count the command name as 0,
/// and for a subcommand the full argument list ("OBJECT", "ENCODING", key).
/// </summary>
internal sealed class KeySpec
{
    /// <summary>Creates a specification; prefer the factory methods, which name the shape.</summary>
    /// <param name="flags">The access and operation flags.</param>
    /// <param name="beginSearch">How the keys' start is found.</param>
    /// <param name="index">For <see cref="BeginSearchKind.Index"/>: the start index.</param>
    /// <param name="keyword">For <see cref="BeginSearchKind.Keyword"/>: the token before the keys.</param>
    /// <param name="startFrom">For <see cref="BeginSearchKind.Keyword"/>: where the search starts; negative counts from the end and searches backwards.</param>
    /// <param name="findKeys">How the keys are found from their start.</param>
    /// <param name="first">For <see cref="FindKeysKind.Range"/>: lastkey; for <see cref="FindKeysKind.KeyNum"/>: keynumidx.</param>
    /// <param name="second">For a range: keystep; for keynum: firstkey.</param>
    /// <param name="third">For a range: limit; for keynum: keystep.</param>
    public KeySpec(
        KeySpecFlags flags,
        BeginSearchKind beginSearch,
        int index,
        string? keyword,
        int startFrom,
        FindKeysKind findKeys,
        int first,
        int second,
        int third)
    {
        Flags = flags;
        BeginSearch = beginSearch;
        FindKeys = findKeys;
        switch (beginSearch)
        {
            case BeginSearchKind.Index:
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
                Index = index;
                break;
            case BeginSearchKind.Keyword:
                ArgumentException.ThrowIfNullOrEmpty(keyword);
                Keyword = keyword;
                StartFrom = startFrom;
                break;
        }
        switch (findKeys)
        {
            case FindKeysKind.Range:
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(second);
                ArgumentOutOfRangeException.ThrowIfNegative(third);
                LastKey = first;
                KeyStep = second;
                Limit = third;
                break;
            case FindKeysKind.KeyNum:
                ArgumentOutOfRangeException.ThrowIfNegative(first);
                ArgumentOutOfRangeException.ThrowIfNegative(second);
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(third);
                KeyNumIndex = first;
                FirstKey = second;
                KeyStep = third;
                break;
        }
    }

    /// <summary>The access type, logical operation and miscellaneous flags.</summary>
    public KeySpecFlags Flags { get; }

    /// <summary>How the start of the keys is found.</summary>
    public BeginSearchKind BeginSearch { get; }

    /// <summary>For <see cref="BeginSearchKind.Index"/>: the index of the first argument considered.</summary>
    public int Index { get; }

    /// <summary>For <see cref="BeginSearchKind.Keyword"/>: the token that precedes the keys (matched ignoring ASCII case).</summary>
    public string? Keyword { get; }

    /// <summary>
    /// For <see cref="BeginSearchKind.Keyword"/>: the index where the search for <see cref="Keyword"/>
    /// starts; a negative value counts from the end (-1 is the last argument) and searches backwards.
    /// </summary>
    public int StartFrom { get; }

    /// <summary>How the keys are found from their start.</summary>
    public FindKeysKind FindKeys { get; }

    /// <summary>
    /// For <see cref="FindKeysKind.Range"/>: the last key's index relative to the start, or, when
    /// negative, relative to the end (-1 is the last argument).
    /// </summary>
    public int LastKey { get; }

    /// <summary>For a range or keynum: the distance from one key to the next.</summary>
    public int KeyStep { get; }

    /// <summary>
    /// For <see cref="FindKeysKind.Range"/> with a negative <see cref="LastKey"/>: only the first
    /// 1/limit of the remaining arguments are keys (0 and 1 mean all of them).
    /// </summary>
    public int Limit { get; }

    /// <summary>For <see cref="FindKeysKind.KeyNum"/>: the index, relative to the start, of the argument holding the number of keys.</summary>
    public int KeyNumIndex { get; }

    /// <summary>For <see cref="FindKeysKind.KeyNum"/>: the index, relative to the start, of the first key.</summary>
    public int FirstKey { get; }

    /// <summary>
    /// True when this specification may miss keys: flagged incomplete, or of a search type the
    /// arguments cannot resolve (<c>SORT</c>'s STORE and BY/GET clauses).
    /// </summary>
    public bool IsIncomplete =>
        (Flags & KeySpecFlags.Incomplete) != 0
        || BeginSearch == BeginSearchKind.Unknown
        || FindKeys == FindKeysKind.Unknown;

    /// <summary>True when the arguments found are not keys, though they still choose the slot (shard channels).</summary>
    public bool IsNotKey => (Flags & KeySpecFlags.NotKey) != 0;

    /// <summary>Keys from a fixed index up to <paramref name="lastKey"/> (range).</summary>
    public static KeySpec IndexRange(KeySpecFlags flags, int index, int lastKey, int keyStep, int limit) =>
        new(flags, BeginSearchKind.Index, index, null, 0, FindKeysKind.Range, lastKey, keyStep, limit);

    /// <summary>Keys from a fixed index, counted by a numkeys argument (keynum).</summary>
    public static KeySpec IndexKeyNum(KeySpecFlags flags, int index, int keyNumIndex, int firstKey, int keyStep) =>
        new(flags, BeginSearchKind.Index, index, null, 0, FindKeysKind.KeyNum, keyNumIndex, firstKey, keyStep);

    /// <summary>Keys after a keyword, up to <paramref name="lastKey"/> (range).</summary>
    public static KeySpec KeywordRange(KeySpecFlags flags, string keyword, int startFrom, int lastKey, int keyStep, int limit) =>
        new(flags, BeginSearchKind.Keyword, 0, keyword, startFrom, FindKeysKind.Range, lastKey, keyStep, limit);

    /// <summary>Keys after a keyword, counted by a numkeys argument (keynum).</summary>
    public static KeySpec KeywordKeyNum(KeySpecFlags flags, string keyword, int startFrom, int keyNumIndex, int firstKey, int keyStep) =>
        new(flags, BeginSearchKind.Keyword, 0, keyword, startFrom, FindKeysKind.KeyNum, keyNumIndex, firstKey, keyStep);

    /// <summary>Keys the arguments do not locate (both halves of type unknown).</summary>
    public static KeySpec Unknown(KeySpecFlags flags) =>
        new(flags, BeginSearchKind.Unknown, 0, null, 0, FindKeysKind.Unknown, 0, 0, 0);

    /// <inheritdoc />
    public override string ToString()
    {
        string begin = BeginSearch switch
        {
            BeginSearchKind.Index => $"index {Index}",
            BeginSearchKind.Keyword => $"keyword {Keyword} from {StartFrom}",
            _ => "unknown",
        };
        string find = FindKeys switch
        {
            FindKeysKind.Range => $"range lastkey {LastKey} step {KeyStep} limit {Limit}",
            FindKeysKind.KeyNum => $"keynum idx {KeyNumIndex} first {FirstKey} step {KeyStep}",
            _ => "unknown",
        };
        return $"{begin}; {find} [{Flags}]";
    }
}
