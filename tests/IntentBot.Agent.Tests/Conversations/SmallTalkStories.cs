using IntentBot.Agent.Llm;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Protocol.Activities;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>Welcome, greeting, thanks, goodbye, out of scope, contact details, reviews (clarification: Rules/ClarifyThresholdTests).</summary>
public sealed class SmallTalkStories
{
    [Fact]
    public async Task Joining_the_conversation_gets_a_welcome_with_suggested_actions()
    {
        var chat = AgentHarness.Create().Start("c1001");
        var reply = await chat.SendAsync(new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            MembersAdded = [new ChannelAccount { Id = "bot" }, new ChannelAccount { Id = "c1001" }],
        });
        reply.Says("Hi!", "track orders").Offers("Track an order", "Return for a refund", "Recommend something", "Talk to a person");
        Assert.Single(reply.Messages);
    }

    [Fact]
    public async Task A_conversation_started_in_chinese_is_welcomed_in_chinese_with_chinese_buttons()
    {
        var chat = AgentHarness.Create().Start("c1001");
        var reply = await chat.SendAsync(new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Locale = "zh-CN",
            MembersAdded = [new ChannelAccount { Id = "bot" }, new ChannelAccount { Id = "c1001" }],
        });
        reply.Says("您好", "查询订单");
        var buttons = reply.Messages.Single().SuggestedActions!.Actions;
        Assert.Equal(4, buttons.Count);
        Assert.All(buttons, b => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", b.Title));
        Assert.All(buttons, b => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", b.Value!.Value.GetString()!));
    }

    [Fact]
    public async Task Only_the_bot_joining_gets_no_welcome()
    {
        var chat = AgentHarness.Create().Start("c1001");
        var reply = await chat.SendAsync(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [new ChannelAccount { Id = "bot" }] });
        Assert.Empty(reply.Activities);
    }

    [Fact]
    public async Task Greeting_thanks_and_goodbye_are_natural()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("good morning")).Says("Hi Anna!", "How can I help").Offers("Track an order");
        (await chat.SayAsync("thank you so much")).Says("You're welcome");
        (await chat.SayAsync("bye")).Says("Goodbye");
    }

    [Fact]
    public async Task A_visitor_who_is_not_a_shop_customer_is_greeted_without_a_name()
    {
        var chat = AgentHarness.Create().Start("visitor-7");
        (await chat.SayAsync("hello")).Says("Hi there!");
        Assert.Null((await chat.ProfileAsync()).Name);
    }

    [Fact]
    public async Task Out_of_scope_is_declined_politely_with_what_the_bot_can_do()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("what is the weather in Paris")).Says("can't help with that", "track your orders")
            .Offers("Track an order", "Recommend something", "Talk to a person");
        Assert.Equal("out_of_scope", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task Out_of_scope_uses_the_free_form_responder_when_it_answers()
    {
        var chat = AgentHarness.Create(freeForm: new FixedResponder("Paris is sunny today, I hear.")).Start("c1001");
        (await chat.SayAsync("what is the weather in Paris")).Says("Paris is sunny").DoesNotSay("can't help");
    }

    [Fact]
    public async Task Contact_customer_service_gives_contact_details()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("how can I contact customer service")).Says("@").Offers("Talk to a person");
    }

    [Fact]
    public async Task Review_asks_for_stars_and_words()
    {
        // The answers are read as a model might (none sure enough of a new request to interrupt): the slot's
        // validators decide what they mean.
        var nlu = Scripted.NewScript()
            .Reads("I want to leave a review", Reading.Of("review", 0.95))
            .Reads("I don't know", Reading.Of("contact_human_agent", 0.6))
            .Reads("five", Reading.Of("review", 0.4))
            .Reads("Tom & Jerry <3 the jacket", Reading.Of("review", 0.7).Positive(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("I want to leave a review")).Says("How many stars");
        (await chat.SayAsync("I don't know")).Says("number from 1 to 5");
        (await chat.SayAsync("five")).Says("what would you like to tell us");
        (await chat.SayAsync("Tom & Jerry <3 the jacket")).Says("5-star review", "\"Tom & Jerry <3 the jacket\"").DoesNotSay("&amp;", "&lt;");
    }

    private sealed class FixedResponder(string answer) : IFreeFormResponder
    {
        public Task<string?> TryAnswerAsync(FreeFormRequest request, Kernel kernel, CancellationToken cancellationToken) =>
            Task.FromResult<string?>(answer);
    }
}
