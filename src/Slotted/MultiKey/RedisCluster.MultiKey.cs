using Slotted.MultiKey;

namespace Slotted;

// Multi-key commands on a cluster. Keys that share one hash slot get the native command (atomic,
// as on a single server). Keys spread over slots get an emulation that gives the same reply and
// leaves the same data as the native command on the same keys would; each public method's
// <remarks> say what is not atomic about it. The emulations live in MultiKey/*Emulation.cs and are
// written once: a synchronous runner makes the same code complete on the calling thread.
public sealed partial class RedisCluster
{
    private readonly MultiKeyFeatures _multiKeyFeatures = new();
    private MultiKeyRunner? _syncRunner;

    private MultiKeyRunner SyncRunner => _syncRunner ??= new MultiKeyRunner(_executor, _multiKeyFeatures, sync: true, CancellationToken.None);

    private MultiKeyRunner AsyncRunner(CancellationToken cancellationToken) => new(_executor, _multiKeyFeatures, sync: false, cancellationToken);
}
