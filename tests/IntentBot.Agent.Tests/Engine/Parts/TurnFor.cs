using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Engine;
using IntentBot.Context.State;
using IntentBot.Nlu.Classification;
using IntentBot.Protocol.Activities;

namespace IntentBot.Agent.Tests.Engine.Parts;

/// <summary>A turn on a fresh conversation, for testing the runner's parts on their own.</summary>
internal static class TurnFor
{
    public static Turn Message(string text, string? language = null)
    {
        var neutral = new SentimentResult("neutral", 0.9f, new SentimentScores(0.05f, 0.9f, 0.05f));
        var intent = new IntentScore("greeting", "small_talk", 0.9f);
        var turn = new Turn
        {
            Incoming = new Activity { Type = ActivityTypes.Message, Text = text, ChannelId = "test" },
            Text = text,
            Nlu = new ClassificationResult(intent, [intent], false, neutral, false),
            Original = new ConversationState { ConversationId = "c1", UserId = "u1" },
            ConversationVersion = 0,
            Profile = new UserProfile { UserId = "u1" },
            ProfileVersion = 0,
            Signals = CustomerSignals.None,
        };
        turn.Memory.Language = language;
        return turn;
    }
}
