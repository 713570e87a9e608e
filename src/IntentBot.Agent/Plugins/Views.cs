using IntentBot.Shop;
using IntentBot.Shop.Rules;

namespace IntentBot.Agent.Plugins;

/// <summary>
/// Compact, customer-safe views of the shop records for cards and for the LLM (fewer tokens, no full street
/// address, enum values as snake_case strings).
/// </summary>
public sealed record OrderView(
    string Number,
    string CustomerId,
    string Status,
    string StatusText,
    DateOnly PlacedOn,
    IReadOnlyList<string> Items,
    string Total,
    string ShipTo,
    string? Carrier,
    string? TrackingNumber,
    string? TrackingUrl,
    DateOnly? EstimatedDelivery,
    DateOnly? DeliveredOn,
    string? InvoiceNumber,
    string? ReturnStatus,
    string? RefundStatus,
    bool AddressChangeable)
{
    public static OrderView From(Order o) => new(
        o.Number,
        o.CustomerId,
        Snake(o.Status),
        OrderRules.Describe(o.Status),
        DateOnly.FromDateTime(o.PlacedAt.UtcDateTime),
        [.. o.Lines.Select(l => $"{l.Quantity} × {l.Name}" + (l.Variant is null ? "" : $" ({l.Variant})"))],
        Money.Format(o.Totals.Total, o.Totals.Currency),
        $"{o.ShippingAddress.City}, {o.ShippingAddress.Country}",
        o.Shipment?.Carrier,
        o.Shipment?.TrackingNumber,
        o.Shipment?.TrackingUrl,
        o.EstimatedDelivery,
        o.Shipment?.DeliveredAt is { } d ? DateOnly.FromDateTime(d.UtcDateTime) : null,
        o.InvoiceNumber,
        o.Return is { } r ? Snake(r.Status) : null,
        o.Refund is { } f ? Snake(f.Status) : null,
        OrderRules.CanChangeAddress(o.Status));

    public static string Snake<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

public sealed record ProductView(
    string Id,
    string Sku,
    string Name,
    string Brand,
    string Category,
    string Subcategory,
    decimal Price,
    string PriceText,
    bool InStock,
    int Stock,
    double Rating,
    int ReviewCount,
    IReadOnlyDictionary<string, string> Attributes,
    string Description,
    string? ImageUrl,
    string? Url)
{
    public static ProductView From(Product p) => new(p.Id, p.Sku, p.Name, p.Brand, p.Category, p.Subcategory, p.Price,
        Money.Format(p.Price, p.Currency), p.InStock, p.Stock, p.Rating, p.ReviewCount, p.Attributes, p.Description,
        p.ImageUrl, p.Url);
}

/// <summary>A search's best products and how many matched in all.</summary>
public sealed record ProductListView(IReadOnlyList<ProductView> Products, int TotalMatches)
{
    /// <summary>"Name (€9.99); Other (€5.00, out of stock)": the products alone, for an answer that must not quote
    /// the search words (a recommendation's query holds what the shopper browsed before).</summary>
    public string Listing => string.Join("; ", Products.Select(p => $"{p.Name} ({p.PriceText}{(p.InStock ? "" : ", out of stock")})"));
}

/// <summary>The delivery options of the region a country lies in, with the currency their prices are in.</summary>
public sealed record ShippingView(string RegionId, string RegionName, string Currency, IReadOnlyList<ShippingOption> Options);

public sealed record AvailabilityView(string ProductId, string Name, string Level, int Stock);

/// <summary>Whether an order can be cancelled and the fee (a quote or the result of a cancellation).</summary>
public sealed record CancellationView(string OrderNumber, bool Allowed, decimal Fee, string FeeText, OrderView? Order);

/// <summary>Whether a return can be started, until when, and the order afterwards.</summary>
public sealed record ReturnView(string OrderNumber, bool Eligible, DateOnly? WindowEndsOn, string? ReturnId, string? LabelUrl, OrderView? Order);

public sealed record RefundView(string OrderNumber, string? Status, decimal? Amount, string? AmountText, DateOnly? ExpectedBy, DateOnly? CompletedOn, string? Method, string? ReturnStatus);

public sealed record PromotionView(string Code, string Description, string Discount, decimal MinSpend, string MinSpendText, DateOnly ValidUntil, bool NewsletterOnly, IReadOnlyList<string> Categories, IReadOnlyList<string> ProductIds)
{
    public static PromotionView From(Promotion p, string currency) => new(p.Code, p.Description,
        p.Kind == DiscountKind.Percent ? $"{p.Value:0.##}%" : Money.Format(p.Value, currency),
        p.MinSpend, Money.Format(p.MinSpend, currency), DateOnly.FromDateTime(p.ValidUntil.UtcDateTime), p.NewsletterOnly, p.Categories, p.ProductIds);
}
