using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Slotted.Connections;

/// <summary>
/// On Linux, one thread waits in <c>epoll_wait</c> for the sockets of many connections and reads
/// whichever has data. A multi-node call (MGET over many slots) then wakes one thread however many
/// nodes answer, instead of one reader thread per node: on a small machine each thread wake-up is
/// tens of microseconds, paid by the server's write as well as by the client. The thread is
/// dedicated (not a thread-pool thread), so replies keep flowing when the pool is starved, as they
/// do with a reader thread per connection — the fallback on other systems.
/// </summary>
internal sealed partial class ReadPoller
{
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const uint EpollIn = 0x001;
    private const uint EpollRdHup = 0x2000;
    private const int EpollCloExec = 0x80000;
    private const int Eintr = 4;
    private const int MaxEvents = 64;

    // struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16 bytes).
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private static readonly Lazy<ReadPoller[]?> Shared = new(CreateShared);
    private static int s_next;

    private readonly int _epoll;
    private readonly ConcurrentDictionary<long, PhysicalConnection> _connections = new();
    private long _nextId;

    private ReadPoller(int epoll, int index)
    {
        _epoll = epoll;
        new Thread(Run) { IsBackground = true, Name = "Slotted poller " + index }.Start();
    }

    /// <summary>
    /// A poller for one more connection (spread round-robin over the process's pollers), or null
    /// where epoll is not available: the connection then reads on a thread of its own.
    /// </summary>
    public static ReadPoller? Pick()
    {
        var pollers = Shared.Value;
        return pollers is null ? null : pollers[(int)((uint)Interlocked.Increment(ref s_next) % (uint)pollers.Length)];
    }

    private static ReadPoller[]? CreateShared()
    {
        if (!OperatingSystem.IsLinux()) return null;
        // One poller parses every reply of its connections; a few share the load on bigger machines.
        int count = Math.Clamp(Environment.ProcessorCount / 4, 1, 8);
        var pollers = new ReadPoller[count];
        for (int i = 0; i < count; i++)
        {
            int epoll;
            try
            {
                epoll = EpollCreate1(EpollCloExec);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;
            }
            if (epoll < 0) return null;
            pollers[i] = new ReadPoller(epoll, i);
        }
        return pollers;
    }

    /// <summary>Starts watching <paramref name="connection"/>'s socket; returns the id to <see cref="Remove"/> it with.</summary>
    /// <exception cref="SocketException">epoll refused the socket.</exception>
    public long Add(PhysicalConnection connection, Socket socket)
    {
        long id = Interlocked.Increment(ref _nextId);
        _connections[id] = connection;
        if (Control(EpollCtlAdd, socket, id) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            _connections.TryRemove(id, out _);
            throw new SocketException(error);
        }
        return id;
    }

    /// <summary>Whether the connection with this id is watched (tests).</summary>
    public bool IsWatching(long id) => _connections.ContainsKey(id);

    /// <summary>Stops watching a socket (before it is closed). An event already taken for it finds no connection and is skipped.</summary>
    public void Remove(long id, Socket socket)
    {
        _connections.TryRemove(id, out _);
        try
        {
            Control(EpollCtlDel, socket, id);
        }
        catch (ObjectDisposedException)
        {
            // Closing the socket removed it from the epoll set already.
        }
    }

    private int Control(int op, Socket socket, long id)
    {
        Span<byte> ev = stackalloc byte[16];
        ev.Clear();
        MemoryMarshal.Write(ev, EpollIn | EpollRdHup);
        MemoryMarshal.Write(ev[DataOffset..], id);
        bool added = false;
        var handle = socket.SafeHandle;
        try
        {
            handle.DangerousAddRef(ref added);
            return EpollCtl(_epoll, op, (int)handle.DangerousGetHandle(), ref MemoryMarshal.GetReference(ev));
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private void Run()
    {
        var events = new byte[MaxEvents * EventSize];
        while (true)
        {
            int n = EpollWait(_epoll, ref events[0], MaxEvents, -1);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == Eintr) continue;
                FailAll(new RedisConnectionException($"Waiting for replies failed (epoll_wait error {Marshal.GetLastPInvokeError()}).", "*"));
                Thread.Sleep(100);
                continue;
            }
            for (int i = 0; i < n; i++)
            {
                long id = BitConverter.ToInt64(events, i * EventSize + DataOffset);
                if (_connections.TryGetValue(id, out var connection)) connection.ReadAvailable();
            }
        }
    }

    private void FailAll(Exception error)
    {
        foreach (var connection in _connections.Values) connection.Fail(error);
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epfd, int op, int fd, ref byte ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epfd, ref byte events, int maxEvents, int timeout);
}
