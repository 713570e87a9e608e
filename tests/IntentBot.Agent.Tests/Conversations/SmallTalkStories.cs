using IntentBot.Agent.Llm;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Protocol.Activities;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>Welcome, greeting, thanks, goodbye, out of scope, clarification, contact details, reviews.</summary>
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
    public async Task Low_confidence_asks_which_of_the_top_intents_was_meant()
    {
        var chat = AgentHarness.Create().Start("c1001");
        // "order" alone: track, cancel and change are all plausible (0.37 / 0.30 / 0.17 with model 1.1.0).
        var reply = await chat.SayAsync("order");
        reply.Says("not sure I understood").Offers("Track an order");
        Assert.InRange(reply.Suggestions.Count, 2, 3);
        Assert.Null((await chat.StateAsync()).ActiveDialog);
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
        var chat = AgentHarness.Create().Start("c1001");
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
