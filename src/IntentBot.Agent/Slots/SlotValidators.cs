using System.Globalization;
using System.Text.RegularExpressions;

namespace IntentBot.Agent.Slots;

/// <summary>
/// Recognises slot values in what the customer typed. While a slot is pending, these decide (not the
/// classifier): "yes", "W100001" or an e-mail address carry no intent the model could be trusted with.
/// </summary>
public static partial class SlotValidators
{
    public const string OrderNumber = "order_number";
    public const string Email = "email";
    public const string YesNo = "yes_no";
    public const string Product = "product";
    public const string Text = "text";
    public const string Number = "number";
    public const string Country = "country";
    /// <summary>Address parts (<see cref="AddressParser"/>): one answer may fill several ("Lindenstr 5, 04109 Leipzig").</summary>
    public const string Street = "street";
    public const string PostalCode = "postal_code";
    public const string City = "city";

    public static IReadOnlySet<string> Types { get; } = new HashSet<string> { OrderNumber, Email, YesNo, Product, Text, Number, Country, Street, PostalCode, City };

    /// <summary>The slot types one address answer fills together.</summary>
    public static IReadOnlySet<string> AddressParts { get; } = new HashSet<string> { Street, PostalCode, City, Country };

    /// <summary>The normalised value when <paramref name="input"/> answers a slot of this type, else null.</summary>
    /// <param name="wholeAnswer">True when the message answers a prompt (any text is a text answer); false when
    /// extracting from a message that asked for something (only recognisable values count).</param>
    public static string? Recognise(string type, string input, bool wholeAnswer)
    {
        var text = input.Trim();
        if (text.Length == 0) return null;
        return type switch
        {
            OrderNumber => OrderNumberPattern().Match(text) is { Success: true } m ? "W" + m.Groups[1].Value : null,
            Email => EmailPattern().Match(text) is { Success: true } m ? m.Value.ToLowerInvariant() : null,
            YesNo => wholeAnswer ? ParseYesNo(text) : null,
            Number => NumberPattern().Match(text) is { Success: true } m
                && decimal.TryParse(m.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture)
                : wholeAnswer ? NumberWord(text) : null,
            // A budget is a filter (budget_min/budget_max), not words to search for.
            Product => ProductReference(Engine.Entities.WithoutBudget(text), wholeAnswer) ?? (wholeAnswer ? text : null),
            Text => wholeAnswer && text.Length >= 2 ? text : null,
            Country => wholeAnswer ? ParseCountry(text) : null,
            Street or PostalCode or City => AddressParser.Read(text, wholeAnswer ? type : null).For(type),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown slot type."),
        };
    }

    /// <summary>"yes" / "no" for the usual ways of saying so, else null.</summary>
    public static string? ParseYesNo(string input)
    {
        if (ChineseYesNo.Parse(input) is { } chinese) return chinese;
        var words = WordPattern().Matches(input.ToLowerInvariant()).Select(m => m.Value).ToArray();
        if (words.Length == 0 || words.Length > 6) return null;
        var first = words[0];
        if (Yes.Contains(first) || (words.Length >= 2 && Yes.Contains(first + " " + words[1]))) return "yes";
        if (No.Contains(first) || (words.Length >= 2 && No.Contains(first + " " + words[1]))) return "no";
        return null;
    }

    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>"five", "five stars" → "5".</summary>
    private static string? NumberWord(string text)
    {
        var first = WordPattern().Match(text.ToLowerInvariant());
        var index = first.Success ? Array.IndexOf(NumberWords, first.Value) : -1;
        return index < 0 ? null : index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An ISO 3166-1 alpha-2 code from a code or the English name of a country the shop ships to often.</summary>
    public static string? ParseCountry(string input)
    {
        var t = input.Trim().TrimEnd('.', '!').Trim();
        // "no", "ok" or "ja" at the country question answers the question, not with Norway: a code that is also a
        // yes or no counts only in capitals ("NO").
        if (t.Length == 2 && char.IsAsciiLetter(t[0]) && char.IsAsciiLetter(t[1]))
            return ParseYesNo(t) is null || t.All(char.IsUpper) ? t.ToUpperInvariant() : null;
        // A Chinese shopper names the country in Chinese ("德国").
        return Countries.TryGetValue(t, out var code) ? code : Engine.ChineseNames.CountryNamed(t);
    }

    private static readonly Dictionary<string, string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["germany"] = "DE", ["deutschland"] = "DE", ["austria"] = "AT", ["switzerland"] = "CH", ["france"] = "FR", ["italy"] = "IT",
        ["spain"] = "ES", ["netherlands"] = "NL", ["belgium"] = "BE", ["poland"] = "PL", ["denmark"] = "DK", ["sweden"] = "SE",
        ["united kingdom"] = "GB", ["uk"] = "GB", ["great britain"] = "GB", ["ireland"] = "IE", ["united states"] = "US", ["usa"] = "US",
        ["portugal"] = "PT", ["czech republic"] = "CZ", ["czechia"] = "CZ", ["luxembourg"] = "LU", ["norway"] = "NO", ["finland"] = "FI",
    };

    private static readonly HashSet<string> Yes = ["yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "correct", "confirm", "confirmed",
        "absolutely", "definitely", "please", "go ahead", "do it", "of course", "right", "affirmative", "si", "ja", "oui",
        "yea", "ya", "yah", "yess", "yesss", "yas", "k", "kk", "okie", "okey", "oki", "alright", "aight", "sí"];

    private static readonly HashSet<string> No = ["no", "n", "nope", "nah", "don't", "dont", "not", "never", "negative", "no thanks", "nein", "non"];

    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "how", "much", "is", "are", "the", "a", "an", "does", "do", "did", "cost", "costs", "price", "prices", "of", "for", "what", "whats",
        "what's", "you", "have", "has", "any", "can", "could", "would", "recommend", "suggest", "me", "i", "i'm", "im", "want", "need", "looking",
        "look", "buy", "to", "some", "something", "please", "show", "tell", "about", "in", "stock", "available", "sell", "good", "best", "a",
        "it", "this", "that", "these", "those", "there", "my", "your", "with", "on", "and", "or", "get", "find", "like", "would", "like",
        "recommendation", "recommendations", "suggestion", "suggestions", "product", "products", "item", "items", "info", "information",
        "details", "currently", "right", "now", "hi", "hello", "hey", "thanks", "gift", "idea", "ideas", "which", "one", "should", "shop",
        "store", "sale", "selling", "sold", "much", "expensive", "cheap", "cheapest", "costing", "priced", "many", "ok",
    };

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    /// <summary>The words left when the question words are removed ("how much is the rain jacket" → "rain jacket").</summary>
    private static string? ProductReference(string text, bool wholeAnswer)
    {
        // The catalog's names are in Latin script: a Chinese sentence ("这个有黑色的吗") names no product by itself.
        var words = WordPattern().Matches(text).Select(m => m.Value).Where(w => !Filler.Contains(w) && !w.Any(IsHan)).ToArray();
        if (words.Length == 0) return wholeAnswer && text.Length >= 2 ? text : null;
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])#?[Ww][\s-]?(\d{6})(?!\d)")]
    private static partial Regex OrderNumberPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*")]
    private static partial Regex WordPattern();
}
