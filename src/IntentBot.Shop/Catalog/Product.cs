namespace IntentBot.Shop;

/// <summary>
/// One sellable product. <see cref="Attributes"/> holds what differs per category (size, colour, material,
/// compatibility, ...) as lower-case keys; multi-valued attributes such as <c>sizes</c> are comma-separated.
/// <see cref="ImageUrl"/> (a picture for cards: absolute, or a path on the bot's own origin) and
/// <see cref="Url"/> (the product's page on the shop's site) are optional: a shop without them gets text-only cards.
/// </summary>
public sealed record Product(
    string Id,
    string Sku,
    string Name,
    string Brand,
    string Category,
    string Subcategory,
    decimal Price,
    string Currency,
    int Stock,
    IReadOnlyDictionary<string, string> Attributes,
    double Rating,
    int ReviewCount,
    string Description,
    string? ImageUrl = null,
    string? Url = null)
{
    public bool InStock => Stock > 0;
}

/// <summary>A top-level catalog category (its id is what <see cref="Product.Category"/> holds).</summary>
public sealed record Category(string Id, string Name, IReadOnlyList<string> Subcategories);
