using System.Text.Json;

namespace IntentBot.Agent.Engine;

/// <summary>
/// What a discount code gives, in Chinese from a promotion's fields (<see cref="Plugins.PromotionView"/>): the discount,
/// the categories or products it is for, the minimum spend and whether it is for newsletter subscribers
/// ("优惠 €50.00，适用于电子产品，订单满 €500.00 可用"). The shop's description is an English sentence.
/// </summary>
internal static class ChinesePromotion
{
    /// <summary>null when the JSON is not a promotion.</summary>
    public static string? Describe(JsonElement promotion)
    {
        if (!promotion.TryGetProperty("code", out _) || !promotion.TryGetProperty("discount", out var discount)
            || !promotion.TryGetProperty("categories", out var categories) || categories.ValueKind != JsonValueKind.Array) return null;
        var parts = new List<string> { $"优惠 {discount.GetString()}" };
        var named = categories.EnumerateArray().Select(c => ChineseNames.Category(c.GetString() ?? "")).ToList();
        if (named.Count > 0) parts.Add($"适用于{string.Join("、", named)}");
        else if (promotion.TryGetProperty("productIds", out var products) && products.ValueKind == JsonValueKind.Array && products.GetArrayLength() > 0)
            parts.Add("适用于指定商品");
        else parts.Add("全场通用");
        if (promotion.TryGetProperty("minSpend", out var min) && min.ValueKind == JsonValueKind.Number && min.GetDecimal() > 0
            && promotion.TryGetProperty("minSpendText", out var minText))
            parts.Add($"订单满 {minText.GetString()} 可用");
        if (promotion.TryGetProperty("newsletterOnly", out var newsletter) && newsletter.ValueKind == JsonValueKind.True)
            parts.Add("仅限订阅新闻邮件的顾客");
        return string.Join("，", parts);
    }
}
