using IntentBot.Agent.Llm;
using Microsoft.SemanticKernel.ChatCompletion;

namespace IntentBot.Agent.Tests.Llm;

public sealed class LlmPromptsTests
{
    private static FreeFormRequest Request(string text, string sentiment, params string[] turns) =>
        new("u", "c", text, "out_of_scope", 0.4f, true, sentiment, turns);

    [Fact]
    public void Only_the_last_turns_are_kept_and_the_chat_alternates_from_a_user_turn()
    {
        var history = LlmPrompts.BuildHistory("SYSTEM", Request("and now?", "neutral",
            "customer: very old", "bot: old answer", "customer: hi", "bot: hello", "noise without a speaker", "bot: anything else?"), maxRecentTurns: 3);

        // "noise" is dropped, the kept window starts at "bot: hello", which cannot open the chat.
        Assert.Equal([AuthorRole.System, AuthorRole.User], history.Select(m => m.Role));
        Assert.Equal("and now?", history[^1].Content);
    }

    [Fact]
    public void No_recent_turns_gives_system_and_question()
    {
        var history = LlmPrompts.BuildHistory("SYSTEM", Request("  where is my parcel?  ", "positive"), maxRecentTurns: 6);

        Assert.Equal(2, history.Count);
        Assert.Equal("SYSTEM", history[0].Content);
        Assert.Equal("where is my parcel?", history[1].Content);
    }

    [Fact]
    public void A_negative_sentiment_asks_for_acknowledgement_in_the_system_message()
    {
        var history = LlmPrompts.BuildHistory("SYSTEM", Request("this is the third time!", "negative"), maxRecentTurns: 6);

        Assert.StartsWith("SYSTEM", history[0].Content);
        Assert.Contains("unhappy", history[0].Content);
    }

    [Fact]
    public void Long_turns_are_shortened_and_zero_turns_sends_none()
    {
        var longTurn = "customer: " + new string('a', 2000);
        var kept = LlmPrompts.BuildHistory("S", Request("q", "neutral", longTurn, "bot: ok"), maxRecentTurns: 6);
        var none = LlmPrompts.BuildHistory("S", Request("q", "neutral", longTurn, "bot: ok"), maxRecentTurns: 0);

        Assert.True(kept[1].Content!.Length <= 501);
        Assert.Equal(2, none.Count);
    }
}
