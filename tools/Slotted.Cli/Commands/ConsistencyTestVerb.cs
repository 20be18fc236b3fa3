using System.Globalization;
using Slotted.Cli.Consistency;

namespace Slotted.Cli.Commands;

/// <summary>
/// <c>slotted consistency-test [host:port] [--seconds N] [--workers N]</c>: redis-rb-cluster's consistency test
/// (see <see cref="ConsistencyChecker"/>), printing one status line per second until Ctrl-C or the time is up.
/// </summary>
internal sealed class ConsistencyTestVerb : IVerb
{
    public string Name => "consistency-test";

    public string Summary => "GET/INCR load that counts lost, unacknowledged and duplicated writes (redis-rb-cluster's test)";

    public string Usage =>
        """
        usage: slotted consistency-test [host:port] [--seconds N] [--workers N]

          host:port    a startup node, or a full connection string (default 127.0.0.1:7000)
          --seconds N  stop after N seconds (default: run until Ctrl-C)
          --workers N  N independent workers, each with its own key prefix, on one client (default 1)

        Each step GETs a key and compares it with what the key's last INCR returned, then INCRs it; keys are
        picked half of the time from 1,000, half from 10,000, under a prefix fresh for the run.
        Once a second it prints:  N R (E err) | N W (E err) | N lost | N noack
          lost   acknowledged increments the server no longer has (e.g. a primary died before replicating)
          noack  increments the server has that were never acknowledged (a write whose reply was lost)
          dup    (shown when not 0) increments beyond every acknowledged or unknown-outcome INCR: the client
                 sent a write twice. The exit code is 1 when any write was duplicated, else 0.
        Errors are printed as they come, each distinct message at most once a second.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string target = "127.0.0.1:7000";
        int? seconds = null;
        int workers = 1;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                case "--seconds" when i + 1 < args.Length && TryPositive(args[i + 1], out int s):
                    seconds = s;
                    i++;
                    break;
                case "--workers" when i + 1 < args.Length && TryPositive(args[i + 1], out int w):
                    workers = w;
                    i++;
                    break;
                case var a when !a.StartsWith('-'):
                    target = a;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"slotted consistency-test: bad argument '{args[i]}'\n{Usage}").ConfigureAwait(false);
                    return 2;
            }
        }

        RedisCluster cluster;
        try
        {
            cluster = await RedisCluster.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"slotted consistency-test: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 1;
        }

        await using (cluster.ConfigureAwait(false))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (seconds is int limit) stop.CancelAfter(TimeSpan.FromSeconds(limit));
            var counts = new ConsistencyCounts();
            var errors = new ThrottledErrorWriter(Console.Out);
            var tasks = new Task[workers];
            for (int w = 0; w < workers; w++)
            {
                var checker = new ConsistencyChecker(cluster, counts, ConsistencyChecker.NewPrefix(w)) { ErrorSink = errors.Write };
                tasks[w] = Task.Run(() => checker.RunAsync(stop.Token), CancellationToken.None);
            }

            Task all = Task.WhenAll(tasks);
            while (!all.IsCompleted)
            {
                await Task.WhenAny(all, Task.Delay(1000, CancellationToken.None)).ConfigureAwait(false);
                Console.WriteLine(counts.FormatStatus());
            }

            await all.ConfigureAwait(false);
            return counts.Duplicated > 0 ? 1 : 0;
        }
    }

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
