using System.Net.Sockets;

namespace Slotted.Connections;

/// <summary>
/// The byte stream under a <see cref="PhysicalConnection"/>, chosen when the connection is made:
/// the socket itself (<see cref="SocketTransport"/>) or TLS over it (<see cref="TlsTransport"/>).
/// One thread reads (the poller or the connection's reader thread) while at most one flusher
/// writes, which is all either implementation allows.
/// </summary>
internal abstract class Transport : IDisposable
{
    protected Transport(Socket socket) => Socket = socket;

    /// <summary>The connected socket (blocking mode; its SO_SNDTIMEO bounds every write).</summary>
    public Socket Socket { get; }

    /// <summary>
    /// True when bytes can wait inside the transport where the socket's readiness does not show
    /// them (TLS decrypts whole records and keeps what a read did not take): such a connection must
    /// be read by a thread of its own, blocked in <see cref="Read"/>, never by the epoll poller.
    /// </summary>
    public abstract bool NeedsOwnReader { get; }

    /// <summary>Reads what is there, blocking until at least one byte arrives; 0 when the peer closed the connection.</summary>
    public abstract int Read(Span<byte> buffer);

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    public abstract void Write(ReadOnlySpan<byte> data);

    /// <summary>Shuts the socket down (which wakes a reader blocked in <see cref="Read"/>) and closes it.</summary>
    public virtual void Dispose()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        Socket.Dispose();
    }
}
