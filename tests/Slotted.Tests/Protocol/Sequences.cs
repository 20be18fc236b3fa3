using System.Buffers;
using System.Text;

namespace Slotted.Tests.Protocol;

/// <summary>Builds byte sequences cut into segments at chosen places.</summary>
internal static class Sequences
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static ReadOnlySequence<byte> Single(byte[] data) => new(data);

    /// <summary>A sequence of the given chunks, one segment each (empty chunks kept as empty segments).</summary>
    public static ReadOnlySequence<byte> FromChunks(IReadOnlyList<byte[]> chunks)
    {
        if (chunks.Count == 0) return ReadOnlySequence<byte>.Empty;
        var first = new TestSegment(chunks[0], null);
        TestSegment last = first;
        for (int i = 1; i < chunks.Count; i++) last = new TestSegment(chunks[i], last);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The data cut at the given offsets (each segment a separate array, so no slice can read past its end).</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] data, params int[] cuts)
    {
        var chunks = new List<byte[]>(cuts.Length + 1);
        int start = 0;
        foreach (int cut in cuts)
        {
            chunks.Add(data[start..cut]);
            start = cut;
        }
        chunks.Add(data[start..]);
        return FromChunks(chunks);
    }

    /// <summary>One byte per segment, with an empty segment after every third byte.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] data)
    {
        var chunks = new List<byte[]>(data.Length * 2);
        for (int i = 0; i < data.Length; i++)
        {
            chunks.Add([data[i]]);
            if (i % 3 == 2) chunks.Add([]);
        }
        return FromChunks(chunks);
    }
}
