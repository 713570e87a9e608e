using System.ComponentModel;
using IntentBot.Shop;
using IntentBot.Shop.Rules;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Plugins;

/// <summary>
/// The "catalog" plugin: product search, details, stock and similar products. A product can be named by id
/// (P1001), SKU (EL-1001) or, failing those, by name: the best search match is used.
/// </summary>
public sealed class CatalogPlugin(ICatalog catalog)
{
    public const string PluginName = "catalog";

    [KernelFunction("search"), Description("Searches the product catalog by free text (product type, brand, colour, size, features) with optional category and price filters. Returns the best matches with prices and stock.")]
    public Task<ShopReply<ProductListView>> SearchAsync(
        [Description("What the customer is looking for, e.g. 'wireless headphones', 'running shoes size 42', 'espresso machine'; empty to list the best-rated products within the filters.")] string query = "",
        [Description("Category to search in (optional): electronics, phones, home-kitchen, fashion, shoes, sports, beauty, toys, books, or a subcategory such as 'Running Shoes'.")] string? category = null,
        [Description("Lowest price in EUR (optional).")] decimal? minPrice = null,
        [Description("Highest price in EUR (optional), e.g. 100 for 'under 100 euros'.")] decimal? maxPrice = null,
        [Description("True to leave out products that are out of stock.")] bool inStockOnly = false,
        [Description("How many products to return at most (1-10).")] int limit = 5,
        [Description("True to list the lowest prices first (\"cheap\", \"cheapest\") instead of the best matches.")] bool cheapestFirst = false,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            limit = Math.Clamp(limit, 1, 10);
            // Lowest prices first: the cheapest among all the matches, not among the best few.
            var result = await catalog.SearchAsync(new ProductQuery(query, category, minPrice, maxPrice, inStockOnly, cheapestFirst ? 50 : limit), cancellationToken).ConfigureAwait(false);
            var items = cheapestFirst ? result.Items.OrderBy(m => m.Product.Price).Take(limit) : result.Items;
            var view = new ProductListView([.. items.Select(m => ProductView.From(m.Product))], result.TotalMatches);
            // A search by category or budget alone has no words to quote.
            var words = string.IsNullOrWhiteSpace(query) ? "" : $" for \"{query}\"";
            if (view.Products.Count == 0)
                return new ShopReply<ProductListView>(false, "not_found", $"I could not find any products{(words.Length > 0 ? $" matching \"{query}\"" : "")}{Filters(category, minPrice, maxPrice)}.", view);
            var text = $"I found {result.TotalMatches} product{(result.TotalMatches == 1 ? "" : "s")}{words}{Filters(category, minPrice, maxPrice)}. " +
                       (result.TotalMatches > view.Products.Count ? "The best matches: " : "") + view.Listing + ".";
            return ShopReply.Ok(text, view);
        });

    [KernelFunction("named"), Description("Finds the one product the customer names, for a price question: code 'exact' with that product when its name really matches the words (model numbers must match), else code 'closest' with the nearest products as suggestions, never stated as the product asked for.")]
    public Task<ShopReply<ProductListView>> NamedAsync(
        [Description("The product as the customer names it, e.g. 'iphone 16', 'the Milano espresso machine'.")] string query,
        [Description("How many suggestions at most when there is no exact match (1-10).")] int limit = 3,
        [Description("The customer's whole message (optional): \"cheap\" or \"cheapest\" in it asks for the lowest prices.")] string? question = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            // "headphones cheap": the cheapest of that kind, not the price of whichever ranks first.
            if (NameMatch.AsksCheapest($"{query} {question}"))
            {
                var cheap = await SearchAsync(query, limit: limit, inStockOnly: true, cheapestFirst: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                return cheap.Data is { Products.Count: > 0 } list
                    ? new ShopReply<ProductListView>(true, "cheapest", $"Our lowest prices: {list.Listing}.", list) : cheap;
            }
            var result = await catalog.SearchAsync(new ProductQuery(query, Limit: 10), cancellationToken).ConfigureAwait(false);
            if (result.Items.Select(m => m.Product).FirstOrDefault(p => NameMatch.Covers(p, query)) is { } named)
                return new ShopReply<ProductListView>(true, "exact", $"The {named.Name} costs {Money.Format(named.Price, named.Currency)}{(named.InStock ? "" : " (out of stock at the moment)")}.",
                    new ProductListView([ProductView.From(named)], 1));
            if (result.Items.Count == 0)
                return new ShopReply<ProductListView>(false, "not_found", $"I could not find any products matching \"{query?.Trim()}\".", new ProductListView([], 0));
            var closest = new ProductListView([.. result.Items.Take(Math.Clamp(limit, 1, 10)).Select(m => ProductView.From(m.Product))], result.TotalMatches);
            return new ShopReply<ProductListView>(true, "closest", $"We don't sell \"{query?.Trim()}\" as such, I'm afraid. The closest items we have: {closest.Listing}.", closest);
        });

    [KernelFunction("details"), Description("Gets a product's details: price, stock, rating, description and attributes such as sizes, colour, material or compatibility.")]
    public Task<ShopReply<ProductView>> DetailsAsync(
        [Description("The product id (P1001), SKU or name.")] string product,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            if (await ResolveAsync(product, cancellationToken).ConfigureAwait(false) is not { } p)
                return NotFound<ProductView>(product);
            var attributes = p.Attributes.Count == 0 ? "" : " " + string.Join(", ", p.Attributes.Select(a => $"{Capitalise(a.Key)}: {a.Value}")) + ".";
            var stock = p.InStock ? "In stock." : "Currently out of stock.";
            var text = $"{p.Name} by {p.Brand} costs {Money.Format(p.Price, p.Currency)}. {p.Description}{attributes} Rated {p.Rating:0.0}/5 by {p.ReviewCount} customers. {stock}";
            return ShopReply.Ok(text, ProductView.From(p));
        });

    [KernelFunction("answer"), Description("Answers a question about one product from its own record: price, sizes (is size 44 available), colour, material, stock, compatibility or another attribute. Code 'answered' when the question was about one of these, else 'details' with the product's full details.")]
    public Task<ShopReply<ProductView>> AnswerAsync(
        [Description("The product id (P1001), SKU or name.")] string product,
        [Description("The customer's question in their words, e.g. 'do you have it in size 44?'.")] string question,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            if (await ResolveAsync(product, cancellationToken).ConfigureAwait(false) is not { } p)
                return NotFound<ProductView>(product);
            if (ProductAnswers.Answer(p, question ?? "") is { } answer)
                return new ShopReply<ProductView>(true, "answered", answer, ProductView.From(p));
            var details = await DetailsAsync(p.Id, cancellationToken).ConfigureAwait(false);
            return details with { Code = "details" };
        });

    [KernelFunction("availability"), Description("Checks whether a product is in stock, low on stock or out of stock.")]
    public Task<ShopReply<AvailabilityView>> AvailabilityAsync(
        [Description("The product id (P1001), SKU or name.")] string product,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            if (await ResolveAsync(product, cancellationToken).ConfigureAwait(false) is not { } p
                || await catalog.GetAvailabilityAsync(p.Id, cancellationToken).ConfigureAwait(false) is not { } a)
                return NotFound<AvailabilityView>(product);
            var text = a.Level switch
            {
                StockLevel.InStock => $"{a.Name} is in stock and ready to ship.",
                StockLevel.LowStock => $"{a.Name} is in stock, but only {a.Stock} left.",
                _ => $"{a.Name} is currently out of stock.",
            };
            return ShopReply.Ok(text, new AvailabilityView(a.ProductId, a.Name, OrderView.Snake(a.Level), a.Stock));
        });

    [KernelFunction("related"), Description("Suggests similar products (same kind first), e.g. alternatives to an out-of-stock product or recommendations.")]
    public Task<ShopReply<IReadOnlyList<ProductView>>> RelatedAsync(
        [Description("The product id (P1001), SKU or name.")] string product,
        [Description("How many suggestions at most (1-10).")] int limit = 3,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            if (await ResolveAsync(product, cancellationToken).ConfigureAwait(false) is not { } p)
                return NotFound<IReadOnlyList<ProductView>>(product);
            var related = await catalog.GetRelatedAsync(p.Id, Math.Clamp(limit, 1, 10), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ProductView> views = [.. related.Select(ProductView.From)];
            var text = views.Count == 0
                ? $"I have no similar products to suggest for {p.Name}."
                : $"Similar to {p.Name}: " + string.Join("; ", views.Select(v => $"{v.Name} ({v.PriceText}{(v.InStock ? "" : ", out of stock")})")) + ".";
            return ShopReply.Ok(text, views);
        });

    [KernelFunction("categories"), Description("Lists the shop's product categories and their subcategories.")]
    public Task<ShopReply<IReadOnlyList<Category>>> CategoriesAsync(CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var categories = await catalog.GetCategoriesAsync(cancellationToken).ConfigureAwait(false);
            return ShopReply.Ok("We sell " + string.Join(", ", categories.Select(c => c.Name)) + ".", categories);
        });

    /// <summary>Id or SKU first; otherwise the best search hit for the words, so "the QuietPro headphones" works.</summary>
    private async Task<Product?> ResolveAsync(string product, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(product))
            return null;
        if (await catalog.GetProductAsync(product, cancellationToken).ConfigureAwait(false) is { } exact)
            return exact;
        var best = await catalog.SearchAsync(new ProductQuery(product, Limit: 1), cancellationToken).ConfigureAwait(false);
        return best.Items.Count > 0 ? best.Items[0].Product : null;
    }

    private static string Filters(string? category, decimal? min, decimal? max)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(category)) parts.Add($"in {category}");
        if (min is { } lo) parts.Add($"from {Money.Format(lo, "EUR")}");
        if (max is { } hi) parts.Add($"up to {Money.Format(hi, "EUR")}");
        return parts.Count == 0 ? "" : " " + string.Join(" ", parts);
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static ShopReply<T> NotFound<T>(string product) =>
        new(false, "not_found", $"I could not find a product called \"{product?.Trim()}\".", default);
}
