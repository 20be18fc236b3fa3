namespace Slotted.Tests;

/// <summary>Text files the test project embeds (see the csproj's EmbeddedResource items).</summary>
internal static class EmbeddedTestData
{
    public static IReadOnlyList<string> ReadLines(string logicalName)
    {
        using Stream stream = typeof(EmbeddedTestData).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"No embedded resource '{logicalName}'.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length != 0) lines.Add(line);
        }
        return lines;
    }
}
