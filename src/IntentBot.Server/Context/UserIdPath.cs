using Microsoft.AspNetCore.Http.Features;

namespace IntentBot.Server.Context;

/// <summary>
/// Reads a user id from the request target, percent-decoded exactly once. The server decodes a path but keeps
/// "%2F" encoded (and has already turned "%252F" into "%2F"), so neither the route value nor Request.Path can
/// tell the id "cust/42" from the id "cust%2F42": only the raw target can. Ids may hold '/' (StoredIds).
/// </summary>
public static class UserIdPath
{
    /// <summary>
    /// The id between <paramref name="prefix"/> and <paramref name="suffix"/> in the raw path (the suffix empty:
    /// to the end of the path); null when the raw path does not have that shape.
    /// </summary>
    public static string? Read(HttpContext context, string prefix, string suffix = "")
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/') raw = context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent();
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            || path.Length < prefix.Length + suffix.Length)
            return null;
        return Uri.UnescapeDataString(path[prefix.Length..^suffix.Length]);
    }
}
