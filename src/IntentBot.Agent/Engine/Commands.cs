namespace IntentBot.Agent.Engine;

/// <summary>Words that steer the conversation itself; recognised before (and instead of) the classifier.</summary>
internal enum Command { None, Cancel, StartOver }

internal static class Commands
{
    private static readonly HashSet<string> Cancel = new(StringComparer.OrdinalIgnoreCase)
        { "cancel", "stop", "never mind", "nevermind", "forget it", "cancel that", "quit", "abort", "stop that", "停止", "不办了", "不用办了" };

    private static readonly HashSet<string> StartOver = new(StringComparer.OrdinalIgnoreCase)
        { "start over", "restart", "reset", "start again", "begin again", "main menu", "menu", "重新开始", "重来", "主菜单" };

    public static Command Parse(string text)
    {
        var t = text.Trim().TrimEnd('.', '!', '?', '。', '！', '？').Trim();
        return Cancel.Contains(t) ? Command.Cancel : StartOver.Contains(t) ? Command.StartOver : Command.None;
    }
}
