namespace Slotted.Routing;

/// <summary>How a key specification finds where its keys begin (<c>begin_search</c>).</summary>
internal enum BeginSearchKind
{
    /// <summary>Of a type this client does not know: the keys cannot be found from the arguments.</summary>
    Unknown = 0,

    /// <summary>At a fixed argument index.</summary>
    Index,

    /// <summary>After a keyword (token), searched for from a given index, backwards when that index is negative.</summary>
    Keyword,
}
