using System.Text.Json;
using IntentBot.Http;

namespace IntentBot.Server.Problems;

/// <summary>
/// The shared body checks (<see cref="JsonBodyReader"/>) answered as problem details, one for each way a body
/// can be wrong, the same on every API endpoint: not JSON (415), too big (413), empty, not UTF-8, not
/// parseable, nested too deep or holding a lone surrogate (400).
/// </summary>
public static class JsonRequestBody
{
    /// <param name="emptyBodyHint">What to send instead, shown when the body is empty.</param>
    /// <returns>The parsed document (the caller disposes it), or the problem to answer.</returns>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadAsync(
        HttpRequest request, int maxBytes, string emptyBodyHint, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, maxBytes, requireJsonMediaType: true, cancellationToken);
        return body.Fault switch
        {
            null => (JsonDocument.Parse(body.Utf8, JsonBodyReader.DocumentOptions), null),
            JsonBodyFault.UnsupportedMediaType => (null, Problem.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", body.Detail)),
            JsonBodyFault.TooLarge => (null, Problem.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", body.Detail)),
            JsonBodyFault.Empty => (null, Problem.Validation("body", $"The request body is empty; {emptyBodyHint}.")),
            JsonBodyFault.InvalidUtf8 => (null, Problem.Status(StatusCodes.Status400BadRequest, "Invalid UTF-8", body.Detail)),
            _ => (null, Problem.Status(StatusCodes.Status400BadRequest, "Malformed JSON", body.Detail)),
        };
    }
}
