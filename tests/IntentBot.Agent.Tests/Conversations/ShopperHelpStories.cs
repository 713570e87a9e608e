using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// Where real shoppers got stuck (the QA run of issue 19), with the model's readings of those messages scripted:
/// order questions read as out of scope, the bot question, parcels that did not come, changing one's mind inside a
/// form or the queue, follow-ups after an order answer, other languages.
/// </summary>
public sealed class ShopperHelpStories
{
    private static Reading Unsure(string intent, double confidence) => Reading.Of(intent, confidence) with { OutOfScope = true };

    /// <summary>The reply to the second message of a two-message conversation, each message read as scripted.</summary>
    private static async Task<(Reply Reply, Conversation Chat)> AfterAsync(string user, string first, Reading firstReading, string second, Reading secondReading)
    {
        var nlu = Scripted.NewScript().Reads(first, firstReading).Reads(second, secondReading);
        var chat = AgentHarness.Create(classifier: nlu).Start(user);
        await chat.SayAsync(first);
        return (await chat.SayAsync(second), chat);
    }

    [Fact]
    public async Task An_order_number_read_as_out_of_scope_is_still_an_order_question_for_a_guest()
    {
        var nlu = Scripted.NewScript()
            .Reads("where is W100007", Reading.OffTopic(1.0))
            .Reads("test@test.com", Unsure("create_account", 0.31))
            .Reads("12345", Reading.OffTopic(0.97));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-where");
        (await chat.SayAsync("where is W100007")).Says("W100007", "postcode").DoesNotSay("can't help");
        (await chat.SayAsync("test@test.com")).Says("doesn't match").DoesNotSay("can't help");
        (await chat.SayAsync("12345")).DoesNotSay("can't help");
    }

    [Fact]
    public async Task An_order_number_read_as_out_of_scope_is_tracked_for_a_signed_in_customer()
    {
        var nlu = Scripted.NewScript().Reads("where is W100001", Reading.OffTopic(1.0));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("where is W100001")).Says("W100001", "shipped").DoesNotSay("can't help");
        Assert.Equal("track_order", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task A_confident_order_intent_with_an_order_number_keeps_its_reading()
    {
        var nlu = Scripted.NewScript().Reads("cancel W100002", Reading.Of("cancel_order", 0.97));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("cancel W100002")).Says("Shall I cancel order W100002?");
    }

    [Theory]
    [InlineData("wtf where is my shit")]
    [InlineData("where is my stuff 😡😡")]
    [InlineData("hw long til my oder cums")]
    public async Task Slang_where_is_my_order_asks_for_the_order_number(string message)
    {
        var nlu = Scripted.NewScript().Reads(message, Unsure("delivery_period", 0.26).Or("greeting", 0.22));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-slang");
        (await chat.SayAsync(message)).Says("order number").DoesNotSay("can't help");
    }

