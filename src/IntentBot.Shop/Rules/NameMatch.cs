namespace IntentBot.Shop.Rules;

/// <summary>
/// Whether a product is the one a shopper names ("the iphone 16", "the Milano espresso machine"), as opposed to
/// merely the best of a loose search. Every key word of the query must be on the product: a model number
/// ("16", "700") in its name or brand, any other word in its name, brand, category or attributes ("white").
/// </summary>
/// <remarks>
/// Why stricter than search: a price stated as fact must be the named product's price. A search for "iphone 16"
/// ranks "Clear Case for iPhone 14" first, and saying that it "costs €17.99" answers a question nobody asked.
/// </remarks>
public static class NameMatch
{
    // Words about the price or the wish rather than the product: "cheap headphones" names headphones.
    private static readonly HashSet<string> NotProductWords = new(StringComparer.Ordinal)
    {
        "cheap", "cheaper", "cheapest", "affordable", "budget", "inexpensive", "one", "ones", "please", "pls", "currently", "now",
        "today", "exactly", "actually", "again", "just", "only", "model", "version", "item", "product", "thing",
    };

    /// <summary>"cheap headphones", "the cheapest laptop": the lowest prices are wanted, not one product.</summary>
    public static bool AsksCheapest(string query) =>
        CatalogSearch.Words(query).Any(w => w is "cheap" or "cheaper" or "cheapest" or "inexpensive" or "affordable");

    public static bool Covers(Product product, string query)
    {
        var terms = CatalogSearch.Words(query).Where(t => !CatalogSearch.IsStopWord(t) && !NotProductWords.Contains(t)).Distinct().ToArray();
        if (terms.Length == 0) return false;
        var name = CatalogSearch.Words($"{product.Name} {product.Brand}");
        var other = CatalogSearch.Words($"{product.Category} {product.Subcategory} {string.Join(' ', product.Attributes.Values)}");
        return terms.All(term => term.Any(char.IsDigit)
            ? Array.IndexOf(name, term) >= 0
            : OnProduct(term, name) || OnProduct(term, other));
    }

    // Whole words, or the start of a longer one ("quiet" in "QuietPro") for words long enough not to match by chance.
    private static bool OnProduct(string term, string[] words) =>
        Array.IndexOf(words, term) >= 0 || (term.Length >= 4 && words.Any(w => w.StartsWith(term, StringComparison.Ordinal)));
}
