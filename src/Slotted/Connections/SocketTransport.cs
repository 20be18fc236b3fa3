using System.Net.Sockets;

namespace Slotted.Connections;

/// <summary>Plain TCP: reads and writes go straight to the socket (recv/send).</summary>
internal sealed class SocketTransport(Socket socket) : Transport(socket)
{
    public override bool NeedsOwnReader => false;

    public override int Read(Span<byte> buffer) => Socket.Receive(buffer, SocketFlags.None);

    public override void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty) data = data[Socket.Send(data)..];
    }
}
