using System.Buffers;

namespace Slotted.Tests.Protocol;

/// <summary>
/// A buffer writer handing out the smallest spans the contract allows (max(sizeHint, chunkSize)),
/// keeping each committed chunk apart, so writes that must stream are seen streaming.
/// </summary>
internal sealed class ChunkedBufferWriter(int chunkSize) : IBufferWriter<byte>
{
    private readonly List<byte[]> _chunks = [];
    private byte[] _current = [];

    public IReadOnlyList<byte[]> Chunks => _chunks;

    public int LargestRequest { get; private set; }

    public void Advance(int count)
    {
        if (count < 0 || count > _current.Length) throw new InvalidOperationException($"Advance({count}) past a {_current.Length}-byte span.");
        _chunks.Add(_current[..count]);
        _current = [];
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        LargestRequest = Math.Max(LargestRequest, sizeHint);
        _current = new byte[Math.Max(sizeHint, chunkSize)];
        return _current;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public byte[] ToArray() => [.. _chunks.SelectMany(c => c)];
}
