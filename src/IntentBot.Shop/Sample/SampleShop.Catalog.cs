namespace IntentBot.Shop.Sample;

public sealed partial class SampleShop
{
    /// <summary>Fewer than this many in stock reads as "only a few left".</summary>
    private const int LowStockThreshold = 6;

    public Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken = default)
    {
        var category = string.IsNullOrWhiteSpace(query.Category) ? null : query.Category.Trim();
        var ids = category is null ? null : MatchingCategoryIds(category);
        return Task.FromResult(_search.Search(query, p => category is null
            || ids!.Contains(p.Category)
            || string.Equals(p.Subcategory, category, StringComparison.OrdinalIgnoreCase)));
    }

    public Task<Product?> GetProductAsync(string idOrSku, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(idOrSku));

    public Task<IReadOnlyList<Category>> GetCategoriesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_categories);

    public Task<Availability?> GetAvailabilityAsync(string idOrSku, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(idOrSku) is { } p
            ? new Availability(p.Id, p.Name, p.Stock, p.Stock == 0 ? StockLevel.OutOfStock : p.Stock < LowStockThreshold ? StockLevel.LowStock : StockLevel.InStock)
            : null);

    public Task<IReadOnlyList<Product>> GetRelatedAsync(string idOrSku, int limit = 5, CancellationToken cancellationToken = default)
    {
        if (Find(idOrSku) is not { } product)
            return Task.FromResult<IReadOnlyList<Product>>([]);

        // Same subcategory first, closest in price; then the rest of the category, best rated.
        IReadOnlyList<Product> related = [.. _products
            .Where(p => p.Id != product.Id && p.Category == product.Category)
            .OrderByDescending(p => p.Subcategory == product.Subcategory)
            .ThenByDescending(p => p.InStock)
            .ThenBy(p => p.Subcategory == product.Subcategory ? Math.Abs(p.Price - product.Price) : 0m)
            .ThenByDescending(p => p.Rating)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 20))];
        return Task.FromResult(related);
    }

    private Product? Find(string? idOrSku) =>
        idOrSku is not null && _productsByKey.TryGetValue(idOrSku.Trim(), out var p) ? p : null;

    /// <summary>A category given by id ("home-kitchen") or name ("Home & Kitchen", "home and kitchen").</summary>
    private HashSet<string> MatchingCategoryIds(string category)
    {
        var wanted = Normalise(category);
        return new HashSet<string>(_categories
            .Where(c => Normalise(c.Id) == wanted || Normalise(c.Name) == wanted)
            .Select(c => c.Id), StringComparer.OrdinalIgnoreCase);
    }

    private static string Normalise(string s) =>
        string.Concat(s.ToLowerInvariant().Replace(" and ", " ", StringComparison.Ordinal).Where(char.IsLetterOrDigit));
}
