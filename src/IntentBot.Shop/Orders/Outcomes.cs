namespace IntentBot.Shop;

/// <summary>
/// Why an operation did or did not happen, for the agent to branch on; <c>Reason</c> on each outcome says
/// the same in a sentence a customer can read.
/// </summary>
public enum OutcomeCode
{
    Ok,
    /// <summary>No order (or product, customer) with that number.</summary>
    NotFound,
    /// <summary>The order's status does not allow it (e.g. cancelling a shipped order).</summary>
    NotAllowedInStatus,
    /// <summary>The refund policy's window has passed.</summary>
    OutsideWindow,
    /// <summary>Already done (e.g. a return already requested).</summary>
    AlreadyDone,
    /// <summary>The request itself is invalid (e.g. an address without a city).</summary>
    InvalidInput,
    /// <summary>Nothing to show yet (e.g. no invoice before payment, no refund started).</summary>
    NotAvailable,
}

/// <summary>
/// A cancellation (or its quote). <paramref name="Fee"/> is what the customer pays per the cancellation
/// policy; <paramref name="Order"/> is the order after the change (or as it is, when refused or quoted).
/// </summary>
public sealed record CancelOutcome(bool Succeeded, OutcomeCode Code, string Reason, decimal Fee, string Currency, Order? Order);

public sealed record AddressChangeOutcome(bool Succeeded, OutcomeCode Code, string Reason, Order? Order);

public sealed record InvoiceOutcome(bool Succeeded, OutcomeCode Code, string Reason, Invoice? Invoice);

/// <summary>
/// A return/refund request (or an eligibility check). <paramref name="WindowEndsOn"/> is the last day a return
/// can be started, when the order was delivered. <paramref name="Order"/> carries the return and refund.
/// </summary>
public sealed record ReturnOutcome(bool Succeeded, OutcomeCode Code, string Reason, DateOnly? WindowEndsOn, Order? Order);

/// <summary>Where the refund for an order stands; <paramref name="Refund"/> is null when none was started.</summary>
public sealed record RefundStatusOutcome(bool Found, OutcomeCode Code, string Reason, RefundInfo? Refund, ReturnInfo? Return, OrderStatus? OrderStatus);
