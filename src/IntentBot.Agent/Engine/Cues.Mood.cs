using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// The mood cues of a Chinese message: a plain question or request ("你们几点开门？我想取消订单") and the words of an upset
/// shopper ("怎么还没到", "太差了"). English questions are told by their first word or "?", which Chinese has neither of.
/// </summary>
internal static partial class Cues
{
    /// <summary>A Chinese question (a full-width question mark, a question particle or word) or a request ("请…", "我想…").</summary>
    public static bool IsPlainChinese(string text) => ChineseQuestionPattern().IsMatch(text) || PoliteRequestPattern().IsMatch(text);

    /// <summary>Words of an upset Chinese shopper, and doubled "！！" or "？？".</summary>
    public static bool SoundsUpsetInChinese(string text) => ChineseUpsetPattern().IsMatch(text);

    [GeneratedRegex(@"？|吗|呢|几点|几天|什么|怎么|怎样|多少|多久|哪|是否|能否|请问|有没有|可不可以|能不能")]
    private static partial Regex ChineseQuestionPattern();

    // A request that opens politely or says what the shopper wants ("我想买毛衣": the model reads it 0.70 negative).
    [GeneratedRegex(@"^\s*(?:请|麻烦|劳驾|您好|你好|我想|我要|我需要|想要|帮我)")]
    private static partial Regex PoliteRequestPattern();

    // "怎么还" and "还没" make a question a complaint ("怎么还没到？"); so do insults and "到底".
    [GeneratedRegex(@"还没|怎么还|到底|一直没|根本|气死|生气|愤怒|太差|差劲|垃圾|骗子|骗人|离谱|失望|受不了|无语|坑人|破[东网店]|烂|恶心|投诉|！！|？？")]
    private static partial Regex ChineseUpsetPattern();
}