    [Fact]
    public async Task A_number_one_digit_short_is_told_so_and_the_order_number_asked_for()
    {
        var nlu = Scripted.NewScript()
            .Reads("where is W10001", Reading.OffTopic(1.0))
            .Reads("W100001", Reading.OffTopic(0.43));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("where is W10001")).Says("W10001 doesn't look like", "order number").DoesNotSay("can't help");
        (await chat.SayAsync("W100001")).Says("W100001", "shipped");
    }

    [Fact]
    public async Task The_same_refusal_is_not_said_twice_the_second_miss_offers_a_person()
    {
        var nlu = Scripted.NewScript()
            .Reads("what is the weather in Paris", Reading.OffTopic(0.95))
            .Reads("idk", Reading.OffTopic(0.79))
            .Reads("yes", Reading.OffTopic(0.47));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-miss");
        (await chat.SayAsync("what is the weather in Paris")).Says("can't help");
        (await chat.SayAsync("idk")).Says("still not getting it").DoesNotSay("can't help").Offers("Talk to a person", "Track an order");
        await chat.SayAsync("yes");
        Assert.True((await chat.StateAsync()).HandedOff);
    }

    [Theory]
    [InlineData("are you a bot?")]
    [InlineData("is this a real person")]
    [InlineData("am I talking to a robot")]
    public async Task The_bot_question_is_answered_and_a_person_offered_not_queued(string question)
    {
        var nlu = Scripted.NewScript()
            .Reads(question, Reading.Of("contact_human_agent", 0.81))
            .Reads("yes", Reading.OffTopic(0.47));
        var harness = AgentHarness.Create(classifier: nlu);
        var chat = harness.Start("guest-bot");
        (await chat.SayAsync(question)).Says("virtual assistant", "Shall I get a person?").Offers("Talk to a person");
        Assert.False((await chat.StateAsync()).HandedOff);
        Assert.Empty(await harness.Handoffs.ListOpenAsync());
        await chat.SayAsync("yes");
        Assert.True((await chat.StateAsync()).HandedOff);
    }

    [Fact]
    public async Task The_bot_question_without_a_question_mark_gets_no_apology()
    {
        // The model reads "r u a bot" as negative (0.67): nothing in it is upset, so no "sorry for the trouble".
        var nlu = Scripted.NewScript().Reads("r u a bot", Reading.Of("contact_human_agent", 0.77).Negative(0.67));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-bot-nomark");
        (await chat.SayAsync("r u a bot")).Says("virtual assistant").DoesNotSay("sorry", "Sorry");
    }

    [Fact]
    public async Task Out_for_delivery_but_nothing_came_gets_next_steps_and_a_person()
    {
        var nlu = Scripted.NewScript()
            .Reads("W100008 says out for delivery but nothing came", Reading.Of("track_order", 0.88).Or("damaged_or_wrong_item", 0.11))
            .Reads("what should i do", Reading.OffTopic(0.91));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1002");
        (await chat.SayAsync("W100008 says out for delivery but nothing came"))
            .Says("sorry", "neighbours", "missing-parcel").DoesNotSay("should arrive today").Offers("Talk to a person");
        (await chat.SayAsync("what should i do")).Says("W100008", "Shall I connect you?").DoesNotSay("can't help").Offers("Talk to a person");
    }

    [Fact]
    public async Task Delivered_but_not_received_points_to_neighbours_and_a_missing_parcel_case()
    {
        var nlu = Scripted.NewScript().Reads("W100003 says delivered but I never got it", Reading.Of("track_order", 0.7));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("W100003 says delivered but I never got it")).Says("marked order W100003 as delivered", "neighbours", "missing-parcel");
    }

    [Fact]
    public async Task It_hasnt_arrived_after_an_order_answer_is_about_that_order()
    {
        (await AfterAsync("c1002", "where is W100008", Reading.OffTopic(0.9), "it hasnt even arrived", Reading.Of("damaged_or_wrong_item", 0.97))).Reply.Says("W100008", "neighbours").DoesNotSay("damaged");
    }

    [Fact]
    public async Task Money_back_for_an_order_on_its_way_explains_instead_of_asking_a_return_reason()
    {
        var nlu = Scripted.NewScript().Reads("i want my money back for W100001", Reading.Of("get_refund", 1.0));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("i want my money back for W100001")).Says("still on its way", "refuse", "never arrives").DoesNotSay("reason");
    }

    [Fact]
    public async Task Money_back_for_an_order_not_shipped_offers_cancelling()
    {
        var nlu = Scripted.NewScript().Reads("i want my money back for W100002", Reading.Of("get_refund", 1.0));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("i want my money back for W100002")).Says("cancel").DoesNotSay("reason").Offers("Cancel an order");
    }

    [Fact]
    public async Task When_do_i_get_my_money_after_a_return_question_is_about_that_order()
    {
        var (reply, chat) = await AfterAsync("c1003", "did you get my return for W100009", Reading.Of("track_refund", 0.85), "when do i get my money", Reading.OffTopic(0.89));
        reply.Says("W100009").DoesNotSay("can't help");
        Assert.Equal("track_refund", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task Can_u_make_it_faster_after_an_order_answer_gives_the_express_option()
    {
        (await AfterAsync("c1001", "where is W100001", Reading.OffTopic(0.9), "can u make it faster", Reading.OffTopic(0.99))).Reply.Says("Express").DoesNotSay("can't help");
    }

    [Fact]
    public async Task And_to_the_US_asks_the_delivery_question_again_for_that_country()
    {
        var nlu = Scripted.NewScript()
            .Reads("how long does delivery take to france", Reading.Of("delivery_period", 0.99))
            .Reads("and to the US?", Reading.OffTopic(0.86));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-us");
        (await chat.SayAsync("how long does delivery take to france")).Says("European Union");
        (await chat.SayAsync("and to the US?")).Says("Rest of the world").DoesNotSay("can't help", "European Union");
    }

    [Theory]
    [InlineData("what if i opened it", "opening_hours", 0.38)]
    [InlineData("and for opened items?", "opening_hours", 0.89)]
    public async Task Opened_items_after_the_return_policy_is_a_return_question_not_opening_hours(string message, string read, double confidence)
    {
        (await AfterAsync("guest-opened", "whats ur return policy", Reading.Of("check_refund_policy", 1.0), message, Reading.Of(read, confidence))).Reply.Says("Opened items can be returned").DoesNotSay("Mon-Fri", "not sure I understood");
    }

    [Theory]
    [InlineData("actually no wait")]
    [InlineData("nvm keep it")]
    public async Task Changing_ones_mind_at_a_confirmation_keeps_the_order(string message)
    {
        var nlu = Scripted.NewScript()
            .Reads("cancel my order W100002", Reading.Of("cancel_order", 1.0))
            .Reads(message, Unsure("greeting", 0.33).Or("goodbye", 0.27));
        var harness = AgentHarness.Create(classifier: nlu);
        var chat = harness.Start("c1001");
        (await chat.SayAsync("cancel my order W100002")).Says("Shall I cancel order W100002?");
        (await chat.SayAsync(message)).DoesNotSay("Please answer yes or no");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
        Assert.Equal(IntentBot.Shop.OrderStatus.Processing, (await harness.Shop.GetOrderAsync("W100002"))!.Status);
    }

    [Fact]
    public async Task A_second_change_of_mind_after_leaving_gets_a_calm_reply_not_a_question()
    {
        var nlu = Scripted.NewScript()
            .Reads("cancel my order W100002", Reading.Of("cancel_order", 1.0))
            .Reads("actually no wait", Unsure("greeting", 0.33))
            .Reads("nvm keep it", Reading.Of("goodbye", 0.64));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("cancel my order W100002");
        (await chat.SayAsync("actually no wait")).Says("W100002");
        (await chat.SayAsync("nvm keep it")).Says("stays as it is").DoesNotSay("tell me a bit more", "Goodbye");
    }

    [Fact]
    public async Task Another_language_inside_a_form_gets_the_notice_and_keeps_the_form()
    {
        var (reply, chat) = await AfterAsync("guest-de", "Wo ist meine Bestellung W100001?", Unsure("greeting", 0.28), "Ich möchte zurückgeben", Reading.Of("greeting", 0.9));
        reply.Says("Englisch").Offers("Talk to a person");
        Assert.Equal("track_order", (await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task Nvm_at_an_order_number_prompt_leaves_the_form_politely()
    {
        var (reply, chat) = await AfterAsync("guest-nvm", "i want to cancel my order", Reading.Of("cancel_order", 1.0), "nvm", Reading.OffTopic(0.94));
        reply.Says("No problem", "nothing was changed").DoesNotSay("doesn't look like an order number");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public void A_new_request_after_wait_no_is_not_leaving()
    {
        Assert.False(IntentBot.Agent.Engine.Cues.LeavesForm("wait no i want to exchange it for size L instead"));
        Assert.True(IntentBot.Agent.Engine.Cues.LeavesForm("forget it, cancel"));
        Assert.True(IntentBot.Agent.Engine.Cues.LeavesForm("nvm found it, cancel that"));
        Assert.False(IntentBot.Agent.Engine.Cues.LeavesForm("cancel that order W100002"));
    }

    [Fact]
    public async Task Nvm_found_it_after_asking_for_a_person_takes_the_shopper_out_of_the_queue()
    {
        var nlu = Scripted.NewScript()
            .Reads("talk to a human", Reading.Of("contact_human_agent", 0.99))
            .Reads("nvm found it, cancel that", Reading.Of("cancel_order", 0.9))
            .Reads("where is W100001", Reading.OffTopic(0.9));
        var harness = AgentHarness.Create(classifier: nlu);
        var chat = harness.Start("c1001");
        await chat.SayAsync("talk to a human");
        Assert.Single(await harness.Handoffs.ListOpenAsync());
        (await chat.SayAsync("nvm found it, cancel that")).Says("out of the queue").Offers("Track an order");
        Assert.False((await chat.StateAsync()).HandedOff);
        Assert.Empty(await harness.Handoffs.ListOpenAsync());
        (await chat.SayAsync("where is W100001")).Says("W100001");
    }

    [Fact]
    public async Task A_french_request_for_a_person_is_handed_off()
    {
        var nlu = Scripted.NewScript().Reads("je veux parler à quelqu'un", Reading.Of("thanks", 0.42));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-fr");
        await chat.SayAsync("je veux parler à quelqu'un");
        Assert.True((await chat.StateAsync()).HandedOff);
    }

    [Theory]
    [InlineData("quiero devolver un producto", "inglés")]
    [InlineData("tienen cupones de descuento?", "inglés")]
    [InlineData("Ich möchte zurückgeben", "Englisch")]
    [InlineData("merci", "anglais")]
    public async Task Another_language_is_told_in_that_language_that_we_answer_in_English(string message, string english)
    {
        var nlu = Scripted.NewScript().Reads(message, Reading.Of("thanks", 0.41));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-es");
        (await chat.SayAsync(message)).Says(english, "English").Offers("Talk to a person");
    }

    [Fact]
    public async Task An_order_number_in_german_is_still_looked_up()
    {
        var nlu = Scripted.NewScript().Reads("Wo ist meine Bestellung W100001?", Unsure("greeting", 0.28));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("Wo ist meine Bestellung W100001?")).Says("Englisch", "W100001", "shipped");
    }
}
