namespace IntentBot.Shop.Http;

public sealed partial class HttpShopBackend
{
    public Task<ShopPolicies> GetPoliciesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ShopPolicies>("policies", cancellationToken);

    public async Task<IReadOnlyList<ShippingOption>> GetShippingOptionsAsync(string? country, CancellationToken cancellationToken = default) =>
        await GetAsync<List<ShippingOption>>("policies/shipping-options" + Query(("country", country)), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<Promotion>> GetActivePromotionsAsync(PromotionQuery query, CancellationToken cancellationToken = default) =>
        await GetAsync<List<Promotion>>("promotions/active" + Query(("productId", query.ProductId), ("category", query.Category), ("cartValue", query.CartValue)),
            cancellationToken).ConfigureAwait(false);

    public Task<Promotion?> GetByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(code) ? Task.FromResult<Promotion?>(null) : GetOrNullAsync<Promotion>($"promotions/{Segment(code)}", cancellationToken);

    public Task<Customer?> GetByIdAsync(string customerId, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(customerId) ? Task.FromResult<Customer?>(null) : GetOrNullAsync<Customer>($"customers/{Segment(customerId)}", cancellationToken);

    public Task<Customer?> GetByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(email) ? Task.FromResult<Customer?>(null) : GetOrNullAsync<Customer>("customers" + Query(("email", email.Trim())), cancellationToken);
}
