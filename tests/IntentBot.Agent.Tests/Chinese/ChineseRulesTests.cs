using IntentBot.Agent.Slots;
using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>
/// A Chinese message takes the English message's way through the engine: the model's reading decides, with its
/// thresholds; the Chinese request words settle only a reading the model is unsure of. Scripted readings, so the
/// rules are tested whatever a model makes of the words.
/// </summary>
public sealed class ChineseRulesTests
{
    [Fact]
    public async Task A_confident_reading_wins_over_the_request_words()
    {
        // "订单" (order) is a tracking word; the model's sure reading of the whole message is a cancellation.
        var nlu = NewScript().Reads("怎么取消订单", Reading.Of("cancel_order", 0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("怎么取消订单")).Says("您想取消哪个订单");
        Assert.Equal("cancel_order", (await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task The_invoice_word_overrules_a_confident_reading_outside_invoices_but_not_a_return()
    {
        var nlu = NewScript()
            .Reads("我要开发票", Reading.Of("delivery_period", 0.9))
            .Reads("没有发票能退吗", Reading.Of("check_refund_policy", 0.9))
            .Reads("我想查看我的发票", Reading.Of("check_invoice", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("我要开发票")).Says("订单");
        Assert.Equal("get_invoice", (await chat.StateAsync()).RecentIntents[^1]);

        var other = AgentHarness.Create(classifier: nlu).Start("c1001");
        await other.SayAsync("没有发票能退吗");
        Assert.Equal("check_refund_policy", (await other.StateAsync()).RecentIntents[^1]);

        var check = AgentHarness.Create(classifier: nlu).Start("c1001");
        await check.SayAsync("我想查看我的发票");
        Assert.Equal("check_invoice", (await check.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task The_request_words_settle_an_unsure_reading()
    {
        var nlu = NewScript().Reads("运费多少", Reading.Of("track_order", Defaults.ClarifyBelow - Margin).Or("delivery_options", 0.3));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("运费多少")).Says("运费").DoesNotSay("抱歉");
        Assert.Equal("delivery_options", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task An_unsure_reading_without_request_words_gets_the_question_back_in_Chinese()
    {
        var nlu = NewScript().Reads("嗯嗯那个东西呢", Reading.Of("track_order", Defaults.ClarifyBelow - Margin).Or("get_refund", 0.3));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        var reply = await chat.SayAsync("嗯嗯那个东西呢");
        reply.Says("您是想办理以下哪一项").Offers("查询订单", "退货退款");
    }

    [Fact]
    public async Task Out_of_scope_in_Chinese_is_declined_in_Chinese()
    {
        var nlu = NewScript().Reads("今天天气怎么样", Reading.OffTopic());
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-zh");
        (await chat.SayAsync("今天天气怎么样")).Says("购物助手").DoesNotSay("I'm afraid");
    }

    [Fact]
    public async Task Two_requests_are_split_at_Chinese_punctuation_and_the_word_for_besides()
    {
        var nlu = NewScript()
            .Reads("我想退货。另外运费多少？", Reading.Of("get_refund", 0.6).Or("delivery_options", 0.35))
            .Reads("我想退货", Reading.Of("get_refund", 0.95))
            .Reads("运费多少", Reading.Of("delivery_options", 0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("我想退货。另外运费多少？")).Says("您想退哪个订单");
        var state = await chat.StateAsync();
        Assert.Equal("get_refund", state.ActiveDialog);
        Assert.Equal("delivery_options|运费多少", state.Facts.Pending);
    }

    [Fact]
    public async Task A_return_refused_for_an_order_still_on_its_way_is_explained_in_Chinese()
    {
        // W100001 (c1001's) is shipped: the shop's own reason is English, so the Chinese reply says it in its own words.
        var nlu = NewScript().Reads("我想退货", Reading.Of("get_refund", 0.95)).Reads("W100001", Reading.Of("get_refund", 0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("我想退货")).Says("您想退哪个订单");
        (await chat.SayAsync("W100001")).Says("W100001 还在运输途中", "拒收", "退款或补发").DoesNotSay("still on its way");
    }

    [Fact]
    public async Task Why_a_discount_code_does_not_work_is_said_in_Chinese()
    {
        var nlu = NewScript().Reads("优惠码 FAKE99 能用吗", Reading.Of("promo_code", 0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-zh");
        (await chat.SayAsync("优惠码 FAKE99 能用吗")).Says("没有找到优惠码 FAKE99").DoesNotSay("does not exist");
    }

    [Fact]
    public async Task The_codes_for_a_kind_of_product_are_listed_in_Chinese()
    {
        var nlu = NewScript().Reads("跑鞋有优惠吗", Reading.Of("promo_code", 0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-zh");
        (await chat.SayAsync("跑鞋有优惠吗")).Says("“跑鞋”目前").DoesNotSay("Enter the code", "Subscribers to our newsletter");
    }

    [Fact]
    public async Task One_question_with_still_in_it_is_not_split()
    {
        var nlu = NewScript().Reads("这双还有黑色的吗", Reading.Of("stock_availability", 0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("这双还有黑色的吗");
        Assert.Equal(["这双还有黑色的吗"], nlu.Classified);
    }

    [Fact]
    public async Task A_Chinese_button_starts_its_dialog_even_when_the_model_misreads_its_words()
    {
        var nlu = NewScript().Reads("我想注册一个账户", Reading.OffTopic(0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-zh");
        (await chat.SayAsync("我想注册一个账户")).Says("注册");
        Assert.Equal("create_account", (await chat.StateAsync()).RecentIntents[^1]);
    }

    [Fact]
    public async Task A_Chinese_no_at_a_confirmation_declines_without_an_apology_for_the_mood()
    {
        var nlu = NewScript()
            .Reads("我想取消订单 W100002", Reading.Of("cancel_order", 0.95))
            .Reads("不用了", Reading.Of("goodbye", 0.5).Negative(0.85));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("我想取消订单 W100002")).Says("确定要取消订单 W100002 吗").Offers("是的", "不用了");
        (await chat.SayAsync("不用了")).Says("保持不变").DoesNotSay("抱歉", "心情");
    }

    [Theory]
    [InlineData("是", "yes")]
    [InlineData("是的", "yes")]
    [InlineData("好的，谢谢", "yes")]
    [InlineData("对", "yes")]
    [InlineData("可以的", "yes")]
    [InlineData("没问题！", "yes")]
    [InlineData("不用了", "no")]
    [InlineData("不要", "no")]
    [InlineData("算了", "no")]
    [InlineData("不是", "no")]
    [InlineData("可以退货吗", null)]
    [InlineData("我要退货", null)]
    [InlineData("yes", null)]
    public void Chinese_yes_and_no(string text, string? expected) => Assert.Equal(expected, ChineseYesNo.Parse(text));

    [Fact]
    public async Task A_Chinese_order_number_answer_fills_the_form()
    {
        var nlu = NewScript()
            .Reads("我的包裹在哪里", Reading.Of("track_order", 0.95))
            .Reads("我的订单是W100001", Reading.Of("track_order", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("我的包裹在哪里")).Says("订单号");
        (await chat.SayAsync("我的订单是W100001")).Says("W100001", "已发货");
    }
}
