namespace IntentBot.Shop.Rules;

/// <summary>
/// The shop's order rules as pure functions of (order, policies, today), so every backend that enforces them
/// (the sample shop, a test peer) decides the same way and the tests can pin each rule.
/// </summary>
public static class OrderRules
{
    /// <summary>Statuses in which the parcel has not left the warehouse, so the address can still change.</summary>
    private static readonly HashSet<OrderStatus> NotYetShipped = [OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Processing];

    public static CancelOutcome QuoteCancellation(Order order, ShopPolicies policies)
    {
        var rule = policies.Cancellation.Rules.FirstOrDefault(r => r.Status == order.Status);
        if (rule is null || !rule.Allowed)
        {
            var why = rule?.Note ?? $"Orders that are {Describe(order.Status)} cannot be cancelled.";
            return new CancelOutcome(false, order.Status == OrderStatus.Cancelled ? OutcomeCode.AlreadyDone : OutcomeCode.NotAllowedInStatus,
                $"Order {order.Number} cannot be cancelled. {why}", 0m, order.Totals.Currency, order);
        }

        var fee = Math.Min(order.Totals.Total, Math.Round(rule.FeeFlat + (rule.FeePercent / 100m * order.Totals.Total), 2));
        var feeText = fee == 0m ? "free of charge" : $"with a cancellation fee of {Money.Format(fee, order.Totals.Currency)}";
        return new CancelOutcome(true, OutcomeCode.Ok, $"Order {order.Number} can be cancelled {feeText}. {rule.Note}", fee, order.Totals.Currency, order);
    }

    /// <summary>The order after a cancellation the quote allowed: a paid order gets its money back minus the fee.</summary>
    public static Order ApplyCancellation(Order order, CancelOutcome quote, string? reason, ShopPolicies policies, DateTimeOffset now)
    {
        var wasPaid = order.InvoiceNumber is not null;
        var refund = wasPaid
            ? new RefundInfo($"RF-{order.Number}", order.Totals.Total - quote.Fee, order.Totals.Currency, RefundStatus.Processing, now,
                DateOnly.FromDateTime(now.UtcDateTime).AddDays(policies.Refund.RefundProcessingDays), null, order.PaymentMethod)
            : null;
        return order with
        {
            Status = OrderStatus.Cancelled,
            EstimatedDelivery = null,
            Cancellation = new CancellationInfo(now, string.IsNullOrWhiteSpace(reason) ? "Cancelled at the customer's request" : reason.Trim(), quote.Fee),
            Refund = refund,
        };
    }

    /// <summary>Whether the delivery address may still change (the parcel has not left the warehouse).</summary>
    public static bool CanChangeAddress(OrderStatus status) => NotYetShipped.Contains(status);

    public static AddressChangeOutcome CheckAddressChange(Order order, Address newAddress, ShopPolicies policies)
    {
        if (!NotYetShipped.Contains(order.Status))
        {
            var why = order.Status is OrderStatus.Shipped or OrderStatus.OutForDelivery
                ? "it has already shipped. The carrier's tracking page may let you redirect the parcel."
                : $"it is {Describe(order.Status)}.";
            return new AddressChangeOutcome(false, OutcomeCode.NotAllowedInStatus, $"The address of order {order.Number} can no longer be changed: {why}", order);
        }

        if (Validate(newAddress) is { } problem)
            return new AddressChangeOutcome(false, OutcomeCode.InvalidInput, problem, order);

        if (DestinationRefusal(order, newAddress.Country, policies) is { } refusal)
            return new AddressChangeOutcome(false, OutcomeCode.NotAllowedInStatus, refusal, order);

        return new AddressChangeOutcome(true, OutcomeCode.Ok, $"The shipping address of order {order.Number} is now {Format(newAddress)}.", order);
    }

