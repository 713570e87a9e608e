using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>One Chinese message read (scripted) as one intent, in a new conversation of <paramref name="user"/>.</summary>
internal static class ChineseChat
{
    public static async Task<Reply> AskAsync(string text, string intent, string user = "guest-zh")
    {
        var chat = AgentHarness.Create(classifier: NewScript().Reads(text, Reading.Of(intent, 0.95))).Start(user);
        return await chat.SayAsync(text);
    }
}
