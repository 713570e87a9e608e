using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Slots;
using IntentBot.Shop;

namespace IntentBot.Agent.Engine;

/// <summary>What a guest's answer proved about an order.</summary>
internal enum GuestProof { None, Postcode, Email }

/// <summary>
/// How a shopper who is not signed in proves an order is theirs: the order number plus the e-mail address of the
/// customer who placed it, or (to read its status only) the postcode it ships to. Without it a guest learns nothing
/// about the order (order numbers are sequential, so the number alone proves nothing).
/// </summary>
/// <remarks>
/// A postcode is shared by many orders (a city's centre, a sample shop's 30 of 150), so it is weak proof: enough to
/// read where a parcel is, never to cancel it, send it elsewhere, return it or see an invoice with the address. Those
/// need the e-mail address on the order (a dialog's <c>guest_proof</c>, default <see cref="Email"/>).
/// </remarks>
internal sealed class GuestVerification(IOrderService orders, ICustomerDirectory customers)
{
    /// <summary><c>guest_proof</c> of a dialog that changes an order or shows personal data: the e-mail address only.</summary>
    public const string Email = "email";

    /// <summary><c>guest_proof</c> of a dialog that only reads an order's status: the e-mail address or the postcode.</summary>
    public const string EmailOrPostcode = "email_or_postcode";

    /// <summary>The order number the dialog works on, when it has one.</summary>
    public static string? OrderOf(Turn t, DialogDefinition dialog) =>
        dialog.Slots.Where(s => s.Type == SlotValidators.OrderNumber).Select(s => t.Get(dialog.Intent, s.Name)).FirstOrDefault(v => v is not null);

    /// <summary>Whether a guest must prove this dialog's order with its e-mail address (it changes the order or shows
    /// personal data); otherwise the postcode does too (reading the status).</summary>
    public static bool NeedsEmail(DialogDefinition dialog) => dialog.GuestProof != EmailOrPostcode;

    /// <summary>The orders proved well enough for this dialog, with their owners.</summary>
    public static IReadOnlyDictionary<string, string> Proven(Turn t, DialogDefinition dialog) =>
        NeedsEmail(dialog) ? t.Memory.VerifiedByEmail : t.Memory.Verified;

    /// <summary>
    /// The customer this turn acts for: the signed-in customer; for a guest, the owner of the dialog's order once the
    /// guest proved it is theirs well enough for this dialog; else "" (matches no order). Dialogs compare an order's owner with it.
    /// </summary>
    public static string CustomerId(Turn t, DialogDefinition dialog)
    {
        if (t.SignedIn) return t.UserId;
        return OrderOf(t, dialog) is { } order && Proven(t, dialog).TryGetValue(order, out var owner) ? owner : "";
    }

    public static IReadOnlySet<string> Proofs { get; } = new HashSet<string>(StringComparer.Ordinal) { Email, EmailOrPostcode };

    /// <summary>Wrong answers per order and conversation before the bot stops asking and offers sign-in or a person.</summary>
    public const int MaxFailures = 3;

    /// <summary>Wrong answers over all orders of a conversation before it stops asking: a postcode tried against one
    /// sequential order number after another finds nothing but a few orders.</summary>
    public const int MaxFailuresPerConversation = 5;

    public Task<Order?> FindAsync(string orderNumber, CancellationToken ct) => orders.GetOrderAsync(orderNumber, ct);

    /// <summary>A signed-in customer's orders (for the order they name by its product: "the headphones").</summary>
    public Task<IReadOnlyList<Order>> OrdersOfAsync(string customerId, CancellationToken ct) => orders.GetOrdersForCustomerAsync(customerId, ct);

    /// <summary>The strongest proof <paramref name="said"/> gives for the order; a postcode counts only when allowed.</summary>
    public async Task<GuestProof> ProveAsync(Order order, Entities said, bool postcodeCounts, CancellationToken ct)
    {
        if (said.Email is { } email)
        {
            var owner = await customers.GetByIdAsync(order.CustomerId, ct);
            if (owner is not null && string.Equals(owner.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase)) return GuestProof.Email;
        }
        return postcodeCounts && said.Postcode is { } postcode && Normalise(order.ShippingAddress.PostalCode) == Normalise(postcode)
            ? GuestProof.Postcode : GuestProof.None;
    }

    private static string Normalise(string postcode) => postcode.Replace(" ", "").ToUpperInvariant();
}
