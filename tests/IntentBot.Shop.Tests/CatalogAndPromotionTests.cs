namespace IntentBot.Shop.Tests;

public sealed class CatalogAndPromotionTests
{
    private readonly Sample.SampleShop _shop = SampleData.Shop();

    private async Task<IReadOnlyList<Product>> Top(string text, int n = 5, string? category = null) =>
        [.. (await _shop.SearchAsync(new ProductQuery(text, category, Limit: n))).Items.Select(i => i.Product)];

    [Fact]
    public async Task Headphones_query_finds_the_headphones_in_stock_first()
    {
        var top = await Top("wireless noise cancelling headphones");
        Assert.All(top, p => Assert.Equal("Headphones", p.Subcategory));
        Assert.True(top[0].InStock);
        Assert.Contains(top, p => p.Id == "P1001");

        // Same words, same score: the out-of-stock white edition ranks after the black one.
        var quietPro = await Top("QuietPro 700 headphones", 2);
        Assert.Equal(["P1001", "P1002"], quietPro.Select(p => p.Id));
    }

    [Fact]
    public async Task Phone_case_query_respects_the_phone_model()
    {
        var top = await Top("case for iphone 15", 3);
        Assert.All(top, p => Assert.Equal("Phone Cases", p.Subcategory));
        Assert.All(top, p => Assert.Contains("iPhone 15", p.Attributes["compatibility"]));
    }

    [Theory]
    [InlineData("running shoes", "Running Shoes")]
    [InlineData("espresso machine", "Coffee Machines")]
    [InlineData("jackets", "Jackets")]
    [InlineData("yoga mat", "Yoga")]
    [InlineData("jigsaw puzzle", "Puzzles")]
    [InlineData("sonora speaker", "Speakers")]
    public async Task Top_results_are_the_right_kind_of_product(string query, string subcategory)
    {
        var top = await Top(query, 3);
        Assert.NotEmpty(top);
        Assert.All(top, p => Assert.Equal(subcategory, p.Subcategory));
    }

    [Fact]
    public async Task Filters_narrow_the_results()
    {
        var cheap = await _shop.SearchAsync(new ProductQuery("headphones", MaxPrice: 100m, Limit: 50));
        Assert.NotEmpty(cheap.Items);
        Assert.All(cheap.Items, i => Assert.True(i.Product.Price <= 100m));

        var byName = await _shop.SearchAsync(new ProductQuery(null, "Home & Kitchen", MinPrice: 50m, Limit: 50));
        Assert.NotEmpty(byName.Items);
        Assert.All(byName.Items, i => Assert.True(i.Product.Category == "home-kitchen" && i.Product.Price >= 50m));

        var inStock = await _shop.SearchAsync(new ProductQuery("QuietPro", InStockOnly: true));
        Assert.DoesNotContain(inStock.Items, i => i.Product.Id == "P1002");
        Assert.Contains(inStock.Items, i => i.Product.Id == "P1001");

        var subcategory = await _shop.SearchAsync(new ProductQuery("", "running shoes", Limit: 50));
        Assert.All(subcategory.Items, i => Assert.Equal("Running Shoes", i.Product.Subcategory));
    }

    [Fact]
    public async Task Nonsense_finds_nothing()
    {
        var result = await _shop.SearchAsync(new ProductQuery("xyzzy plugh"));
        Assert.Empty(result.Items);
        Assert.Equal(0, result.TotalMatches);
    }

    [Fact]
    public async Task Details_availability_and_related_products()
    {
        Assert.Equal("P1001", (await _shop.GetProductAsync("el-1001"))!.Id);
        Assert.Equal(StockLevel.LowStock, (await _shop.GetAvailabilityAsync("P1004"))!.Level);
        Assert.Equal(StockLevel.OutOfStock, (await _shop.GetAvailabilityAsync("P1002"))!.Level);
        Assert.Equal(StockLevel.InStock, (await _shop.GetAvailabilityAsync("P1001"))!.Level);
        Assert.Null(await _shop.GetAvailabilityAsync("P9999"));

        var related = await _shop.GetRelatedAsync("P1002", 3);
        Assert.Equal(3, related.Count);
        Assert.All(related, p => Assert.Equal("Headphones", p.Subcategory));
        Assert.DoesNotContain(related, p => p.Id == "P1002");
    }

    [Fact]
    public async Task Promotions_match_product_category_cart_and_dates()
    {
        var forHeadphones = await _shop.GetActivePromotionsAsync(new PromotionQuery(ProductId: "P1001"));
        var codes = forHeadphones.Select(p => p.Code).ToList();
        Assert.Contains("QUIET25", codes);
        Assert.Contains("WELCOME10", codes);
        Assert.DoesNotContain("SUMMER20", codes);
        Assert.DoesNotContain("SPRING15", codes);
        Assert.DoesNotContain("AUTUMN30", codes);

        var smallCart = await _shop.GetActivePromotionsAsync(new PromotionQuery(CartValue: 60m));
        Assert.DoesNotContain(smallCart, p => p.MinSpend > 60m);
        var bigCart = await _shop.GetActivePromotionsAsync(new PromotionQuery(Category: "electronics", CartValue: 800m));
        Assert.Equal("TECH50", bigCart[0].Code == "WELCOME10" ? bigCart[1].Code : bigCart[0].Code);

        Assert.Equal("SPRING15", (await _shop.GetByCodeAsync("spring15"))!.Code);
    }

    [Fact]
    public async Task Shipping_options_follow_the_region()
    {
        Assert.All(await _shop.GetShippingOptionsAsync(null), o => Assert.Equal("domestic", o.RegionId));
        Assert.All(await _shop.GetShippingOptionsAsync("at"), o => Assert.Equal("eu", o.RegionId));
        var us = await _shop.GetShippingOptionsAsync("US");
        Assert.All(us, o => Assert.Equal("international", o.RegionId));
        Assert.True(us[0].Price <= us[^1].Price);
    }
}
