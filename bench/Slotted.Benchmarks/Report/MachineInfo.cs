using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Slotted.Benchmarks.Report;

/// <summary>Where the run happened, so a reader can compare like with like.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Os, string Runtime, string RedisServer, string LoadAtStart, string StackExchangeRedis)
{
    public static MachineInfo Collect() => new(
        CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RedisVersion(),
        CurrentLoadAverage(),
        PackageVersion(typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly));

    /// <summary>The version a package was published as (its informational version, without the commit hash).</summary>
    public static string PackageVersion(System.Reflection.Assembly assembly)
    {
        string? version = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        if (version is null) return assembly.GetName().Version?.ToString() ?? "?";
        int plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }

    public static string CurrentLoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

    private static string CpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string RedisVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("redis-server", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            string text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
