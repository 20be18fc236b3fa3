using BenchmarkDotNet.Running;
using Slotted.Benchmarks.Compare;

namespace Slotted.Benchmarks;

/// <summary>
/// <c>compare [--quick] [--nodes host:port,...] [--rounds N] [--json out.json] [--svg chart.svg] [--markdown table.md]</c>:
/// Slotted against StackExchange.Redis on a running cluster.
/// <c>micro [BenchmarkDotNet arguments]</c>: micro-benchmarks of the hot pieces.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage:
          compare [--quick] [--nodes 127.0.0.1:7000] [--rounds 3] [--json out.json] [--svg chart.svg] [--markdown table.md]
                  [--only abcd] [--client slotted|stackexchange] [--seconds S] [--no-server]
          micro [BenchmarkDotNet options, e.g. --filter *HashSlot*]
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            switch (args[0])
            {
                case "compare":
                    return await CompareRunner.RunAsync(CompareOptions.Parse(args[1..])).ConfigureAwait(false);
                case "micro":
                    var micro = args[1..];
                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(micro.Length == 0 ? ["--filter", "*"] : micro);
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }
}
