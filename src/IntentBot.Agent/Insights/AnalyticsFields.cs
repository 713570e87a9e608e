namespace IntentBot.Agent.Insights;

/// <summary>
/// The counter names of an hourly bucket. Open-ended dimensions (intent, handoff reason, sentiment, purchase-intent
/// band) are "dimension:value" fields, so a new intent needs no schema change; their values come from the model's
/// labels and the engine's fixed reasons, never from customer text, so the set stays small.
/// </summary>
public static class AnalyticsFields
{
    public const string Conversations = "conversations";
    public const string Turns = "turns";
    public const string OutOfScope = "out_of_scope";
    public const string Clarifications = "clarifications";
    public const string Handoffs = "handoffs";
    public const string PromotionsOffered = "promotions_offered";
    public const string CodesChecked = "codes_checked";
    public const string Dropped = "dropped";
    public const string ReviewSkipped = "review_skipped";
    /// <summary>A customer's thumbs-up / thumbs-down on a bot reply (Web Chat's message feedback buttons).</summary>
    public const string RatedUp = "rated_up";
    public const string RatedDown = "rated_down";
    public const string IntentPrefix = "intent:";
    public const string HandoffPrefix = "handoff:";
    public const string SentimentPrefix = "sentiment:";
    public const string PurchaseIntentPrefix = "purchase_intent:";

    /// <summary>Purchase-intent bands: the estimate's tenths ("0.0" … "0.9"), a histogram of the live distribution.</summary>
    public static string PurchaseIntentBand(double probability) =>
        PurchaseIntentPrefix + (Math.Clamp(Math.Floor(probability * 10), 0, 9) / 10).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The counters one turn adds to.</summary>
    public static IEnumerable<string> Of(TurnFacts facts)
    {
        yield return Turns;
        if (facts.NewConversation) yield return Conversations;
        yield return IntentPrefix + facts.Intent;
        if (facts.OutOfScope) yield return OutOfScope;
        if (facts.Clarified) yield return Clarifications;
        if (facts.HandoffReason is { } reason)
        {
            yield return Handoffs;
            yield return HandoffPrefix + reason;
        }
        yield return SentimentPrefix + facts.Sentiment;
        if (facts.PromotionOffered) yield return PromotionsOffered;
        if (facts.PurchaseIntent is { } p) yield return PurchaseIntentBand(p);
    }

    /// <summary>The hour a moment falls in (buckets are UTC hours).</summary>
    public static DateTimeOffset Hour(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
