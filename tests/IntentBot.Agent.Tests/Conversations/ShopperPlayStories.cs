using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// What shoppers met when they played the bot with the shipped model: two orders in one message, a yes or no at an
/// address question, a Chinese shopper's address in Latin letters, a Chinese question about a refund's progress. The
/// readings are the model's of those messages (or near them), scripted.
/// </summary>
public sealed class ShopperPlayStories
{
    [Fact]
    public async Task Two_requests_about_two_orders_are_each_about_their_own_order()
    {
        var nlu = Scripted.NewScript()
            .Reads("track W100001 and cancel W100002", Reading.Of("cancel_order", 0.71).Or("track_order", 0.2))
            .Reads("track W100001", Reading.Of("track_order", 0.93))
            .Reads("cancel W100002", Reading.Of("cancel_order", 0.97))
            .Reads("yes", Reading.OffTopic(0.47));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("track W100001 and cancel W100002"))
            .Says("W100001", "shipped", "cancel W100002").DoesNotSay("W100001 cannot be cancelled");
        (await chat.SayAsync("yes")).Says("Shall I cancel order W100002?");
    }

    [Theory]
    [InlineData("no")]
    [InlineData("ok")]
    [InlineData("yes")]
    public async Task A_yes_or_no_at_the_country_question_is_not_a_country(string answer)
    {
        var nlu = Scripted.NewScript()
            .Reads("change address on W100002 to Lindenstr 5, 04109 Leipzig", Reading.Of("change_shipping_address", 0.99))
            .Reads(answer, Reading.OffTopic(0.6))
            .Reads("Germany", Reading.OffTopic(0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("change address on W100002 to Lindenstr 5, 04109 Leipzig")).Says("Which country");
        (await chat.SayAsync(answer)).Says("country").DoesNotSay("Rest of the world", "ships within");
        (await chat.SayAsync("Germany")).Says("full name");
    }

    [Fact]
    public async Task A_country_code_in_capitals_is_still_that_country()
    {
        var nlu = Scripted.NewScript()
            .Reads("change address on W100002 to Lindenstr 5, 0150 Oslo", Reading.Of("change_shipping_address", 0.99))
            .Reads("NO", Reading.OffTopic(0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("change address on W100002 to Lindenstr 5, 0150 Oslo")).Says("Which country");
        (await chat.SayAsync("NO")).Says("ships within Germany");
    }

    [Fact]
    public async Task A_Chinese_shoppers_address_in_Latin_letters_keeps_the_conversation_in_Chinese()
    {
        var nlu = Scripted.NewScript()
            .Reads("我要改收货地址", Reading.Of("change_shipping_address", 0.95))
            .Reads("W100002", Reading.OffTopic(0.6))
            .Reads("Lindenstraße 5, 04109 Leipzig", Reading.OffTopic(0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("我要改收货地址");
        await chat.SayAsync("W100002");
        (await chat.SayAsync("Lindenstraße 5, 04109 Leipzig")).Says("哪个国家").DoesNotSay("Which country");
    }

    [Theory]
    [InlineData("退款到哪了 W100010")]
    [InlineData("W100010 的退款进度怎么样")]
    public async Task A_Chinese_question_about_a_refunds_progress_tracks_the_refund(string message)
    {
        var nlu = Scripted.NewScript().Reads(message, Reading.Of("get_refund", 0.88));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(message)).Says("W100010").DoesNotSay("不能退货");
        Assert.Equal("track_refund", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task Returning_my_jacket_starts_the_return_of_the_order_that_holds_it()
    {
        var nlu = Scripted.NewScript()
            .Reads("i want to return my jacket", Reading.Of("check_refund_policy", 0.52).Or("get_refund", 0.45));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("i want to return my jacket")).Says("reason for the return").DoesNotSay("top picks");
        var state = await chat.StateAsync();
        Assert.Equal("get_refund", state.ActiveDialog);
        Assert.Equal("W100003", state.Slots["get_refund.order_number"]);
    }

    [Fact]
    public async Task Can_i_return_an_order_number_is_a_return_not_tracking()
    {
        var nlu = Scripted.NewScript().Reads("can i return W100003", Reading.Of("check_refund_policy", 0.94));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-return");
        (await chat.SayAsync("can i return W100003")).Says("W100003", "e-mail address").DoesNotSay("Track an order:");
        Assert.Equal("get_refund", (await chat.StateAsync()).ActiveDialog);
    }

    [Theory]
    [InlineData("can i return opened items?")]
    [InlineData("how many days do i have to return my shoes")]
    public async Task A_question_about_the_return_rules_stays_a_policy_question(string message)
    {
        var nlu = Scripted.NewScript().Reads(message, Reading.Of("check_refund_policy", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync(message);
        Assert.Equal("check_refund_policy", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task A_signed_in_customer_may_name_the_order_by_its_product()
    {
        var nlu = Scripted.NewScript()
            .Reads("wheres my stuff", Reading.Of("track_order", 0.9))
            .Reads("the headphones", Reading.Of("product_inquiry", 0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("wheres my stuff")).Says("order number");
        // W100010 holds the same headphones but was returned: the open order is meant.
        (await chat.SayAsync("the headphones")).Says("W100001", "shipped").DoesNotSay("doesn't look like");
    }

    [Fact]
    public async Task Several_orders_holding_the_product_are_offered_to_choose_from()
    {
        var nlu = Scripted.NewScript()
            .Reads("i want to return the yoga mat", Reading.Of("get_refund", 0.9))
            .Reads("W100027", Reading.OffTopic(0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1002");
        (await chat.SayAsync("i want to return the yoga mat"))
            .Says("Which of your orders", "W100070 (Zenfit Non-Slip Yoga Mat 6 mm", "W100027 (Lotus Non-Slip Yoga Mat 6 mm").Offers("W100070", "W100027");
        (await chat.SayAsync("W100027")).Says("W100027").DoesNotSay("Which of your orders");
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("yes")]
    public async Task A_guest_who_says_ok_at_the_proof_question_is_told_what_is_needed_in_other_words(string answer)
    {
        var nlu = Scripted.NewScript().Reads("W100023", Reading.OffTopic(0.6)).Reads(answer, Reading.OffTopic(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-ok");
        var first = await chat.SayAsync("W100023");
        var again = (await chat.SayAsync(answer)).Says("W100023", "e-mail address", "postcode", "name@example.com").Offers("Talk to a person");
        Assert.NotEqual(first.Text, again.Text);
    }

    [Fact]
    public async Task No_at_the_return_reason_question_is_told_how_little_is_needed()
    {
        var nlu = Scripted.NewScript().Reads("i want to return W100003", Reading.Of("get_refund", 0.95)).Reads("no", Reading.OffTopic(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        var first = await chat.SayAsync("i want to return W100003");
        var again = (await chat.SayAsync("no")).Says("wrong size", "stop");
        Assert.NotEqual(first.Text, again.Text);
    }

    [Fact]
    public async Task A_German_cancellation_of_an_order_asks_to_cancel_it_and_ja_confirms()
    {
        var nlu = Scripted.NewScript()
            .Reads("Ich möchte meine Bestellung W100002 stornieren", Reading.OffTopic(0.43))
            .Reads("ja", Reading.OffTopic(0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("Ich möchte meine Bestellung W100002 stornieren")).Says("Englisch", "Shall I cancel order W100002?");
        (await chat.SayAsync("ja")).Says("W100002 is cancelled");
    }

    [Theory]
    [InlineData("Où est ma commande W100001 ?", "merci")]
    [InlineData("¿Dónde está mi pedido W100001?", "gracias")]
    [InlineData("Dov'è il mio ordine W100001?", "grazie")]
    [InlineData("注文W100001はどこですか", "ありがとう")]
    public async Task Thanks_in_another_language_after_the_notice_is_thanked_and_the_question_asked_again(string first, string thanks)
    {
        var nlu = Scripted.NewScript().Reads(first, Reading.OffTopic(0.7)).Reads(thanks, Reading.OffTopic(0.7));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-thanks");
        (await chat.SayAsync(first)).Says("only chat in English", "W100001");
        (await chat.SayAsync(thanks)).Says("You're welcome", "W100001", "postcode").DoesNotSay("only chat in English");
    }

    [Theory]
    [InlineData("注文W100001はどこですか", "申し訳")]
    [InlineData("Hast du Gutscheine?", "Entschuldigung")]
    public async Task Japanese_and_short_German_get_the_notice_in_their_language(string message, string sorry)
    {
        var nlu = Scripted.NewScript().Reads(message, Reading.OffTopic(0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-lang");
        (await chat.SayAsync(message)).Says(sorry, "only chat in English");
    }

    [Theory]
    [InlineData("cancle my oder W100002 pls", false)]
    [InlineData("canel order W100002", true)]
    public async Task A_cancellation_with_a_typo_asks_to_cancel_and_yea_confirms(string message, bool readAsPlacing)
    {
        var reading = readAsPlacing ? Reading.Of("place_order", 0.63).Or("track_order", 0.1) : Reading.OffTopic(0.73);
        var nlu = Scripted.NewScript().Reads(message, reading).Reads("yea", Reading.OffTopic(0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(message)).Says("Shall I cancel order W100002?").DoesNotSay("being packed in our warehouse");
        (await chat.SayAsync("yea")).Says("W100002 is cancelled");
    }

    [Fact]
    public async Task What_cancelling_costs_stays_a_fee_question()
    {
        var nlu = Scripted.NewScript().Reads("how much does it cost to cancel W100002", Reading.Of("check_cancellation_fee", 0.99));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("how much does it cost to cancel W100002");
        Assert.Equal("check_cancellation_fee", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task Whether_a_named_code_works_on_the_product_is_a_code_question()
    {
        var nlu = Scripted.NewScript()
            .Reads("how much is the Barista Co Milano Espresso Machine", Reading.Of("price_inquiry", 0.95))
            .Reads("does SAVE15 work on it", Reading.Of("product_inquiry", 0.81).Or("promo_code", 0.15));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-code");
        (await chat.SayAsync("how much is the Barista Co Milano Espresso Machine")).Says("€399.00");
        (await chat.SayAsync("does SAVE15 work on it")).Says("SAVE15").DoesNotSay("couldn't find");
        Assert.Equal("promo_code", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task Changing_the_address_right_after_the_order_was_shown_is_about_that_order()
    {
        var nlu = Scripted.NewScript()
            .Reads("where is W100002", Reading.Of("track_order", 0.95))
            .Reads("can i still change the address?", Reading.Of("change_shipping_address", 0.9))
            .Reads("Lindenstraße 5, 04109 Leipzig, Germany", Reading.OffTopic(0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("where is W100002")).Says("W100002").Offers("Change delivery address");
        (await chat.SayAsync("can i still change the address?")).Says("street").DoesNotSay("Which order");
        (await chat.SayAsync("Lindenstraße 5, 04109 Leipzig, Germany")).Says("full name").DoesNotSay("order number");
    }

    [Fact]
    public async Task Another_order_after_the_order_was_shown_is_asked_for()
    {
        var nlu = Scripted.NewScript()
            .Reads("where is W100002", Reading.Of("track_order", 0.95))
            .Reads("i want to cancel another order", Reading.Of("cancel_order", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("where is W100002");
        (await chat.SayAsync("i want to cancel another order")).Says("Which order").DoesNotSay("W100002");
    }

    [Fact]
    public async Task The_reason_given_with_the_return_request_is_not_asked_again_and_thanks_is_no_reason()
    {
        var nlu = Scripted.NewScript()
            .Reads("i want a refund for W100003 because it's too small", Reading.Of("get_refund", 0.99))
            .Reads("i want a refund for W100003", Reading.Of("get_refund", 0.99))
            .Reads("thanks", Reading.Of("thanks", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("i want a refund for W100003 because it's too small")).Says("Shall I start the return").DoesNotSay("reason");
        Assert.Equal("it's too small", (await chat.StateAsync()).Slots["get_refund.reason"]);

        var other = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await other.SayAsync("i want a refund for W100003")).Says("reason");
        (await other.SayAsync("thanks")).DoesNotSay("Shall I start the return");
        Assert.False((await other.StateAsync()).Slots.ContainsKey("get_refund.reason"));
    }

    [Fact]
    public async Task Changed_my_mind_at_the_reason_question_is_the_reason_it_offers()
    {
        var nlu = Scripted.NewScript()
            .Reads("i want to return W100003", Reading.Of("get_refund", 0.95))
            .Reads("changed my mind", Reading.OffTopic(0.7));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("i want to return W100003")).Says("changed my mind");
        (await chat.SayAsync("changed my mind")).Says("Shall I start the return for order W100003?").DoesNotSay("nothing was changed");
    }

    [Fact]
    public async Task Wait_no_I_changed_my_mind_at_the_reason_question_still_leaves_the_form()
    {
        var nlu = Scripted.NewScript()
            .Reads("i want to return W100003", Reading.Of("get_refund", 0.95))
            .Reads("wait no i changed my mind", Reading.OffTopic(0.7));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("i want to return W100003");
        await chat.SayAsync("wait no i changed my mind");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task Yes_at_the_what_is_wrong_question_is_told_how_little_is_needed()
    {
        var nlu = Scripted.NewScript()
            .Reads("my order W100003 arrived damaged", Reading.Of("damaged_or_wrong_item", 0.95))
            .Reads("yes", Reading.OffTopic(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        var first = await chat.SayAsync("my order W100003 arrived damaged");
        var again = (await chat.SayAsync("yes")).Says("arrived broken");
        Assert.NotEqual(first.Text, again.Text);
    }

    [Fact]
    public async Task My_last_order_is_the_customers_newest_order()
    {
        var nlu = Scripted.NewScript().Reads("can you help me cancel my last order", Reading.Of("cancel_order", 0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        var newest = (await AgentHarness.Create(classifier: nlu).Shop.GetOrdersForCustomerAsync("c1001")).MaxBy(o => o.PlacedAt)!.Number;
        (await chat.SayAsync("can you help me cancel my last order")).Says(newest).DoesNotSay("Which order");
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("ok thx")]
    public async Task Ok_at_the_which_product_question_is_not_a_product(string answer)
    {
        var nlu = Scripted.NewScript().Reads("how much is it", Reading.Of("price_inquiry", 0.95)).Reads(answer, Reading.OffTopic(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-ok");
        (await chat.SayAsync("how much is it")).Says("Which product");
        (await chat.SayAsync(answer)).DoesNotSay("couldn't find");
    }

    [Fact]
    public async Task Goodbye_in_the_middle_of_a_form_does_not_ask_the_forms_question_again()
    {
        var nlu = Scripted.NewScript().Reads("how much is it", Reading.Of("price_inquiry", 0.95)).Reads("ok thx bye", Reading.Of("goodbye", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-bye");
        await chat.SayAsync("how much is it");
        (await chat.SayAsync("ok thx bye")).Says("Goodbye").DoesNotSay("Which product", "back to");
        var state = await chat.StateAsync();
        Assert.Null(state.ActiveDialog);
        Assert.Empty(state.SuspendedDialogs);
    }

    [Theory]
    [InlineData("我想取消订单", "是")]
    [InlineData("I want to cancel my order", "yes")]
    public async Task Yes_at_the_order_question_read_as_another_request_keeps_the_form(string request, string yes)
    {
        var nlu = Scripted.NewScript().Reads(request, Reading.Of("cancel_order", 0.95)).Reads(yes, Reading.Of("product_inquiry", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync(request);
        await chat.SayAsync(yes);
        Assert.Equal("cancel_order", (await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task A_Chinese_customer_names_the_order_by_its_kind_of_product()
    {
        var nlu = Scripted.NewScript().Reads("我想退款", Reading.Of("get_refund", 0.95)).Reads("耳机", Reading.Of("product_inquiry", 0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("我想退款");
        (await chat.SayAsync("耳机")).Says("W100001").DoesNotSay("不像订单号");
    }

    [Fact]
    public async Task The_most_recent_order_in_Chinese_is_the_newest_order()
    {
        var nlu = Scripted.NewScript().Reads("我想取消最近的订单", Reading.Of("cancel_order", 0.95));
        var harness = AgentHarness.Create(classifier: nlu);
        var newest = (await harness.Shop.GetOrdersForCustomerAsync("c1001")).MaxBy(o => o.PlacedAt)!.Number;
        (await harness.Start("c1001").SayAsync("我想取消最近的订单")).Says(newest).DoesNotSay("哪个订单");
    }

    [Theory]
    [InlineData("no")]
    [InlineData("i dont know it")]
    public async Task A_signed_in_customer_without_the_number_is_shown_their_recent_orders(string answer)
    {
        var nlu = Scripted.NewScript().Reads("i want a refund", Reading.Of("get_refund", 0.95)).Reads(answer, Reading.OffTopic(0.8));
        var harness = AgentHarness.Create(classifier: nlu);
        var newest = (await harness.Shop.GetOrdersForCustomerAsync("c1001")).MaxBy(o => o.PlacedAt)!.Number;
        var chat = harness.Start("c1001");
        await chat.SayAsync("i want a refund");
        (await chat.SayAsync(answer)).Says("Your recent orders", newest).Offers(newest);
        Assert.Equal("get_refund", (await chat.StateAsync()).ActiveDialog);
    }

    [Theory]
    [InlineData("no i dont have it")]
    [InlineData("不知道")]
    public async Task A_guest_without_the_number_is_told_where_to_find_it(string answer)
    {
        var nlu = Scripted.NewScript().Reads("where is my order", Reading.Of("track_order", 0.95)).Reads(answer, Reading.OffTopic(0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-nonumber");
        await chat.SayAsync("where is my order");
        var reply = await chat.SayAsync(answer);
        if (answer == "不知道") reply.Says("确认邮件").Offers("转人工客服");
        else reply.Says("confirmation e-mail").Offers("Talk to a person");
    }

    [Fact]
    public async Task Something_cheaper_after_recommended_headphones_is_cheaper_headphones()
    {
        var nlu = Scripted.NewScript()
            .Reads("recommend me headphones", Reading.Of("recommendation", 0.95))
            .Reads("no something cheaper", Reading.Of("price_inquiry", 0.7));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-cheaper");
        await chat.SayAsync("recommend me headphones");
        (await chat.SayAsync("no something cheaper")).Says("Headphones").DoesNotSay("Our lowest prices");
        Assert.Equal("recommendation", (await chat.StateAsync()).RecentIntents[^1]);
    }
}
