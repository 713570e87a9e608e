using System.ComponentModel;
using IntentBot.Shop;
using IntentBot.Shop.Rules;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Plugins;

/// <summary>
/// The "promotions" plugin: discount codes running now, whether a code applies to this customer and cart (and why
/// not), and the codes that may be offered unasked.
/// </summary>
/// <param name="customers">Tells whether a customer subscribes to the newsletter; without it newsletter-only codes
/// are never offered (nobody can be shown to qualify).</param>
public sealed class PromotionsPlugin(IPromotionService promotions, IPolicyService policies, TimeProvider time, ICustomerDirectory? customers = null)
{
    public const string PluginName = "promotions";

    [KernelFunction("active"), Description("Lists the discount codes valid now, optionally only those that apply to a product, a category or a cart value. Biggest saving first. Newsletter-only codes are left out unless the customer (by id) subscribes: a guest or a non-subscriber cannot use them.")]
    public Task<ShopReply<IReadOnlyList<PromotionView>>> ActiveAsync(
        [Description("A product id such as P1001 (optional).")] string? productId = null,
        [Description("A category such as fashion, electronics, books (optional).")] string? category = null,
        [Description("The cart value in EUR, to leave out codes with a higher minimum spend (optional).")] decimal? cartValue = null,
        [Description("The customer's id (optional; without one, as for a non-subscriber, newsletter-only codes are left out).")] string? customerId = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var currency = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Currency;
            IEnumerable<Promotion> active = await promotions.GetActivePromotionsAsync(new PromotionQuery(Blank(productId), Blank(category), cartValue), cancellationToken).ConfigureAwait(false);
            // A code the shopper cannot use is not news to them: newsletter-only codes only for subscribers.
            if (!await SubscribesAsync(customerId, cancellationToken).ConfigureAwait(false))
                active = active.Where(p => !p.NewsletterOnly);
            var list = active.ToList();
            IReadOnlyList<PromotionView> views = [.. list.Select(p => PromotionView.From(p, currency))];
            if (views.Count == 0)
                return new ShopReply<IReadOnlyList<PromotionView>>(true, "ok", "There are no promotions for that right now.", views);
            // One short line per code: its description already names what it is for and its minimum spend.
            return ShopReply.Ok("Codes you can use now: " + string.Join("; ", list.Select(p =>
                $"{p.Code} ({p.Description}, until {p.ValidUntil.UtcDateTime.ToString("d MMMM", System.Globalization.CultureInfo.InvariantCulture)})")) + ".", views);
        });

    [KernelFunction("offer"), Description("The codes that certainly apply now to this customer and cart, to offer unasked: never a newsletter-only code to a non-subscriber, never a code whose minimum spend the cart (unknown: 0) does not reach, never one for another product or category.")]
    public Task<ShopReply<IReadOnlyList<PromotionView>>> OfferAsync(
        [Description("The customer's id (optional; a guest gets no newsletter-only code).")] string? customerId = null,
        [Description("A product id such as P1001 (optional).")] string? productId = null,
        [Description("A category such as fashion (optional).")] string? category = null,
        [Description("The cart value in EUR (optional; unknown counts as 0 against minimum spends).")] decimal? cartValue = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var currency = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Currency;
            var subscriber = await SubscribesAsync(customerId, cancellationToken).ConfigureAwait(false);
            var active = await promotions.GetActivePromotionsAsync(new PromotionQuery(Blank(productId), Blank(category), cartValue ?? 0), cancellationToken).ConfigureAwait(false);
            var fitting = active.Where(p => (!p.NewsletterOnly || subscriber) && p.MinSpend <= (cartValue ?? 0)
                && (p.IsStorewide || Blank(productId) is not null || Blank(category) is not null)).ToList();
            IReadOnlyList<PromotionView> views = [.. fitting.Select(p => PromotionView.From(p, currency))];
            return views.Count == 0
                ? new ShopReply<IReadOnlyList<PromotionView>>(true, "none", "No code applies to that right now.", views)
                : ShopReply.Ok("Codes you can use: " + string.Join("; ", fitting.Select(p => PromotionRules.Describe(p, currency))) + ".", views);
        });

    [KernelFunction("check_code"), Description("Checks whether a discount code exists, is valid now and applies to this customer and cart, and says why not: not found, expired, not yet valid, minimum spend not reached, newsletter subscribers only, or for other products or categories.")]
    public Task<ShopReply<PromotionView>> CheckCodeAsync(
        [Description("The discount code, e.g. SUMMER20.")] string code,
        [Description("The cart value in EUR (optional), to check the minimum spend.")] decimal? cartValue = null,
        [Description("The customer's id (optional), to check newsletter-only codes.")] string? customerId = null,
        [Description("A product id the code should apply to (optional).")] string? productId = null,
        [Description("A category the code should apply to (optional).")] string? category = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var currency = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Currency;
            if (await promotions.GetByCodeAsync(code, cancellationToken).ConfigureAwait(false) is not { } p)
                return new ShopReply<PromotionView>(false, "not_found", $"The code '{code?.Trim()}' does not exist. Please check the spelling.", null);
            var view = PromotionView.From(p, currency);
            var now = time.GetUtcNow();
            if (now < p.ValidFrom)
                return new ShopReply<PromotionView>(false, "not_available", $"The code {p.Code} is not valid yet; it starts on {p.ValidFrom:d MMMM yyyy}.", view);
            if (now >= p.ValidUntil)
                return new ShopReply<PromotionView>(false, "not_available", $"The code {p.Code} expired on {p.ValidUntil:d MMMM yyyy}.", view);
            if (cartValue is { } cart && cart < p.MinSpend)
                return new ShopReply<PromotionView>(false, "min_spend", $"The code {p.Code} needs a cart value of at least {Money.Format(p.MinSpend, currency)}; yours is {Money.Format(cart, currency)}.", view);
            if (p.NewsletterOnly && Blank(customerId) is not null && !await SubscribesAsync(customerId, cancellationToken).ConfigureAwait(false))
                return new ShopReply<PromotionView>(false, "newsletter_only", $"The code {p.Code} is for newsletter subscribers only. Subscribe to the newsletter and it's yours.", view);
            if (!p.IsStorewide && (Blank(productId) is not null || Blank(category) is not null) && !p.ProductIds.Contains(productId ?? "", StringComparer.OrdinalIgnoreCase)
                && !p.Categories.Contains(category ?? "", StringComparer.OrdinalIgnoreCase))
                return new ShopReply<PromotionView>(false, "not_applicable", $"The code {p.Code} only applies to {Scope(p)}.", view);
            var conditions = p.MinSpend > 0 && cartValue is null ? $" It needs a cart value of at least {Money.Format(p.MinSpend, currency)}." : "";
            var who = p.NewsletterOnly && Blank(customerId) is null ? " It is for newsletter subscribers only." : "";
            return ShopReply.Ok($"The code is valid. {PromotionRules.Describe(p, currency)}.{conditions}{who}", view);
        });

    private async Task<bool> SubscribesAsync(string? customerId, CancellationToken ct) =>
        customers is not null && Blank(customerId) is { } id && (await customers.GetByIdAsync(id, ct).ConfigureAwait(false))?.Newsletter == true;

    private static string Scope(Promotion p) =>
        p.ProductIds.Count > 0 ? "selected products (" + string.Join(", ", p.ProductIds) + ")" : string.Join(" and ", p.Categories);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
