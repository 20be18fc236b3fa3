namespace Slotted.Tests.Protocol;

/// <summary>Structural comparison of replies: type, format, scalar bytes and elements, recursively.</summary>
internal static class ResultAssert
{
    public static void Equal(RedisResult expected, RedisResult? actual, string path = "$")
    {
        Assert.NotNull(actual);
        Assert.True(expected.Type == actual.Type, $"{path}: expected type {expected.Type}, got {actual.Type}.");
        Assert.True(expected.Format == actual.Format, $"{path}: expected format '{expected.Format}', got '{actual.Format}'.");
        Assert.True(expected.IsAggregate == actual.IsAggregate, $"{path}: aggregate mismatch.");
        if (expected.IsAggregate)
        {
            Assert.True(expected.Length == actual.Length, $"{path}: expected {expected.Length} elements, got {actual.Length}.");
            for (int i = 0; i < expected.Length; i++) Equal(expected[i], actual[i], $"{path}[{i}]");
            return;
        }
        if (expected.Type == RedisResultType.Double)
        {
            Assert.Equal(expected.ToDouble(), actual.ToDouble());
            return;
        }
        byte[]? e = expected.Value.ToByteArray();
        byte[]? a = actual.Value.ToByteArray();
        Assert.True(e is null == a is null, $"{path}: null value mismatch.");
        if (e is not null) Assert.True(e.AsSpan().SequenceEqual(a), $"{path}: expected '{expected.Value}', got '{actual.Value}'.");
    }
}
