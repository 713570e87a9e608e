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

    /// <summary>
    /// A short follow-up that names only a colour or a size of "it" ("in black?", "and XL?", "45 then", "does it
    /// come in red"), answered from the product's own colour and sizes. Null when the message says anything else,
    /// so a new request ("do you have running shoes in black") is not mistaken for one.
    /// </summary>
    public static string? FollowUp(Product p, string message)
    {
        if (!IsAttributeFollowUp(message)) return null;
        var tokens = Tokens(message);
        var colour = tokens.FirstOrDefault(Colours.Contains);
        var size = tokens.FirstOrDefault(t => IsSizeToken(t) && (!char.IsDigit(t[0]) || HasNumericSizes(p)));
        if (size is null && colour is null) return null;
        var parts = new List<string>();
        if (colour is not null) parts.Add(ColourAnswer(p, colour));
        if (size is not null) parts.Add(Sizes(p, size.ToUpperInvariant()));
        return string.Join(" ", parts);
    }

    /// <summary>Whether the message names a colour or a size and nothing else but filler words ("and", "then",
    /// "does it come in"): about the product under discussion, whatever a search would make of its words.</summary>
    public static bool IsAttributeFollowUp(string message)
    {
        var tokens = Tokens(message);
        return tokens.Length is > 0 and <= 8 && tokens.Any(t => Colours.Contains(t) || IsSizeToken(t))
            && tokens.All(t => Colours.Contains(t) || IsSizeToken(t) || Filler.Contains(t));
    }

    private static string ColourAnswer(Product p, string colour)
    {
        if (Attribute(p, "colour") is not { } own) return $"I have no other colours on record for the {p.Name}.";
        if (!own.Contains(colour, StringComparison.OrdinalIgnoreCase) && !(colour == "gray" && own.Contains("grey", StringComparison.OrdinalIgnoreCase)))
            return $"Sorry, the {p.Name} only comes in {own}.";
        return p.InStock ? $"Yes, the {p.Name} comes in {own}, and it's in stock." : $"Yes, the {p.Name} comes in {own}, but it is out of stock at the moment.";
    }

    private static bool HasNumericSizes(Product p) => Attribute(p, "sizes") is { } sizes && sizes.Any(char.IsDigit);

    private static bool IsSizeToken(string token) =>
        LetterSizes.Contains(token) || NumericSizePattern().IsMatch(token);

    private static string[] Tokens(string message) =>
        [.. TokenPattern().Matches(message.ToLowerInvariant()).Select(m => m.Value)];

    private static readonly HashSet<string> LetterSizes = new(StringComparer.Ordinal) { "xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl", "2xl", "3xl" };

    private static readonly HashSet<string> Colours = new(StringComparer.Ordinal)
    {
        "black", "white", "blue", "navy", "red", "green", "grey", "gray", "silver", "beige", "pink", "yellow", "brown", "orange",
        "purple", "tan", "teal", "sand", "sage", "gold", "cream", "clear", "midnight",
    };

    // The words around a colour or size in a follow-up: "and in black then?", "does it come in XL too", "what about 45".
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "and", "or", "then", "in", "a", "an", "the", "it", "its", "it's", "is", "are", "does", "do", "did", "come", "comes", "coming",
        "available", "have", "has", "got", "you", "u", "ya", "one", "ones", "that", "this", "what", "about", "how", "also", "too",
        "size", "sizes", "colour", "color", "version", "ok", "okay", "so", "maybe", "please", "pls", "any", "there", "instead",
        "same", "well", "can", "i", "get", "eu", "uk", "stock", "only", "just", "but", "hmm", "oh", "ah", "not", "no",
    };

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


    // 38, 44.5, W32: the sizes shoes and trousers come in (a two-digit number outside 16-52 is no size).
    [GeneratedRegex(@"^(?:w?(?:1[6-9]|[2-4]\d|5[0-2])(?:\.5)?)$")]
    private static partial Regex NumericSizePattern();

    [GeneratedRegex(@"[\p{L}\p{N}](?:[\p{L}\p{N}'.]*[\p{L}\p{N}])?")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\b(?:size|sz|eu|in|a)\s+(\d{2}(?:\.5)?|XXS|XS|S|M|L|XL|XXL|xxs|xs|xl|xxl)\b(?!\s*(?:€|eur|euro|cm|mm|gb|w|days?|%))")]
    private static partial Regex SizePattern();
}