    /// <summary>Why the order cannot be sent to this country, or null when it can: a new region would change the
    /// shipping price and carrier, which is a new order, not an address edit. Asked as soon as the country is known,
    /// before the rest of an address is collected.</summary>
    public static string? DestinationRefusal(Order order, string country, ShopPolicies policies)
    {
        var currentRegion = Shipping.RegionFor(order.ShippingAddress.Country, policies.Shipping);
        var newRegion = Shipping.RegionFor(country, policies.Shipping);
        return currentRegion.Id == newRegion.Id ? null
            : $"Order {order.Number} ships within {currentRegion.Name}; an address in {newRegion.Name} needs a different shipping option, " +
              "so please cancel and place the order again.";
    }

    public static InvoiceOutcome Invoice(Order order, string invoiceBaseUrl)
    {
        if (order.InvoiceNumber is null)
        {
            return new InvoiceOutcome(false, OutcomeCode.NotAvailable,
                $"There is no invoice for order {order.Number} yet: it is issued once the payment has been received.", null);
        }

        var invoice = new Invoice(order.InvoiceNumber, order.Number, order.PlacedAt, order.Totals.Total, order.Totals.Tax, order.Totals.Currency,
            $"{invoiceBaseUrl.TrimEnd('/')}/{order.InvoiceNumber}.pdf");
        return new InvoiceOutcome(true, OutcomeCode.Ok, $"The invoice {invoice.InvoiceNumber} for order {order.Number} can be downloaded at {invoice.DownloadUrl}.", invoice);
    }

    /// <summary>The last day a return can be started: the delivery date plus the refund window (inclusive).</summary>
    public static DateOnly? ReturnWindowEnd(Order order, RefundPolicy policy) =>
        order.Shipment?.DeliveredAt is { } delivered ? DateOnly.FromDateTime(delivered.UtcDateTime).AddDays(policy.WindowDays) : null;

    public static ReturnOutcome CheckReturn(Order order, ShopPolicies policies, DateOnly today)
    {
        var windowEnd = ReturnWindowEnd(order, policies.Refund);
        switch (order.Status)
        {
            case OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.Refunded:
                return new ReturnOutcome(false, OutcomeCode.AlreadyDone, $"A return for order {order.Number} was already started ({Describe(order.Status)}).", windowEnd, order);
            case OrderStatus.Shipped or OrderStatus.OutForDelivery:
                return new ReturnOutcome(false, OutcomeCode.NotAllowedInStatus,
                    $"Order {order.Number} is still on its way. Once it is delivered you have {policies.Refund.WindowDays} days to return it, or you can refuse the delivery.", null, order);
            case OrderStatus.Cancelled:
                return new ReturnOutcome(false, OutcomeCode.NotAllowedInStatus,
                    $"Order {order.Number} was cancelled, so there is nothing to return; any payment is refunded automatically.", null, order);
            case OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Processing:
                return new ReturnOutcome(false, OutcomeCode.NotAllowedInStatus,
                    $"Order {order.Number} has not shipped yet, so it cannot be returned; you can cancel it instead.", null, order);
        }

        if (windowEnd is null)
            return new ReturnOutcome(false, OutcomeCode.NotAvailable, $"Order {order.Number} has no delivery date on record; a human colleague needs to check it.", null, order);
        if (today > windowEnd)
        {
            return new ReturnOutcome(false, OutcomeCode.OutsideWindow,
                $"Order {order.Number} was delivered on {windowEnd.Value.AddDays(-policies.Refund.WindowDays):d MMMM yyyy}; the {policies.Refund.WindowDays}-day return window ended on {windowEnd:d MMMM yyyy}.",
                windowEnd, order);
        }

        if (RefundableAmount(order, policies) <= 0m)
            return new ReturnOutcome(false, OutcomeCode.NotAllowedInStatus, $"The items in order {order.Number} cannot be returned.", windowEnd, order);

        return new ReturnOutcome(true, OutcomeCode.Ok,
            $"Order {order.Number} can be returned until {windowEnd:d MMMM yyyy}; the refund would be {Money.Format(RefundableAmount(order, policies), order.Totals.Currency)}.",
            windowEnd, order);
    }

