namespace Slotted.Cli.Commands;

/// <summary>Writes each distinct error message at most once per second (redis-rb-cluster's <c>puterr</c>).</summary>
internal sealed class ThrottledErrorWriter(TextWriter output)
{
    private readonly Dictionary<string, long> _lastWritten = new(StringComparer.Ordinal);

    public void Write(string message)
    {
        long second = Environment.TickCount64 / 1000;
        lock (_lastWritten)
        {
            if (_lastWritten.TryGetValue(message, out long last) && last == second) return;
            _lastWritten[message] = second;
            output.WriteLine(message);
        }
    }
}
