using System.Text.Json;

namespace IntentBot.Shop.Sample;

/// <summary>
/// Reads data/shop/*.json. The seed was generated as if "today" were the manifest's reference date; every date
/// is moved by whole days so the reference date becomes today, which keeps the sample believable on any day
/// (W100003 is always delivered 10 days ago, promotions are always running). Whole days, not the exact time,
/// so that date rules (the return window) never flip with the hour of day.
/// </summary>
public static class SeedLoader
{
    public static SampleShopSeed Load(string directory, DateOnly today)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The sample shop's seed folder '{Path.GetFullPath(directory)}' does not exist (Shop:SeedPath).");

        var raw = new SampleShopSeed(
            Read<SeedManifest>(directory, "manifest.json"),
            Read<List<Category>>(directory, "categories.json"),
            Read<List<Product>>(directory, "products.json"),
            Read<List<Customer>>(directory, "customers.json"),
            Read<List<Order>>(directory, "orders.json"),
            Read<List<Promotion>>(directory, "promotions.json"),
            Read<ShopPolicies>(directory, "policies.json"));
        return ShiftTo(raw, today);
    }

    public static SampleShopSeed ShiftTo(SampleShopSeed seed, DateOnly today)
    {
        var days = today.DayNumber - DateOnly.FromDateTime(seed.Manifest.ReferenceDate.UtcDateTime).DayNumber;
        var by = TimeSpan.FromDays(days);
        return seed with
        {
            Manifest = seed.Manifest with { ReferenceDate = seed.Manifest.ReferenceDate + by },
            Customers = [.. seed.Customers.Select(c => c with { Registered = c.Registered + by })],
            Promotions = [.. seed.Promotions.Select(p => p with { ValidFrom = p.ValidFrom + by, ValidUntil = p.ValidUntil + by })],
            Orders = [.. seed.Orders.Select(o => Shift(o, by, days))],
        };
    }

    private static Order Shift(Order o, TimeSpan by, int days) => o with
    {
        PlacedAt = o.PlacedAt + by,
        EstimatedDelivery = o.EstimatedDelivery?.AddDays(days),
        Shipment = o.Shipment is { } s ? s with { ShippedAt = s.ShippedAt + by, DeliveredAt = s.DeliveredAt + by } : null,
        Cancellation = o.Cancellation is { } c ? c with { CancelledAt = c.CancelledAt + by } : null,
        Return = o.Return is { } r ? r with { RequestedAt = r.RequestedAt + by } : null,
        Refund = o.Refund is { } f ? f with { RequestedAt = f.RequestedAt + by, ExpectedBy = f.ExpectedBy?.AddDays(days), CompletedAt = f.CompletedAt + by } : null,
    };

    private static T Read<T>(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, ShopJson.Options) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid seed data: {e.Message}", e);
        }
    }
}
