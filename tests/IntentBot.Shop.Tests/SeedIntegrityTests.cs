namespace IntentBot.Shop.Tests;

public sealed class SeedIntegrityTests
{
    private readonly Sample.SampleShopSeed _seed = SampleData.Seed();

    [Fact]
    public void Seed_has_a_realistic_size()
    {
        Assert.InRange(_seed.Products.Count, 200, 1000);
        Assert.InRange(_seed.Customers.Count, 40, 100);
        Assert.InRange(_seed.Orders.Count, 120, 400);
        Assert.True(_seed.Products.Count(p => !p.InStock) >= 10, "some products must be out of stock");
        Assert.True(_seed.Promotions.Count >= 5);
    }

    [Fact]
    public void Ids_are_unique()
    {
        AssertUnique(_seed.Products.Select(p => p.Id));
        AssertUnique(_seed.Products.Select(p => p.Sku));
        AssertUnique(_seed.Customers.Select(c => c.Id));
        AssertUnique(_seed.Customers.Select(c => c.Email.ToLowerInvariant()));
        AssertUnique(_seed.Orders.Select(o => o.Number));
        AssertUnique(_seed.Orders.Where(o => o.InvoiceNumber is not null).Select(o => o.InvoiceNumber!));
        AssertUnique(_seed.Promotions.Select(p => p.Code));
    }

