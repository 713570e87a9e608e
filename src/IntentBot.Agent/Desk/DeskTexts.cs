using System.Globalization;

namespace IntentBot.Agent.Desk;

/// <summary>What the customer is told by the desk (as the bot) around a handoff.</summary>
internal static class DeskTexts
{
    public static string ExpectedWait(int ahead, int minutes) => ahead == 0
        ? $"You're next in line: someone should be with you in about {Minutes(minutes)}. You can keep writing here; they'll see it."
        : $"There {(ahead == 1 ? "is 1 person" : $"are {ahead} people")} ahead of you; the expected wait is about {Minutes(minutes)}. You can keep writing here; they'll see it.";

    public static string OutOfHours(string hours, DateTime nextOpening, string? email) =>
        $"Our team answers {hours}, so nobody is here right now. Someone will reply after we open on " +
        $"{nextOpening.ToString("dddd", CultureInfo.InvariantCulture)} at {nextOpening:HH\\:mm}. Leave your message here" +
        (string.IsNullOrWhiteSpace(email) ? "" : $" or e-mail us at {email}") + " and we'll get back to you.";

    public static string HandedBack(string agent) => $"{agent} has handed you back to me, the shop's assistant. How else can I help?";

    public static string Closed(string agent) => $"{agent} has closed this conversation. Thank you for contacting us! Write again any time.";

    private static string Minutes(int minutes) => minutes == 1 ? "1 minute" : $"{minutes} minutes";
}
