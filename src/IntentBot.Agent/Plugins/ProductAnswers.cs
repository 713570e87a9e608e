using System.Globalization;
using System.Text.RegularExpressions;
using IntentBot.Shop;
using IntentBot.Shop.Rules;

namespace IntentBot.Agent.Plugins;

/// <summary>
/// Answers a question about one product from its own record: price, sizes (and whether a given size exists),
/// colour, material, stock, compatibility or any other attribute the question names. Null when the question asks
/// none of these, so the caller can fall back to the product's full details.
/// </summary>
public static partial class ProductAnswers
{
    public static string? Answer(Product p, string question)
    {
        var q = question.ToLowerInvariant();
        if (SizePattern().Match(question) is { Success: true } sized || q.Contains("size"))
            return Sizes(p, SizePattern().Match(question) is { Success: true } m ? m.Groups[1].Value.ToUpperInvariant() : null);
        if (Regex.IsMatch(q, @"\b(?:made\s+of|material|fabric|what'?s\s+it\s+made)\b"))
            return Attribute(p, "material") is { } material ? $"The {p.Name} is made of {material}." : $"I don't have the material of the {p.Name} on record; the description says: {p.Description}";
        if (Regex.IsMatch(q, @"\b(?:how\s+much|price|cost|costs|expensive|cheap)\b"))
            return $"The {p.Name} costs {Money.Format(p.Price, p.Currency)}.";
        if (Regex.IsMatch(q, @"\b(?:in\s+stock|available|availability|restock|back\s+in|sold\s+out|have\s+it|get\s+it)\b"))
            return p.Stock switch
            {
                0 => $"The {p.Name} is currently out of stock. I don't have a restock date yet.",
                < 5 => $"The {p.Name} is in stock, but only {p.Stock.ToString(CultureInfo.InvariantCulture)} left.",
                _ => $"Yes, the {p.Name} is in stock and ready to ship.",
            };
        if (Regex.IsMatch(q, @"\binduction\b"))
            return Attribute(p, "induction") is { } induction
                ? (induction.StartsWith("y", StringComparison.OrdinalIgnoreCase) ? $"Yes, the {p.Name} works on induction hobs." : $"No, the {p.Name} is not suitable for induction hobs.")
                : $"I have no induction information for the {p.Name}.";
        if (Regex.IsMatch(q, @"\b(?:compatible|compatibility|work\s+with|fit\s+(?:my|an?|the)|fits)\b"))
            return Attribute(p, "compatibility") is { } compatible ? $"The {p.Name} is compatible with {compatible}." : null;
        if (Regex.IsMatch(q, @"\b(?:colou?rs?)\b"))
            return Attribute(p, "colour") is { } colour ? $"The {p.Name} comes in {colour}." : null;
        foreach (var (key, value) in p.Attributes)
            if (q.Contains(key, StringComparison.Ordinal) || (key.EndsWith('s') && q.Contains(key[..^1], StringComparison.Ordinal)))
                return value.Trim().ToLowerInvariant() switch
                {
                    "yes" => $"Yes, the {p.Name} is {key}.",
                    "no" => $"No, the {p.Name} is not {key}.",
                    _ => $"The {p.Name} — {key}: {value}.",
                };
        return null;
    }

    private static string Sizes(Product p, string? size)
    {
        if (Attribute(p, "sizes") is not { } sizes) return $"The {p.Name} comes in one size only.";
        var all = sizes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (size is null) return $"The {p.Name} comes in sizes {sizes}.";
        var stock = p.InStock ? "" : " It is out of stock at the moment, though.";
        return all.Contains(size, StringComparer.OrdinalIgnoreCase)
            ? $"Yes, the {p.Name} comes in size {size} (sizes {sizes}).{stock}"
            : $"Sorry, the {p.Name} doesn't come in size {size}; its sizes are {sizes}.";
    }

    private static string? Attribute(Product p, string key) =>
        p.Attributes.FirstOrDefault(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase)).Value;


    [GeneratedRegex(@"\b(?:size|sz|eu|in|a)\s+(\d{2}(?:\.5)?|XXS|XS|S|M|L|XL|XXL|xxs|xs|xl|xxl)\b(?!\s*(?:€|eur|euro|cm|mm|gb|w|days?|%))")]
    private static partial Regex SizePattern();
}
