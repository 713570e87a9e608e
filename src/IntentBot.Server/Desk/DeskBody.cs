using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Desk;

/// <summary>Reads a desk request body through the shared JSON checks; an absent body is allowed where the fields are optional.</summary>
internal static class DeskBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, bool optional, CancellationToken ct)
        where T : class
    {
        if (optional && request.ContentLength is 0 or null && string.IsNullOrEmpty(request.ContentType)) return (null, null);
        var maxBytes = request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBytes;
        var (document, error) = await JsonRequestBody.ReadAsync(request, maxBytes, "send a JSON object", ct);
        if (error is not null) return (null, error);
        using (document)
        {
            if (document!.RootElement.ValueKind != JsonValueKind.Object) return (null, Problem.Validation("body", "The body must be a JSON object."));
            try { return (document.RootElement.Deserialize(type), null); }
            catch (JsonException e) { return (null, Problem.Validation("body", e.Message)); }
        }
    }

    /// <summary>Null when the name fits (1-64 characters, no control characters), else the problem.</summary>
    public static string? AgentNameError(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "Name the agent: \"agent\": {\"name\": \"Maria\"} (or sign in to the desk).";
        if (name.Trim().Length > 64) return "An agent name is at most 64 characters.";
        if (name.Any(char.IsControl)) return "An agent name must not contain control characters.";
        return null;
    }

    public static string? ConversationIdError(string id) =>
        id.Length > 256 || id.Length == 0 || id.Any(char.IsControl) ? "A conversation id is 1-256 characters, without control characters." : null;
}
