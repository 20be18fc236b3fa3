using System.Diagnostics;
using System.Globalization;
using Slotted.Benchmarks.Report;

namespace Slotted.Benchmarks.Compare;

/// <summary>
/// Runs Slotted and StackExchange.Redis side by side on one cluster: every workload, client A then
/// client B, for each round; then prints the medians with their ratios and writes JSON and SVG.
/// </summary>
internal static class CompareRunner
{
    public static async Task<int> RunAsync(CompareOptions options)
    {
        var machine = MachineInfo.Collect();
        Console.WriteLine($"machine: {machine.Cpu}, {machine.Cores} cores, {machine.Os}, {machine.Runtime}");
        Console.WriteLine($"server:  {machine.RedisServer}; cluster at {options.Nodes}; load average {machine.LoadAtStart}");
        Console.WriteLine($"clients: Slotted {MachineInfo.PackageVersion(typeof(RedisCluster).Assembly)}, StackExchange.Redis {machine.StackExchangeRedis}");
        Console.WriteLine($"mode:    {(options.Quick ? "quick" : "full")}, {options.Rounds} round(s)");

        var keys = new KeySet();
        var report = new CompareReport(machine, options.Quick, options.Rounds, options.Nodes);
        var clients = new List<IBenchClient>();
        try
        {
            if (options.RunSlotted) clients.Add(await SlottedBenchClient.ConnectAsync(options.Nodes, keys).ConfigureAwait(false));
            if (options.RunStackExchange) clients.Add(await StackExchangeBenchClient.ConnectAsync(options.Nodes, keys).ConfigureAwait(false));
            await RunRoundsAsync(options, clients, report).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync().ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.Write(report.ToText());
        Console.WriteLine($"load average at the end: {MachineInfo.CurrentLoadAverage()}");
        if (options.JsonPath is { } json) await WriteAsync(json, report.ToJson()).ConfigureAwait(false);
        if (options.SvgPath is { } svg) await WriteAsync(svg, SvgChart.Render(report)).ConfigureAwait(false);
        if (options.MarkdownPath is { } md) await WriteAsync(md, report.ToMarkdown()).ConfigureAwait(false);
        return 0;
    }

    private static async Task RunRoundsAsync(CompareOptions options, List<IBenchClient> clients, CompareReport report)
    {
        bool ceilings = options.MeasureServer && options.Workloads.Contains('c', StringComparison.Ordinal);
        if (ceilings) await RemoveServerKeysAsync(options).ConfigureAwait(false);
        await clients[0].PreloadAsync().ConfigureAwait(false);

        Console.WriteLine("warming up (JIT tiers, connections)...");
        foreach (var client in clients) await WarmUpAsync(client, options).ConfigureAwait(false);


        for (int round = 1; round <= options.Rounds; round++)
        {
            Console.WriteLine($"round {round}/{options.Rounds}");
            double? ceiling = ceilings ? ServerCeiling.MeasureSet(options.Nodes, options.CeilingRequests) : null;
            if (ceiling is { } c)
            {
                report.ServerSetCeiling.Add(c);
                Console.WriteLine($"  redis-benchmark -P 16 SET: {CompareReport.Format(c, "ops/s")} ops/s");
                await RemoveServerKeysAsync(options).ConfigureAwait(false);
            }
            int offset = round * 977;
            if (options.Workloads.Contains('a', StringComparison.Ordinal)) foreach (var client in clients) RunSync(client, options, offset, report);
            if (options.Workloads.Contains('b', StringComparison.Ordinal)) foreach (var client in clients) await RunConcurrentAsync(client, options, offset, report).ConfigureAwait(false);
            if (options.Workloads.Contains('c', StringComparison.Ordinal)) foreach (var client in clients) await RunBatchesAsync(client, options, offset, report).ConfigureAwait(false);
            if (options.Workloads.Contains('d', StringComparison.Ordinal)) foreach (var client in clients) await RunMGetAsync(client, options, offset, report).ConfigureAwait(false);
        }
    }

    private static async Task RemoveServerKeysAsync(CompareOptions options)
    {
        long removed = await ServerCeiling.RemoveKeysAsync(options.Nodes).ConfigureAwait(false);
        if (removed > 0) Console.WriteLine($"  removed {removed} keys written by redis-benchmark");
    }

    private static async Task WriteAsync(string path, string text)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
        Console.WriteLine($"wrote {path}");
    }

