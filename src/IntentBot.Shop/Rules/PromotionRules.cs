namespace IntentBot.Shop.Rules;

public static class PromotionRules
{
    public static bool IsActive(Promotion p, DateTimeOffset now) => p.ValidFrom <= now && now < p.ValidUntil;

    /// <summary>Whether the promotion applies to the product (its id or category) or to the category.</summary>
    public static bool AppliesTo(Promotion p, Product? product, string? category) =>
        p.IsStorewide
        || (product is not null && (p.ProductIds.Contains(product.Id, StringComparer.OrdinalIgnoreCase) || p.Categories.Contains(product.Category, StringComparer.OrdinalIgnoreCase)))
        || (product is null && category is not null && p.Categories.Contains(category, StringComparer.OrdinalIgnoreCase))
        || (product is null && category is null);

    /// <summary>What the customer saves on <paramref name="basis"/> (a cart value or price), for ranking.</summary>
    public static decimal Saving(Promotion p, decimal basis) =>
        p.Kind == DiscountKind.Percent ? Math.Round(basis * p.Value / 100m, 2) : Math.Min(p.Value, basis);

    public static string Describe(Promotion p, string currency)
    {
        var amount = p.Kind == DiscountKind.Percent ? $"{p.Value:0.##}% off" : $"{Money.Format(p.Value, currency)} off";
        var spend = p.MinSpend > 0 ? $" on orders over {Money.Format(p.MinSpend, currency)}" : "";
        var who = p.NewsletterOnly ? " (newsletter subscribers)" : "";
        return $"{p.Code}: {p.Description} — {amount}{spend}{who}, valid until {p.ValidUntil:d MMMM yyyy}";
    }
}
