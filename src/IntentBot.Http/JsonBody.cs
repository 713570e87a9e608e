namespace IntentBot.Http;

/// <summary>Why a request body was refused; each entry point answers it in its own error shape.</summary>
public enum JsonBodyFault
{
    /// <summary>The content type is not application/json (or +json) in UTF-8.</summary>
    UnsupportedMediaType,
    TooLarge,
    Empty,
    InvalidUtf8,
    /// <summary>Not one well-formed JSON value, or nested deeper than <see cref="JsonBodyReader.MaxDepth"/>.</summary>
    Malformed,
    /// <summary>Well-formed JSON holding an escaped string that is not valid UTF-16 ("\ud800").</summary>
    UnpairedSurrogate,
}

/// <summary>A request body that passed every check (<see cref="Utf8"/>), or why it did not.</summary>
public readonly record struct JsonBody(ReadOnlyMemory<byte> Utf8, JsonBodyFault? Fault, string? Detail)
{
    public bool IsValid => Fault is null;

    public static JsonBody Valid(ReadOnlyMemory<byte> utf8) => new(utf8, null, null);

    public static JsonBody Refused(JsonBodyFault fault, string detail) => new(ReadOnlyMemory<byte>.Empty, fault, detail);
}
