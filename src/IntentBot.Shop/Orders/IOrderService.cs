namespace IntentBot.Shop;

/// <summary>
/// Orders and what a customer may do with them. Operations that can be refused return an outcome record
/// (never throw for a business refusal); only infrastructure failures throw (<see cref="ShopUnavailableException"/>).
/// Order numbers are matched case-insensitively ("w100001" finds W100001).
/// </summary>
public interface IOrderService
{
    Task<Order?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken = default);

    /// <summary>The customer's orders, newest first.</summary>
    Task<IReadOnlyList<Order>> GetOrdersForCustomerAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Whether the order can be cancelled now and at what fee, without changing anything.</summary>
    Task<CancelOutcome> QuoteCancellationAsync(string orderNumber, CancellationToken cancellationToken = default);

    /// <summary>Cancels when the status allows it, charging the policy's fee; refunds a paid order.</summary>
    Task<CancelOutcome> CancelOrderAsync(string orderNumber, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Changes where the order goes; refused once it has shipped.</summary>
    Task<AddressChangeOutcome> ChangeShippingAddressAsync(string orderNumber, Address newAddress, CancellationToken cancellationToken = default);

    /// <summary>The invoice, available once the order is paid.</summary>
    Task<InvoiceOutcome> GetInvoiceAsync(string orderNumber, CancellationToken cancellationToken = default);

    /// <summary>Whether a return can be started now (delivered, inside the refund window), without changing anything.</summary>
    Task<ReturnOutcome> CheckReturnEligibilityAsync(string orderNumber, CancellationToken cancellationToken = default);

    /// <summary>Starts a return with a pending refund, when the refund policy allows it.</summary>
    Task<ReturnOutcome> StartReturnAsync(string orderNumber, string reason, CancellationToken cancellationToken = default);

    Task<RefundStatusOutcome> GetRefundStatusAsync(string orderNumber, CancellationToken cancellationToken = default);
}
