using System.Net;
using System.Net.Sockets;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 that forwards every accepted connection to one target (a Redis node) and can
/// inject faults: reset the connections (RST, via a zero linger time) after a given number of reply bytes —
/// so that a reply is cut in the middle — stall forwarding in both directions, or drop the connections
/// with an orderly close (FIN).
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private const int ChunkSize = 16 * 1024;

    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly List<ProxiedConnection> _connections = [];
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _acceptLoop;
    private TaskCompletionSource _resumed = NewGate(open: true);
    private long _resetBudget = -1;
    private int _accepted;
    private int _resets;
    private long _bytesToClient;

    /// <summary>Starts listening on a loopback port (0: an ephemeral one) and forwarding to <paramref name="target"/>.</summary>
    public FaultProxy(IPEndPoint target, int port = 0)
    {
        _target = target;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(64);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port the proxy listens on.</summary>
    public int Port { get; }

    /// <summary>"127.0.0.1:port": the address a client uses for the proxied node.</summary>
    public string EndPoint => "127.0.0.1:" + Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections reset by the proxy so far.</summary>
    public int Resets => Volatile.Read(ref _resets);

    /// <summary>Bytes forwarded from the target to clients.</summary>
    public long BytesToClient => Interlocked.Read(ref _bytesToClient);

    /// <summary>Connections currently open.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_connections) return _connections.Count;
        }
    }

    /// <summary>
    /// Forwards <paramref name="replyBytes"/> more bytes from the target to the clients (counted over all
    /// connections), then resets every open connection. Bytes beyond the budget are never delivered, so the
    /// reply being forwarded at that moment is cut.
    /// </summary>
    public void ResetAfterReplyBytes(long replyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replyBytes);
        Interlocked.Exchange(ref _resetBudget, replyBytes);
        if (replyBytes == 0) ResetAll();
    }

    /// <summary>Cancels a pending <see cref="ResetAfterReplyBytes"/>.</summary>
    public void Disarm() => Interlocked.Exchange(ref _resetBudget, -1);

    /// <summary>Resets (RST) every open connection now.</summary>
    public void ResetAll()
    {
        Interlocked.Exchange(ref _resetBudget, -1);
        foreach (ProxiedConnection connection in Snapshot()) Close(connection, reset: true);
    }

    /// <summary>Closes every open connection in an orderly way (FIN), as a node that goes away cleanly.</summary>
    public void DropAll()
    {
        foreach (ProxiedConnection connection in Snapshot()) Close(connection, reset: false);
    }

    /// <summary>Stops forwarding in both directions; bytes wait in the proxy until <see cref="Resume"/>.</summary>
    public void Stall()
    {
        lock (_connections)
        {
            if (_resumed.Task.IsCompleted) _resumed = NewGate(open: false);
        }
    }

    /// <summary>Forwards again after <see cref="Stall"/>.</summary>
    public void Resume()
    {
        lock (_connections) _resumed.TrySetResult();
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public void Dispose()
    {
        _closing.Cancel();
        Resume();
        _listener.Dispose();
        foreach (ProxiedConnection connection in Snapshot()) Close(connection, reset: true);
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _closing.Dispose();
    }

    /// <summary>A loopback port nothing listens on right now (connections to it are refused).</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open) gate.SetResult();
        return gate;
    }

    private ProxiedConnection[] Snapshot()
    {
        lock (_connections) return [.. _connections];
    }

    private async Task AcceptLoopAsync()
    {
        while (!_closing.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_closing.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_target, _closing.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                server.Dispose();
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            var connection = new ProxiedConnection(client, server);
            lock (_connections) _connections.Add(connection);
            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => PumpAsync(connection, toClient: false));
            _ = Task.Run(() => PumpAsync(connection, toClient: true));
        }
    }

    private async Task PumpAsync(ProxiedConnection connection, bool toClient)
    {
        Socket from = toClient ? connection.Server : connection.Client;
        Socket to = toClient ? connection.Client : connection.Server;
        byte[] buffer = new byte[ChunkSize];
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, _closing.Token).ConfigureAwait(false);
                if (n == 0) break;
                Task gate;
                lock (_connections) gate = _resumed.Task;
                await gate.ConfigureAwait(false);
                int forward = n;
                bool resetAfter = false;
                if (toClient)
                {
                    (forward, resetAfter) = TakeFromBudget(n);
                }

                int sent = 0;
                while (sent < forward)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, forward - sent), SocketFlags.None, _closing.Token).ConfigureAwait(false);
                }

                if (toClient) Interlocked.Add(ref _bytesToClient, forward);
                if (resetAfter)
                {
                    ResetAll();
                    return;
                }
            }

            Close(connection, reset: false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Close(connection, reset: true);
        }
    }

    // How much of an n-byte chunk may go to the client, and whether the budget ran out with it.
    private (int Forward, bool ResetAfter) TakeFromBudget(int n)
    {
        while (true)
        {
            long budget = Interlocked.Read(ref _resetBudget);
            if (budget < 0) return (n, false);
            long take = Math.Min(budget, n);
            if (Interlocked.CompareExchange(ref _resetBudget, budget - take, budget) == budget)
            {
                return budget - take == 0 ? ((int)take, true) : ((int)take, false);
            }
        }
    }

    private void Close(ProxiedConnection connection, bool reset)
    {
        lock (_connections)
        {
            if (!_connections.Remove(connection)) return;
        }

        if (reset) Interlocked.Increment(ref _resets);
        foreach (Socket socket in (Socket[])[connection.Client, connection.Server])
        {
            try
            {
                if (reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                else
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }

            socket.Dispose();
        }
    }
}
