using IntentBot.Agent.Engine;
using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>
/// The engine's own sentences for a stuck Chinese shopper are Chinese too: leaving a form or the queue with "算了", a
/// second miss in a row, an order number one digit off.
/// </summary>
public sealed class ChineseHelpTests
{
    [Theory]
    [InlineData("算了", true)]
    [InlineData("好吧，算了，不用了。", true)]
    [InlineData("算了不用了", true)]
    [InlineData("算了，帮我查一下订单", false)]
    [InlineData("不用了", false)] // a no to a question, not a stop
    public void Suanle_leaves_a_form_only_as_the_whole_message(string text, bool leaves) =>
        Assert.Equal(leaves, Cues.LeavesForm(text));

    [Fact]
    public async Task Suanle_in_a_form_leaves_it_in_Chinese()
    {
        var nlu = NewScript().Reads("我要退货", Reading.Of("get_refund", 0.95)).Reads("算了", Reading.Of("goodbye", 0.5));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("我要退货");
        (await chat.SayAsync("算了")).Says("没有做任何更改").DoesNotSay("订单号").SaysNoEnglishSentence();
        Assert.Null((await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task Suanle_in_the_queue_for_a_person_leaves_it_in_Chinese()
    {
        var nlu = NewScript().Reads("我要找人工客服", Reading.Of("contact_human_agent", 0.95)).Reads("算了不用了", Reading.Of("goodbye", 0.5));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("我要找人工客服");
        (await chat.SayAsync("算了不用了")).Says("已为您退出人工客服的排队");
    }

    [Fact]
    public async Task Asking_if_it_is_a_bot_is_answered_in_Chinese_not_handed_to_a_person()
    {
        // The shipped model reads "你是机器人吗" as a request for a person.
        var nlu = NewScript().Reads("你是机器人吗", Reading.Of("contact_human_agent", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-zh");
        (await chat.SayAsync("你是机器人吗")).Says("我是店铺的智能客服").Offers("转人工客服").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task A_confirmation_asked_again_keeps_its_facts()
    {
        // W100003 (c1001's) was delivered 10 days ago: the return window's last day is in the question, asked again too.
        var form = Reading.Of("get_refund", 0.6);
        var nlu = NewScript().Reads("我要退货", Reading.Of("get_refund", 0.95)).Reads("W100003", form).Reads("尺码太小", form)
            .Reads("什么意思", Reading.Of("get_refund", 0.5));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("我要退货");
        await chat.SayAsync("W100003");
        var asked = (await chat.SayAsync("尺码太小")).Text;
        Assert.Matches(@"截止日期 \d{4}-\d{2}-\d{2}", asked);
        (await chat.SayAsync("什么意思")).Says("请回答“是”或“不是”。订单 W100003 可以退货（截止日期 2").DoesNotSay("截止日期 ）");
    }

    [Fact]
    public async Task A_second_miss_in_a_row_is_said_in_Chinese()
    {
        var nlu = NewScript().Reads("今天天气怎么样", Reading.OffTopic()).Reads("明天下雨吗", Reading.OffTopic());
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-zh");
        await chat.SayAsync("今天天气怎么样");
        (await chat.SayAsync("明天下雨吗")).Says("我还是没能理解").Offers("转人工客服").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task An_order_number_one_digit_off_is_said_in_Chinese()
    {
        var nlu = NewScript().Reads("订单 W10001 到哪了", Reading.Of("track_order", 0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("订单 W10001 到哪了")).Says("W10001 看起来不像我们的订单号").SaysNoEnglishSentence();
    }
}
