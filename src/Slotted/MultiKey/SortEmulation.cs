using Slotted.Topology;

namespace Slotted.MultiKey;

/// <summary>
/// SORT in a cluster. The server itself refuses BY/GET patterns that may name keys in other slots
/// (since Redis 7.4 / Valkey 8.0 it runs them when the pattern's <c>{tag}</c> is the sorted key's slot; 7.0
/// refuses every pattern, which <see cref="MultiKeyFeatures"/> learns on the first refusal), and
/// STORE must be in the key's slot too. So:
/// <list type="bullet">
/// <item>All in the key's slot: the native command, atomic.</item>
/// <item>BY sortable natively (none, constant, or in the slot): the server sorts and applies LIMIT
/// (with the GETs too when they are in the slot); GETs elsewhere are then resolved here and STORE is
/// done here.</item>
/// <item>BY in other slots: the elements are read unsorted (<c>SORT key BY nosort</c>), their
/// weights resolved from wherever they live, and sorting, LIMIT, GET and STORE done here with the
/// server's rules (<see cref="SortEngine"/>, <see cref="SortPattern"/>, <see cref="StrtodParser"/>).</item>
/// </list>
/// </summary>
internal static class SortEmulation
{
    public static async ValueTask<RedisValue[]> SortAsync(MultiKeyRunner run, RedisKey key, SortOptions? options)
    {
        Guard.Key(key);
        var o = Check(options);
        int slot = HashSlot.Get(key);
        while (true)
        {
            var plan = new Plan(o, slot, run.Features.SortPatternsInSlot);
            try
            {
                if (plan.ByNative && plan.GetsNative)
                    return (await SortCommandAsync(run, NativeParts("SORT_RO", key, o, includeBy: true, includeGets: true, forceAlpha: false, null), slot, readOnly: true).ConfigureAwait(false)).ToValueArray();
                return await ComputeAsync(run, key, slot, o, plan, storing: false).ConfigureAwait(false);
            }
            catch (PatternsRefusedException)
            {
                run.Features.RefuseSortPatterns();
            }
        }
    }

    public static async ValueTask<long> StoreAsync(MultiKeyRunner run, RedisKey destination, RedisKey key, SortOptions? options)
    {
        Guard.Key(destination, nameof(destination));
        Guard.Key(key);
        var o = Check(options);
        int slot = HashSlot.Get(key);
        while (true)
        {
            var plan = new Plan(o, slot, run.Features.SortPatternsInSlot);
            try
            {
                if (plan.ByNative && plan.GetsNative && HashSlot.Get(destination) == slot)
                    return (await SortCommandAsync(run, NativeParts("SORT", key, o, includeBy: true, includeGets: true, forceAlpha: false, destination), slot, readOnly: false).ConfigureAwait(false)).ToInt64();
                var values = await ComputeAsync(run, key, slot, o, plan, storing: true).ConfigureAwait(false);
                for (int i = 0; i < values.Length; i++) if (values[i].IsNull) values[i] = RedisValue.EmptyString; // as the server stores a missing GET
                await DestinationWriter.ReplaceWithListAsync(run, destination, values).ConfigureAwait(false);
                return values.Length;
            }
            catch (PatternsRefusedException)
            {
                run.Features.RefuseSortPatterns();
            }
        }
    }

    /// <summary>Runs a SORT; the server's refusal of its patterns is reported as <see cref="PatternsRefusedException"/>, other errors thrown typed.</summary>
    private static async ValueTask<RedisResult> SortCommandAsync(MultiKeyRunner run, RedisValue[] parts, int slot, bool readOnly)
    {
        var reply = await run.RawAsync(parts, slot, readOnly).ConfigureAwait(false);
        if (MultiKeyFeatures.IsSortPatternRefusal(reply)) throw new PatternsRefusedException();
        return RedisCluster.ThrowIfError(reply);
    }

