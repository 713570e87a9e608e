using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Discount questions the model reads as product or price questions: "any deals on it", "is there a discount on
/// running shoes", a code sent on its own ("SUMMER20"), and, right after codes were discussed, "does it work on
/// shoes" or "for books?". They are answered from the promotions, never with a catalog search for "deals".
/// </summary>
internal sealed partial class DialogRunner
{
    private async Task<bool> AnswerAboutDiscountsAsync(Turn t, CancellationToken ct)
    {
        if (catalog.Find(PromoCode) is not { } promo || t.Said.OrderNumber is not null || t.Nlu.Intent.Label == PromoCode) return false;
        var words = t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var bareCode = t.Said.Code is not null && words == 1;
        var afterCodes = t.RecentIntents.LastOrDefault() == PromoCode && words <= 6
            && (Interests.CategoryIn(t.Text) is not null || (Cues.RefersBack(t.Text) && AboutTheCode().IsMatch(t.Text)));
        if (!bareCode && !afterCodes && !AsksForDeals().IsMatch(t.Text)) return false;
        t.Nlu = Cues.Read(t.Nlu, PromoCode);
        RecordIntent(t);
        await StartAsync(t, promo, ct);
        return true;
    }

    // "any deals on it", "is there a discount on running shoes", "is the jacket on sale": asking for a saving, not
    // "I didn't get my discount" (a payment question).
    [GeneratedRegex(@"\b(?:any|a|some|got|there|is|are|what)\s+(?:deals?|discounts?|sales?|special\s+offers?|offers?|reductions?)\b|\bon\s+sale\b|\b(?:deals?|discounts?)\s+(?:on|for)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksForDeals();

    [GeneratedRegex(@"\b(?:work|works|apply|applies|valid|use)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutTheCode();
}
