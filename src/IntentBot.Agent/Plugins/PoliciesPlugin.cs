using System.ComponentModel;
using IntentBot.Shop;
using IntentBot.Shop.Rules;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Plugins;

/// <summary>The "policies" plugin: what the shop promises (refunds, shipping, payment, cancellation, newsletter, account help).</summary>
public sealed class PoliciesPlugin(IPolicyService policies)
{
    public const string PluginName = "policies";

    [KernelFunction("refund"), Description("Explains the refund and return policy: the return window in days, conditions, return shipping cost and how long refunds take.")]
    public Task<ShopReply<RefundPolicy>> RefundAsync(CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var p = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Refund;
            return ShopReply.Ok(p.Summary, p);
        });

    [KernelFunction("shipping"), Description("Lists the delivery options for a country with prices, free-shipping thresholds and delivery times in business days.")]
    public Task<ShopReply<ShippingView>> ShippingAsync(
        [Description("Destination country as a two-letter ISO code, e.g. DE, AT, US (optional; the shop's home country when empty).")] string? country = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var all = await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false);
            var options = await policies.GetShippingOptionsAsync(string.IsNullOrWhiteSpace(country) ? null : country, cancellationToken).ConfigureAwait(false);
            var region = Shipping.RegionFor(string.IsNullOrWhiteSpace(country) ? null : country, all.Shipping);
            var text = $"Delivery to {region.Name}: " + string.Join("; ", options.Select(o =>
                $"{o.Name} {Money.Format(o.Price, all.Currency)}{(o.FreeAbove is { } free ? $" (free over {Money.Format(free, all.Currency)})" : "")}, " +
                (o.MinDays == o.MaxDays ? $"{o.MinDays} business day{(o.MinDays == 1 ? "" : "s")}" : $"{o.MinDays}-{o.MaxDays} business days"))) +
                ". " + all.Shipping.Summary;
            return ShopReply.Ok(text, new ShippingView(region.Id, region.Name, all.Currency, options));
        });

    [KernelFunction("payment_methods"), Description("Lists the accepted payment methods (cards, PayPal, Klarna, Apple Pay, Google Pay, bank transfer) with notes.")]
    public Task<ShopReply<IReadOnlyList<PaymentMethodInfo>>> PaymentMethodsAsync(CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var methods = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).PaymentMethods;
            return ShopReply.Ok("You can pay with " + string.Join(", ", methods.Select(m => m.Name)) + ".", methods);
        });

    [KernelFunction("cancellation"), Description("Explains the cancellation policy: until when an order can be cancelled and what fee applies in each order status.")]
    public Task<ShopReply<CancellationPolicy>> CancellationAsync(CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var p = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Cancellation;
            return ShopReply.Ok(p.Summary, p);
        });

    [KernelFunction("newsletter"), Description("Explains the newsletter: what it contains, how often, the welcome discount, and how to subscribe or unsubscribe.")]
    public Task<ShopReply<NewsletterPolicy>> NewsletterAsync(CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var p = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Newsletter;
            return ShopReply.Ok($"{p.Summary} It comes {p.Frequency.ToLowerInvariant()}. To subscribe: {p.HowToSubscribe} To unsubscribe: {p.HowToUnsubscribe}", p);
        });

    [KernelFunction("account_faq"), Description("Answers an account question: create_account, delete_account, edit_account, recover_password, registration_problems or switch_account.")]
    public Task<ShopReply<FaqEntry>> AccountFaqAsync(
        [Description("The topic: create_account, delete_account, edit_account, recover_password, registration_problems or switch_account.")] string topic,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var all = await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false);
            var key = (topic ?? "").Trim().Replace(' ', '_').Replace('-', '_');
            if (all.AccountFaq.FirstOrDefault(f => string.Equals(f.Topic, key, StringComparison.OrdinalIgnoreCase)) is not { } entry)
            {
                return new ShopReply<FaqEntry>(false, "not_found",
                    $"I have no answer about '{topic}'. Topics I know: {string.Join(", ", all.AccountFaq.Select(f => f.Topic))}.", null);
            }

            return ShopReply.Ok(entry.Answer, entry);
        });

    [KernelFunction("contact"), Description("Gives the customer service contact details: e-mail, phone and opening hours.")]
    public Task<ShopReply<ContactInfo>> ContactAsync(CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var c = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Contact;
            return ShopReply.Ok($"You can reach our customer service at {c.Email} or {c.Phone} ({c.Hours}); chat hours: {c.ChatHours}.", c);
        });
}
