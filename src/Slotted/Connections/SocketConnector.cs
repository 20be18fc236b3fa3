using System.Net;
using System.Net.Sockets;

namespace Slotted.Connections;

/// <summary>
/// Opens TCP sockets that stay in blocking mode. On Unix, .NET puts a socket in non-blocking mode
/// for good once any asynchronous operation (ConnectAsync included) or a switch to non-blocking has
/// touched it, and from then on emulates every synchronous Receive through its epoll thread: one
/// more thread wake-up for every read. A plain blocking connect, bounded by SO_SNDTIMEO (which
/// Linux applies to connect), keeps the reader thread's Receive a direct blocking recv().
/// </summary>
internal static class SocketConnector
{
    /// <summary>Connects on the calling thread (sync callers, and <see cref="OnOwnThreadAsync"/>'s own thread).</summary>
    /// <param name="host">Host name or address.</param>
    /// <param name="port">Port.</param>
    /// <param name="endPoint">"host:port", for messages.</param>
    /// <param name="timeout">How long the connect may take.</param>
    /// <param name="sendTimeout">SO_SNDTIMEO once connected, in milliseconds (0: none).</param>
    public static Socket Connect(string host, int port, string endPoint, TimeSpan timeout, int sendTimeout)
    {
        IPAddress[] addresses = IPAddress.TryParse(host, out var ip) ? [ip] : Dns.GetHostAddresses(host);
        if (addresses.Length == 0) throw new RedisConnectionException($"Could not resolve {host}.", endPoint);
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        Exception? last = null;
        foreach (var address in addresses)
        {
            long left = deadline - Environment.TickCount64;
            if (left <= 0) break;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.SendTimeout = (int)Math.Min(left, int.MaxValue);
                socket.Connect(address, port);
                socket.SendTimeout = sendTimeout;
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex.SocketErrorCode is SocketError.InProgress or SocketError.WouldBlock or SocketError.TimedOut
                    ? new RedisConnectionException($"Connecting to {endPoint} timed out after {timeout.TotalMilliseconds:0} ms.", endPoint, innerException: ex)
                    : new RedisConnectionException($"Could not connect to {endPoint}: {ex.Message}", endPoint, innerException: ex);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new RedisConnectionException($"Connecting to {endPoint} timed out after {timeout.TotalMilliseconds:0} ms.", endPoint);
    }

    /// <summary>
    /// Runs a blocking connect (<see cref="Connect"/>, and the TLS handshake after it) on a dedicated
    /// thread, so neither the caller nor a thread-pool thread blocks. A cancelled caller stops
    /// waiting at once; what the connect opens later is disposed.
    /// </summary>
    public static async Task<T> OnOwnThreadAsync<T>(Func<T> connect, CancellationToken cancellationToken) where T : IDisposable
    {
        var connecting = Task.Factory.StartNew(connect, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = connecting.ContinueWith(static t =>
            {
                if (t.IsCompletedSuccessfully) t.Result.Dispose();
                else _ = t.Exception;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }
}
