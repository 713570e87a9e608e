using System.Text;
using System.Text.Json;

namespace IntentBot.Abuse.Tests;

/// <summary>JSON text inserted verbatim (numbers like 1e309, broken escapes): things a serializer would refuse to write.</summary>
public sealed record Raw(string Text);

/// <summary>An object as an ordered list of members, so a key may appear twice.</summary>
public sealed class Obj : List<KeyValuePair<string, object?>>
{
    public Obj Add(string key, object? value) { Add(new KeyValuePair<string, object?>(key, value)); return this; }
}

/// <summary>One hostile request body: its bytes, content type (null = no Content-Type) and what it is, for the failure message.</summary>
public sealed record FuzzBody(byte[] Bytes, string? ContentType, string Kind, bool Chunked = false)
{
    public string Preview()
    {
        var text = Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 160));
        var escaped = new StringBuilder();
        foreach (var c in text) escaped.Append(c < 32 || c == 0xFFFD ? $"\\x{(int)c:x2}" : c.ToString());
        return $"{Kind}, {Bytes.Length} bytes, content-type={ContentType ?? "(none)"}{(Chunked ? ", chunked" : "")}: {escaped}";
    }
}

/// <summary>
/// Deterministic hostile input: every case comes from its own seed (printed on failure), so one case
/// reproduces alone with <c>new Fuzzer(seed)</c>. Starts from a valid body of the endpoint and breaks it
/// in one of many ways.
/// </summary>
public sealed class Fuzzer(int seed)
{
    private readonly Random _random = new(seed);

    public Random Random => _random;

    public static readonly string[] WeirdNumbers =
        ["1e309", "-1e309", "-0", "1e-400", "99999999999999999999999999999", "-99999999999999999999", "0.0000000000000000000001", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "2147483648", "-2147483649", "1.5", "0x10", "+1", "01", ".5", "1e", "NaN", "Infinity"];

    private static readonly string[] WeirdStrings =
    [
        "", " ", "\u0000", "a\u0000b", "\u0001\u0002\u001f", "\u007f\u0085", "\t\r\n", "\ud800", "\udfff", "a\udc00b", "\uffff", "\ufeff", "\u202e", "😀", "<script>alert(1)</script>",
        "' OR 1=1 --", "../../etc/passwd", "%00", "{{x}}", "${jndi:ldap://x}", "null", "\\", "\"", "{u:x}", "intentbot:{u:x}:conv",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/json; charset=latin1",
        "multipart/form-data; boundary=x", "garbage", "application/", "*/*", "application/json;;;", "application/octet-stream",
    ];

    public int Next(int max) => _random.Next(max);

