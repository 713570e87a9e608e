using System.Text.RegularExpressions;
using IntentBot.Agent.Cards;
using IntentBot.Agent.Plugins;
using IntentBot.Shop;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Follow-ups about the subject under discussion: after a product was shown, "what's it made of?", "how much is
/// it?", "in size 44?" are answered from that product's record; after an order, "when will it arrive?" is that
/// order's tracking answer (for a guest, only once the order is proven theirs).
/// </summary>
internal sealed partial class DialogRunner
{
    private async Task<bool> AnswerAboutSubjectAsync(Turn t, CancellationToken ct)
    {
        var chinese = Language.Detect(t.Text) == Language.Chinese;
        var words = t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        // Chinese has no spaces to count: a short question that names no other kind of product ("多少钱") points back.
        var pointsBack = Cues.RefersBack(t.Text) || (chinese ? t.Text.Length <= 8 && Interests.CategoryIn(t.Text) is null : words <= 4);
        if (!pointsBack || t.Said.OrderNumber is not null || t.Said.Email is not null || words > 12) return false;
        // "how much is shipping?" is about delivery, not the product just shown.
        var aboutService = ServicePattern().IsMatch(t.Text) || ServiceZhPattern().IsMatch(t.Text);

        if (t.Memory.Order is not null && ArrivalPattern().IsMatch(t.Text) && catalog.Find(TrackOrder) is { } track
            && (t.Memory.Product is null || t.RecentIntents.LastOrDefault() is not (Recommendation or ProductInquiry or "price_inquiry")))
        {
            t.Nlu = Cues.Read(t.Nlu, TrackOrder);
            RecordIntent(t);
            await StartAsync(t, track, ct, orderNumber: t.Memory.Order);
            return true;
        }

        if (products is null || aboutService || t.Memory.Product is not { } id) return false;
        Product? product;
        try { product = await products.GetProductAsync(id, ct); }
        catch (ShopUnavailableException) { return false; }
        if (product is null || (chinese ? ProductAnswers.AnswerChinese(product, t.Text) : ProductAnswers.Answer(product, t.Text)) is not { } answer) return false;
        t.Nlu = Cues.Read(t.Nlu, ProductInquiry);
        RecordIntent(t);
        var card = AdaptiveCards.Product(System.Text.Json.JsonSerializer.SerializeToElement(
            new { ok = true, data = ProductView.From(product) }, ResultJson), CardLanguage(t));
        Say(t, answer, catalog.Find(ProductInquiry)?.Suggestions is { Count: > 0 } s ? s : null, card is null ? [] : [card]);
        return true;
    }

    [GeneratedRegex(@"\b(?:ship|shipping|deliver|delivery|return|returns|refund|order|orders|pay|payment|invoice|account|password|code|coupon|voucher|newsletter|cancel)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ServicePattern();

    [GeneratedRegex(@"运费|邮费|配送|快递|退|换货|订单|付款|支付|发票|账户|账号|密码|优惠|取消")]
    private static partial Regex ServiceZhPattern();

    [GeneratedRegex(@"\b(?:arrive|arrives|arriving|arrival|get\s+here|be\s+(?:here|delivered)|delivery\s+date|deliver(?:ed)?|come|coming|where\s+is\s+it|track(?:ing)?|ship(?:ped)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ArrivalPattern();
}
