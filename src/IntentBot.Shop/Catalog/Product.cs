namespace IntentBot.Shop;

/// <summary>
/// One sellable product. <see cref="Attributes"/> holds what differs per category (size, colour, material,
/// compatibility, ...) as lower-case keys; multi-valued attributes such as <c>sizes</c> are comma-separated.
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
    string Description)
{
    public bool InStock => Stock > 0;
}

/// <summary>A top-level catalog category (its id is what <see cref="Product.Category"/> holds).</summary>
public sealed record Category(string Id, string Name, IReadOnlyList<string> Subcategories);
