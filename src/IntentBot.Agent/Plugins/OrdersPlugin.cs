using System.ComponentModel;
using IntentBot.Shop;
using IntentBot.Shop.Rules;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Plugins;

/// <summary>
/// The "orders" plugin: look up and change a customer's order. The order number is always the first
/// parameter, so templates can call <c>{{orders.status $orderNumber}}</c>. The plugin does not check who is
/// asking: the dialog engine must verify that <see cref="OrderView.CustomerId"/> is the signed-in customer
/// before showing or changing an order.
/// </summary>
/// <param name="policies">The shipping regions, for checking a new address's country before the rest is asked;
/// without them every country passes that check and the change itself decides.</param>
public sealed class OrdersPlugin(IOrderService orders, IPolicyService? policies = null)
{
    public const string PluginName = "orders";

    [KernelFunction("status"), Description("Gets the status of an order: what is in it, where it is, carrier and tracking number, and when it should arrive. Use for 'where is my order' and tracking questions.")]
    public Task<ShopReply<OrderView>> StatusAsync(
        [Description("The order number, 'W' followed by 6 digits, e.g. W100001.")] string orderNumber,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            if (await orders.GetOrderAsync(orderNumber, cancellationToken).ConfigureAwait(false) is not { } order)
                return NotFound<OrderView>(orderNumber);
            return ShopReply.Ok(DescribeStatus(order), OrderView.From(order));
        });

    [KernelFunction("list"), Description("Lists a customer's most recent orders with their status, newest first. Use when the customer does not know the order number.")]
    public Task<ShopReply<IReadOnlyList<OrderView>>> ListAsync(
        [Description("The customer's id, e.g. c1001.")] string customerId,
        [Description("How many orders to list at most.")] int limit = 5,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var all = await orders.GetOrdersForCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<OrderView> recent = [.. all.Take(Math.Clamp(limit, 1, 20)).Select(OrderView.From)];
            if (recent.Count == 0)
                return new ShopReply<IReadOnlyList<OrderView>>(false, "not_found", "I could not find any orders for your account.", recent);
            var text = $"Your {(recent.Count == 1 ? "order" : $"{recent.Count} most recent orders")}: " +
                       string.Join("; ", recent.Select(o => $"{o.Number} from {o.PlacedOn:d MMMM} ({o.StatusText}, {o.Total})")) + ".";
            return ShopReply.Ok(text, recent);
        });

    [KernelFunction("cancellation_fee"), Description("Checks whether an order can still be cancelled and what the cancellation fee would be, WITHOUT cancelling it. Use before asking the customer to confirm a cancellation.")]
    public Task<ShopReply<CancellationView>> CancellationFeeAsync(
        [Description("The order number, e.g. W100002.")] string orderNumber,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () => Cancellation(orderNumber, await orders.QuoteCancellationAsync(orderNumber, cancellationToken).ConfigureAwait(false)));

    [KernelFunction("cancel"), Description("Cancels an order if its status allows it, charging the cancellation fee from the policy; a paid order is refunded. Only call after the customer has confirmed.")]
    public Task<ShopReply<CancellationView>> CancelAsync(
        [Description("The order number, e.g. W100002.")] string orderNumber,
        [Description("Why the customer cancels, in their words (optional).")] string? reason = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () => Cancellation(orderNumber, await orders.CancelOrderAsync(orderNumber, reason, cancellationToken).ConfigureAwait(false)));

    [KernelFunction("change_address"), Description("Changes the shipping address of an order that has not shipped yet (refused once shipped or when the new country is in another shipping region).")]
    public Task<ShopReply<OrderView>> ChangeAddressAsync(
        [Description("The order number, e.g. W100002.")] string orderNumber,
        [Description("Recipient's full name.")] string name,
        [Description("Street and house number.")] string line1,
        [Description("Postal code.")] string postalCode,
        [Description("City.")] string city,
        [Description("Country as a two-letter ISO code, e.g. DE, AT, FR.")] string country,
        [Description("Second address line: apartment, c/o (optional).")] string? line2 = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var outcome = await orders.ChangeShippingAddressAsync(orderNumber, new Address(name, line1, line2, city, postalCode, country), cancellationToken).ConfigureAwait(false);
            return ShopReply.From(outcome.Succeeded, outcome.Code, outcome.Reason, outcome.Order is null ? null : OrderView.From(outcome.Order));
        });

    [KernelFunction("check_destination"), Description("Checks whether an order that has not shipped may be sent to another country (the same shipping region), WITHOUT changing anything. Use as soon as the new address's country is known.")]
    public Task<ShopReply<OrderView>> CheckDestinationAsync(
        [Description("The order number, e.g. W100002.")] string orderNumber,
        [Description("The new country as a two-letter ISO code, e.g. DE, AT, FR.")] string country,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            if (await orders.GetOrderAsync(orderNumber, cancellationToken).ConfigureAwait(false) is not { } order)
                return NotFound<OrderView>(orderNumber);
            var refusal = policies is null ? null
                : OrderRules.DestinationRefusal(order, country.Trim().ToUpperInvariant(), await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false));
            return refusal is null
                ? ShopReply.Ok($"Order {order.Number} can be sent to {country.Trim().ToUpperInvariant()}.", OrderView.From(order))
                : ShopReply.From(false, OutcomeCode.NotAllowedInStatus, refusal, OrderView.From(order));
        });

    [KernelFunction("invoice"), Description("Gets the invoice of an order: invoice number, total and a download link. Invoices exist once the order is paid.")]
    public Task<ShopReply<Invoice>> InvoiceAsync(
        [Description("The order number, e.g. W100003.")] string orderNumber,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var outcome = await orders.GetInvoiceAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            return ShopReply.From(outcome.Succeeded, outcome.Code, outcome.Reason, outcome.Invoice);
        });

    [KernelFunction("return_eligibility"), Description("Checks whether an order can be returned for a refund (delivered and inside the return window), WITHOUT starting a return. Says until when.")]
    public Task<ShopReply<ReturnView>> ReturnEligibilityAsync(
        [Description("The order number, e.g. W100003.")] string orderNumber,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () => Return(orderNumber, await orders.CheckReturnEligibilityAsync(orderNumber, cancellationToken).ConfigureAwait(false)));

    [KernelFunction("start_return"), Description("Starts a return and refund for a delivered order inside the return window; the customer gets a free return label and the refund follows once the parcel arrives. Only call after the customer has confirmed.")]
    public Task<ShopReply<ReturnView>> StartReturnAsync(
        [Description("The order number, e.g. W100003.")] string orderNumber,
        [Description("Why the customer returns it, e.g. 'wrong size', 'arrived damaged'.")] string reason = "",
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () => Return(orderNumber, await orders.StartReturnAsync(orderNumber, reason, cancellationToken).ConfigureAwait(false)));

    [KernelFunction("refund_status"), Description("Gets where the refund for an order stands: pending (waiting for the returned parcel), processing (on its way, with an expected date) or completed.")]
    public Task<ShopReply<RefundView>> RefundStatusAsync(
        [Description("The order number, e.g. W100010.")] string orderNumber,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var outcome = await orders.GetRefundStatusAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            var view = outcome.Code == OutcomeCode.NotFound ? null : new RefundView(
                orderNumber.Trim().ToUpperInvariant(),
                outcome.Refund is { } r ? OrderView.Snake(r.Status) : null,
                outcome.Refund?.Amount,
                outcome.Refund is { } a ? Money.Format(a.Amount, a.Currency) : null,
                outcome.Refund?.ExpectedBy,
                outcome.Refund?.CompletedAt is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : null,
                outcome.Refund?.Method,
                outcome.Return is { } ret ? OrderView.Snake(ret.Status) : null);
            return ShopReply.From(outcome.Found, outcome.Code, outcome.Reason, view);
        });

    /// <summary>One or two sentences a customer can read, tailored to where the order is.</summary>
    public static string DescribeStatus(Order o)
    {
        var what = o.Lines.Count == 1 ? o.Lines[0].Name : $"{o.Lines.Count} items";
        var tracking = o.Shipment is { } s ? $" with {s.Carrier} (tracking number {s.TrackingNumber}: {s.TrackingUrl})" : "";
        return o.Status switch
        {
            OrderStatus.PendingPayment => $"Order {o.Number} ({what}) is waiting for your payment of {Money.Format(o.Totals.Total, o.Totals.Currency)}; we ship as soon as it arrives.",
            OrderStatus.Paid => $"Order {o.Number} ({what}) is paid and will be packed shortly" + Eta(o),
            OrderStatus.Processing => $"Order {o.Number} ({what}) is being packed in our warehouse" + Eta(o),
            OrderStatus.Shipped => $"Order {o.Number} ({what}) was shipped on {o.Shipment!.ShippedAt:d MMMM}{tracking}" + Eta(o),
            OrderStatus.OutForDelivery => $"Order {o.Number} ({what}) is out for delivery and should arrive today{tracking}.",
            OrderStatus.Delivered => $"Order {o.Number} ({what}) was delivered on {o.Shipment!.DeliveredAt:d MMMM yyyy}.",
            OrderStatus.Cancelled => $"Order {o.Number} ({what}) was cancelled on {o.Cancellation!.CancelledAt:d MMMM yyyy}." +
                                     (o.Refund is { } r ? $" The refund of {Money.Format(r.Amount, r.Currency)} is {OrderView.Snake(r.Status).Replace('_', ' ')}." : ""),
            OrderStatus.ReturnRequested => $"We have registered the return of order {o.Number} ({what}); the refund follows once the parcel reaches our warehouse.",
            OrderStatus.Returned => $"Your return of order {o.Number} ({what}) has arrived; the refund is being processed" +
                                    (o.Refund?.ExpectedBy is { } by ? $" and should reach you by {by:d MMMM yyyy}." : "."),
            OrderStatus.Refunded => $"Order {o.Number} ({what}) was returned and refunded" +
                                    (o.Refund?.CompletedAt is { } at ? $" on {at:d MMMM yyyy}." : "."),
            _ => $"Order {o.Number} is {OrderRules.Describe(o.Status)}.",
        };
    }

    private static string Eta(Order o) => o.EstimatedDelivery is { } eta ? $". Estimated delivery: {eta:dddd, d MMMM}." : ".";

    private static ShopReply<T> NotFound<T>(string orderNumber) =>
        new(false, "not_found", $"I could not find an order with the number '{orderNumber?.Trim()}'. Order numbers look like W123456.", default);

    private static ShopReply<CancellationView> Cancellation(string orderNumber, CancelOutcome outcome) =>
        ShopReply.From(outcome.Succeeded, outcome.Code, outcome.Reason, outcome.Code == OutcomeCode.NotFound ? null :
            new CancellationView(outcome.Order?.Number ?? orderNumber, outcome.Succeeded, outcome.Fee, Money.Format(outcome.Fee, outcome.Currency),
                outcome.Order is null ? null : OrderView.From(outcome.Order)));

    private static ShopReply<ReturnView> Return(string orderNumber, ReturnOutcome outcome) =>
        ShopReply.From(outcome.Succeeded, outcome.Code, outcome.Reason, outcome.Code == OutcomeCode.NotFound ? null :
            new ReturnView(outcome.Order?.Number ?? orderNumber, outcome.Succeeded, outcome.WindowEndsOn, outcome.Order?.Return?.ReturnId,
                outcome.Order?.Return?.LabelUrl, outcome.Order is null ? null : OrderView.From(outcome.Order)));
}
