namespace IntentBot.Shop;

/// <summary>
/// A customer's order. <paramref name="Number"/> is "W" + 6 digits. <paramref name="Shipment"/> exists once
/// the parcel has left the warehouse; <paramref name="Return"/>, <paramref name="Refund"/> and
/// <paramref name="Cancellation"/> exist once those happened. <paramref name="InvoiceNumber"/> is set once paid.
/// </summary>
public sealed record Order(
    string Number,
    string CustomerId,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    IReadOnlyList<OrderLine> Lines,
    OrderTotals Totals,
    Address ShippingAddress,
    string ShippingOptionId,
    string PaymentMethod,
    string? InvoiceNumber,
    DateOnly? EstimatedDelivery,
    Shipment? Shipment,
    CancellationInfo? Cancellation,
    ReturnInfo? Return,
    RefundInfo? Refund);

/// <summary>One product in an order. <paramref name="Variant"/> is e.g. "Size M, Black"; null when none.</summary>
public sealed record OrderLine(string ProductId, string Sku, string Name, string? Variant, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

/// <summary>Money for an order. Prices include VAT; <paramref name="Tax"/> is the VAT share of <paramref name="Total"/>.</summary>
public sealed record OrderTotals(decimal Subtotal, decimal Discount, decimal Shipping, decimal Tax, decimal Total, string Currency, string? PromotionCode = null);

/// <summary>The parcel: set from "shipped" on; <paramref name="DeliveredAt"/> once delivered.</summary>
public sealed record Shipment(string Carrier, string TrackingNumber, string TrackingUrl, DateTimeOffset ShippedAt, DateTimeOffset? DeliveredAt);

public sealed record CancellationInfo(DateTimeOffset CancelledAt, string Reason, decimal Fee);

public enum ReturnStatus
{
    /// <summary>Registered; the customer has a return label and should send the items back.</summary>
    Requested,
    /// <summary>The carrier has the parcel on its way back to the warehouse.</summary>
    InTransit,
    Received,
    Rejected,
}

public sealed record ReturnInfo(string ReturnId, DateTimeOffset RequestedAt, string Reason, ReturnStatus Status, string LabelUrl);

public enum RefundStatus
{
    /// <summary>Waiting for something first (usually the returned parcel).</summary>
    Pending,
    /// <summary>Sent to the payment provider; money arrives by <see cref="RefundInfo.ExpectedBy"/>.</summary>
    Processing,
    Completed,
    Rejected,
}

/// <summary>Money going back to the customer, always to the original payment method.</summary>
public sealed record RefundInfo(
    string RefundId,
    decimal Amount,
    string Currency,
    RefundStatus Status,
    DateTimeOffset RequestedAt,
    DateOnly? ExpectedBy,
    DateTimeOffset? CompletedAt,
    string Method);

/// <summary>The invoice for a paid order. <paramref name="DownloadUrl"/> is where the customer gets the PDF.</summary>
public sealed record Invoice(string InvoiceNumber, string OrderNumber, DateTimeOffset IssuedAt, decimal Total, decimal Tax, string Currency, string DownloadUrl);
