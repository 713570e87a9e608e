using IntentBot.Shop.Rules;

namespace IntentBot.Shop.Sample;

public sealed partial class SampleShop
{
    public Task<Order?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindOrder(orderNumber));

    public Task<IReadOnlyList<Order>> GetOrdersForCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        lock (_ordersLock)
        {
            IReadOnlyList<Order> orders = [.. _orders.Values
                .Where(o => string.Equals(o.CustomerId, customerId, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(o => o.PlacedAt)];
            return Task.FromResult(orders);
        }
    }

    public Task<CancelOutcome> QuoteCancellationAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindOrder(orderNumber) is { } order
            ? OrderRules.QuoteCancellation(order, _policies)
            : new CancelOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), 0m, _policies.Currency, null));

    public Task<CancelOutcome> CancelOrderAsync(string orderNumber, string? reason, CancellationToken cancellationToken = default) =>
        Task.FromResult(Update(orderNumber,
            order =>
            {
                var quote = OrderRules.QuoteCancellation(order, _policies);
                if (!quote.Succeeded)
                    return (null, quote);
                var cancelled = OrderRules.ApplyCancellation(order, quote, reason, _policies, _time.GetUtcNow());
                var refund = cancelled.Refund is { } r ? $" The refund of {Money.Format(r.Amount, r.Currency)} goes back to your original payment method." : "";
                var fee = quote.Fee > 0 ? $" A cancellation fee of {Money.Format(quote.Fee, quote.Currency)} applies." : "";
                return (cancelled, quote with { Reason = $"Order {order.Number} is cancelled.{fee}{refund}", Order = cancelled });
            },
            () => new CancelOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), 0m, _policies.Currency, null)));

    public Task<AddressChangeOutcome> ChangeShippingAddressAsync(string orderNumber, Address newAddress, CancellationToken cancellationToken = default)
    {
        var normalised = newAddress with { Country = newAddress.Country?.Trim().ToUpperInvariant() ?? "" };
        return Task.FromResult(Update(orderNumber,
            order =>
            {
                var check = OrderRules.CheckAddressChange(order, normalised, _policies);
                if (!check.Succeeded)
                    return (null, check);
                var changed = order with { ShippingAddress = normalised };
                return (changed, check with { Order = changed });
            },
            () => new AddressChangeOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null)));
    }

    public Task<InvoiceOutcome> GetInvoiceAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindOrder(orderNumber) is { } order
            ? OrderRules.Invoice(order, InvoiceBaseUrl)
            : new InvoiceOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null));

    public Task<ReturnOutcome> CheckReturnEligibilityAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindOrder(orderNumber) is { } order
            ? OrderRules.CheckReturn(order, _policies, Today())
            : new ReturnOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null, null));

    public Task<ReturnOutcome> StartReturnAsync(string orderNumber, string reason, CancellationToken cancellationToken = default) =>
        Task.FromResult(Update(orderNumber,
            order =>
            {
                var check = OrderRules.CheckReturn(order, _policies, Today());
                if (!check.Succeeded)
                    return (null, check);
                var returned = OrderRules.ApplyReturn(order, reason, _policies, _time.GetUtcNow(), ReturnLabelBaseUrl);
                return (returned, check with
                {
                    Reason = $"The return for order {order.Number} is registered ({returned.Return!.ReturnId}). Print the free return label at {returned.Return.LabelUrl}; " +
                             $"the refund of {Money.Format(returned.Refund!.Amount, returned.Refund.Currency)} is paid within {_policies.Refund.RefundProcessingDays} business days after the parcel arrives.",
                    Order = returned,
                });
            },
            () => new ReturnOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null, null)));

    public Task<RefundStatusOutcome> GetRefundStatusAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindOrder(orderNumber) is { } order
            ? OrderRules.RefundState(order)
            : new RefundStatusOutcome(false, OutcomeCode.NotFound, NotFound(orderNumber), null, null, null));

    private Order? FindOrder(string? orderNumber)
    {
        if (string.IsNullOrWhiteSpace(orderNumber))
            return null;
        lock (_ordersLock)
            return _orders.GetValueOrDefault(orderNumber.Trim());
    }

    /// <summary>Decides and applies one change to one order atomically; a null new order means "refused, unchanged".</summary>
    private T Update<T>(string orderNumber, Func<Order, (Order? Changed, T Outcome)> change, Func<T> notFound)
    {
        if (string.IsNullOrWhiteSpace(orderNumber))
            return notFound();
        lock (_ordersLock)
        {
            if (!_orders.TryGetValue(orderNumber.Trim(), out var order))
                return notFound();
            var (changed, outcome) = change(order);
            if (changed is not null)
                _orders[order.Number] = changed;
            return outcome;
        }
    }

    private static string NotFound(string? orderNumber) =>
        $"I could not find an order with the number '{orderNumber?.Trim()}'. Order numbers look like W123456.";
}
