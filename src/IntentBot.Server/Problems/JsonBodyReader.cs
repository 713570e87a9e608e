using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace IntentBot.Server.Problems;

/// <summary>
/// The checks every hand-validated JSON API body goes through before its own shape rules, in one order so
/// that each way a body can be wrong gets the same precise problem details on every endpoint: not JSON
/// (415), too big (413), empty, not UTF-8, not parseable or nested too deep (400).
/// </summary>
public static class JsonBodyReader
{
    /// <summary>Depth cap for request documents: ours are shallow, so deep nesting is only ever abuse.</summary>
    public const int MaxDepth = 32;

    /// <param name="emptyBodyHint">What to send instead, shown when the body is empty.</param>
    /// <returns>The parsed document (the caller disposes it), or the problem to answer.</returns>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadAsync(
        HttpRequest request, int maxBytes, string emptyBodyHint, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
            return (null, Problem.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the body as application/json (UTF-8)."));

        var (body, tooLarge) = await BodyReader.ReadAsync(request, maxBytes, cancellationToken);
        if (tooLarge)
            return (null, Problem.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body exceeds {maxBytes} bytes."));
        if (body.Length == 0)
            return (null, Problem.Validation("body", $"The request body is empty; {emptyBodyHint}."));
        if (!Utf8.IsValid(body))
            return (null, Problem.Status(StatusCodes.Status400BadRequest, "Invalid UTF-8", "The request body is not valid UTF-8."));

        try
        {
            return (JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth }), null);
        }
        catch (JsonException ex)
        {
            return (null, Problem.Status(StatusCodes.Status400BadRequest, "Malformed JSON", ex.Message));
        }
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
