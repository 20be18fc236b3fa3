using System.Globalization;

namespace Slotted;

/// <summary>
/// One node's <c>INFO</c> reply (https://redis.io/docs/latest/commands/info/): the text as sent, its
/// sections ("# Server", "# Keyspace" ...) and fields ("field:value" lines), with helpers to read a
/// field as text or a number and to split composite values such as <c>db0:keys=1,expires=0</c>.
/// </summary>
public sealed class RedisInfo
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _sections = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses the text of an <c>INFO</c> reply.</summary>
    public RedisInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Dictionary<string, string>? section = null;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                section = new Dictionary<string, string>(StringComparer.Ordinal);
                _sections[line[1..].Trim()] = section;
                continue;
            }
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            string name = line[..colon];
            string value = line[(colon + 1)..];
            if (section is null)
            {
                section = new Dictionary<string, string>(StringComparer.Ordinal);
                _sections[""] = section;
            }
            section[name] = value;
            _fields.TryAdd(name, value);
        }
    }

    /// <summary>The reply exactly as the node sent it.</summary>
    public string Text { get; }

    /// <summary>The sections by name as the server writes it ("Server", "Keyspace"; looked up ignoring case), each a map of field to value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Sections => _sections;

    /// <summary>Every field of every section (field names are unique across sections).</summary>
    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>The value of <paramref name="field"/> (for example "redis_version"), or null when the reply has no such field.</summary>
    public string? this[string field] => _fields.TryGetValue(field, out string? value) ? value : null;

    /// <summary>Looks up a field's value.</summary>
    public bool TryGetValue(string field, out string value)
    {
        bool found = _fields.TryGetValue(field, out string? v);
        value = v ?? "";
        return found;
    }

    /// <summary>The field as an integer (for example "connected_clients"); null when absent or not an integer.</summary>
    public long? GetInt64(string field) =>
        _fields.TryGetValue(field, out string? v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : null;

    /// <summary>The field as a number (for example "mem_fragmentation_ratio"); null when absent or not a number.</summary>
    public double? GetDouble(string field) =>
        _fields.TryGetValue(field, out string? v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;

    /// <summary>
    /// A composite value split on commas and '=': "db0" gives {keys, expires, avg_ttl},
    /// "cmdstat_get" gives {calls, usec, ...}. Empty when the field is absent.
    /// </summary>
    public IReadOnlyDictionary<string, string> GetSubfields(string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_fields.TryGetValue(field, out string? value)) return result;
        foreach (string part in value.Split(','))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) result[part[..eq]] = part[(eq + 1)..];
        }
        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
