using System.Reflection;
using Microsoft.Extensions.Logging;
using Slotted.Diagnostics;

namespace Slotted.Tests.Diagnostics;

public sealed class LogTests
{
    private sealed class CapturingLogger : ILogger
    {
        public List<(LogLevel Level, EventId Id, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId, formatter(state, exception)));
    }

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> Messages() =>
        typeof(Log).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (m, m.GetCustomAttribute<LoggerMessageAttribute>()!))
            .Where(p => p.Item2 is not null);

    [Fact]
    public void EventIds_AllMessages_DistinctAndNamed()
    {
        var messages = Messages().ToList();
        Assert.Equal(9, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.Attribute.EventId).Distinct().Count());
        Assert.All(messages, m => Assert.InRange(m.Attribute.EventId, 100, 399));
    }

    [Fact]
    public void ConnectionLost_Logged_InformationWithStableIdAndMessage()
    {
        var logger = new CapturingLogger();

        logger.ConnectionLost("127.0.0.1:7000", "reset by peer");

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(100, entry.Id.Id);
        Assert.Equal(nameof(Log.ConnectionLost), entry.Id.Name);
        Assert.Equal("Connection to 127.0.0.1:7000 lost: reset by peer", entry.Message);
    }

    [Fact]
    public void ResubscribeRefused_Logged_Warning()
    {
        var logger = new CapturingLogger();

        logger.ResubscribeRefused("NOPERM");

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(304, entry.Id.Id);
        Assert.Equal("Resubscribing was refused (NOPERM); the subscription ends", entry.Message);
    }
}
