namespace IntentBot.Shop.Rules;

public static class Shipping
{
    /// <summary>The region listing the country; the catch-all region (no countries) otherwise.</summary>
    public static ShippingRegion RegionFor(string? country, ShippingPolicy policy)
    {
        if (string.IsNullOrWhiteSpace(country))
            return policy.Regions[0];
        return policy.Regions.FirstOrDefault(r => r.Countries.Contains(country.Trim(), StringComparer.OrdinalIgnoreCase))
            ?? policy.Regions.FirstOrDefault(r => r.Countries.Count == 0)
            ?? policy.Regions[^1];
    }

    public static IReadOnlyList<ShippingOption> OptionsFor(string? country, ShippingPolicy policy)
    {
        var region = RegionFor(country, policy);
        return [.. policy.Options.Where(o => o.RegionId == region.Id).OrderBy(o => o.Price)];
    }
}
