namespace Slotted;

/// <summary>The kind of a reply, one per RESP2/RESP3 type (see the RESP3 specification).</summary>
public enum RedisResultType
{
    /// <summary>A null reply (RESP2 nil bulk string or array, RESP3 <c>_</c>).</summary>
    Null,
    /// <summary>A simple string such as <c>+OK</c>.</summary>
    SimpleString,
    /// <summary>An error reply such as <c>-ERR ...</c>; returned only where errors are kept in place (pipelines, EXEC).</summary>
    Error,
    /// <summary>A 64-bit integer (<c>:</c>).</summary>
    Integer,
    /// <summary>A binary-safe string (<c>$</c>).</summary>
    BulkString,
    /// <summary>An ordered list of replies (<c>*</c>).</summary>
    Array,
    /// <summary>A RESP3 double (<c>,</c>).</summary>
    Double,
    /// <summary>A RESP3 boolean (<c>#</c>).</summary>
    Boolean,
    /// <summary>A RESP3 big number (<c>(</c>), kept as its decimal text.</summary>
    BigNumber,
    /// <summary>A RESP3 verbatim string (<c>=</c>) with its three-letter format.</summary>
    VerbatimString,
    /// <summary>A RESP3 map (<c>%</c>): elements alternate key, value.</summary>
    Map,
    /// <summary>A RESP3 set (<c>~</c>).</summary>
    Set,
    /// <summary>A RESP3 push message (<c>&gt;</c>), out of band of replies.</summary>
    Push,
}
