using System.Globalization;
using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Opening hours in Chinese: the shop's hours line ("Mon-Fri 8:00-20:00, Sat 9:00-16:00 (CET)") read as days, times
/// and a time zone and written again in Chinese ("周一至周五 8:00-20:00，周六 9:00-16:00（欧洲中部时间）").
/// </summary>
/// <remarks>
/// An hours line is a small language of its own (day names, ranges, clock times, a zone), so it can be written in
/// Chinese from its parts rather than translated as a sentence. A line with words outside it ("except public
/// holidays") gives null: the caller keeps the shop's own line rather than half of it in Chinese.
/// </remarks>
internal static partial class ChineseHours
{
    /// <summary>Chinese weekday names indexed by <see cref="DayOfWeek"/> (Sunday first).</summary>
    public static readonly string[] Weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    public static string? Translate(string hours)
    {
        var text = TwelveHourPattern().Replace(hours, m => TwentyFourHour(m));
        text = DayRangePattern().Replace(text, m => $"{Day(m.Groups["from"].Value)}至{Day(m.Groups["to"].Value)}");
        text = DayPattern().Replace(text, m => Day(m.Value));
        foreach (var (english, chinese) in Phrases) text = Regex.Replace(text, english, chinese, RegexOptions.IgnoreCase);
        text = TimeRangePattern().Replace(text, m => $"{m.Groups["from"].Value}-{m.Groups["to"].Value}");
        text = ZonePattern().Replace(text, m => $"（{Zone(m.Groups["zone"].Value)}）");
        text = text.Replace(", ", "，").Replace(",", "，").Replace(" (", "（").Replace("(", "（").Replace(")", "）").Replace(" & ", "、").Trim();
        return WordPattern().IsMatch(text) ? null : text;
    }

    /// <summary>"周一至周五" for Monday…Friday, "周六、周日" for two days, "每天" for all seven: consecutive days as ranges.</summary>
    public static string Days(IEnumerable<DayOfWeek> days)
    {
        var ordered = days.Distinct().Select(d => ((int)d + 6) % 7).Order().ToList(); // Monday = 0
        if (ordered.Count == 7) return "每天";
        var runs = new List<List<int>>();
        foreach (var day in ordered)
            if (runs.Count > 0 && runs[^1][^1] == day - 1) runs[^1].Add(day);
            else runs.Add([day]);
        string Name(int mondayFirst) => Weekdays[(mondayFirst + 1) % 7];
        return string.Join("、", runs.Select(r => r.Count >= 3 ? $"{Name(r[0])}至{Name(r[^1])}" : string.Join("、", r.Select(Name))));
    }

    /// <summary>A time zone in words: "柏林时间" for Europe/Berlin, "欧洲中部时间" for CET; an unknown id as it is.</summary>
    public static string Zone(string zone) => Zones.TryGetValue(zone.Trim(), out var chinese) ? chinese : zone.Trim();

    private static string Day(string english) => Weekdays[english[..3].ToLowerInvariant() switch
    {
        "sun" => 0, "mon" => 1, "tue" => 2, "wed" => 3, "thu" => 4, "fri" => 5, _ => 6,
    }];

    private static string TwentyFourHour(Match m)
    {
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) % 12;
        if (m.Groups["ampm"].Value.StartsWith('p') || m.Groups["ampm"].Value.StartsWith('P')) hour += 12;
        return $"{hour}:{(m.Groups["m"].Success ? m.Groups["m"].Value : "00")}";
    }

    private static readonly (string English, string Chinese)[] Phrases =
    [
        (@"\b(?:every\s*day|daily|7\s+days\s+a\s+week)\b", "每天"), (@"\bweekdays\b", "工作日"), (@"\bweekends?\b", "周末"),
        (@"\bclosed\b", "休息"), (@"\baround\s+the\s+clock\b|\b24/7\b", "全天 24 小时"), (@"\s+and\s+", "、"), (@":\s+", " "),
    ];

    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CET"] = "欧洲中部时间", ["CEST"] = "欧洲中部夏令时间", ["Europe/Berlin"] = "柏林时间", ["Europe/Vienna"] = "维也纳时间",
        ["Europe/Paris"] = "巴黎时间", ["Europe/Amsterdam"] = "阿姆斯特丹时间", ["Europe/London"] = "伦敦时间",
        ["GMT"] = "格林尼治时间", ["Asia/Shanghai"] = "北京时间", ["China Standard Time"] = "北京时间", ["W. Europe Standard Time"] = "欧洲中部时间",
    };

    private const string DayName = @"(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday|s|\.)?";

    [GeneratedRegex($@"\b(?<from>{DayName})\s*(?:-|–|to|through|until)\s*(?<to>{DayName})(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex DayRangePattern();

    [GeneratedRegex($@"\b{DayName}(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex DayPattern();

    [GeneratedRegex(@"\b(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?<ampm>[ap]\.?m\.?)(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex TwelveHourPattern();

    [GeneratedRegex(@"(?<from>\d{1,2}:\d{2})\s*(?:-|–|to|until)\s*(?<to>\d{1,2}:\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex TimeRangePattern();

    [GeneratedRegex(@"\s*\((?<zone>[A-Za-z][A-Za-z/_ .]+)\)")]
    private static partial Regex ZonePattern();

    // Any Latin word left (two letters or more) is a word this class does not know; a zone code in capitals is not.
    [GeneratedRegex(@"(?<![A-Za-z])(?![A-Z]{2,5}(?![A-Za-z]))[A-Za-z]{2,}")]
    private static partial Regex WordPattern();
}
