using Slotted.Cli.Commands;

namespace Slotted.Cli;

/// <summary>Entry point of <c>slotted</c>: dispatches to one verb per file in <c>Commands/</c>.</summary>
internal static class Program
{
    /// <summary>Every verb of the tool; add a new one here (and its own file in Commands/).</summary>
    private static readonly IVerb[] Verbs =
    [
        new ClusterVerb(),
        new TourVerb(),
        new ConsistencyTestVerb(),
        new ExampleVerb(),
    ];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(Console.Out);
            return args.Length == 0 ? 2 : 0;
        }

        IVerb? verb = Array.Find(Verbs, v => string.Equals(v.Name, args[0], StringComparison.Ordinal));
        if (verb is null)
        {
            await Console.Error.WriteLineAsync($"slotted: unknown verb '{args[0]}'").ConfigureAwait(false);
            PrintHelp(Console.Error);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C asks the verb to stop; a second one ends the process.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };

        return await verb.RunAsync(args[1..], cancellation.Token).ConfigureAwait(false);
    }

    private static void PrintHelp(TextWriter writer)
    {
        writer.WriteLine("usage: slotted <verb> [arguments]   (slotted <verb> --help for details)");
        writer.WriteLine();
        writer.WriteLine("verbs:");
        int width = 0;
        foreach (IVerb verb in Verbs)
        {
            width = Math.Max(width, verb.Name.Length);
        }

        foreach (IVerb verb in Verbs)
        {
            writer.WriteLine($"  {verb.Name.PadRight(width)}  {verb.Summary}");
        }
    }
}
