namespace IntentBot.Shop;

/// <summary>
/// A catalog search. Every part is optional: no text lists the filtered products by rating.
/// <paramref name="Category"/> matches a category id or name, or a subcategory name.
/// </summary>
public sealed record ProductQuery(
    string? Text = null,
    string? Category = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    bool InStockOnly = false,
    int Limit = 10);

/// <summary>A product found by a search and how well it matched the text (higher is better; 0 without text).</summary>
public sealed record ProductMatch(Product Product, double Score);

/// <summary>The best <see cref="ProductQuery.Limit"/> matches and how many matched in all.</summary>
public sealed record ProductSearchResult(IReadOnlyList<ProductMatch> Items, int TotalMatches);

public enum StockLevel
{
    InStock,
    LowStock,
    OutOfStock,
}

/// <summary>Whether a product can be bought now.</summary>
public sealed record Availability(string ProductId, string Name, int Stock, StockLevel Level);
