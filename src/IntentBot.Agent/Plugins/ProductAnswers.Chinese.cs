using System.Globalization;
using System.Text.RegularExpressions;
using IntentBot.Shop;
using IntentBot.Shop.Rules;

namespace IntentBot.Agent.Plugins;

/// <summary>The same answers from a product's record for a question asked in Chinese ("这个多少钱", "有黑色的吗", "有 44 码吗").</summary>
public static partial class ProductAnswers
{
    public static string? AnswerChinese(Product p, string question)
    {
        if (ChineseSizePattern().Match(question) is { Success: true } sized || question.Contains("尺码", StringComparison.Ordinal) || question.Contains("码数", StringComparison.Ordinal))
            return SizesChinese(p, ChineseSizePattern().Match(question) is { Success: true } m ? m.Groups[1].Value.ToUpperInvariant() : null);
        if (Regex.IsMatch(question, "材质|面料|材料|什么做的"))
            return Attribute(p, "material") is { } material ? $"{p.Name} 的材质是 {Engine.ChineseMaterials.Translate(material)}。" : $"抱歉，我这里没有 {p.Name} 的材质信息。";
        if (Regex.IsMatch(question, "多少钱|价格|价钱|贵不贵|便宜"))
            return $"{p.Name} 的价格是 {Money.Format(p.Price, p.Currency)}。";
        if (Regex.IsMatch(question, "颜色|什么色") || ChineseColours.Keys.Any(question.Contains))
            return ColourChinese(p, ChineseColours.FirstOrDefault(c => question.Contains(c.Key, StringComparison.Ordinal)));
        if (Regex.IsMatch(question, "电磁炉"))
            return Attribute(p, "induction") is { } induction
                ? (induction.StartsWith("y", StringComparison.OrdinalIgnoreCase) ? $"可以，{p.Name} 适用于电磁炉。" : $"不可以，{p.Name} 不适用于电磁炉。")
                : $"抱歉，我这里没有 {p.Name} 是否适用电磁炉的信息。";
        if (Regex.IsMatch(question, "兼容|适用|适配|能用在|能配"))
            return Attribute(p, "compatibility") is { } compatible ? $"{p.Name} 适用于 {compatible}。" : null;
        if (Regex.IsMatch(question, "有货|库存|现货|缺货|补货|还有吗|有没有货|能买"))
            return p.Stock switch
            {
                0 => $"{p.Name} 目前缺货，暂时还没有补货日期。",
                < 5 => $"{p.Name} 有货，但只剩 {p.Stock.ToString(CultureInfo.InvariantCulture)} 件了。",
                _ => $"{p.Name} 有货，可以立即发货。",
            };
        return null;
    }

    private static string SizesChinese(Product p, string? size)
    {
        if (Attribute(p, "sizes") is not { } sizes) return $"{p.Name} 只有一个尺码。";
        if (size is null) return $"{p.Name} 的尺码有：{sizes}。";
        var all = sizes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var stock = p.InStock ? "" : "不过目前缺货。";
        return all.Contains(size, StringComparer.OrdinalIgnoreCase)
            ? $"有的，{p.Name} 有 {size} 码（尺码：{sizes}）。{stock}"
            : $"抱歉，{p.Name} 没有 {size} 码，现有尺码：{sizes}。";
    }

    private static string ColourChinese(Product p, KeyValuePair<string, string> asked)
    {
        if (Attribute(p, "colour") is not { } colour) return $"抱歉，我这里没有 {p.Name} 的颜色信息，请看商品卡片中的图片。";
        if (asked.Key is null) return $"{p.Name} 的颜色是 {Engine.ChineseNames.Colour(colour)}。";
        return colour.Contains(asked.Value, StringComparison.OrdinalIgnoreCase)
            ? $"有的，{p.Name} 有{asked.Key}（{colour}）。"
            : $"抱歉，{p.Name} 没有{asked.Key}，现有颜色：{Engine.ChineseNames.Colour(colour)}。";
    }

    // The colour a question names, and the English word the catalog's colour attribute would contain.
    private static readonly Dictionary<string, string> ChineseColours = new(StringComparer.Ordinal)
    {
        ["黑色"] = "black", ["白色"] = "white", ["红色"] = "red", ["蓝色"] = "blue", ["绿色"] = "green", ["灰色"] = "grey",
        ["黄色"] = "yellow", ["粉色"] = "pink", ["紫色"] = "purple", ["棕色"] = "brown", ["米色"] = "beige", ["银色"] = "silver",
        ["金色"] = "gold", ["橙色"] = "orange",
    };

    [GeneratedRegex(@"(\d{2}(?:\.5)?|XXS|XS|S|M|L|XL|XXL|xxs|xs|xl|xxl)\s*(?:码|号)")]
    private static partial Regex ChineseSizePattern();
}
