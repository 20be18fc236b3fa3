using System.Globalization;

namespace Slotted.Cli.Commands;

/// <summary>
/// <c>slotted example [host:port]</c>: redis-rb-cluster's example.rb. It reads <c>__last__</c> (retrying once a
/// second until the cluster answers), then loops from there: SET fooN N, GET fooN (printed), SET __last__ N,
/// pausing 100 ms between steps. Errors are printed and the loop carries on, so it can be left running while
/// nodes are killed, failed over or resharded, and it resumes where it stopped when started again.
/// </summary>
internal sealed class ExampleVerb : IVerb
{
    public string Name => "example";

    public string Summary => "SET fooN / GET fooN / SET __last__ loop that prints errors and carries on (redis-rb-cluster's example)";

    public string Usage =>
        """
        usage: slotted example [host:port] [--count N] [--delay-ms MS]

          host:port      a startup node, or a full connection string (default 127.0.0.1:7000)
          --count N      stop after N steps (default: run until Ctrl-C)
          --delay-ms MS  pause between steps (default 100)

        Starts after the number stored in __last__, so a restarted run carries on where the last one stopped.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string target = "127.0.0.1:7000";
        long? count = null;
        int delay = 100;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                case "--count" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long c) && c > 0:
                    count = c;
                    i++;
                    break;
                case "--delay-ms" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int d):
                    delay = d;
                    i++;
                    break;
                case var a when !a.StartsWith('-'):
                    target = a;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"slotted example: bad argument '{args[i]}'\n{Usage}").ConfigureAwait(false);
                    return 2;
            }
        }

        try
        {
            await using RedisCluster cluster = await RedisCluster.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            long last = await ReadLastAsync(cluster, cancellationToken).ConfigureAwait(false);
            long end = count is long n ? last + n : long.MaxValue;
            for (long x = last + 1; x <= end && !cancellationToken.IsCancellationRequested; x++)
            {
                string key = "foo" + x.ToString(CultureInfo.InvariantCulture);
                try
                {
                    await cluster.SetAsync(key, x, cancellationToken: cancellationToken).ConfigureAwait(false);
                    Console.WriteLine((string?)await cluster.GetAsync(key, cancellationToken).ConfigureAwait(false));
                    await cluster.SetAsync("__last__", x, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (RedisException ex)
                {
                    Console.WriteLine("error " + ex.Message);
                }

                if (delay > 0) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"slotted example: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    // Waits for the cluster to answer, as the original does, printing each error.
    private static async Task<long> ReadLastAsync(RedisCluster cluster, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return (long)await cluster.GetAsync("__last__", cancellationToken).ConfigureAwait(false);
            }
            catch (RedisException ex)
            {
                Console.WriteLine("error " + ex.Message);
                await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
