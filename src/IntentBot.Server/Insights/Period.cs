using System.Globalization;
using IntentBot.Server.Problems;

namespace IntentBot.Server.Insights;

/// <summary>The <c>from</c> and <c>to</c> query parameters (ISO 8601): by default the last 7 days; at most 366 days.</summary>
internal static class Period
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(7);
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public static (DateTimeOffset From, DateTimeOffset To, IResult? Error) Read(HttpRequest request, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var to = Parse(request.Query["to"], "to", errors) ?? clock.GetUtcNow();
        var from = Parse(request.Query["from"], "from", errors) ?? to - Default;
        if (errors.Count == 0 && from >= to) errors["from"] = ["Must be before to."];
        if (errors.Count == 0 && to - from > Longest) errors["from"] = [$"The period is at most {Longest.TotalDays:0} days."];
        return errors.Count > 0 ? (from, to, Problem.Validation(errors)) : (from, to, null);
    }

    private static DateTimeOffset? Parse(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at.ToUniversalTime();
        errors[name] = ["An ISO 8601 date or time, such as 2026-12-01 or 2026-12-01T08:00:00Z."];
        return null;
    }
}
