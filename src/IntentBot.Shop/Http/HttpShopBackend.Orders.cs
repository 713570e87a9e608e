namespace IntentBot.Shop.Http;

public sealed partial class HttpShopBackend
{
    /// <summary>The body of POST orders/{number}/cancellation and POST orders/{number}/returns.</summary>
    public sealed record ReasonRequest(string? Reason);

    public Task<Order?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(orderNumber) ? Task.FromResult<Order?>(null) : GetOrNullAsync<Order>($"orders/{Segment(orderNumber)}", cancellationToken);

    public async Task<IReadOnlyList<Order>> GetOrdersForCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(customerId) ? [] :
        await GetOrNullAsync<List<Order>>($"customers/{Segment(customerId)}/orders", cancellationToken).ConfigureAwait(false) ?? [];

    public Task<CancelOutcome> QuoteCancellationAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Outcome(orderNumber, HttpMethod.Get, "cancellation", null, () => new CancelOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), 0m, "", null), cancellationToken);

    public Task<CancelOutcome> CancelOrderAsync(string orderNumber, string? reason, CancellationToken cancellationToken = default) =>
        Outcome(orderNumber, HttpMethod.Post, "cancellation", new ReasonRequest(reason), () => new CancelOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), 0m, "", null), cancellationToken);

    public Task<AddressChangeOutcome> ChangeShippingAddressAsync(string orderNumber, Address newAddress, CancellationToken cancellationToken = default) =>
        Outcome(orderNumber, HttpMethod.Put, "shipping-address", newAddress, () => new AddressChangeOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null), cancellationToken);

    public Task<InvoiceOutcome> GetInvoiceAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Outcome(orderNumber, HttpMethod.Get, "invoice", null, () => new InvoiceOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null), cancellationToken);

    public Task<ReturnOutcome> CheckReturnEligibilityAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Outcome(orderNumber, HttpMethod.Get, "return-eligibility", null, () => new ReturnOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null, null), cancellationToken);

    public Task<ReturnOutcome> StartReturnAsync(string orderNumber, string reason, CancellationToken cancellationToken = default) =>
        Outcome(orderNumber, HttpMethod.Post, "returns", new ReasonRequest(reason), () => new ReturnOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null, null), cancellationToken);

    public Task<RefundStatusOutcome> GetRefundStatusAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Outcome(orderNumber, HttpMethod.Get, "refund", null, () => new RefundStatusOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null, null, null), cancellationToken);

    /// <summary>An order operation: 200 carries the outcome (refusals included); 404 or a blank number is "not found".</summary>
    private Task<T> Outcome<T>(string orderNumber, HttpMethod method, string operation, object? body, Func<T> notFound, CancellationToken cancellationToken) where T : class =>
        string.IsNullOrWhiteSpace(orderNumber)
            ? Task.FromResult(notFound())
            : SendOutcomeAsync(method, $"orders/{Segment(orderNumber)}/{operation}", body, notFound, cancellationToken);

    private static string NotFound(string? orderNumber) =>
        $"I could not find an order with the number '{orderNumber?.Trim()}'. Order numbers look like W123456.";
}
