namespace IntentBot.Shop.Sample;

/// <summary>data/shop/manifest.json: the date the seed treats as "today" (see data/shop/README.md).</summary>
public sealed record SeedManifest(DateTimeOffset ReferenceDate);

/// <summary>Everything in data/shop, as loaded (dates already moved to the current date by <see cref="SeedLoader"/>).</summary>
public sealed record SampleShopSeed(
    SeedManifest Manifest,
    IReadOnlyList<Category> Categories,
    IReadOnlyList<Product> Products,
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<Promotion> Promotions,
    ShopPolicies Policies);
