using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Slotted.ClusterTests.Infrastructure;
using Slotted.Protocol;

namespace Slotted.ClusterTests.MultiKey;

/// <summary>
/// A plain (non-cluster) redis-server on base port + 8, started for the tests that need the native
/// command with no cluster restriction as the reference — SORT with BY/GET patterns, which a cluster
/// node of this Redis version refuses outright. Spoken to with the project's own RESP writer/reader.
/// </summary>
public sealed class StandaloneRedis : IAsyncLifetime
{
    private Process? _server;
    private TcpClient? _client;
    private readonly List<byte> _pending = [];
    private readonly object _lock = new();

    public int Port { get; } = ClusterFixture.BasePort + 8;

    public async Task InitializeAsync()
    {
        string dir = Path.Combine(Path.GetTempPath(), "slotted-standalone-" + Port.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir })
            start.ArgumentList.Add(arg);
        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                _client = new TcpClient();
                await _client.ConnectAsync("127.0.0.1", Port);
                if (Call("PING").ToString() == "PONG") return;
            }
            catch (SocketException) when (attempt < 100)
            {
                _client?.Dispose();
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Sends one command and returns its reply (errors as error replies).</summary>
    public RedisResult Call(params RedisValue[] parts)
    {
        lock (_lock)
        {
            var stream = _client!.GetStream();
            var buffer = new ArrayBufferWriter<byte>();
            RespWriter.WriteCommand(buffer, parts);
            stream.Write(buffer.WrittenSpan);
            var chunk = new byte[64 * 1024];
            while (true)
            {
                var sequence = new ReadOnlySequence<byte>(_pending.ToArray());
                var reader = new SequenceReader<byte>(sequence);
                if (RespReader.TryRead(ref reader, RespReaderOptions.Default, out var result))
                {
                    _pending.RemoveRange(0, (int)reader.Consumed);
                    return result!;
                }
                int n = stream.Read(chunk);
                if (n == 0) throw new IOException("The standalone server closed the connection.");
                _pending.AddRange(chunk.AsSpan(0, n));
            }
        }
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill();
            _server.WaitForExit(5000);
        }
        _server?.Dispose();
        return Task.CompletedTask;
    }
}
