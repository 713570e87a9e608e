using IntentBot.Shop.Rules;

namespace IntentBot.Shop.Sample;

/// <summary>
/// The bundled sample shop: the seed in memory, serving every shop interface. Orders are the only mutable
/// part; each is an immutable record replaced whole under a lock, so readers always see a consistent order
/// and concurrent changes to one order cannot interleave. Changes last until the process restarts.
/// </summary>
public sealed partial class SampleShop : ICatalog, IOrderService, IPolicyService, IPromotionService, ICustomerDirectory
{
    public const string InvoiceBaseUrl = "https://northwind-goods.example/account/invoices";
    public const string ReturnLabelBaseUrl = "https://northwind-goods.example/returns/labels";

    private readonly TimeProvider _time;
    private readonly ShopPolicies _policies;
    private readonly IReadOnlyList<Category> _categories;
    private readonly IReadOnlyList<Product> _products;
    private readonly Dictionary<string, Product> _productsByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Customer> _customersById = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Customer> _customersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<Promotion> _promotions;
    private readonly CatalogSearch _search;
    private readonly Lock _ordersLock = new();
    private readonly Dictionary<string, Order> _orders = new(StringComparer.OrdinalIgnoreCase);

    public SampleShop(SampleShopSeed seed, TimeProvider time)
    {
        _time = time;
        _policies = seed.Policies;
        _categories = seed.Categories;
        _products = seed.Products;
        _promotions = seed.Promotions;
        foreach (var p in seed.Products)
        {
            _productsByKey[p.Id] = p;
            _productsByKey[p.Sku] = p;
        }

        foreach (var c in seed.Customers)
        {
            _customersById[c.Id] = c;
            _customersByEmail[c.Email] = c;
        }

        foreach (var o in seed.Orders)
            _orders[o.Number] = o;
        _search = new CatalogSearch(seed.Products, seed.Categories);
    }

    /// <summary>Loads the seed folder, dated so that its reference date is today.</summary>
    public static SampleShop Load(string seedDirectory, TimeProvider time) =>
        new(SeedLoader.Load(seedDirectory, Today(time)), time);

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private DateOnly Today() => Today(_time);
}