    private static async ValueTask<RedisValue[]> ComputeAsync(MultiKeyRunner run, RedisKey key, int slot, SortOptions o, Plan plan, bool storing)
    {
        bool readOnly = !storing;
        string command = storing ? "SORT" : "SORT_RO";
        IReadOnlyList<byte[]> elements;
        if (plan.ByNative)
        {
            bool forceAlpha = false;
            if (storing && plan.DontSort)
            {
                // With STORE the server sorts a set even under a constant BY (as ALPHA, without BY),
                // so the stored list does not depend on the set's internal order.
                forceAlpha = (await run.RunAsync(["TYPE", key], slot, readOnly: false).ConfigureAwait(false)).ToString() == "set";
            }
            var parts = NativeParts(command, key, o, includeBy: !forceAlpha, includeGets: plan.GetsNative, forceAlpha, null);
            var sorted = (await SortCommandAsync(run, parts, slot, readOnly).ConfigureAwait(false)).ToValueArray();
            if (plan.GetsNative) return sorted;
            elements = Bytes(sorted);
        }
        else
        {
            var raw = Bytes((await run.RunAsync([command, key, "BY", "nosort"], slot, readOnly).ConfigureAwait(false)).ToValueArray());
            var weights = await SortLookup.ResolveAsync(run, [plan.By!], raw, readOnly).ConfigureAwait(false);
            var byValues = new byte[]?[weights.Length];
            for (int i = 0; i < byValues.Length; i++) byValues[i] = weights[i].ToByteArray();
            if (!SortEngine.TrySort(raw, byValues, o.Alpha, o.Descending, out int[] order)) throw ErrorMapper.FromServer(SortEngine.ConversionError, null);
            var (start, end) = SortEngine.Limit(raw.Length, o.Offset, o.Count ?? -1);
            var picked = new byte[Math.Max(0, end - start + 1)][];
            for (int i = 0; i < picked.Length; i++) picked[i] = raw[order[start + i]];
            elements = picked;
        }
        if (plan.Gets.Length == 0)
        {
            var result = new RedisValue[elements.Count];
            for (int i = 0; i < result.Length; i++) result[i] = elements[i];
            return result;
        }
        return await SortLookup.ResolveAsync(run, plan.Gets, elements, readOnly).ConfigureAwait(false);
    }

    private static SortOptions Check(SortOptions? options)
    {
        var o = options ?? SortOptions.Default;
        ArgumentNullException.ThrowIfNull(o.Get, nameof(SortOptions.Get));
        foreach (var g in o.Get) Guard.Value(g, nameof(SortOptions.Get));
        return o;
    }

    private static byte[][] Bytes(RedisValue[] values)
    {
        var bytes = new byte[values.Length][];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = BinaryOrder.Bytes(values[i]);
        return bytes;
    }

    private static RedisValue[] NativeParts(string command, RedisKey key, SortOptions o, bool includeBy, bool includeGets, bool forceAlpha, RedisKey? store)
    {
        var parts = new List<RedisValue>(8 + o.Get.Count * 2) { command, key };
        if (includeBy && !o.By.IsNull)
        {
            parts.Add("BY");
            parts.Add(o.By);
        }
        if (o.Offset != 0 || o.Count is not null)
        {
            parts.Add("LIMIT");
            parts.Add(o.Offset);
            parts.Add(o.Count ?? -1);
        }
        if (includeGets)
        {
            foreach (var g in o.Get)
            {
                parts.Add("GET");
                parts.Add(g);
            }
        }
        if (o.Descending) parts.Add("DESC");
        if (o.Alpha || forceAlpha) parts.Add("ALPHA");
        if (store is { } s)
        {
            parts.Add("STORE");
            parts.Add(s);
        }
        return [.. parts];
    }

    /// <summary>Which parts of a SORT the server can do in the key's slot.</summary>
    private sealed class Plan
    {
        public Plan(SortOptions o, int slot, bool patternsInSlot)
        {
            By = o.By.IsNull ? null : BinaryOrder.Bytes(o.By);
            DontSort = By is not null && !SortPattern.HasStar(By);
            ByNative = By is null || DontSort || (patternsInSlot && SortPattern.HashSlotOf(By) == slot);
            Gets = new byte[o.Get.Count][];
            GetsNative = true;
            for (int i = 0; i < Gets.Length; i++)
            {
                Gets[i] = BinaryOrder.Bytes(o.Get[i]);
                if (!patternsInSlot || (!SortPattern.IsElement(Gets[i]) && SortPattern.HashSlotOf(Gets[i]) != slot)) GetsNative = false;
            }
        }

        public byte[]? By { get; }
        public bool DontSort { get; }
        public bool ByNative { get; }
        public byte[][] Gets { get; }
        public bool GetsNative { get; }
    }

    /// <summary>The server refused a BY/GET pattern that this client thought it would accept.</summary>
    private sealed class PatternsRefusedException : Exception
    {
    }
}
