using System.Runtime.InteropServices;

namespace Slotted.ClusterTests.Infrastructure;

/// <summary>Sends POSIX signals to a process by pid (the BCL can only kill, not stop or continue).</summary>
internal static partial class Signals
{
    public static int Kill => 9;

    public static int Stop => OperatingSystem.IsMacOS() ? 17 : 19;

    public static int Continue => OperatingSystem.IsMacOS() ? 19 : 18;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; throws with errno on failure.</summary>
    public static void Send(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {errno}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
