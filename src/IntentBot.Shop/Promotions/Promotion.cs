namespace IntentBot.Shop;

[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<DiscountKind>))]
public enum DiscountKind
{
    /// <summary><see cref="Promotion.Value"/> percent off the eligible items.</summary>
    Percent,
    /// <summary><see cref="Promotion.Value"/> in the shop's currency off the cart.</summary>
    Amount,
}

/// <summary>
/// A discount code. Scope: storewide when both <paramref name="Categories"/> and <paramref name="ProductIds"/>
/// are empty, else only those. <paramref name="MinSpend"/> is the cart value it needs (0 for none).
/// </summary>
public sealed record Promotion(
    string Code,
    string Description,
    DiscountKind Kind,
    decimal Value,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> ProductIds,
    decimal MinSpend,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    bool NewsletterOnly)
{
    public bool IsStorewide => Categories.Count == 0 && ProductIds.Count == 0;

    /// <summary>Only for a customer who has not ordered before (a welcome code).</summary>
    public bool FirstOrderOnly { get; init; }
}

/// <summary>
/// Which promotions to list: those active now that apply to the product or category given (storewide ones
/// always apply), and whose minimum spend the cart value reaches when one is given.
/// </summary>
public sealed record PromotionQuery(string? ProductId = null, string? Category = null, decimal? CartValue = null);
