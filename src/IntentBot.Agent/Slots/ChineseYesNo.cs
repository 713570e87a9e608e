namespace IntentBot.Agent.Slots;

/// <summary>
/// A short Chinese yes or no ("是的", "好的", "对", "可以", "没问题" / "不用了", "不要", "算了"), for forms and for the
/// bot's own yes/no questions.
/// </summary>
/// <remarks>
/// Chinese has no word for yes: the answer repeats the verb or says it is right, good or fine, and closes with a
/// particle (的, 了, 啊, 吧). The particles and a polite "thanks" are stripped and what is left must be a whole
/// answer, so a question that starts the same way ("可以退货吗") is not a yes.
/// </remarks>
public static class ChineseYesNo
{
    public static string? Parse(string text)
    {
        var rest = text.Trim().TrimEnd('。', '！', '!', '.', '，', ',', '~', '～', ' ');
        foreach (var thanks in Thanks)
            if (rest.EndsWith(thanks, StringComparison.Ordinal)) rest = rest[..^thanks.Length].TrimEnd('，', ',', ' ', '。');
        if (rest.Length is 0 or > 6 || !rest.Any(c => c is >= '\u4e00' and <= '\u9fff')) return null;
        var core = rest.TrimEnd(Particles);
        if (core.Length == 0) core = rest[..1];
        return Yes.Contains(core) ? "yes" : No.Contains(core) ? "no" : null;
    }

    private static readonly char[] Particles = ['的', '了', '啊', '呀', '吧', '哦', '喔', '嗯', '呢'];

    private static readonly string[] Thanks = ["谢谢你", "谢谢您", "谢谢"];

    private static readonly HashSet<string> Yes =
    [
        "是", "对", "好", "嗯", "行", "可以", "要", "需要", "确认", "确定", "没问题", "当然", "好滴", "可", "是是", "对对", "好好", "行啊", "麻烦你", "麻烦您",
    ];

    private static readonly HashSet<string> No =
    [
        "不", "不用", "不要", "不需要", "算", "不是", "不对", "否", "不行", "不可以", "别", "没有", "不必", "暂时不用", "先不用", "不了",
    ];
}