    private static async Task WarmUpAsync(IBenchClient client, CompareOptions options)
    {
        long ticks = (long)(options.WarmupDuration.TotalSeconds * Stopwatch.Frequency);
        string w = options.Workloads;
        if (w.Contains('a', StringComparison.Ordinal)) RunOnOwnThread(() => client.SyncSetGet(Stopwatch.GetTimestamp() + ticks, 0, new LatencyHistogram()));
        if (w.Contains('b', StringComparison.Ordinal))
        {
            long end = Stopwatch.GetTimestamp() + ticks;
            var tasks = new Task<long>[options.AsyncCallers];
            for (int i = 0; i < tasks.Length; i++)
            {
                int start = i * 256;
                tasks[i] = Task.Run(() => client.AsyncSetGetAsync(end, start, new LatencyHistogram()));
            }
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        if (w.Contains('c', StringComparison.Ordinal)) await client.SetBatchesAsync(options.BatchTotal, options.BatchSize, 0).ConfigureAwait(false);
        if (w.Contains('d', StringComparison.Ordinal)) await client.MGetLoopAsync(Stopwatch.GetTimestamp() + ticks, 0).ConfigureAwait(false);
    }

    private static T RunOnOwnThread<T>(Func<T> body)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        }) { Name = "bench sync caller" };
        thread.Start();
        thread.Join();
        if (error is not null) throw new InvalidOperationException("The sync workload failed.", error);
        return result;
    }

    private static void RunSync(IBenchClient client, CompareOptions options, int offset, CompareReport report)
    {
        var latencies = new LatencyHistogram();
        var meter = ResourceMeter.Start();
        long end = Stopwatch.GetTimestamp() + (long)(options.SyncDuration.TotalSeconds * Stopwatch.Frequency);
        long ops = RunOnOwnThread(() => client.SyncSetGet(end, offset, latencies));
        var (seconds, allocated, cpu) = meter.Stop();
        report.Add(client.Name, "a.ops", ops / seconds);
        report.Add(client.Name, "a.p50", latencies.PercentileMicroseconds(0.50));
        report.Add(client.Name, "a.p99", latencies.PercentileMicroseconds(0.99));
        report.Add(client.Name, "a.alloc", (double)allocated / ops);
        report.Add(client.Name, "a.cpu", cpu / ops);
        Print(client, "(a)", $"{ops / seconds:0} ops/s, p50 {latencies.PercentileMicroseconds(0.5):0.0} µs, p99 {latencies.PercentileMicroseconds(0.99):0.0} µs, {(double)allocated / ops:0} B/op, {cpu / ops:0.00} µs CPU/op");
    }

    private static async Task RunConcurrentAsync(IBenchClient client, CompareOptions options, int offset, CompareReport report)
    {
        var histograms = new LatencyHistogram[options.AsyncCallers];
        var tasks = new Task<long>[options.AsyncCallers];
        var meter = ResourceMeter.Start();
        long end = Stopwatch.GetTimestamp() + (long)(options.AsyncDuration.TotalSeconds * Stopwatch.Frequency);
        for (int i = 0; i < tasks.Length; i++)
        {
            var h = histograms[i] = new LatencyHistogram();
            int start = offset + i * 256;
            tasks[i] = Task.Run(() => client.AsyncSetGetAsync(end, start, h));
        }
        long[] counts = await Task.WhenAll(tasks).ConfigureAwait(false);
        var (seconds, allocated, cpu) = meter.Stop();
        long ops = counts.Sum();
        var all = new LatencyHistogram();
        foreach (var h in histograms) all.Add(h);
        report.Add(client.Name, "b.ops", ops / seconds);
        report.Add(client.Name, "b.p99", all.PercentileMicroseconds(0.99));
        report.Add(client.Name, "b.alloc", (double)allocated / ops);
        report.Add(client.Name, "b.cpu", cpu / ops);
        Print(client, "(b)", $"{ops / seconds:0} ops/s, p99 {all.PercentileMicroseconds(0.99):0.0} µs, {(double)allocated / ops:0} B/op, {cpu / ops:0.00} µs CPU/op");
    }

    private static async Task RunBatchesAsync(IBenchClient client, CompareOptions options, int offset, CompareReport report)
    {
        var meter = ResourceMeter.Start();
        await client.SetBatchesAsync(options.BatchTotal, options.BatchSize, offset).ConfigureAwait(false);
        var (seconds, allocated, cpu) = meter.Stop();
        int ops = options.BatchTotal;
        report.Add(client.Name, "c.ops", ops / seconds);
        report.Add(client.Name, "c.cpu", cpu / ops);
        Print(client, "(c)", $"{ops / seconds:0} SET/s, {(double)allocated / ops:0} B/op, {cpu / ops:0.00} µs CPU/op");
    }

    private static async Task RunMGetAsync(IBenchClient client, CompareOptions options, int offset, CompareReport report)
    {
        var meter = ResourceMeter.Start();
        long end = Stopwatch.GetTimestamp() + (long)(options.MGetDuration.TotalSeconds * Stopwatch.Frequency);
        long calls = await client.MGetLoopAsync(end, offset).ConfigureAwait(false);
        var (seconds, allocated, cpu) = meter.Stop();
        report.Add(client.Name, "d.calls", calls / seconds);
        Print(client, "(d)", $"{calls / seconds:0} calls/s, {(double)allocated / calls:0} B/call, {cpu / calls:0.0} µs CPU/call");
    }

    private static void Print(IBenchClient client, string workload, string text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {workload} {client.Name,-20} {text}"));
}
