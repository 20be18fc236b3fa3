namespace Slotted.ClusterTests.Infrastructure;

/// <summary>What a finished child process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for error messages.</summary>
    public string Combined => string.IsNullOrEmpty(StandardError) ? StandardOutput : StandardOutput + StandardError;
}
