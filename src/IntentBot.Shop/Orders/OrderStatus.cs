namespace IntentBot.Shop;

/// <summary>
/// Where an order is in its life. On the wire (seed JSON, HTTP contract) the names are snake_case:
/// <c>pending_payment</c>, <c>out_for_delivery</c>, <c>return_requested</c>, ...
/// </summary>
public enum OrderStatus
{
    PendingPayment,
    Paid,
    Processing,
    Shipped,
    OutForDelivery,
    Delivered,
    Cancelled,
    ReturnRequested,
    Returned,
    Refunded,
}
