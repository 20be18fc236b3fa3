using Slotted.Routing;

namespace Slotted.MultiKey;

/// <summary>
/// Independent single-slot commands of one multi-key call, started one by one and collected
/// together: async commands signal one <see cref="CompletionGroup"/> (one thread-pool hop per
/// call); sync commands are waited for on the caller's thread. The caller chooses the write
/// boundaries with <see cref="Connections.PhysicalConnection.Cork"/> scopes.
/// </summary>
internal sealed class SlotCommandSet
{
    private readonly MultiKeyRunner _run;
    private readonly bool _readOnly;
    private readonly ClusterCommand<RedisResult>[] _commands;
    private readonly ValueTask<RedisResult>[]? _pending;
    private readonly CompletionGroup? _group;
    private int _started;

    public SlotCommandSet(MultiKeyRunner run, int count, bool readOnly)
    {
        _run = run;
        _readOnly = readOnly;
        _commands = new ClusterCommand<RedisResult>[count];
        if (!run.IsSync)
        {
            _pending = new ValueTask<RedisResult>[count];
            _group = new CompletionGroup(count);
        }
    }

    /// <summary>Starts the next command (a pooled command with its bytes written), routed by <paramref name="slot"/>.</summary>
    public void Start(ClusterCommand<RedisResult> command, int slot)
    {
        int i = _started++;
        _commands[i] = command;
        if (_pending is null) command.StartSync(slot, _readOnly);
        else _pending[i] = command.StartAsync(slot, _readOnly, _run.CancellationToken, _group);
    }

    /// <summary>The replies in start order, error replies in place, once every command is complete; call it once, after every command started.</summary>
    public async ValueTask<RedisResult[]> CollectAsync()
    {
        if (_started != _commands.Length) throw new InvalidOperationException($"{_started} of {_commands.Length} commands were started.");
        var results = new RedisResult[_commands.Length];
        if (_pending is null)
        {
            for (int i = 0; i < results.Length; i++) results[i] = _commands[i].Wait();
            return results;
        }
        await _group!.WhenAll.ConfigureAwait(false);
        // Every command is complete: reading the results does not wait.
        for (int i = 0; i < results.Length; i++) results[i] = _pending[i].Result;
        return results;
    }
}
