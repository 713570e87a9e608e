using System.Globalization;
using System.Text.RegularExpressions;
using IntentBot.Agent.Slots;

namespace IntentBot.Agent.Engine;

/// <summary>
/// What a message says about the shopper's situation, wherever in the message it stands: an order number, an
/// e-mail address, a country, a size, a colour, a budget. Remembered for the conversation
/// (<see cref="ConversationMemory"/>) so nothing already said is asked again.
/// </summary>
internal sealed partial record Entities(
    string? OrderNumber = null,
    string? Email = null,
    string? Country = null,
    string? Size = null,
    string? Colour = null,
    decimal? BudgetMin = null,
    decimal? BudgetMax = null,
    string? Postcode = null,
    string? Code = null)
{
    /// <summary>"cheap" with no figure: the shop's low end, not a promise of a price.</summary>
    internal const decimal CheapBelow = 40m;

    public static Entities Read(string text)
    {
        var (min, max) = Budget(text);
        return new Entities(
            SlotValidators.Recognise(SlotValidators.OrderNumber, text, wholeAnswer: false),
            SlotValidators.Recognise(SlotValidators.Email, text, wholeAnswer: false),
            CountryIn(text) ?? ChineseNames.CountryIn(text),
            SizeIn(text),
            ColourIn(text),
            min,
            max,
            PostcodeIn(text),
            CodePattern().Match(text) is { Success: true } code ? code.Value.ToUpperInvariant() : null);
    }

    /// <summary>The text without the budget phrase ("a gift for my mum under 50 euros" → "a gift for my mum"),
    /// so a catalog search does not look for the words "under 50 euros".</summary>
    public static string WithoutBudget(string text)
    {
        var rest = RangePattern().Replace(text, " ");
        rest = MaxPattern().Replace(rest, " ");
        rest = MinPattern().Replace(rest, " ");
        rest = CheapPattern().Replace(rest, " ");
        return string.Join(' ', rest.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static (decimal? Min, decimal? Max) Budget(string text)
    {
        if (RangePattern().Match(text) is { Success: true } range
            && Amount(range.Groups["a"].Value) is { } a && Amount(range.Groups["b"].Value) is { } b && a < b)
            return (a, b);
        if (MaxPattern().Match(text) is { Success: true } max && Amount(max.Groups["a"].Value) is { } hi)
            return (null, hi);
        if (MinPattern().Match(text) is { Success: true } min && Amount(min.Groups["a"].Value) is { } lo)
            return (lo, null);
        if (CheapPattern().IsMatch(text)) return (null, CheapBelow);
        return (null, null);
    }

    private static decimal? Amount(string digits) =>
        decimal.TryParse(digits.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d > 0 && d < 100_000 ? d : null;

    /// <summary>A country named in running text ("shipping to Austria?"). Two-letter codes count only in capitals
    /// after "to"/"in" ("ship to AT"): "in" and "at" are English words.</summary>
    private static string? CountryIn(string text)
    {
        foreach (Match m in CountryWordsPattern().Matches(text))
            // "uk" is the one two-letter word shoppers write for a country in lower case ("shipping to the uk?").
            if (SlotValidators.ParseCountry(m.Value) is { } code && (m.Value.Length > 2 || m.Value.Equals("uk", StringComparison.OrdinalIgnoreCase))) return code;
        if (CountryCodePattern().Match(text) is { Success: true } c && SlotValidators.ParseCountry(c.Groups[1].Value) is { } iso
            && KnownCodes.Contains(iso)) return iso;
        return null;
    }

    internal static readonly HashSet<string> KnownCodes = ["DE", "AT", "CH", "FR", "IT", "ES", "NL", "BE", "PL", "DK", "SE", "GB", "UK", "IE", "US", "PT", "CZ", "LU", "NO", "FI"];

    private static string? SizeIn(string text)
    {
        if (SizePattern().Match(text) is { Success: true } m) return m.Groups[1].Value.ToUpperInvariant();
        return null;
    }

    private static string? ColourIn(string text)
    {
        foreach (Match m in WordPattern().Matches(text.ToLowerInvariant()))
            if (Colours.TryGetValue(m.Value, out var colour)) return colour;
        return null;
    }

    private static string? PostcodeIn(string text)
    {
        // A postcode is only looked for without an order number in the same breath (W100001's digits are not one).
        var withoutOrders = Regex.Replace(text, @"#?[Ww][\s-]?\d{6}", " ");
        return PostcodePattern().Match(withoutOrders) is { Success: true } m ? m.Value.ToUpperInvariant().Replace(" ", "") : null;
    }

    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["black"] = "Black", ["white"] = "White", ["blue"] = "Blue", ["navy"] = "Navy", ["red"] = "Red", ["green"] = "Green",
        ["grey"] = "Grey", ["gray"] = "Grey", ["silver"] = "Silver", ["beige"] = "Beige", ["pink"] = "Pink", ["yellow"] = "Yellow",
        ["brown"] = "Brown", ["orange"] = "Orange", ["purple"] = "Purple",
    };

    // "20-30", "20–30 euros", "between 20 and 30", "€20 to €30"
    [GeneratedRegex(@"(?:between\s+)?[€$£]?\s?(?<a>\d{1,5}(?:[.,]\d{1,2})?)\s?(?:euros?|eur|€)?\s*(?:-|–|to|and)\s*[€$£]?\s?(?<b>\d{1,5}(?:[.,]\d{1,2})?)\s?(?:euros?|eur|€|bucks|quid)?(?=\W|$)", RegexOptions.IgnoreCase)]
    private static partial Regex RangePattern();

    // "under €50", "below 50 euros", "less than 50", "max 50", "up to 50", "no more than 50", "50 or less", "budget of 50"
    [GeneratedRegex(@"(?:under|below|less\s+than|cheaper\s+than|max(?:imum)?|up\s+to|no\s+more\s+than|not\s+more\s+than|at\s+most|budget\s+(?:is\s+|of\s+)?(?:about\s+|around\s+)?|<)\s*[€$£]?\s?(?<a>\d{1,5}(?:[.,]\d{1,2})?)\s?(?:euros?|eur|€|bucks|quid)?", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPattern();

    // "over 100 euros", "more than 100", "at least 100"
    [GeneratedRegex(@"(?:over|above|more\s+than|at\s+least|from)\s*[€$£]?\s?(?<a>\d{1,5}(?:[.,]\d{1,2})?)\s?(?:euros?|eur|€)(?=\W|$)", RegexOptions.IgnoreCase)]
    private static partial Regex MinPattern();

    [GeneratedRegex(@"\b(?:cheap|cheaper|cheapest|inexpensive|affordable|budget|low[\s-]cost|not\s+too\s+expensive|on\s+a\s+budget)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CheapPattern();

    [GeneratedRegex(@"\b(?:united\s+kingdom|united\s+states|great\s+britain|czech\s+republic|[A-Za-z]{4,}|uk|usa)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountryWordsPattern();

    [GeneratedRegex(@"\b(?:to|in|for)\s+(?:the\s+)?([A-Z]{2})\b")]
    private static partial Regex CountryCodePattern();

    // "size 44", "in 44", "size M", "a 42", "EU 39", "in XL"
    [GeneratedRegex(@"\b(?:size|sz|eu|in|a)\s+(\d{2}(?:\.5)?|XXS|XS|S|M|L|XL|XXL|xxs|xs|xl|xxl)\b(?!\s*(?:€|eur|euro|cm|mm|gb|w|days?|%))")]
    private static partial Regex SizePattern();

    // German/Austrian/French 4-5 digit postcodes, UK ("SW1A 1AA"), Dutch ("1012 AB").
    [GeneratedRegex(@"(?<![\w@.])(?:\d{4,5}|[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2}|\d{4}\s?[A-Za-z]{2})(?![\w@])")]
    private static partial Regex PostcodePattern();

    // A discount code: letters then one to three digits ("SUMMER20", "welcome10"); order numbers have six.
    [GeneratedRegex(@"\b(?![Ww]\d)[A-Za-z]{3,12}\d{1,3}\b")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
