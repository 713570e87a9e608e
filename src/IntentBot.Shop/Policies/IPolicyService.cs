namespace IntentBot.Shop;

public interface IPolicyService
{
    Task<ShopPolicies> GetPoliciesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The shipping options for a country (ISO alpha-2), cheapest first; the "everywhere else" region when the
    /// country is not listed, the shop's home region when <paramref name="country"/> is null.
    /// </summary>
    Task<IReadOnlyList<ShippingOption>> GetShippingOptionsAsync(string? country, CancellationToken cancellationToken = default);
}
