namespace IntentBot.Shop.Rules;

/// <summary>
/// Small, explainable relevance scoring: each query word scores by the best field it hits (name and brand
/// weigh most, then category, attributes, description), whole words beat prefixes, and a product matching
/// every word gets a bonus. Plurals are folded ("jackets" finds "Jacket"). Good enough for a few hundred
/// products; a real shop backend brings its own search engine.
/// </summary>
public sealed class CatalogSearch
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "for", "with", "and", "or", "in", "of", "to", "me", "i", "do", "you", "have", "any", "some", "show", "find",
        "looking", "look", "want", "need", "please", "is", "are", "my", "your", "on", "at", "by", "it", "that", "this", "can", "get",
        "buy", "good", "best", "new", "something", "sell", "there", "what", "which", "how", "much", "cost", "price", "u",
    };

    private readonly IReadOnlyList<(Product Product, IndexedFields Fields)> _index;

    /// <summary>True for a word (as <see cref="Words"/> gives it) that search ignores: "the", "price", "show".</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    public CatalogSearch(IEnumerable<Product> products, IEnumerable<Category> categories)
    {
        var categoryNames = categories.ToDictionary(c => c.Id, c => c.Name, StringComparer.OrdinalIgnoreCase);
        _index = [.. products.Select(p => (p, new IndexedFields(
            Words(p.Name),
            Words(p.Brand),
            Words($"{p.Category} {categoryNames.GetValueOrDefault(p.Category)} {p.Subcategory}"),
            Words(string.Join(' ', p.Attributes.Values)),
            Words(p.Description))))];
    }

    public ProductSearchResult Search(ProductQuery query, Func<Product, bool> categoryFilter)
    {
        var terms = Words(query.Text ?? "").Where(t => !StopWords.Contains(t)).Distinct().ToArray();
        var matches = new List<ProductMatch>();
        foreach (var (product, fields) in _index)
        {
            if (query.MinPrice is { } min && product.Price < min) continue;
            if (query.MaxPrice is { } max && product.Price > max) continue;
            if (query.InStockOnly && !product.InStock) continue;
            if (!categoryFilter(product)) continue;
            var score = terms.Length == 0 ? 0d : Score(terms, fields);
            if (terms.Length > 0 && score <= 0) continue;
            matches.Add(new ProductMatch(product, Math.Round(score, 3)));
        }

        var ranked = matches
            .OrderByDescending(m => m.Score)
            .ThenByDescending(m => m.Product.InStock)
            .ThenByDescending(m => m.Product.Rating)
            .ThenBy(m => m.Product.Id, StringComparer.Ordinal)
            .Take(Math.Clamp(query.Limit, 1, 50))
            .ToList();
        return new ProductSearchResult(ranked, matches.Count);
    }

    private static double Score(string[] terms, IndexedFields f)
    {
        double total = 0;
        var hit = 0;
        foreach (var term in terms)
        {
            var best = Math.Max(Math.Max(Hit(term, f.Name, 3.0), Hit(term, f.Brand, 3.0)),
                Math.Max(Math.Max(Hit(term, f.Category, 2.0), Hit(term, f.Attributes, 1.5)), Hit(term, f.Description, 0.5)));
            if (best > 0) hit++;
            total += best;
        }

        // Coverage matters more than one strong word: "red running shoes" should prefer a red running shoe
        // over any product whose name merely says "running".
        var coverage = (double)hit / terms.Length;
        return hit == 0 ? 0 : (total * coverage) + (hit == terms.Length ? 2.0 : 0);
    }

    private static double Hit(string term, string[] words, double weight)
    {
        if (Array.IndexOf(words, term) >= 0) return weight;
        if (term.Length < 3) return 0;
        // A plain loop: this runs for every term x field x product of every search, and a lambda here was a
        // closure plus a delegate each time (over half of a bot turn's allocations, measured by `alloc`).
        foreach (var word in words)
            if (word.StartsWith(term, StringComparison.Ordinal)) return weight * 0.6;
        return 0;
    }

    /// <summary>Lower-case words with plurals folded, split on anything that is not a letter or digit.</summary>
    public static string[] Words(string text) => [.. WordSpan.Split(text).Select(span => Normalise(span.Word))];

    /// <summary>One word of letters and digits as <see cref="Words"/> gives it: lower case, plural folded.</summary>
    public static string Normalise(string word) => Stem(word.ToLowerInvariant());

    private static string Stem(string w)
    {
        if (w.Length <= 3) return w;
        if (w.EndsWith("ies", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("sses", StringComparison.Ordinal))
            return w[..^2];
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal)) return w[..^1];
        return w;
    }

    private sealed record IndexedFields(string[] Name, string[] Brand, string[] Category, string[] Attributes, string[] Description);
}
