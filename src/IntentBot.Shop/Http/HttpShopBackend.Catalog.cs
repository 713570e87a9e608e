namespace IntentBot.Shop.Http;

public sealed partial class HttpShopBackend
{
    public Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<ProductSearchResult>("products/search" + Query(("q", query.Text), ("category", query.Category), ("minPrice", query.MinPrice),
            ("maxPrice", query.MaxPrice), ("inStockOnly", query.InStockOnly ? true : null), ("limit", query.Limit)), cancellationToken);

    public Task<Product?> GetProductAsync(string idOrSku, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(idOrSku) ? Task.FromResult<Product?>(null) : GetOrNullAsync<Product>($"products/{Segment(idOrSku)}", cancellationToken);

    public async Task<IReadOnlyList<Category>> GetCategoriesAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<Category>>("categories", cancellationToken).ConfigureAwait(false);

    public Task<Availability?> GetAvailabilityAsync(string idOrSku, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(idOrSku) ? Task.FromResult<Availability?>(null) : GetOrNullAsync<Availability>($"products/{Segment(idOrSku)}/availability", cancellationToken);

    public async Task<IReadOnlyList<Product>> GetRelatedAsync(string idOrSku, int limit = 5, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(idOrSku) ? [] :
        await GetOrNullAsync<List<Product>>($"products/{Segment(idOrSku)}/related" + Query(("limit", limit)), cancellationToken).ConfigureAwait(false) ?? [];
}
