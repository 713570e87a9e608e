using IntentBot.Agent.Engine;
using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>
/// The apology for frustration goes to a Chinese shopper who sounds upset, not to one who asks a plain question the
/// model's sentiment reads as negative (it reads many neutral Chinese questions so).
/// </summary>
public sealed class ChineseMoodTests
{
    private const string Apology = "非常抱歉给您带来不便";

    [Fact]
    public async Task A_plain_Chinese_question_read_as_negative_gets_no_apology()
    {
        const string text = "你们几点开门？我想取消订单";
        // Two requests: the message is read whole (negative, as the shopper test found) and in its two parts.
        var nlu = NewScript().Reads(text, Reading.Of("opening_hours", 0.6).Or("cancel_order", 0.35).Negative(0.9))
            .Reads("你们几点开门", Reading.Of("opening_hours", 0.95)).Reads("我想取消订单", Reading.Of("cancel_order", 0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-zh");
        (await chat.SayAsync(text)).Says("周一至周五", "我想取消订单").DoesNotSay(Apology);
    }

    [Fact]
    public async Task An_upset_Chinese_question_still_gets_the_apology()
    {
        const string text = "我的包裹怎么还没到？";
        var nlu = NewScript().Reads(text, Reading.Of("track_order", 0.95).Negative(0.7));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-zh");
        (await chat.SayAsync(text)).Says(Apology);
    }

    [Theory]
    [InlineData("怎么切换到另一个账户", 0.9, false)]
    [InlineData("请注销我的账户", 0.83, false)]
    [InlineData("我想买毛衣", 0.7, false)]
    [InlineData("我要投诉，快递员态度太差", 0.7, true)]
    [InlineData("我注册不了账户", 0.95, true)]
    [InlineData("你们的服务太差了，到底什么时候发货？", 0.7, true)]
    // English as before: a plain question is neutral below 0.85, a statement keeps the model's reading.
    [InlineData("when are you open?", 0.8, false)]
    [InlineData("when are you open?", 0.9, true)]
    [InlineData("I want to cancel my order", 0.7, true)]
    public void Negative_stands_for_upset_words_and_statements(string text, double confidence, bool negative) =>
        Assert.Equal(negative, Cues.IsNegative(text, modelNegative: true, confidence));
}
