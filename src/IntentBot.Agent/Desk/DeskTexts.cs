using System.Globalization;
using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Desk;

/// <summary>What the customer is told by the desk (as the bot) around a handoff, in English or in Chinese.</summary>
internal static class DeskTexts
{
    public static string ExpectedWait(int ahead, int minutes, bool chinese = false) => chinese
        ? (ahead == 0 ? $"下一位就是您：大约 {minutes} 分钟内会有客服同事为您服务。" : $"您前面还有 {ahead} 位顾客，预计等待约 {minutes} 分钟。") + "您可以继续在这里留言，客服都能看到。"
        : ahead == 0
        ? $"You're next in line: someone should be with you in about {Minutes(minutes)}. You can keep writing here; they'll see it."
        : $"There {(ahead == 1 ? "is 1 person" : $"are {ahead} people")} ahead of you; the expected wait is about {Minutes(minutes)}. You can keep writing here; they'll see it.";

    public static string OutOfHours(string hours, DateTime nextOpening, string? email, bool chinese = false) => chinese
        ? $"我们的客服工作时间为 {hours}，现在暂时无人值守。开门后（{ChineseHours.Weekdays[(int)nextOpening.DayOfWeek]} {nextOpening:HH\\:mm}）会有同事回复您。请在这里留言" +
          (string.IsNullOrWhiteSpace(email) ? "" : $"，或发送邮件至 {email}") + "，我们会尽快联系您。"
        : $"Our team answers {hours}, so nobody is here right now. Someone will reply after we open on " +
          $"{nextOpening.ToString("dddd", CultureInfo.InvariantCulture)} at {nextOpening:HH\\:mm}. Leave your message here" +
          (string.IsNullOrWhiteSpace(email) ? "" : $" or e-mail us at {email}") + " and we'll get back to you.";

    public static string HandedBack(string agent, bool chinese = false) => chinese
        ? $"{agent} 已将对话交还给我（店铺的智能客服）。还有什么可以帮您的吗？"
        : $"{agent} has handed you back to me, the shop's assistant. How else can I help?";

    public static string Closed(string agent, bool chinese = false) => chinese
        ? $"{agent} 已结束本次对话。感谢您的咨询，欢迎随时再来！"
        : $"{agent} has closed this conversation. Thank you for contacting us! Write again any time.";

    private static string Minutes(int minutes) => minutes == 1 ? "1 minute" : $"{minutes} minutes";
}
