using IntentBot.Shop;

namespace IntentBot.Agent.Engine;

/// <summary>
/// How a shopper who is not signed in proves an order is theirs: the order number plus the e-mail address of
/// the customer who placed it, or the postcode it ships to. Without it a guest learns nothing about the order
/// (order numbers are sequential, so the number alone proves nothing).
/// </summary>
internal sealed class GuestVerification(IOrderService orders, ICustomerDirectory customers)
{
    /// <summary>Wrong answers per order and conversation before the bot stops asking and offers a person.</summary>
    public const int MaxFailures = 3;

    public Task<Order?> FindAsync(string orderNumber, CancellationToken ct) => orders.GetOrderAsync(orderNumber, ct);

    public async Task<bool> MatchesAsync(Order order, Entities said, CancellationToken ct)
    {
        if (said.Postcode is { } postcode && Normalise(order.ShippingAddress.PostalCode) == Normalise(postcode))
            return true;
        if (said.Email is not { } email) return false;
        var owner = await customers.GetByIdAsync(order.CustomerId, ct);
        return owner is not null && string.Equals(owner.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalise(string postcode) => postcode.Replace(" ", "").ToUpperInvariant();
}
