namespace IntentBot.Shop;

/// <summary>Everything the shop promises its customers, as data the agent can quote and the rules enforce.</summary>
public sealed record ShopPolicies(
    string ShopName,
    string Currency,
    RefundPolicy Refund,
    ShippingPolicy Shipping,
    IReadOnlyList<PaymentMethodInfo> PaymentMethods,
    CancellationPolicy Cancellation,
    NewsletterPolicy Newsletter,
    IReadOnlyList<FaqEntry> AccountFaq,
    ContactInfo Contact);

/// <summary>
/// Returns: <paramref name="WindowDays"/> days from delivery; refunds go to the original payment method within
/// <paramref name="RefundProcessingDays"/> days of the return arriving.
/// </summary>
public sealed record RefundPolicy(
    int WindowDays,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> NonReturnableCategories,
    decimal ReturnShippingFee,
    int RefundProcessingDays,
    string Summary);

/// <summary>A shipping region: the countries it covers (the last region, with no countries, is "everywhere else").</summary>
public sealed record ShippingRegion(string Id, string Name, IReadOnlyList<string> Countries);

/// <summary>One way to ship to a region: price, delivery period in business days, free above a cart value.</summary>
public sealed record ShippingOption(
    string Id,
    string Name,
    string RegionId,
    decimal Price,
    decimal? FreeAbove,
    int MinDays,
    int MaxDays,
    string Carrier);

public sealed record ShippingPolicy(IReadOnlyList<ShippingRegion> Regions, IReadOnlyList<ShippingOption> Options, string Summary);

public sealed record PaymentMethodInfo(string Id, string Name, string Notes);

/// <summary>
/// May an order in <paramref name="Status"/> be cancelled, and for how much:
/// fee = <paramref name="FeeFlat"/> + <paramref name="FeePercent"/>% of the order total.
/// </summary>
public sealed record CancellationFeeRule(OrderStatus Status, bool Allowed, decimal FeeFlat, decimal FeePercent, string Note);

public sealed record CancellationPolicy(IReadOnlyList<CancellationFeeRule> Rules, string Summary);

public sealed record NewsletterPolicy(string Summary, string Frequency, decimal WelcomeDiscountPercent, string HowToSubscribe, string HowToUnsubscribe);

/// <summary>
/// An account question and answer. <paramref name="Topic"/> is the intent it answers (create_account,
/// delete_account, edit_account, recover_password, registration_problems, switch_account).
/// </summary>
public sealed record FaqEntry(string Topic, string Question, string Answer);

public sealed record ContactInfo(string Email, string Phone, string Hours, string ChatHours);
