namespace Slotted.Cli.Commands;

/// <summary>One top-level verb of the <c>slotted</c> tool, such as <c>slotted cluster start</c>.</summary>
internal interface IVerb
{
    /// <summary>The word typed after <c>slotted</c>.</summary>
    string Name { get; }

    /// <summary>One line for the verb list printed by <c>slotted --help</c>.</summary>
    string Summary { get; }

    /// <summary>The full usage text printed by <c>slotted VERB --help</c>.</summary>
    string Usage { get; }

    /// <summary>Runs the verb with the arguments that follow it; returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