    public int Next(int min, int max) => _random.Next(min, max);

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string RandomString(int maxLength)
    {
        var length = _random.Next(maxLength + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(_random.Next(10) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0xD800, 0xE000), // lone surrogates
                2 => (char)_random.Next(0x80, 0xFFFF),
                _ => (char)_random.Next(32, 127),
            });
        }
        return builder.ToString();
    }

    public object? RandomValue(int depth = 0) => _random.Next(depth > 3 ? 6 : 9) switch
    {
        0 => null,
        1 => _random.Next(2) == 0,
        2 => new Raw(Pick(WeirdNumbers)),
        3 => Pick(WeirdStrings),
        4 => RandomString(40),
        5 => new Raw(_random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        6 => Enumerable.Range(0, _random.Next(4)).Select(_ => RandomValue(depth + 1)).ToList(),
        7 => RandomObject(depth + 1),
        _ => new string('x', _random.Next(1, 300_000)),
    };

    private Obj RandomObject(int depth)
    {
        var o = new Obj();
        for (var i = _random.Next(4); i > 0; i--) o.Add(RandomString(8), RandomValue(depth));
        return o;
    }

    /// <summary>A hostile variant of <paramref name="template"/>, for an endpoint that takes at most <paramref name="limit"/> bytes.</summary>
    public FuzzBody Mutate(Obj template, int limit)
    {
        const string json = "application/json";
        var strategy = _random.Next(20);
        switch (strategy)
        {
            case 0: return new FuzzBody([], Chance(0.5) ? json : null, "empty body");
            case 1:
            {
                // Over the limit, sometimes without Content-Length so only the reader's own cap can stop it.
                var huge = "{\"x\":\"" + new string('a', limit + 1 + _random.Next(1000)) + "\"}";
                return new FuzzBody(Encoding.UTF8.GetBytes(huge), json, "over the size limit", Chunked: Chance(0.5));
            }
            case 2:
            {
                var levels = Chance(0.5) ? 10_000 : _random.Next(30, 200);
                var open = Chance(0.5) ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                var text = Serialize(Replace(template, new Raw(Repeat(open, levels) + "1" + Repeat(close, levels))));
                return new FuzzBody(Encoding.UTF8.GetBytes(text), json, $"{levels} levels deep");
            }
            case 3:
            {
                var bytes = Encoding.UTF8.GetBytes(Serialize(template)).ToList();
                var quote = bytes.IndexOf((byte)'"', _random.Next(Math.Max(1, bytes.Count / 2)));
                byte[][] invalid = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82]];
                bytes.InsertRange(quote < 0 ? 0 : quote + 1, Pick(invalid));
                return new FuzzBody([.. bytes], json, "invalid UTF-8");
            }
            case 4: return Text(Replace(template, Pick(["\u0000", "a\u0000b\u0001c", "\u001b[31m", "line\r\nInjected: header", "\u0007\u0008"])), "control characters and NULs");
            case 5: return Text(Replace(template, new Raw(Pick(["\"\\ud800\"", "\"\\udfff\"", "\"a\\udc00\\ud800b\"", "\"\\ud83d\""]))), "lone surrogate");
            case 6: return Text(Replace(template, RandomValue()), "wrong type for a field");
            case 7:
            {
                var copy = Copy(template);
                for (var i = _random.Next(1, 5); i > 0; i--) copy.Add(RandomString(12), RandomValue());
                return Text(copy, "unknown fields");
            }
            case 8: return new FuzzBody(Encoding.UTF8.GetBytes(Serialize(template)), Pick(ContentTypes), "wrong content type");
            case 9:
            {
                var text = Serialize(template);
                return new FuzzBody(Encoding.UTF8.GetBytes(text[..Math.Max(1, _random.Next(text.Length))]), json, "truncated JSON");
            }
            case 10: return Text(Replace(template, string.Concat(Enumerable.Repeat(Pick(["x", "é", "😀"]), _random.Next(1000, 200_000)))), "very long string");
            case 11: return Text(Replace(template, new Raw(Pick(WeirdNumbers))), "number out of range");
            case 12:
            {
                var copy = Copy(template);
                var key = copy.Count > 0 ? Pick(copy).Key : "x";
                copy.Add(key, RandomValue());
                copy.Add(key, RandomValue());
                return Text(copy, "duplicate key");
            }
            case 13:
            {
                var bytes = new byte[_random.Next(1, 2000)];
                _random.NextBytes(bytes);
                return new FuzzBody(bytes, json, "random bytes");
            }
            case 14: return new FuzzBody(Encoding.UTF8.GetBytes(Pick(["[]", "\"text\"", "42", "null", "true", "[{}]", "{}", " ", "\ufeff{}", "{}{}", "{} x"])), json, "not an object");
            case 15: return Text(RandomObject(0), "random object");
            case 16: return Text(Replace(template, Pick(WeirdStrings)), "weird string");
            case 17: return Text(Replace(template, null), "null field");
            case 18:
            {
                var copy = Copy(template);
                if (copy.Count > 0) copy.RemoveAt(_random.Next(copy.Count));
                return Text(copy, "missing field");
            }
            default: return Text(template, "valid");
        }
    }

    private static FuzzBody Text(Obj value, string kind) => new(Encoding.UTF8.GetBytes(Serialize(value)), "application/json", kind);

    /// <summary>Replaces one member (top level or one level down) of a copy of the template.</summary>
    private Obj Replace(Obj template, object? value)
    {
        var copy = Copy(template);
        if (copy.Count == 0) return copy.Add("x", value);
        var index = _random.Next(copy.Count);
        if (copy[index].Value is Obj inner && inner.Count > 0 && Chance(0.5))
        {
            var innerCopy = Copy(inner);
            var j = _random.Next(innerCopy.Count);
            innerCopy[j] = new(innerCopy[j].Key, value);
            copy[index] = new(copy[index].Key, innerCopy);
        }
        else if (copy[index].Value is List<object?> list && list.Count > 0 && Chance(0.5))
        {
            var listCopy = list.ToList();
            listCopy[_random.Next(listCopy.Count)] = value;
            copy[index] = new(copy[index].Key, listCopy);
        }
        else copy[index] = new(copy[index].Key, value);
        return copy;
    }

    private static Obj Copy(Obj o)
    {
        var copy = new Obj();
        copy.AddRange(o.Select(m => new KeyValuePair<string, object?>(m.Key, m.Value is Obj inner ? Copy(inner) : m.Value)));
        return copy;
    }

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    public static string Serialize(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null: builder.Append("null"); break;
            case bool b: builder.Append(b ? "true" : "false"); break;
            case Raw raw: builder.Append(raw.Text); break;
            case string s: builder.Append(JsonSerializer.Serialize(s)); break;
            case int i: builder.Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case Obj o:
                builder.Append('{');
                for (var i = 0; i < o.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    builder.Append(JsonSerializer.Serialize(o[i].Key)).Append(':');
                    Write(builder, o[i].Value);
                }
                builder.Append('}');
                break;
            case List<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    Write(builder, list[i]);
                }
                builder.Append(']');
                break;
            default: throw new ArgumentException($"Cannot write {value.GetType()}");
        }
    }
}
