using IntentBot.Agent.Insights;
using IntentBot.Server.Desk;
using IntentBot.Server.Problems;

namespace IntentBot.Server.Insights;

/// <summary>The analytics API (desk sign-in or API key): a period's summary and its series by hour or day.</summary>
public static class AnalyticsApi
{
    public static WebApplication MapAnalyticsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/insights").WithTags("Insights").RequireDeskAccess();
        InsightsFailures.Describe(group);

        group.MapGet("/summary", SummaryAsync)
            .WithName("GetAnalyticsSummary")
            .WithSummary("Totals over a period (query from, to: ISO 8601; default the last 7 days): conversations, turns, intents, out-of-scope, clarifications, handoffs by reason, containment, sentiment, purchase intent, promotions offered, codes checked, and customers' thumbs up and down on the bot's replies.")
            .Produces<AnalyticsSummary>()
            .ProducesValidationProblem();
        group.MapGet("/series", SeriesAsync)
            .WithName("GetAnalyticsSeries")
            .WithSummary("The counters per hour or per day (query bucket: hour or day; from, to as for the summary), oldest first; periods with no traffic are left out.")
            .Produces<AnalyticsSeries>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> SummaryAsync(HttpContext context, IAnalyticsStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (from, to, error) = Period.Read(context.Request, clock);
        if (error is not null) return error;
        var totals = Sum(await store.ReadAsync(from, to, cancellationToken));
        long N(string field) => totals.GetValueOrDefault(field);
        var conversations = N(AnalyticsFields.Conversations);
        var turns = N(AnalyticsFields.Turns);
        var summary = new AnalyticsSummary(from, to, conversations, turns, N(AnalyticsFields.OutOfScope), N(AnalyticsFields.Clarifications),
            N(AnalyticsFields.Handoffs),
            ContainmentRate: Rate(conversations - N(AnalyticsFields.Handoffs), conversations),
            HandoffRate: Rate(N(AnalyticsFields.Handoffs), conversations),
            OutOfScopeRate: Rate(N(AnalyticsFields.OutOfScope), turns),
            Dimension(totals, AnalyticsFields.IntentPrefix, byCount: true),
            Dimension(totals, AnalyticsFields.HandoffPrefix, byCount: true),
            Dimension(totals, AnalyticsFields.SentimentPrefix, byCount: false),
            Dimension(totals, AnalyticsFields.PurchaseIntentPrefix, byCount: false),
            N(AnalyticsFields.PromotionsOffered), N(AnalyticsFields.CodesChecked), N(AnalyticsFields.Dropped),
            N(AnalyticsFields.RatedUp), N(AnalyticsFields.RatedDown));
        return Results.Json(summary, InsightsJsonContext.Default.AnalyticsSummary);
    }

    private static async Task<IResult> SeriesAsync(HttpContext context, IAnalyticsStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (from, to, error) = Period.Read(context.Request, clock);
        if (error is not null) return error;
        var bucket = context.Request.Query["bucket"].ToString() is { Length: > 0 } b ? b : "hour";
        if (bucket is not ("hour" or "day")) return Problem.Validation("bucket", "hour or day.");
        var hours = await store.ReadAsync(from, to, cancellationToken);
        IReadOnlyList<SeriesPoint> points = bucket == "hour"
            ? [.. hours.Select(h => new SeriesPoint(h.Hour, h.Counts))]
            : [.. hours.GroupBy(h => new DateTimeOffset(h.Hour.UtcDateTime.Date, TimeSpan.Zero)).Select(d => new SeriesPoint(d.Key, Sum(d)))];
        return Results.Json(new AnalyticsSeries(from, to, bucket, points), InsightsJsonContext.Default.AnalyticsSeries);
    }

    private static Dictionary<string, long> Sum(IEnumerable<AnalyticsBucket> buckets)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var bucket in buckets)
            foreach (var (field, n) in bucket.Counts) totals[field] = totals.GetValueOrDefault(field) + n;
        return totals;
    }

    private static List<CountDto> Dimension(Dictionary<string, long> totals, string prefix, bool byCount)
    {
        var values = totals.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(t => new CountDto(t.Key[prefix.Length..], t.Value));
        return byCount ? [.. values.OrderByDescending(v => v.Count).ThenBy(v => v.Key, StringComparer.Ordinal)] : [.. values.OrderBy(v => v.Key, StringComparer.Ordinal)];
    }

    private static double? Rate(long part, long whole) => whole <= 0 ? null : Math.Round(Math.Clamp((double)part / whole, 0, 1), 4);
}