    [Fact]
    public void Every_order_status_is_present()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
            Assert.Contains(_seed.Orders, o => o.Status == status);
    }

    [Fact]
    public void Every_category_has_products_and_known_subcategories()
    {
        foreach (var category in _seed.Categories)
            Assert.Contains(_seed.Products, p => p.Category == category.Id);
        foreach (var p in _seed.Products)
        {
            var category = Assert.Single(_seed.Categories, c => c.Id == p.Category);
            Assert.Contains(p.Subcategory, category.Subcategories);
            Assert.True(p.Price > 0, p.Id);
            Assert.True(p.Stock >= 0, p.Id);
        }
    }

    [Fact]
    public void Orders_reference_existing_customers_and_products_and_add_up()
    {
        var customers = _seed.Customers.Select(c => c.Id).ToHashSet();
        var products = _seed.Products.ToDictionary(p => p.Id);
        foreach (var o in _seed.Orders)
        {
            Assert.Matches("^W[0-9]{6}$", o.Number);
            Assert.Contains(o.CustomerId, customers);
            Assert.NotEmpty(o.Lines);
            foreach (var line in o.Lines)
                Assert.Equal(products[line.ProductId].Sku, line.Sku);
            Assert.Equal(o.Lines.Sum(l => l.LineTotal), o.Totals.Subtotal);
            Assert.Equal(o.Totals.Subtotal - o.Totals.Discount + o.Totals.Shipping, o.Totals.Total);
            Assert.Contains(_seed.Policies.Shipping.Options, s => s.Id == o.ShippingOptionId);
            Assert.Contains(_seed.Policies.PaymentMethods, m => m.Id == o.PaymentMethod);
        }
    }

    [Fact]
    public void Order_details_agree_with_the_status()
    {
        var now = SampleData.Now;
        foreach (var o in _seed.Orders)
        {
            Assert.True(o.PlacedAt <= now.AddDays(1), $"{o.Number} placed in the future");
            var shipped = o.Status is OrderStatus.Shipped or OrderStatus.OutForDelivery or OrderStatus.Delivered
                or OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.Refunded;
            Assert.Equal(shipped, o.Shipment is not null);
            if (o.Shipment is { } s)
            {
                Assert.False(string.IsNullOrEmpty(s.TrackingNumber));
                Assert.True(s.ShippedAt >= o.PlacedAt, o.Number);
                Assert.Equal(o.Status is OrderStatus.Shipped or OrderStatus.OutForDelivery, s.DeliveredAt is null);
                if (s.DeliveredAt is { } d) Assert.True(d > s.ShippedAt && d <= now.AddDays(1), o.Number);
            }

            Assert.Equal(o.Status == OrderStatus.PendingPayment, o.InvoiceNumber is null && o.Cancellation is null);
            Assert.Equal(o.Status == OrderStatus.Cancelled, o.Cancellation is not null);
            Assert.Equal(o.Status is OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.Refunded, o.Return is not null);
            if (o.Status is OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.Refunded)
                Assert.NotNull(o.Refund);
            if (o.Status == OrderStatus.Refunded) Assert.Equal(RefundStatus.Completed, o.Refund!.Status);
            if (o.Status == OrderStatus.Cancelled && o.InvoiceNumber is not null) Assert.NotNull(o.Refund);
        }
    }

    [Fact]
    public void Documented_fixtures_exist_as_described()
    {
        Order Get(string n) => Assert.Single(_seed.Orders, o => o.Number == n);
        var today = SampleData.Today;
        int DaysAgo(DateTimeOffset t) => today.DayNumber - DateOnly.FromDateTime(t.UtcDateTime).DayNumber;

        var c1001 = Assert.Single(_seed.Customers, c => c.Id == "c1001");
        Assert.Equal("anna.schmidt@example.com", c1001.Email);
        Assert.Equal("c1002", Assert.Single(_seed.Customers, c => c.Email == "lukas.weber@example.com").Id);

        Assert.Equal(OrderStatus.Shipped, Get("W100001").Status);
        Assert.False(string.IsNullOrEmpty(Get("W100001").Shipment!.TrackingNumber));
        Assert.Equal("c1001", Get("W100001").CustomerId);
        Assert.Equal(OrderStatus.Processing, Get("W100002").Status);
        Assert.Equal(OrderStatus.Delivered, Get("W100003").Status);
        Assert.Equal(10, DaysAgo(Get("W100003").Shipment!.DeliveredAt!.Value));
        Assert.Equal(OrderStatus.Delivered, Get("W100004").Status);
        Assert.Equal(60, DaysAgo(Get("W100004").Shipment!.DeliveredAt!.Value));
        Assert.Equal(OrderStatus.Cancelled, Get("W100005").Status);
        Assert.Equal(OrderStatus.PendingPayment, Get("W100006").Status);
        Assert.Equal(OrderStatus.Paid, Get("W100007").Status);
        Assert.Equal(OrderStatus.OutForDelivery, Get("W100008").Status);
        Assert.Equal(OrderStatus.ReturnRequested, Get("W100009").Status);
        Assert.Equal(OrderStatus.Returned, Get("W100010").Status);
        Assert.Equal(OrderStatus.Refunded, Get("W100011").Status);
        Assert.Equal(30, DaysAgo(Get("W100012").Shipment!.DeliveredAt!.Value));

        Assert.Equal(0, Assert.Single(_seed.Products, p => p.Id == "P1002").Stock);
        Assert.True(Assert.Single(_seed.Products, p => p.Id == "P1001").Stock > 0);
        Assert.Contains("sizes", Assert.Single(_seed.Products, p => p.Id == "P1003").Attributes.Keys);
    }

    [Fact]
    public void Dates_move_with_today_so_the_sample_stays_believable()
    {
        var early = Sample.SeedLoader.Load(SampleData.SeedPath, new DateOnly(2025, 1, 1));
        var late = Sample.SeedLoader.Load(SampleData.SeedPath, new DateOnly(2031, 7, 15));
        var a = early.Orders.Single(o => o.Number == "W100003");
        var b = late.Orders.Single(o => o.Number == "W100003");
        Assert.Equal(new DateOnly(2025, 1, 1).AddDays(-10), DateOnly.FromDateTime(a.Shipment!.DeliveredAt!.Value.UtcDateTime));
        Assert.Equal(new DateOnly(2031, 7, 15).AddDays(-10), DateOnly.FromDateTime(b.Shipment!.DeliveredAt!.Value.UtcDateTime));
        Assert.Contains(late.Promotions, p => p.Code == "SUMMER20" && p.ValidFrom < new DateTimeOffset(2031, 7, 15, 0, 0, 0, TimeSpan.Zero) && p.ValidUntil > new DateTimeOffset(2031, 7, 16, 0, 0, 0, TimeSpan.Zero));
    }

    private static void AssertUnique(IEnumerable<string> values)
    {
        var list = values.ToList();
        var dupes = list.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(dupes.Count == 0, "duplicates: " + string.Join(", ", dupes));
    }
}
