using System.Diagnostics;
using System.Globalization;

namespace Slotted.Benchmarks.Compare;

/// <summary>
/// The server's own ceiling on the same cluster: <c>redis-benchmark --cluster</c> SET with 16
/// commands pipelined per connection, the same 32-byte values, random keys (200,000 per node).
/// Its keys are removed again right after each measurement (and any left by an earlier run before
/// the first), so the clients' workloads always run against the same small keyspace: a server
/// holding a million extra keys per node spends more per lookup, which shrinks every difference
/// between clients and would make the figures depend on where in the run they were taken.
/// </summary>
internal static class ServerCeiling
{
    /// <summary>redis-benchmark's key pattern in cluster mode: <c>key:{tag}:NNNNNNNNNNNN</c>, one hash tag per node.</summary>
    private const string KeyPattern = "key:{*}:*";

    /// <summary>Deletes every key redis-benchmark wrote; returns how many.</summary>
    public static async Task<long> RemoveKeysAsync(string nodes)
    {
        await using var cluster = await RedisCluster.ConnectAsync(nodes).ConfigureAwait(false);
        var batch = new List<RedisKey>(1000);
        long removed = 0;
        await foreach (var key in cluster.ScanIterAsync(KeyPattern, count: 1000).ConfigureAwait(false))
        {
            batch.Add(key);
            if (batch.Count < 1000) continue;
            removed += await cluster.UnlinkAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
        if (batch.Count > 0) removed += await cluster.UnlinkAsync(batch).ConfigureAwait(false);
        return removed;
    }

    /// <summary>SETs per second, or null when redis-benchmark is not installed or failed.</summary>
    public static double? MeasureSet(string nodes, int requests)
    {
        string first = nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        int colon = first.LastIndexOf(':');
        string host = first[..colon];
        string port = first[(colon + 1)..];
        var start = new ProcessStartInfo("redis-benchmark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--cluster", "-h", host, "-p", port, "-t", "set", "-P", "16", "-d", KeySet.ValueSize.ToString(CultureInfo.InvariantCulture),
                     "-r", "200000", "-n", requests.ToString(CultureInfo.InvariantCulture), "--csv" })
            start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            foreach (string line in output.Split('\n'))
            {
                // "test","rps","avg_latency_ms",...  then  "SET","812345.69",...
                var fields = line.Split(',');
                if (fields.Length >= 2 && fields[0].Trim('"') == "SET"
                    && double.TryParse(fields[1].Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out double rps))
                    return rps;
            }
            Console.Error.WriteLine($"redis-benchmark gave no SET figure: {output} {stderr.Result}");
            return null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Console.Error.WriteLine($"redis-benchmark is not available ({ex.Message}); the server ceiling is not measured.");
            return null;
        }
    }
}
