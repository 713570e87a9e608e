using System.Text.RegularExpressions;

namespace IntentBot.Agent.Slots;

/// <summary>The parts of a postal address a message gives; each null when not given.</summary>
public sealed record AddressParts(string? Street, string? Postcode, string? City, string? Country)
{
    public bool IsEmpty => Street is null && Postcode is null && City is null && Country is null;

    /// <summary>The part an address slot of this type takes, or null.</summary>
    public string? For(string slotType) => slotType switch
    {
        SlotValidators.Street => Street,
        SlotValidators.PostalCode => Postcode,
        SlotValidators.City => City,
        SlotValidators.Country => Country,
        _ => null,
    };
}

/// <summary>
/// Reads a whole or partial address from what a shopper typed, in a request ("change the address on W100002 to
/// Lindenstr 5, 04109 Leipzig") or as an answer ("12345 Berlin", "Musterweg 1, 1010 Wien, Austria"): a street only
/// with letters and a house number, a postcode with the city after it, a country by name or code.
/// </summary>
/// <remarks>
/// Deliberately strict about the street: it is saved on a real parcel, so "forget it, cancel" or "yes" must never be
/// taken as one (a street needs a word of at least two letters and a house number, and a message that only says
/// stop is <see cref="Engine.Cues.LeavesForm"/>). A city alone is taken only when the city was asked for.
/// </remarks>
public static partial class AddressParser
{
    /// <summary>The address parts in <paramref name="text"/>; <paramref name="asked"/> is the slot type the bot asked for
    /// (a bare word is a city only when the city was asked).</summary>
    public static AddressParts Read(string text, string? asked = null)
    {
        if (Engine.Cues.LeavesForm(text)) return new AddressParts(null, null, null, null);
        string? street = null, postcode = null, city = null, country = null;
        var withoutOrders = OrderNumberPattern().Replace(text, " ");
        foreach (var raw in withoutOrders.Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.TrimEnd('.', '!', '?').Trim();
            if (CountryOf(segment) is { } named) { country = named; continue; }
            // "1010 Wien Austria": a country at the end of a segment.
            if (TrailingCountry(segment) is var (rest, trailing)) { country = trailing; segment = rest; }
            // "Hauptstrasse 1234" is a street with a long house number, not a postcode without its city.
            if (PostcodeCityPattern().Match(segment) is { Success: true } pc
                && (pc.Groups["before"].Value.Length == 0 || pc.Groups["city"].Value.Trim().Length > 0))
            {
                postcode = pc.Groups["pc"].Value.ToUpperInvariant();
                if (CityName(pc.Groups["city"].Value) is { } c) city = c;
                if (StreetIn(pc.Groups["before"].Value) is { } s) street = s;
                continue;
            }
            if (StreetIn(segment) is { } found) { street = found; continue; }
            if (asked == SlotValidators.City && city is null && CityName(segment) is { } only) city = only;
        }
        return new AddressParts(street, postcode, city, country);
    }

    /// <summary>A street with its house number: the words right before the number, without the request around them
    /// ("to Lindenstr 5" → "Lindenstr 5"), or a number before the words ("221B Baker Street").</summary>
    private static string? StreetIn(string segment)
    {
        // "Musterweg 1 now please": words of the request after the house number are not the street's.
        var kept = segment.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (kept.Count > 0 && RequestWords.Contains(kept[^1].ToLowerInvariant())) kept.RemoveAt(kept.Count - 1);
        var text = string.Join(' ', kept);
        if (text.Length == 0 || Engine.Cues.LeavesForm(text)) return null;
        if (NumberFirstPattern().Match(text) is { Success: true } first && HasNameWord(first.Groups["name"].Value))
            return first.Value.Trim();
        if (StreetPattern().Match(text) is not { Success: true } m) return null;
        var words = m.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Walk back from the number while the words are the street's, not the request's ("change address on ... to").
        var start = words.Length;
        while (start > 0 && !RequestWords.Contains(words[start - 1].ToLowerInvariant())) start--;
        var name = string.Join(' ', words[start..]);
        return HasNameWord(name) ? $"{name} {m.Groups["number"].Value}" : null;
    }

    private static bool HasNameWord(string name) =>
        WordPattern().Matches(name).Any(w => w.Value.Length >= 2 && w.Value.Any(char.IsLetter) && !RequestWords.Contains(w.Value.ToLowerInvariant()));

    private static string? CityName(string text)
    {
        var t = text.Trim().TrimEnd('.', '!', '?').Trim();
        if (t.Length < 2 || t.Length > 40 || t.Any(char.IsDigit) || !t.Any(char.IsLetter) || Engine.Cues.LeavesForm(t)) return null;
        if (SlotValidators.ParseYesNo(t) is not null || t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 4) return null;
        return t;
    }

    /// <summary>A country by name, or by its code written alone ("DE", "at"): only the shop's usual destinations.</summary>
    private static string? CountryOf(string segment) =>
        SlotValidators.ParseCountry(segment) is { } code && (segment.Trim().Length > 2 || Engine.Entities.KnownCodes.Contains(code)) ? code : null;

    private static (string Before, string Code)? TrailingCountry(string segment)
    {
        var at = segment.LastIndexOf(' ');
        if (at <= 0) return null;
        var last = segment[(at + 1)..];
        // A code at the end only in capitals ("12345 Berlin DE"): "in" or "at" ending a sentence are words.
        return (last.Length > 2 || last.All(char.IsUpper)) && CountryOf(last) is { } code ? (segment[..at].Trim(), code) : null;
    }

    private static readonly HashSet<string> RequestWords = new(StringComparer.Ordinal)
    {
        "change", "changed", "update", "my", "the", "address", "delivery", "shipping", "on", "of", "for", "order", "to", "is", "please",
        "pls", "new", "it", "should", "go", "goes", "send", "ship", "and", "i", "need", "want", "can", "could", "you", "hi", "hello",
        "at", "a", "moved", "move", "have", "now", "instead", "parcel", "package", "deliver", "so", "that", "be", "we", "our",
    };

    // "Lindenstr. 5", "Am Markt 3a", "Rue de la Paix 12", "Hauptstraße 12-14", "Musterweg 1/2"
    [GeneratedRegex(@"(?<name>\p{L}[\p{L}\p{M}.'’\- ]*?)\s*(?<number>\d{1,4}\s?[A-Za-z]?(?:\s?[-/]\s?\d{1,4}[A-Za-z]?)?)$")]
    private static partial Regex StreetPattern();

    // "221B Baker Street", "12 rue de la Paix"
    [GeneratedRegex(@"^\d{1,3}[A-Za-z]?,?\s+(?<name>\p{L}[\p{L}\p{M}.'’\- ]*)$")]
    private static partial Regex NumberFirstPattern();

    // A postcode (DE/FR/AT/CH 4-5 digits, UK "SW1A 1AA", NL "1012 AB") with the city after it and maybe a street before.
    [GeneratedRegex(@"^(?<before>.*?)\s*(?<![\w])(?<pc>\d{4,5}|[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2}|\d{4}\s?[A-Z]{2})(?![\w])\s*(?<city>[\p{L}\p{M}.'’()\- ]*)$")]
    private static partial Regex PostcodeCityPattern();

    [GeneratedRegex(@"#?[Ww][\s-]?\d{6}")]
    private static partial Regex OrderNumberPattern();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’]*")]
    private static partial Regex WordPattern();
}
