namespace Slotted.ClusterTests.Infrastructure;

/// <summary>Moves one slot between primaries by hand, step by step, as redis-cli --cluster reshard does.</summary>
public sealed class SlotMigration(LocalCluster cluster, int slot, int sourcePort, int targetPort)
{
    public int Slot => slot;
    public int SourcePort => sourcePort;
    public int TargetPort => targetPort;

    public string SourceId { get; } = cluster.RedisCli(sourcePort, "CLUSTER", "MYID").Trim();
    public string TargetId { get; } = cluster.RedisCli(targetPort, "CLUSTER", "MYID").Trim();

    /// <summary>Marks the slot IMPORTING on the target and MIGRATING on the source.</summary>
    public void Begin()
    {
        cluster.RedisCli(targetPort, "CLUSTER", "SETSLOT", slot.ToString(), "IMPORTING", SourceId);
        cluster.RedisCli(sourcePort, "CLUSTER", "SETSLOT", slot.ToString(), "MIGRATING", TargetId);
    }

    /// <summary>MIGRATEs the given keys from source to target.</summary>
    public void MigrateKeys(params string[] keys)
    {
        var args = new List<string> { "MIGRATE", "127.0.0.1", targetPort.ToString(), "", "0", "5000", "REPLACE", "KEYS" };
        args.AddRange(keys);
        cluster.RedisCli(sourcePort, [.. args]);
    }

    /// <summary>MIGRATEs every key still in the slot on the source.</summary>
    public void MigrateAllKeys()
    {
        while (true)
        {
            var keys = cluster.RedisCli(sourcePort, "CLUSTER", "GETKEYSINSLOT", slot.ToString(), "100")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (keys.Length == 0) return;
            MigrateKeys(keys);
        }
    }

    /// <summary>Assigns the slot to the target on both nodes and waits until every primary agrees.</summary>
    public void Finish()
    {
        MigrateAllKeys();
        cluster.RedisCli(targetPort, "CLUSTER", "SETSLOT", slot.ToString(), "NODE", TargetId);
        cluster.RedisCli(sourcePort, "CLUSTER", "SETSLOT", slot.ToString(), "NODE", TargetId);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        foreach (int port in cluster.Ports)
        {
            while (true)
            {
                string owner;
                try
                {
                    owner = OwnerSeenBy(port);
                }
                catch (InvalidOperationException)
                {
                    break; // a node that is down has no view to wait for
                }
                if (owner == TargetId || DateTime.UtcNow > deadline) break;
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The id of the node that <paramref name="port"/> believes owns the slot.</summary>
    public string OwnerSeenBy(int port)
    {
        foreach (string line in cluster.RedisCli(port, "CLUSTER", "NODES").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            for (int i = 8; i < fields.Length; i++)
            {
                string range = fields[i];
                if (range.StartsWith('[')) continue;
                var bounds = range.Split('-');
                int start = int.Parse(bounds[0]);
                int end = bounds.Length > 1 ? int.Parse(bounds[1]) : start;
                if (slot >= start && slot <= end) return fields[0];
            }
        }
        return "";
    }

    /// <summary>Moves the slot back to the source, whole.</summary>
    public SlotMigration Reverse() => new(cluster, slot, targetPort, sourcePort);
}
