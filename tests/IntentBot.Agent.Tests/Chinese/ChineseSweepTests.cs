using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>Every dialog's Chinese answers, and the shipped model's way for clear Chinese questions: no English sentence.</summary>
public sealed class ChineseSweepTests
{
    // Each Chinese button with an order after it: delivered (W100003, c1001's), shipped (W100001), waiting for a bank
    // transfer (W100006, c1002's), and a guest's (who is asked to prove it).
    public static TheoryData<string, string, string> ChineseButtonPhrases()
    {
        var dialogs = AgentHarness.Create(classifier: NewScript()).Dialogs;
        var data = new TheoryData<string, string, string>();
        foreach (var phrase in dialogs.ByIntent.Values.Concat(dialogs.Inactive.Values).Select(d => d.ExampleTranslations!["zh"]).Order())
            foreach (var (user, order) in new[] { ("c1001", "W100003"), ("c1001", "W100001"), ("c1002", "W100006"), ("guest-zh", "W100003") })
                data.Add(phrase, user, order);
        return data;
    }

    [Theory]
    [MemberData(nameof(ChineseButtonPhrases))]
    public async Task Every_dialog_answers_its_Chinese_button_and_an_order_number_without_an_English_sentence(string phrase, string user, string order)
    {
        // A button's phrase reaches its dialog whatever the reading.
        var nlu = NewScript().Reads(phrase, Reading.OffTopic()).Reads(order, Reading.Of("track_order", Defaults.ClarifyBelow - Margin));
        var chat = AgentHarness.Create(classifier: nlu).Start(user);
        (await chat.SayAsync(phrase)).SaysNoEnglishSentence();
        (await chat.SayAsync(order)).SaysNoEnglishSentence();
    }

    [Theory]
    [InlineData("你们的营业时间是几点", "周一至周五")]
    [InlineData("你们有哪些配送方式", "标准配送")]
    [InlineData("你们支持哪些付款方式", "银行转账（预付）")]
    [InlineData("怎么联系客服", "客服工作时间为 周一至周五")]
    public async Task The_shipped_model_answers_clear_Chinese_questions_in_Chinese(string question, string said)
    {
        var chat = AgentHarness.Create().Start("guest-zh");
        (await chat.SayAsync(question)).Says(said).SaysNoEnglishSentence();
    }
}