    /// <summary>The order after a return the check allowed: a return label and a refund waiting for the parcel.</summary>
    public static Order ApplyReturn(Order order, string reason, ShopPolicies policies, DateTimeOffset now, string returnsBaseUrl) => order with
    {
        Status = OrderStatus.ReturnRequested,
        Return = new ReturnInfo($"R-{order.Number}", now, string.IsNullOrWhiteSpace(reason) ? "Not specified" : reason.Trim(), ReturnStatus.Requested,
            $"{returnsBaseUrl.TrimEnd('/')}/R-{order.Number}.pdf"),
        Refund = new RefundInfo($"RF-{order.Number}", RefundableAmount(order, policies), order.Totals.Currency, RefundStatus.Pending, now, null, null, order.PaymentMethod),
    };

    /// <summary>Item value minus any discount and the return fee; shipping is not refunded.</summary>
    public static decimal RefundableAmount(Order order, ShopPolicies policies)
    {
        var amount = order.Totals.Subtotal - order.Totals.Discount - policies.Refund.ReturnShippingFee;
        return Math.Max(0m, Math.Round(amount, 2));
    }

    public static RefundStatusOutcome RefundState(Order order, ShopPolicies policies)
    {
        if (order.Refund is { } refund)
        {
            var when = refund.Status switch
            {
                RefundStatus.Pending => "it will be paid out once the returned items arrive at our warehouse",
                RefundStatus.Processing => refund.ExpectedBy is { } by ? $"it is on its way and should arrive by {by:d MMMM yyyy}" : "it is on its way",
                RefundStatus.Completed => refund.CompletedAt is { } at ? $"it was paid out on {at:d MMMM yyyy}" : "it has been paid out",
                _ => "it was rejected; a colleague can explain why",
            };
            return new RefundStatusOutcome(true, OutcomeCode.Ok,
                $"The refund of {Money.Format(refund.Amount, refund.Currency)} for order {order.Number} goes to your original payment method ({PaymentName(refund.Method, policies)}): {when}.",
                refund, order.Return, order.Status);
        }

        return new RefundStatusOutcome(false, OutcomeCode.NotAvailable, $"No refund has been started for order {order.Number} ({Describe(order.Status)}).", null, order.Return, order.Status);
    }

    /// <summary>"PayPal" for "paypal": the customer-facing name of a payment method id.</summary>
    public static string PaymentName(string method, ShopPolicies policies) =>
        policies.PaymentMethods.FirstOrDefault(m => string.Equals(m.Id, method, StringComparison.OrdinalIgnoreCase))?.Name ?? method;

    /// <summary>A missing field, in words; null when the address is complete.</summary>
    public static string? Validate(Address address)
    {
        if (string.IsNullOrWhiteSpace(address.Name)) return "The new address needs the recipient's name.";
        if (string.IsNullOrWhiteSpace(address.Line1)) return "The new address needs a street and house number.";
        if (string.IsNullOrWhiteSpace(address.City)) return "The new address needs a city.";
        if (string.IsNullOrWhiteSpace(address.PostalCode)) return "The new address needs a postal code.";
        if (address.Country is not { Length: 2 } || !address.Country.All(char.IsAsciiLetter)) return "The new address needs a two-letter country code such as DE or FR.";
        return null;
    }

    public static string Format(Address a) =>
        string.Join(", ", new[] { a.Name, a.Line1, a.Line2, $"{a.PostalCode} {a.City}", a.Country }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The status in plain words ("out for delivery").</summary>
    public static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "waiting for payment",
        OrderStatus.Paid => "paid and waiting to be packed",
        OrderStatus.Processing => "being packed",
        OrderStatus.Shipped => "shipped",
        OrderStatus.OutForDelivery => "out for delivery",
        OrderStatus.Delivered => "delivered",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.ReturnRequested => "return requested",
        OrderStatus.Returned => "returned",
        OrderStatus.Refunded => "refunded",
        _ => status.ToString(),
    };
}
