using System.Text.RegularExpressions;
using IntentBot.Agent.Cards;
using IntentBot.Agent.Plugins;
using IntentBot.Shop;
using static IntentBot.Agent.Engine.ReplyBuilder;

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
        if (await AnswerAboutDiscountsAsync(t, ct)) return true;
        var chinese = Language.Detect(t.Text) == Language.Chinese;
        var words = t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        // Chinese has no spaces to count: a short question that names no other kind of product ("多少钱") points back.
        // "and XL?", "do you have that in black": a colour or a size alone is about the product under discussion.
        var pointsBack = Cues.RefersBack(t.Text) || ProductAnswers.IsAttributeFollowUp(t.Text)
            || (chinese ? t.Text.Length <= 8 && Interests.CategoryIn(t.Text) is null : words <= 4);
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
        if (await NarrowListAsync(t, ct)) return true;
        Product? product;
        try { product = await products.GetProductAsync(id, ct); }
        catch (ShopUnavailableException) { return false; }
        if (product is null || (chinese ? ProductAnswers.AnswerChinese(product, t.Text)
                : ProductAnswers.FollowUp(product, t.Text) ?? ProductAnswers.Answer(product, t.Text)) is not { } answer) return false;
        t.Nlu = Cues.Read(t.Nlu, ProductInquiry);
        RecordIntent(t);
        var card = AdaptiveCards.Product(System.Text.Json.JsonSerializer.SerializeToElement(
            new { ok = true, data = ProductView.From(product) }, PluginResults.Json), CardLanguage(t));
        replies.Say(t, answer, catalog.Find(ProductInquiry)?.Suggestions is { Count: > 0 } s ? s : null, card is null ? [] : [card]);
        return true;
    }

    /// <summary>
    /// A colour alone right after a list of products ("white?" after headphones): that kind of product in that
    /// colour, within the budget said, rather than the first product of the list or anything white in the shop.
    /// </summary>
    private async Task<bool> NarrowListAsync(Turn t, CancellationToken ct)
    {
        if (t.Said.Colour is not { } colour || t.Memory.Interest is not { } kind || !ProductAnswers.IsAttributeFollowUp(t.Text)
            || (t.RecentIntents.LastOrDefault() is not Recommendation && !(t.RecentIntents.LastOrDefault() == "price_inquiry" && t.Memory.BudgetMax is not null)))
            return false;
        // "cheap" with no figure is no price limit (see Entities.CheapBelow): the colour is what narrows the list.
        var max = t.Memory.BudgetMax == Entities.CheapBelow ? null : t.Memory.BudgetMax;
        ProductSearchResult found;
        try { found = await products!.SearchAsync(new ProductQuery(colour, kind, t.Memory.BudgetMin, max, Limit: 3), ct); }
        catch (ShopUnavailableException) { return false; }
        t.Nlu = Cues.Read(t.Nlu, Recommendation);
        RecordIntent(t);
        var shown = colour.ToLowerInvariant();
        if (found.Items.Count == 0)
        {
            replies.Say(t, $"Sorry, I couldn't find any {kind.ToLowerInvariant()} in {shown}{(max is { } limit ? $" up to €{limit:0.##}" : "")}.", catalog.Find(Recommendation)?.Suggestions);
            return true;
        }
        var list = new ProductListView([.. found.Items.Select(m => ProductView.From(m.Product))], found.TotalMatches);
        var cards = AdaptiveCards.Products(System.Text.Json.JsonSerializer.SerializeToElement(new { ok = true, data = list }, PluginResults.Json));
        replies.Say(t, $"Here are our {kind.ToLowerInvariant()} in {shown}: {list.Listing}.", catalog.Find(Recommendation)?.Suggestions, cards);
        t.Memory.Product = list.Products[0].Id;
        return true;
    }

    [GeneratedRegex(@"\b(?:ship|shipping|deliver|delivery|return|returns|refund|order|orders|pay|payment|invoice|account|password|code|coupon|voucher|newsletter|cancel)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ServicePattern();

    [GeneratedRegex(@"运费|邮费|配送|快递|退|换货|订单|付款|支付|发票|账户|账号|密码|优惠|取消")]
    private static partial Regex ServiceZhPattern();

    [GeneratedRegex(@"\b(?:arrive|arrives|arriving|arrival|get\s+here|be\s+(?:here|delivered)|delivery\s+date|deliver(?:ed)?|come|coming|where\s+is\s+it|track(?:ing)?|ship(?:ped)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ArrivalPattern();
}
