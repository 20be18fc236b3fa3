namespace Slotted.MultiKey;

/// <summary>
/// SORT's ordering and LIMIT, computed in memory with the server's rules (sort.c, sortCompare):
/// numeric sorting compares the weights and breaks ties by the element bytes; a weight that does
/// not parse (see <see cref="StrtodParser"/>) is an error; a missing BY value weighs 0. ALPHA with
/// BY compares the BY values, a missing one first; ALPHA without BY compares the elements. DESC
/// negates the comparison. Elements that compare equal keep their fetched order (the server's
/// qsort makes no promise there, so such ties are the one place results may differ).
/// </summary>
internal static class SortEngine
{
    /// <summary>The server's error when a weight is not a number.</summary>
    public const string ConversionError = "ERR One or more scores can't be converted into double";

    /// <summary>The positions, in output order, of the sorted elements; false when a weight is not a number.</summary>
    /// <param name="elements">The elements as fetched.</param>
    /// <param name="byValues">The BY value of each element (null entries: missing), or null to sort by the elements.</param>
    /// <param name="alpha">ALPHA.</param>
    /// <param name="descending">DESC.</param>
    /// <param name="order">The sorted positions.</param>
    public static bool TrySort(IReadOnlyList<byte[]> elements, IReadOnlyList<byte[]?>? byValues, bool alpha, bool descending, out int[] order)
    {
        int n = elements.Count;
        order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var weights = new double[n];
        if (!alpha)
        {
            for (int i = 0; i < n; i++)
            {
                byte[]? source = byValues is null ? elements[i] : byValues[i];
                if (source is null) continue;
                if (!StrtodParser.TryParse(source, out weights[i])) return false;
            }
        }
        int sign = descending ? -1 : 1;
        Comparison<int> compare;
        if (!alpha)
        {
            compare = (a, b) =>
            {
                int c = weights[a] > weights[b] ? 1 : weights[a] < weights[b] ? -1 : BinaryOrder.Instance.Compare(elements[a], elements[b]);
                c *= sign;
                return c != 0 ? c : a.CompareTo(b);
            };
        }
        else if (byValues is not null)
        {
            compare = (a, b) =>
            {
                byte[]? x = byValues[a], y = byValues[b];
                int c = x is null || y is null ? (x is null ? (y is null ? 0 : -1) : 1) : BinaryOrder.Instance.Compare(x, y);
                c *= sign;
                return c != 0 ? c : a.CompareTo(b);
            };
        }
        else
        {
            compare = (a, b) =>
            {
                int c = sign * BinaryOrder.Instance.Compare(elements[a], elements[b]);
                return c != 0 ? c : a.CompareTo(b);
            };
        }
        Array.Sort(order, compare);
        return true;
    }

    /// <summary>The inclusive output range after <c>LIMIT offset count</c> (count &lt; 0: all), as the server clamps it; empty when End &lt; Start.</summary>
    public static (int Start, int End) Limit(int length, long offset, long count)
    {
        long start = Math.Min(Math.Max(offset, 0), length);
        long clamped = Math.Min(Math.Max(count, -1), length);
        long end = clamped < 0 ? length - 1 : start + clamped - 1;
        if (start >= length)
        {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) end = length - 1;
        return ((int)start, (int)end);
    }
}
