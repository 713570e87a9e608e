using IntentBot.Shop.Rules;

namespace IntentBot.Shop.Sample;

public sealed partial class SampleShop
{
    public Task<ShopPolicies> GetPoliciesAsync(CancellationToken cancellationToken = default) => Task.FromResult(_policies);

    public Task<IReadOnlyList<ShippingOption>> GetShippingOptionsAsync(string? country, CancellationToken cancellationToken = default) =>
        Task.FromResult(Shipping.OptionsFor(country, _policies.Shipping));

    public Task<IReadOnlyList<Promotion>> GetActivePromotionsAsync(PromotionQuery query, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var product = Find(query.ProductId);
        var category = string.IsNullOrWhiteSpace(query.Category) ? null : MatchingCategoryIds(query.Category).FirstOrDefault() ?? query.Category.Trim();
        var basis = query.CartValue ?? product?.Price ?? 100m;
        IReadOnlyList<Promotion> active = [.. _promotions
            .Where(p => PromotionRules.IsActive(p, now))
            .Where(p => PromotionRules.AppliesTo(p, product, category))
            .Where(p => query.CartValue is not { } cart || cart >= p.MinSpend)
            .OrderByDescending(p => PromotionRules.Saving(p, basis))
            .ThenBy(p => p.Code, StringComparer.Ordinal)];
        return Task.FromResult(active);
    }

    public Task<Promotion?> GetByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        Task.FromResult(_promotions.FirstOrDefault(p => string.Equals(p.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)));

    public Task<Customer?> GetByIdAsync(string customerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(customerId is null ? null : _customersById.GetValueOrDefault(customerId.Trim()));

    public Task<Customer?> GetByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Task.FromResult(email is null ? null : _customersByEmail.GetValueOrDefault(email.Trim()));
}
