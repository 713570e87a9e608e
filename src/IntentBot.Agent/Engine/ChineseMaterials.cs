using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// A product's material in Chinese, word by word from a small vocabulary ("98% cotton, 2% elastane" → "98% 棉，2% 氨纶",
/// "Recycled polyester" → "再生聚酯纤维"); a material with a word outside it stays as the shop wrote it.
/// </summary>
internal static partial class ChineseMaterials
{
    public static string Translate(string material)
    {
        var parts = new List<string>();
        foreach (var part in material.Split([',', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var percent = PercentPattern().Match(part);
            var words = part[percent.Length..].Trim().ToLowerInvariant();
            if (!Words.TryGetValue(words, out var chinese))
            {
                // Two words: a qualifier and a material ("recycled polyester", "organic cotton").
                var space = words.IndexOf(' ', StringComparison.Ordinal);
                if (space < 0 || !Qualifiers.TryGetValue(words[..space], out var qualifier) || !Words.TryGetValue(words[(space + 1)..], out var noun))
                    return material;
                chinese = qualifier + noun;
            }
            parts.Add(percent.Success ? $"{percent.Value.Trim()} {chinese}" : chinese);
        }
        return parts.Count == 0 ? material : string.Join("，", parts);
    }

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["cotton"] = "棉", ["elastane"] = "氨纶", ["polyester"] = "聚酯纤维", ["nylon"] = "尼龙", ["linen"] = "亚麻", ["suede"] = "麂皮",
        ["leather"] = "皮革", ["wool"] = "羊毛", ["merino wool"] = "美利奴羊毛", ["viscose"] = "粘胶纤维", ["canvas"] = "帆布", ["latex"] = "乳胶",
        ["cork"] = "软木", ["memory foam"] = "记忆棉", ["cast iron"] = "铸铁", ["steel"] = "钢", ["stainless steel"] = "不锈钢",
        ["aluminium"] = "铝", ["aluminum"] = "铝", ["non-stick"] = "不粘涂层", ["cotton blend"] = "棉混纺", ["tpe"] = "TPE", ["glass"] = "玻璃",
        ["plastic"] = "塑料", ["silicone"] = "硅胶", ["wood"] = "木", ["bamboo"] = "竹",
    };

    private static readonly Dictionary<string, string> Qualifiers = new(StringComparer.Ordinal)
    {
        ["recycled"] = "再生", ["organic"] = "有机", ["vegan"] = "纯素",
    };

    [GeneratedRegex(@"^\s*\d{1,3}(?:[.,]\d+)?\s*%\s*")]
    private static partial Regex PercentPattern();
}
