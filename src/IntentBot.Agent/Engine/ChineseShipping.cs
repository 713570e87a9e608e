using System.Text.Json;
using System.Text.RegularExpressions;
using IntentBot.Shop.Rules;

namespace IntentBot.Agent.Engine;

/// <summary>
/// The delivery options of a policies.shipping result in Chinese, from their fields: name, price, free-shipping
/// threshold, business days and carrier ("标准配送 €4.95（满 €50.00 免运费），2–3 个工作日送达，承运商 DHL").
/// </summary>
/// <remarks>
/// An option's name is the shop's English ("EU Express"); its kind (standard, express, next day) and its region (EU,
/// international) are the words it is made of, so the Chinese name is built from those. A name with other words
/// (a shop's own brand of delivery) is kept as the shop wrote it.
/// </remarks>
internal static partial class ChineseShipping
{
    /// <summary>A shipping view's options (<see cref="Plugins.ShippingView"/>), one clause each, separated by "；"; null
    /// when the JSON is not such a view.</summary>
    public static string? Options(JsonElement view)
    {
        if (!view.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array || options.GetArrayLength() == 0
            || !view.TryGetProperty("currency", out var code) || code.GetString() is not { Length: > 0 } currency) return null;
        var clauses = new List<string>();
        foreach (var o in options.EnumerateArray())
        {
            if (!o.TryGetProperty("minDays", out var min) || !o.TryGetProperty("maxDays", out var max)
                || !o.TryGetProperty("price", out var price) || !o.TryGetProperty("name", out var name)) return null;
            var free = o.TryGetProperty("freeAbove", out var f) && f.ValueKind == JsonValueKind.Number
                ? $"（满 {Money.Format(f.GetDecimal(), currency)} 免运费）" : "";
            var days = min.GetInt32() == max.GetInt32() ? $"{min.GetInt32()}" : $"{min.GetInt32()}–{max.GetInt32()}";
            var carrier = o.TryGetProperty("carrier", out var c) && c.GetString() is { Length: > 0 } by ? $"，承运商 {by}" : "";
            var chinese = Name(name.GetString() ?? "");
            // No space after a closing bracket in Chinese ("加急配送（次日达）€12.95").
            clauses.Add($"{chinese}{(chinese.EndsWith('）') ? "" : " ")}{Money.Format(price.GetDecimal(), currency)}{free}，{days} 个工作日送达{carrier}");
        }
        return string.Join("；", clauses);
    }

    /// <summary>"欧盟加急配送" for "EU Express", "加急配送（次日达）" for "Express (next business day)"; another name as it is.</summary>
    public static string Name(string english)
    {
        var words = english.ToLowerInvariant();
        var kind = words.Contains("express", StringComparison.Ordinal) ? "加急配送"
            : words.Contains("standard", StringComparison.Ordinal) ? "标准配送" : null;
        if (kind is null || !KnownWordsPattern().IsMatch(english)) return english;
        var region = words.Contains("international", StringComparison.Ordinal) ? "国际" : EuPattern().IsMatch(words) ? "欧盟" : "";
        var next = NextDayPattern().IsMatch(english) ? "（次日达）" : "";
        return region + kind + next;
    }

    [GeneratedRegex(@"^(?:\s*(?:eu|international|domestic|standard|express|delivery|shipping|\(|\)|next|business|working|day|,))+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex KnownWordsPattern();

    [GeneratedRegex(@"\beu\b")]
    private static partial Regex EuPattern();

    [GeneratedRegex(@"\bnext\s+(?:business\s+|working\s+)?day\b", RegexOptions.IgnoreCase)]
    private static partial Regex NextDayPattern();
}
