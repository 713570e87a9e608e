using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
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
/// <param name="orders">Tells whether a customer has ordered before, for first-order codes.</param>
/// <param name="catalog">Gives a product's price, the cart value to judge a code by when the shopper asks about one product.</param>
public sealed partial class PromotionsPlugin(IPromotionService promotions, IPolicyService policies, TimeProvider time, ICustomerDirectory? customers = null,
    IOrderService? orders = null, ICatalog? catalog = null)
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
            var categoryId = await CategoryIdAsync(category, cancellationToken).ConfigureAwait(false);
            IEnumerable<Promotion> active = await promotions.GetActivePromotionsAsync(new PromotionQuery(Blank(productId), categoryId, cartValue), cancellationToken).ConfigureAwait(false);
            // A code the shopper cannot use is not news to them: newsletter-only codes only for subscribers.
            if (!await SubscribesAsync(customerId, cancellationToken).ConfigureAwait(false))
                active = active.Where(p => !p.NewsletterOnly);
            if (await HasOrderedAsync(customerId, cancellationToken).ConfigureAwait(false) == true)
                active = active.Where(p => !p.FirstOrderOnly);
            var list = active.ToList();
            IReadOnlyList<PromotionView> views = [.. list.Select(p => PromotionView.From(p, currency))];
            if (views.Count == 0)
                return new ShopReply<IReadOnlyList<PromotionView>>(true, "ok", Blank(category) is { } none
                    ? $"No discount code covers {none.ToLowerInvariant()} right now." : "There are no promotions for that right now.", views);
            // One short line per code: its description already names what it is for and its minimum spend.
            var intro = Blank(category) is { } asked ? $"For {asked.ToLowerInvariant()} you can use: " : "Codes you can use now: ";
            return ShopReply.Ok(intro + string.Join("; ", list.Select(p => $"{p.Code} ({p.Description}, until {Until(p.ValidUntil)})")) + ".", views);
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
            // Asked about one product, the product itself is the nearest thing to a cart.
            cartValue ??= await PriceOfAsync(productId, cancellationToken).ConfigureAwait(false);
            var active = await promotions.GetActivePromotionsAsync(new PromotionQuery(Blank(productId), await CategoryIdAsync(category, cancellationToken).ConfigureAwait(false), cartValue ?? 0), cancellationToken).ConfigureAwait(false);
            var ordered = await HasOrderedAsync(customerId, cancellationToken).ConfigureAwait(false);
            var fitting = active.Where(p => (!p.NewsletterOnly || subscriber) && !(p.FirstOrderOnly && ordered == true) && p.MinSpend <= (cartValue ?? 0)
                && (p.IsStorewide || Blank(productId) is not null || Blank(category) is not null)).ToList();
            IReadOnlyList<PromotionView> views = [.. fitting.Select(p => PromotionView.From(p, currency))];
            return views.Count == 0
                ? new ShopReply<IReadOnlyList<PromotionView>>(true, "none", "No code applies to that right now.", views)
                : ShopReply.Ok("Codes you can use: " + string.Join("; ", fitting.Select(p => PromotionRules.Describe(p, currency))) + ".", views);
        });

    [KernelFunction("check_code"), Description("Checks whether a discount code exists, is valid now and applies to this customer and cart, and says why not: not found, expired, not yet valid, minimum spend not reached, newsletter subscribers only, first order only, or for other products or categories. A valid code comes with its conditions.")]
    public Task<ShopReply<PromotionView>> CheckCodeAsync(
        [Description("The discount code, e.g. SUMMER20.")] string code,
        [Description("The cart value in EUR (optional), to check the minimum spend.")] decimal? cartValue = null,
        [Description("The customer's id (optional), to check newsletter-only and first-order codes.")] string? customerId = null,
        [Description("A product id the code should apply to (optional).")] string? productId = null,
        [Description("A category the code should apply to (optional).")] string? category = null,
        [Description("The customer's message (optional): an order value in it (\"on a 60 euro order\") is the cart value, and \"it doesn't work\" asks why.")] string? question = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var currency = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Currency;
            if (await promotions.GetByCodeAsync(code, cancellationToken).ConfigureAwait(false) is not { } p)
                return new ShopReply<PromotionView>(false, "not_found", $"The code '{code?.Trim()}' does not exist. Please check the spelling.", null);
            var view = PromotionView.From(p, currency);
            var now = time.GetUtcNow();
            cartValue ??= AmountIn(question);
            category = await CategoryIdAsync(category, cancellationToken).ConfigureAwait(false);
            if (now < p.ValidFrom)
                return new ShopReply<PromotionView>(false, "not_available", $"The code {p.Code} is not valid yet; it starts on {p.ValidFrom:d MMMM yyyy}.", view);
            if (now >= p.ValidUntil)
                return new ShopReply<PromotionView>(false, "not_available", $"The code {p.Code} expired on {p.ValidUntil:d MMMM yyyy}.", view);
            if (cartValue is { } cart && cart < p.MinSpend)
                return new ShopReply<PromotionView>(false, "min_spend", $"No, {p.Code} can't be used on that order: it needs a cart value of at least {Money.Format(p.MinSpend, currency)}, and yours is {Money.Format(cart, currency)}.", view);
            if (p.NewsletterOnly && Blank(customerId) is not null && !await SubscribesAsync(customerId, cancellationToken).ConfigureAwait(false))
                return new ShopReply<PromotionView>(false, "newsletter_only", $"The code {p.Code} is for newsletter subscribers only. Subscribe to the newsletter and it's yours.", view);
            if (p.FirstOrderOnly && await HasOrderedAsync(customerId, cancellationToken).ConfigureAwait(false) == true)
                return new ShopReply<PromotionView>(false, "first_order_only", $"Sorry, {p.Code} is only for a first order, and you've ordered with us before, so it won't apply to your account.", view);
            if (!p.IsStorewide && (Blank(productId) is not null || Blank(category) is not null) && !p.ProductIds.Contains(productId ?? "", StringComparer.OrdinalIgnoreCase)
                && !p.Categories.Contains(category ?? "", StringComparer.OrdinalIgnoreCase))
                return new ShopReply<PromotionView>(false, "not_applicable", $"No, {p.Code} only applies to {Scope(p)}.", view);
            var conditions = Conditions(p, currency, cartValue, Blank(customerId) is null);
            var summary = $"{p.Code}: {p.Description} — {Amount(p, currency)}, valid until {p.ValidUntil:d MMMM yyyy}.";
            var text = NotWorkingPattern().IsMatch(question ?? "")
                ? $"{p.Code} is running: {p.Description}, until {p.ValidUntil:d MMMM yyyy}. " +
                  (conditions.Count > 0 ? "If the checkout refuses it, check its conditions: " + string.Join(" ", conditions) : "It has no conditions beyond one code per order, so please check the spelling at checkout.")
                : $"Yes, you can use it. {summary}" + (conditions.Count > 0 ? " " + string.Join(" ", conditions) : "");
            return ShopReply.Ok(text, view);
        });

    /// <summary>What must hold for the code to work, as sentences, leaving out what is already known to hold.</summary>
    private static List<string> Conditions(Promotion p, string currency, decimal? cartValue, bool guest)
    {
        var conditions = new List<string>();
        if (!p.IsStorewide) conditions.Add($"It only applies to {Scope(p)}; other items in the basket are not discounted.");
        if (p.MinSpend > 0 && cartValue is null) conditions.Add($"It needs a cart value of at least {Money.Format(p.MinSpend, currency)}.");
        if (p.NewsletterOnly && guest) conditions.Add("It is for newsletter subscribers only.");
        if (p.FirstOrderOnly && guest) conditions.Add("It only works on a first order.");
        return conditions;
    }

    private static string Amount(Promotion p, string currency) =>
        p.Kind == DiscountKind.Percent ? $"{p.Value:0.##}% off" : $"{Money.Format(p.Value, currency)} off";

    /// <summary>"7 December" this year, "7 December 2027" in another: a date without its year misleads across New Year.</summary>
    private string Until(DateTimeOffset date) =>
        date.UtcDateTime.ToString(date.Year == time.GetUtcNow().Year ? "d MMMM" : "d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>An order value the shopper states: "a 60 euro order", "€60", "60€", "for 60 eur".</summary>
    private static decimal? AmountIn(string? question) =>
        question is not null && AmountPattern().Match(question) is { Success: true } m
        && decimal.TryParse((m.Groups["a"].Success ? m.Groups["a"] : m.Groups["b"]).Value.Replace(',', '.'), NumberStyles.Number,
            CultureInfo.InvariantCulture, out var amount) && amount > 0 ? amount : null;

    /// <summary>The category id a name or subcategory belongs to ("Running Shoes" → shoes), which is what codes
    /// are scoped by; the name as given without a catalog or a match.</summary>
    private async Task<string?> CategoryIdAsync(string? category, CancellationToken ct)
    {
        if (Blank(category) is not { } name || catalog is null) return Blank(category);
        var categories = await catalog.GetCategoriesAsync(ct).ConfigureAwait(false);
        return categories.FirstOrDefault(c => string.Equals(c.Id, name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
            || c.Subcategories.Contains(name, StringComparer.OrdinalIgnoreCase))?.Id ?? name;
    }

    private async Task<decimal?> PriceOfAsync(string? productId, CancellationToken ct) =>
        catalog is not null && Blank(productId) is { } id ? (await catalog.GetProductAsync(id, ct).ConfigureAwait(false))?.Price : null;

    /// <summary>Whether the customer has ordered before; null when that cannot be told (a guest, no order service).</summary>
    private async Task<bool?> HasOrderedAsync(string? customerId, CancellationToken ct) =>
        orders is not null && Blank(customerId) is { } id ? (await orders.GetOrdersForCustomerAsync(id, ct).ConfigureAwait(false)).Count > 0 : null;

    [GeneratedRegex(@"[€]\s?(?<a>\d{1,5}(?:[.,]\d{1,2})?)|(?<b>\d{1,5}(?:[.,]\d{1,2})?)\s?(?:€|euros?\b|eur\b|bucks\b)", RegexOptions.IgnoreCase)]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"\b(?:does(?:n'?t|\s+not)|did(?:n'?t|\s+not)|won'?t|not|isn'?t|wont|doesnt|didnt|cant|can'?t)\s+(?:work|working|apply|accepted|valid|go\s+through)|\b(?:invalid|rejected|refused|declined|error)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotWorkingPattern();

    private async Task<bool> SubscribesAsync(string? customerId, CancellationToken ct) =>
        customers is not null && Blank(customerId) is { } id && (await customers.GetByIdAsync(id, ct).ConfigureAwait(false))?.Newsletter == true;

    private static string Scope(Promotion p) =>
        p.ProductIds.Count > 0 ? "selected products (" + string.Join(", ", p.ProductIds) + ")" : string.Join(" and ", p.Categories);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
