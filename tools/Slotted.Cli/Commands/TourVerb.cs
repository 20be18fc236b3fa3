namespace Slotted.Cli.Commands;

/// <summary><c>slotted tour</c>: the seed's usage example and a short walk through the client on a live cluster.</summary>
internal sealed class TourVerb : IVerb
{
    public string Name => "tour";

    public string Summary => "run the seed's usage example and a short tour against a cluster (default 127.0.0.1:7000)";

    public string Usage =>
        """
        usage: slotted tour [host:port[,host:port...]]

          Connects to the cluster (default 127.0.0.1:7000), runs redis-py-cluster's usage example
          (set foo bar; get foobar), writes and reads keys that land on every primary, runs an
          arbitrary command through ExecuteAsync, and prints the slot map.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return 0;
        }
        string nodes = args.Length > 0 ? args[0] : "127.0.0.1:7000";
        await using var cluster = await RedisCluster.ConnectAsync(nodes, cancellationToken).ConfigureAwait(false);

        Console.WriteLine("# The seed's usage example");
        Console.WriteLine($"rc.set(\"foo\", \"bar\")  -> {await cluster.SetAsync("foo", "bar", cancellationToken: cancellationToken).ConfigureAwait(false)}");
        var missing = await cluster.GetAsync("foobar", cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"rc.get(\"foobar\")      -> {(missing.IsNull ? "None" : missing.ToString())}");
        Console.WriteLine($"rc.get(\"foo\")         -> {await cluster.GetAsync("foo", cancellationToken).ConfigureAwait(false)}");
        Console.WriteLine();

        Console.WriteLine("# Keys on every primary");
        var byNode = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; byNode.Count < cluster.SlotMap.Shards.Count || i < 6; i++)
        {
            string key = $"tour:{i}";
            await cluster.SetAsync(key, $"value {i}", cancellationToken: cancellationToken).ConfigureAwait(false);
            string node = cluster.GetNodeForKey(key) ?? "?";
            if (!byNode.TryGetValue(node, out var keys)) byNode[node] = keys = [];
            keys.Add(key);
            if (i > 1000) break;
        }
        foreach (var (node, keys) in byNode)
        {
            foreach (string key in keys.Take(2))
            {
                var value = await cluster.GetAsync(key, cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"{key,-10} slot {RedisCluster.GetSlot(key),5} on {node}: {value}");
            }
        }
        Console.WriteLine();

        Console.WriteLine("# Any command through ExecuteAsync, routed by its keys");
        var encoding = await cluster.ExecuteAsync("OBJECT", ["ENCODING", "foo"], cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"OBJECT ENCODING foo -> {encoding}");
        var keyslot = await cluster.ExecuteAsync("CLUSTER", ["KEYSLOT", "foo"], cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"CLUSTER KEYSLOT foo -> {keyslot}");
        var dbsize = await cluster.ExecuteAsync("DBSIZE", [], cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"DBSIZE (summed over primaries) -> {dbsize}");
        Console.WriteLine();

        Console.WriteLine("# The slot map (range, primary, replicas)");
        Console.Write(cluster.SlotMap.ToString());
        return 0;
    }
}
