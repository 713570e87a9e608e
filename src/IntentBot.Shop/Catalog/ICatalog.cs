namespace IntentBot.Shop;

/// <summary>The shop's product catalog. Products are looked up by id or SKU (either works everywhere).</summary>
public interface ICatalog
{
    /// <summary>Free-text search scored over name, brand, category and attributes, with filters.</summary>
    Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken = default);

    /// <summary>The product with this id or SKU, or null.</summary>
    Task<Product?> GetProductAsync(string idOrSku, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Category>> GetCategoriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Stock for this product id or SKU, or null when there is no such product.</summary>
    Task<Availability?> GetAvailabilityAsync(string idOrSku, CancellationToken cancellationToken = default);

    /// <summary>Similar products (same subcategory first, then category), best rated first; empty when unknown.</summary>
    Task<IReadOnlyList<Product>> GetRelatedAsync(string idOrSku, int limit = 5, CancellationToken cancellationToken = default);
}
