using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace IntentBot.Http;

/// <summary>
/// Reads a JSON request body with a hard size cap and checks it completely before any handler looks at it, so
/// that every HTTP entry point refuses the same bad bodies: too big, empty, not UTF-8, not one JSON value, too
/// deep, or holding an escaped lone surrogate.
/// </summary>
/// <remarks>
/// The lone surrogate is the subtle one: <see cref="JsonDocument"/> and the serializer's raw members
/// (<see cref="JsonElement"/>) accept "\ud800" and only fail when the string is finally decoded, which can be
/// after the body was stored (a transcript write) or deep inside validation. Decoding every escaped string here
/// turns it into a 400 at the door, for every endpoint at once.
/// </remarks>
public static class JsonBodyReader
{
    /// <summary>Depth cap for request documents: ours are shallow, so deep nesting is only ever abuse.</summary>
    public const int MaxDepth = 32;

    /// <summary>The options a caller parses a checked body with, so its parse agrees with the check.</summary>
    public static JsonDocumentOptions DocumentOptions => new() { MaxDepth = MaxDepth };

    /// <param name="requireJsonMediaType">
    /// False for protocols whose clients send no or odd content types and read their errors in their own shape
    /// (Direct Line, Bot Connector): the body itself is still checked.
    /// </param>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, int maxBytes, bool requireJsonMediaType, CancellationToken cancellationToken)
    {
        if (requireJsonMediaType && !IsJson(request.ContentType))
            return JsonBody.Refused(JsonBodyFault.UnsupportedMediaType, "Send the body as application/json (UTF-8).");
        var body = await ReadCappedAsync(request, maxBytes, cancellationToken);
        if (body is null) return JsonBody.Refused(JsonBodyFault.TooLarge, $"The body exceeds {maxBytes} bytes.");
        return Check(body);
    }

    /// <summary>The checks after reading, on bytes already in memory.</summary>
    public static JsonBody Check(byte[] body)
    {
        if (body.Length == 0) return JsonBody.Refused(JsonBodyFault.Empty, "The request body is empty.");
        if (!Utf8.IsValid(body)) return JsonBody.Refused(JsonBodyFault.InvalidUtf8, "The request body is not valid UTF-8.");
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped) reader.GetString();
            }
        }
        catch (JsonException ex)
        {
            return JsonBody.Refused(JsonBodyFault.Malformed, ex.Message);
        }
        catch (InvalidOperationException)
        {
            return JsonBody.Refused(JsonBodyFault.UnpairedSurrogate, "The request body holds a string with an unpaired surrogate escape (e.g. \\ud800).");
        }
        return JsonBody.Valid(body);
    }

    /// <summary>The body, or null as soon as it is known to exceed <paramref name="maxBytes"/> (whatever the server's own limits).</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)n : 4096);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(8192), cancellationToken);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes) return null;
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>application/json or any +json type, in UTF-8 (the only charset JSON allows on the wire).</summary>
    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var charset = media.Charset.Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return false;
        return media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
    }
}
